"""Where a library lives: ``--library DIR`` beats ``BRIEFER_LIBRARY`` beats the default."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Container, Iterator, Optional

import platformdirs

ENV_VAR = "BRIEFER_LIBRARY"
APP_NAME = "Briefer"

log = logging.getLogger(__name__)
_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the ``briefer`` package


def log_path() -> Path:
    """The log file of the window and the command line: ``<user data folder>/logs/briefer.log``
    (tracebacks go there, never to the user)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "logs" / "briefer.log"


def default_library_dir() -> Path:
    """The default library folder under the user's data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library"


def resolve_library_dir(explicit: Optional[str | os.PathLike[str]] = None) -> Path:
    """Return the library folder to use: ``explicit``, else ``$BRIEFER_LIBRARY``, else default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    return default_library_dir()


def resources_dir() -> Path:
    """The folder of samples, templates and icons, found the same way in every install.

    In the repository it is ``resources/`` at the top (the user's layout); a wheel installs
    it as ``briefer/resources`` (setup.py maps it); a frozen build (PyInstaller-style, with
    ``sys._MEIPASS``) bundles it as ``briefer/resources`` or ``resources``. The first of
    these that exists wins; when none does, a warning is logged (never silently nothing).
    """
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates += [Path(bundle) / "briefer" / "resources", Path(bundle) / "resources"]
    candidates.append(_PACKAGE_DIR / "resources")
    source_root = _PACKAGE_DIR.parent
    if (source_root / "pyproject.toml").is_file():  # a source checkout or editable install
        candidates.append(source_root / "resources")
    for folder in candidates:
        if folder.is_dir():
            return folder
    log.warning("Briefer's resources (samples, templates) were not found; looked in %s",
                ", ".join(str(c) for c in candidates))
    return candidates[-1]


def stored_pdf(root: Path, sha256: str) -> Path:
    """Where the library at ``root`` keeps its copy of the PDF with this SHA-256."""
    return Path(root) / "files" / sha256[:2] / f"{sha256}.pdf"


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
