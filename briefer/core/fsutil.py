"""Files the user keeps are written atomically: a temporary file, fsync, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable


def atomic_write(path: str | Path, write: Callable[[BinaryIO], object],
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


# ------------------------------------------------------------------------- privacy
# A library holds the text of every PDF in it (encrypted ones too): its folders are
# 0700 and its files 0600 whatever the umask (a mode given at creation is only ever
# narrowed by the umask, so these never come out wider).
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: str | Path) -> Path:
    """Create the folder ``path`` (its parents as usual) readable by its owner only; an
    existing folder is left as it is (see :func:`tighten`)."""
    path = Path(path)
    if not path.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            path.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:  # made meanwhile by another process
            pass
    return path


def private_opener(path: str, flags: int) -> int:
    """An ``opener`` for :func:`open` that creates the file 0600."""
    return os.open(path, flags, PRIVATE_FILE)


def private_touch(path: str | Path) -> None:
    """Create an empty file 0600 if there is none."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))


def tighten(path: str | Path, mode: int) -> bool:
    """Take away every permission ``mode`` does not have from ``path`` when this process
    owns it (never adds any; a symbolic link is left alone). True when it changed."""
    import stat

    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode) or st.st_uid != os.geteuid():
            return False
        now = stat.S_IMODE(st.st_mode)
        if now & ~mode:
            os.chmod(path, now & mode)
            return True
    except (OSError, AttributeError):  # gone meanwhile; no geteuid (Windows)
        pass
    return False
