"""Files the user keeps are written atomically: a temporary file, fsync, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable


def atomic_write(path: str | Path, write: Callable[[BinaryIO], None],
                 temp_prefix: str | None = None) -> None:
    """Create or replace ``path`` with what ``write(file)`` writes, all or nothing.

    The data goes to a temporary file in the same folder, is flushed to disk and renamed
    over ``path``; on any error (a full disk, Ctrl+C) the temporary file is removed and
    ``path`` is untouched. A file named ``.<name>.*.part`` left by a killed process is
    harmless and never mistaken for the real file.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix or f".{path.name}.", suffix=".part",
                               dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
