"""Where a library lives: ``--library DIR`` beats ``BRIEFER_LIBRARY`` beats the default."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

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
