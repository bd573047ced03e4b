"""Backups of the catalog, checks that it is sound, and restoring it.

The catalog (``library.sqlite``) holds everything that cannot be rebuilt: documents'
texts and metadata, clips and briefs. Briefer keeps a few copies of it in
``<library>/backups/``:

* copies are made with SQLite's online backup API (``Connection.backup``), so a copy is a
  consistent snapshot even while the library is in use, written to a temporary file,
  checked with ``PRAGMA quick_check`` and only then renamed into place — a copy in the
  folder is always a good one;
* automatically when a writer opens a library whose newest copy is older than
  :data:`OPEN_INTERVAL` (a day), and when a session that changed the catalog closes and the
  newest copy is older than :data:`SESSION_INTERVAL`; :data:`KEEP` copies are kept;
* on request (:func:`make_backup`, the operations layer's ``backup_now``).

Every open runs ``PRAGMA quick_check`` (about 0.15 s for a 470 MB catalog). A damaged
catalog raises :class:`CatalogDamaged` (reason ``catalog_damaged``), whose message says
whether a backup can be put back; each front end names its own way to do that.
:func:`restore` puts the newest good copy in place; the file it replaces is kept beside it
(``library.sqlite.damaged-…`` or ``library.sqlite.replaced-…``), never deleted, and the
search index is thrown away so that the next open rebuilds it from the restored catalog.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from briefer.core.errors import BrieferError
from briefer.core.paths import stored_pdfs_not_in

BACKUP_DIR = "backups"
CATALOG_NAME = "library.sqlite"
KEEP = 5
OPEN_INTERVAL = 24 * 3600.0
SESSION_INTERVAL = 600.0
_PREFIX = "library-"
_SUFFIX = ".sqlite"


class BackupError(BrieferError):
    """A backup could not be made or restored; the message says why in plain words.

    Reasons: ``no_backup`` (none, or none that can be used), ``backup_error`` (else)."""

    reason = "backup_error"


@dataclass
class BackupInfo:
    path: Path
    created: float  # POSIX time
    size: int

    @property
    def when(self) -> str:
        return datetime.fromtimestamp(self.created).strftime("%Y-%m-%d %H:%M:%S")

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "name": self.path.name, "created": self.when,
                "size": self.size}


@dataclass
class RestoreResult:
    restored_from: BackupInfo
    kept_aside: list[Path]
    documents: int = 0
    briefs: int = 0
    # PDFs of documents added after the backup, moved out of files/ under their own names
    recovered: list[Path] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"restored_from": self.restored_from.to_json(),
                "kept_aside": [str(p) for p in self.kept_aside],
                "documents": self.documents, "briefs": self.briefs,
                "recovered": [str(p) for p in self.recovered]}


# --------------------------------------------------------------------------- checks


def check_connection(db: sqlite3.Connection) -> Optional[str]:
    """None when the database is sound, else what is wrong (for a message)."""
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    problems = [r[0] for r in rows if r and r[0] != "ok"]
    if not problems:
        return None
    return "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3
                                      else "")


def check_file(path: str | Path) -> Optional[str]:
    """None when ``path`` is a sound SQLite catalog of Briefer, else what is wrong."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if head != b"SQLite format 3\x00":
        return "it is not a database file"
    try:
        from briefer.core.catalog.catalog import readonly_uri

        db = sqlite3.connect(readonly_uri(path), uri=True, timeout=10)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        problem = check_connection(db)
        if problem is None:
            try:
                db.execute("SELECT COUNT(*) FROM documents").fetchone()
            except sqlite3.DatabaseError as exc:
                problem = f"it is not a Briefer catalog ({exc})"
        return problem
    finally:
        db.close()


# --------------------------------------------------------------------------- backups


def backup_dir(root: str | Path) -> Path:
    return Path(root) / BACKUP_DIR


def list_backups(root: str | Path) -> list[BackupInfo]:
    """The backups of the library at ``root``, newest first."""
    folder = backup_dir(root)
    out: list[BackupInfo] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for p in entries:
        if not (p.name.startswith(_PREFIX) and p.name.endswith(_SUFFIX)):
            continue
        try:
            st = p.stat()
        except OSError:
            continue
        out.append(BackupInfo(p, _created(p, st.st_mtime), st.st_size))
    out.sort(key=lambda b: (b.created, b.path.name), reverse=True)
    return out


def _created(p: Path, fallback: float) -> float:
    stamp = p.name[len(_PREFIX):-len(_SUFFIX)]
    try:
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f").replace(
            tzinfo=timezone.utc).timestamp()
    except ValueError:
        return fallback


def newest_age(root: str | Path) -> Optional[float]:
    """Seconds since the newest backup was made (None: there is none)."""
    backups = list_backups(root)
    return max(0.0, time.time() - backups[0].created) if backups else None


def make_backup(db: sqlite3.Connection, root: str | Path, keep: int = KEEP) -> BackupInfo:
    """Copy the catalog open as ``db`` into ``<root>/backups`` and drop old copies.

    The copy is checked before it is kept; :class:`BackupError` when the catalog is
    damaged (nothing is kept then) or the copy cannot be written (e.g. the disk is full).
    """
    folder = backup_dir(root)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    final = folder / f"{_PREFIX}{stamp}{_SUFFIX}"
    tmp = folder / f".{final.name}.part"
    try:
        folder.mkdir(exist_ok=True)
        dst = sqlite3.connect(str(tmp))
        try:
            db.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            problem = check_connection(dst)
        finally:
            dst.close()
        if problem is not None:
            raise BackupError(f"the catalog is damaged, no backup was made: {problem}")
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
    except (OSError, sqlite3.Error) as exc:
        _unlink(tmp)
        raise BackupError(f"could not write a backup into {folder}: {_why(exc)}") from exc
    except BaseException:
        _unlink(tmp)
        raise
    for old in list_backups(root)[max(1, keep):]:
        _unlink(old.path)
    info = list_backups(root)
    return next((b for b in info if b.path == final), BackupInfo(final, time.time(), 0))


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        import errno

        if exc.errno == errno.ENOSPC:
            return "the disk is full"
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "the folder is read-only"
        return exc.strerror or str(exc)
    text = str(exc)
    if "disk is full" in text or "disk I/O" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the folder is read-only"
    return text


def _unlink(p: Path) -> None:
    try:
        p.unlink()
    except OSError:
        pass


# --------------------------------------------------------------------------- restore


def restore(root: str | Path, backup: Optional[str | Path] = None) -> RestoreResult:
    """Put a backup in place of the catalog of the library at ``root``.

    ``backup`` is a path or a file name in ``backups/``; by default the newest backup that
    passes the check. The library must not be open anywhere (the caller holds its lock).
    The current catalog (with its ``-wal``/``-shm`` files) is renamed, not deleted, and the
    index folder is removed so the next open rebuilds it from the restored catalog.
    """
    root = Path(root)
    chosen = _choose(root, backup)
    catalog = root / CATALOG_NAME
    ts = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept: list[Path] = []
    # The copy is made first: when it fails (a full disk), the catalog is untouched.
    tmp = root / f".{CATALOG_NAME}.restore.part"
    try:
        shutil.copyfile(chosen.path, tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    if catalog.exists():
        damaged = check_file(catalog) is not None
        aside = root / f"{CATALOG_NAME}.{'damaged' if damaged else 'replaced'}-{ts}"
        if damaged:  # as it is, byte for byte, with its journal files
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(catalog) + suffix)
                if src.exists():
                    dst = Path(str(aside) + suffix)
                    os.replace(src, dst)
                    kept.append(dst)
        else:  # a sound catalog: a consistent copy of it, WAL included
            try:
                src_db = sqlite3.connect(str(catalog), timeout=10)
                try:
                    dst_db = sqlite3.connect(str(aside))
                    try:
                        src_db.backup(dst_db)
                        # one self-contained file, without -wal/-shm files beside it
                        dst_db.execute("PRAGMA journal_mode=DELETE")
                    finally:
                        dst_db.close()
                finally:
                    src_db.close()
            except BaseException:  # e.g. no room for the copy: leave everything as it was
                _unlink(tmp)
                _unlink(aside)
                raise
            kept.append(aside)
            for suffix in ("-wal", "-shm"):
                _unlink(Path(str(catalog) + suffix))
    for suffix in ("-wal", "-shm"):
        _unlink(Path(str(catalog) + suffix))
    os.replace(tmp, catalog)
    index = root / "index"
    if index.exists():
        shutil.rmtree(index, ignore_errors=True)
    recovered = _set_aside_unknown_files(root, catalog, kept, ts)
    return RestoreResult(chosen, kept, recovered=recovered)


def _set_aside_unknown_files(root: Path, catalog: Path, replaced: list[Path], ts: str
                             ) -> list[Path]:
    """Move the stored PDFs the restored catalog does not know into ``recovered-<ts>/``.

    They are the documents added after the backup. Left in ``files/`` they would be
    deleted as leftovers by the next open; moved out, under their original names (read
    from the replaced catalog when it can be read), they can be added again.
    """
    db = sqlite3.connect(f"file:{catalog}?mode=ro", uri=True)
    try:
        known = {row[0] for row in db.execute("SELECT sha256 FROM documents")}
    finally:
        db.close()
    names: dict[str, str] = {}
    for old in replaced:  # the catalog that was replaced (or the damaged one): names
        try:
            db = sqlite3.connect(f"file:{old}?mode=ro", uri=True)
            try:
                names.update(db.execute("SELECT sha256, file_name FROM documents"))
            finally:
                db.close()
        except sqlite3.Error:
            continue
    moved: list[Path] = []
    target = root / f"recovered-{ts}"
    for f in stored_pdfs_not_in(root, known):
        target.mkdir(exist_ok=True)
        name = Path(names.get(f.stem) or f.name).name or f.name
        dest = target / name
        k = 1
        while dest.exists():
            dest = target / f"{Path(name).stem} ({k}){Path(name).suffix}"
            k += 1
        os.replace(f, dest)
        moved.append(dest)
    return moved


def _choose(root: Path, backup: Optional[str | Path]) -> BackupInfo:
    if backup is not None:
        p = Path(backup)
        if not p.exists() and (backup_dir(root) / p.name).exists():
            p = backup_dir(root) / p.name
        if not p.is_file():
            raise BackupError(f"there is no backup {backup}", reason="no_backup")
        problem = check_file(p)
        if problem is not None:
            raise BackupError(f"the backup {p.name} cannot be used: {problem}")
        st = p.stat()
        return BackupInfo(p, _created(p, st.st_mtime), st.st_size)
    backups = list_backups(root)
    if not backups:
        raise BackupError(f"there are no backups in {backup_dir(root)}", reason="no_backup")
    bad: list[str] = []
    for b in backups:
        problem = check_file(b.path)
        if problem is None:
            return b
        bad.append(f"{b.path.name}: {problem}")
    raise BackupError("no backup can be used:\n  " + "\n  ".join(bad), reason="no_backup")


def damaged_message(path: Path, problem: str) -> str:
    """What the user is told when the catalog is damaged."""
    root = path.parent
    backups = list_backups(root)
    if backups:
        hint = (f"The newest backup is from {backups[0].when}; restoring it puts it in "
                "place and keeps the damaged file.")
    else:
        hint = f"There is no backup of it in {backup_dir(root)}."
    return f"the catalog {path} is damaged ({problem}). {hint}"
