"""Where a library lives: ``--library DIR`` beats ``BRIEFER_LIBRARY`` beats the default."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Container, Iterator, Optional

import platformdirs

ENV_VAR = "BRIEFER_LIBRARY"
APP_NAME = "Briefer"


def default_library_dir() -> Path:
    """The default library folder under the user's data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library"


def resolve_library_dir(explicit: Optional[str | os.PathLike] = None) -> Path:
    """Return the library folder to use: ``explicit``, else ``$BRIEFER_LIBRARY``, else default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    return default_library_dir()


def resources_dir() -> Path:
    """The ``resources/`` folder shipped beside the package (samples, template, icons)."""
    here = Path(__file__).resolve().parent.parent.parent / "resources"
    return here


def stored_pdfs_not_in(root: Path, known: Container[str]) -> Iterator[Path]:
    """The library's stored copies (``files/<xx>/<sha256>.pdf``) whose SHA-256 is not in
    ``known``: copies no document of a catalog refers to."""
    files = Path(root) / "files"
    if not files.is_dir():
        return
    for sub in sorted(p for p in files.iterdir() if p.is_dir()):
        for f in sorted(sub.iterdir()):
            if f.suffix == ".pdf" and not f.name.startswith(".") and f.stem not in known:
                yield f
