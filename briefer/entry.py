"""Where ``briefer`` starts: the window or the command line.

``briefer`` alone, ``briefer --library DIR`` or ``briefer FILE…`` (what a desktop's "Open
with Briefer" runs) opens the window when there is a display to show it on; anything else
(a command, ``--help``, ``--version``, a word that is no file) is the command line, which
is imported without the window, so a command never loads Qt's widgets. Without a display
the command line also takes the window's cases: it prints the help, or says how to import
the files.

This module reads the words only as far as it must to decide and imports nothing but the
standard library itself; the parser is :mod:`briefer.cli`, the window :mod:`briefer.ui.app`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Optional

# Options the window understands; any other option (--help, --version, a typo) goes to the
# command line's parser, which answers or explains it.
_WINDOW_FLAGS = ("--debug",)
_LIBRARY = "--library"


def display_available() -> bool:
    """Whether a window can be shown: always on Windows and macOS; on other systems when
    an X11 or Wayland display is set, or ``QT_QPA_PLATFORM`` names a visible platform."""
    if sys.platform in ("win32", "darwin"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.split(":")[0] in ("offscreen", "minimal"):
        return False  # nobody would see the window (tests, scripts)
    return bool(platform or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def window_request(argv: Sequence[str]) -> Optional[tuple[Optional[str], list[str]]]:
    """(library, files) when ``argv`` asks for the window: only --library DIR and --debug
    before the words, and the words (if any) are existing files or folders, the first of
    them not a command. None when ``argv`` is for the command line."""
    words = list(argv)
    library: Optional[str] = None
    i = 0
    while i < len(words) and words[i].startswith("-"):
        word = words[i]
        if word == _LIBRARY:
            if i + 1 >= len(words):
                return None  # the parser says that --library needs a folder
            library = words[i + 1]
            i += 2
        elif word.startswith(_LIBRARY + "="):
            library = word.split("=", 1)[1]
            i += 1
        elif word in _WINDOW_FLAGS:
            i += 1
        else:
            return None
    files = words[i:]
    if not files:
        return library, []
    if not all(os.path.exists(w) for w in files):
        return None
    from briefer.cli import command_names  # only now: a folder may be called "list"

    if files[0] in command_names():
        return None
    return library, files


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Start Briefer with ``argv`` (default: the process's arguments); the exit code."""
    words = list(sys.argv[1:] if argv is None else argv)
    request = window_request(words)
    if request is not None and display_available():
        from pathlib import Path

        from briefer.ui.app import run

        library, files = request
        return run(library=library or None, files=[Path(f) for f in files])
    from briefer.cli import main as command_line

    return command_line(words)


if __name__ == "__main__":
    raise SystemExit(main())
