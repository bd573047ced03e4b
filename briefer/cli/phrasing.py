"""How the clip and brief commands phrase the core's errors, and how they open a library.

The core says what happened in plain words and gives a ``reason``; here the command line
adds what to type next and picks the exit code (4: something named does not exist, 2: a
value cannot be used, 5: quotes no longer match their sources). Reasons of the library
itself (busy, damaged, full disk) are phrased by :func:`briefer.cli.common.cli_error`.
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from briefer.cli.common import EXIT_NOT_FOUND, EXIT_USAGE, CliError, cli_error, open_session
from briefer.core.errors import BrieferError

if TYPE_CHECKING:
    from briefer.core.ops.session import Session

EXIT_QUOTES_CHANGED = 5

_EXIT = {
    "brief_not_found": EXIT_NOT_FOUND, "section_not_found": EXIT_NOT_FOUND,
    "item_not_found": EXIT_NOT_FOUND, "clip_not_found": EXIT_NOT_FOUND,
    "page_not_found": EXIT_NOT_FOUND, "document_not_found": EXIT_NOT_FOUND,
    "passage_not_found": EXIT_NOT_FOUND, "ambiguous": EXIT_NOT_FOUND,
    "invalid_clip": EXIT_NOT_FOUND, "clip_in_use": EXIT_NOT_FOUND,
    "invalid_edit": EXIT_USAGE, "invalid_date": EXIT_USAGE,
    "invalid_citation_settings": EXIT_USAGE, "invalid_target": EXIT_USAGE,
    "template_unusable": EXIT_USAGE, "invalid_brief_file": EXIT_USAGE,
    "quotes_changed": EXIT_QUOTES_CHANGED,
}

_HINT = {
    "brief_not_found": "`briefer brief list` lists the briefs.",
    "ambiguous": "Use the brief's number.",
    "item_not_found": "`briefer brief show BRIEF` lists its items with their numbers.",
    "clip_not_found": "`briefer clips` lists the clips.",
    "clip_in_use": "Remove the quote first with `briefer brief remove BRIEF ITEM`.",
    "document_not_found": "Use its number from `briefer list`.",
    "passage_not_found": "Check the words against the page (`briefer show DOC --text`), "
                         "or copy the nearest passage into --text.",
    "quotes_changed": "Clip the passages again, or export anyway with --force.",
}


def fail(exc: BrieferError) -> CliError:
    """The command line's message and exit code for an error of the clip and brief ops."""
    code = _EXIT.get(exc.reason)
    if code is None:
        return cli_error(exc)
    hint = _HINT.get(exc.reason)
    message = str(exc)
    if hint:
        message = f"{message.rstrip('.')}. {hint}"
    return CliError(message, code)


@contextmanager
def open_for(args: argparse.Namespace, readonly_ok: bool = False) -> Iterator[Session]:
    """The library the arguments name, open for the length of one command.
    ``readonly_ok``: a command that only reads (it also works while another process
    writes)."""
    session = open_session(args, readonly_ok=readonly_ok)
    try:
        yield session
    finally:
        session.close()
