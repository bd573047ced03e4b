"""Backups of the catalog, checks that it is sound, and restoring it.

The catalog (``library.sqlite``) holds everything that cannot be rebuilt: documents'
metadata, clips and briefs, and the pages' text (re-deriving that from the stored PDFs is
slow and, for OCR, expensive). Briefer keeps copies of it in ``<library>/backups/``.

**What a backup is.** A backup ``library-<UTC time>.sqlite`` is the whole catalog — every
table, every row — except two columns that are large and rarely change: each page's text
(``pages.text``) and the OCR word boxes (``ocr_pages.words``). Those live in one side file,
``backups/page-text.sqlite``, written incrementally: a document's pages are copied into it
once per *version* of its text, and a backup lists, per document, the version of its text
(table ``backup_page_text``). A document's state is its ``sha256``, ``updated_at`` and
page count (importing, OCR, undoing OCR and entering a password all move ``updated_at``);
a state seen before reuses its version without reading the text, a new state (a metadata
edit moves ``updated_at`` too) reuses the latest version when the text compares equal and
is copied otherwise. ``updated_at`` has whole seconds, so a copy made within the second of
a change is compared again before it is trusted. Versions no kept backup lists are deleted
from the side file when old backups are rotated out. So a backup costs
the work tables plus the page rows without their text, and the text of the documents that
changed since the last backup — nothing more.

Why this and not re-extracting the text on restore: the text of an imported page is not a
pure function of the PDF and the engine (pypdf fallback, reading-order repair, the user's
password, OCR with languages chosen at the time); getting the offsets of every clip back
exactly would be a promise resting on all of them staying the same. Copying the text once
keeps it exact.

Measured with ``bench/backup_bench.py`` (synthetic pages of 4.7 KB, as in the 100,000-page
library of issue 16; 2 cores shared with other work, load average about 3; medians):

============================  ====================  ====================
                              20,000 pages (96 MB)  100,000 pages (478 MB)
============================  ====================  ====================
old full copy, each backup    0.22–0.34 s, 96 MB    2.38 s, 478 MB
lean backup after an edit     0.06–0.13 s, 0.8 MB   0.39 s, 3.4 MB
first lean backup (once)      0.57–0.69 s + 97 MB   3.76 s + 486 MB side file
``backup_if_due``, unchanged  4–12 ms               11 ms
``backup_if_due``, too soon   0.1 ms                0.1 ms
============================  ====================  ====================

What a lean backup still spends is reading the page rows: their small columns come after
the text in each row, so SQLite reads through the text (from the page cache) to reach
them; it writes none of it. A backup runs on a worker thread (SQLite lets go of Python's
lock while it works), so the window does not wait for it.

**When.** :func:`backup_if_due` makes one when the newest backup is at least
:data:`INTERVAL` old (4 minutes) and the work tables differ from it (a fingerprint over
documents' metadata, tags, clips, briefs, sections, items, saved searches and settings —
not page text, not the search history); with ``force`` (the window at quit) any
difference is enough. ``Library.close`` does the same for a session that wrote (so a
command that changed something backs up on exit when due); ``Library.open`` when the
newest backup is a day old and differs. Rotation keeps the newest :data:`KEEP` and the
newest of each of the :data:`KEEP_DAYS` days before.

**Safe on any thread.** Every function here opens its own SQLite connections by path;
a module lock serialises backups of one library inside a process (only a writer, which
holds the library's lock, makes backups, so no other process does at the same time). A
backup reads the catalog in one read transaction (WAL: writers go on meanwhile), writes
to a temporary file, checks it with ``PRAGMA quick_check`` and only then renames it into
place — a backup in the folder is always a good one.

**Restore** (:func:`restore`) puts a backup in place, fills the page text back from the
side file (or, when a version is missing there, from the catalog being replaced when it
has the same version of that document), and when the catalog being replaced is damaged,
salvages its readable rows (:mod:`.salvage`) and merges what is newer than the backup —
documents, their metadata and tags, clips, briefs with their sections and items — so work
done after the backup survives. The replaced file is kept beside it
(``library.sqlite.damaged-…`` or ``library.sqlite.replaced-…``), never deleted; stored PDFs
the restored catalog does not know are moved to ``recovered-…/`` under their own names
(from the replaced catalog, the salvaged rows, or any backup that lists them). The index is
thrown away so the next open rebuilds it from the restored catalog.

Every open runs ``PRAGMA quick_check`` (about 0.15 s for a 470 MB catalog). A damaged
catalog raises ``CatalogDamaged`` (reason ``catalog_damaged``), whose message says whether
a backup can be put back; each front end names its own way to do that.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Optional

from briefer.core.catalog.tables import all_tables
from briefer.core.errors import BrieferError
from briefer.core.fsutil import private_dir, private_touch
from briefer.core.paths import stored_pdfs_not_in

BACKUP_DIR = "backups"
CATALOG_NAME = "library.sqlite"
SIDE_NAME = "page-text.sqlite"
KEEP = 5
KEEP_DAYS = 7
INTERVAL = 240.0  # a backup after a change once this many seconds passed since the last
OPEN_INTERVAL = 24 * 3600.0
SESSION_INTERVAL = INTERVAL
_PREFIX = "library-"
_SUFFIX = ".sqlite"
_FORMAT = "lean-1"

# Tables whose rows are the user's work: the fingerprint that says "changed since the
# newest backup" is taken over these (page text changes move documents.updated_at).
# The catalog's own, then every module's declared as work (catalog/tables.py).
_WORK_TABLES = ("meta", "documents", "tags", "page_numbering") + tuple(
    t.name for t in all_tables() if t.work)
_NOT_WORK_COLUMNS = {("documents", "indexed")}  # flips while the index catches up
# Columns kept in the side file instead of every backup: (table, column, empty value).
_SIDE_COLUMNS = (("pages", "text", "''"), ("ocr_pages", "words", "'[]'"))

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_for(root: Path) -> threading.Lock:
    key = str(Path(root).resolve())
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.Lock())


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
    # PDFs of documents added after the backup that could not be salvaged, moved out of
    # files/ under their own names
    recovered: list[Path] = field(default_factory=list)
    # what was read back from the damaged catalog and merged (see salvage.MergeReport)
    salvage: Optional[Any] = None
    # documents whose page text neither the side file nor the replaced catalog had
    text_missing: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"restored_from": self.restored_from.to_json(),
                "kept_aside": [str(p) for p in self.kept_aside],
                "documents": self.documents, "briefs": self.briefs,
                "recovered": [str(p) for p in self.recovered],
                "salvage": self.salvage.to_json() if self.salvage is not None else None,
                "text_missing": list(self.text_missing)}


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
        db = sqlite3.connect(_ro_uri(path), uri=True, timeout=10)
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


def _connect_rw(path: Path) -> sqlite3.Connection:
    """A connection that may ATTACH other files by URI (read-only ones among them)."""
    from urllib.parse import quote

    return sqlite3.connect(f"file:{quote(str(path))}", uri=True, isolation_level=None,
                           timeout=30)


def _ro_uri(path: Path) -> str:
    from briefer.core.catalog.catalog import readonly_uri

    return readonly_uri(Path(path))


# --------------------------------------------------------------------------- listing


def backup_dir(root: str | Path) -> Path:
    return Path(root) / BACKUP_DIR


def side_file(root: str | Path) -> Path:
    """The side file with the page text the backups refer to."""
    return backup_dir(root) / SIDE_NAME


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


def newest_age(root: str | Path, now: Optional[float] = None) -> Optional[float]:
    """Seconds since the newest backup was made (None: there is none)."""
    backups = list_backups(root)
    now = time.time() if now is None else now
    return max(0.0, now - backups[0].created) if backups else None


def is_lean(path: str | Path) -> bool:
    """Whether the backup at ``path`` keeps its page text in the side file."""
    try:
        db = sqlite3.connect(_ro_uri(Path(path)), uri=True)
        try:
            row = db.execute("SELECT value FROM backup_manifest WHERE key = 'format'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return False
    return bool(row) and row[0] == _FORMAT


# --------------------------------------------------------------------------- fingerprint


def _tables(db: sqlite3.Connection, schema: str = "main") -> set[str]:
    return {r[0] for r in db.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")}


def _columns(db: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [r[1] for r in db.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _fingerprint(db: sqlite3.Connection, schema: str = "main") -> str:
    """A digest of the user's work in the database ``schema`` of ``db`` (see
    :data:`_WORK_TABLES`); equal digests mean nothing worth a backup changed."""
    h = hashlib.sha256()
    present = _tables(db, schema)
    for table in _WORK_TABLES:
        if table not in present:
            continue
        cols = [c for c in _columns(db, table, schema) if (table, c) not in _NOT_WORK_COLUMNS]
        h.update(f"\x00{table}:{','.join(cols)}\x00".encode())
        sel = ", ".join(f'"{c}"' for c in cols)
        for row in db.execute(f'SELECT {sel} FROM {schema}."{table}" ORDER BY 1, 2'):
            h.update(repr(tuple(row)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def catalog_fingerprint(catalog_path: str | Path) -> str:
    """The fingerprint of the user's work in the catalog at ``catalog_path`` (its own
    read-only connection, one read transaction)."""
    db = sqlite3.connect(_ro_uri(Path(catalog_path)), uri=True, timeout=10)
    try:
        db.execute("BEGIN")
        return _fingerprint(db)
    finally:
        db.close()


_FP_CACHE: dict[str, str] = {}


def backup_fingerprint(path: str | Path) -> Optional[str]:
    """The fingerprint of the work held in a backup (None when it cannot be read)."""
    key = str(path)
    if key in _FP_CACHE:
        return _FP_CACHE[key]
    try:
        db = sqlite3.connect(_ro_uri(Path(path)), uri=True, timeout=10)
        try:
            fp = None
            if "backup_manifest" in _tables(db):
                row = db.execute("SELECT value FROM backup_manifest WHERE key = "
                                 "'fingerprint'").fetchone()
                fp = row[0] if row else None
            if fp is None:  # a backup made before lean backups: computed from its rows
                fp = _fingerprint(db)
        finally:
            db.close()
    except sqlite3.Error:
        return None
    _FP_CACHE[key] = fp
    return fp


def changed_since_backup(root: str | Path) -> bool:
    """Whether the user's work in the catalog differs from the newest backup (True when
    there is no backup yet and the catalog holds something)."""
    root = Path(root)
    backups = list_backups(root)
    current = catalog_fingerprint(root / CATALOG_NAME)
    if not backups:
        return _has_content(root / CATALOG_NAME)
    return backup_fingerprint(backups[0].path) != current


def _has_content(catalog_path: Path) -> bool:
    db = sqlite3.connect(_ro_uri(catalog_path), uri=True, timeout=10)
    try:
        tables = _tables(db)
        for t in ("documents", "briefs", "clips"):
            if t in tables and db.execute(f"SELECT EXISTS(SELECT 1 FROM {t})").fetchone()[0]:
                return True
        return False
    finally:
        db.close()


# --------------------------------------------------------------------------- backups


def backup_if_due(root: str | Path, *, interval: float = INTERVAL, force: bool = False,
                  now: Optional[float] = None, keep: int = KEEP) -> Optional[BackupInfo]:
    """Make a backup of the library at ``root`` when one is due; None when not.

    Due: the catalog holds something, its work differs from the newest backup, and the
    newest backup is at least ``interval`` seconds older than ``now`` (default: the clock)
    — or ``force`` (at quit: any difference is enough). Cheap when not due: a directory
    listing, then (once the interval passed) one read of the work tables. Safe on any
    thread: own connections, one backup of a library at a time in this process (a second
    caller waits, then finds it no longer due). The caller must hold the library's writer
    lock (a writable session). Raises :class:`BackupError` when a due backup cannot be
    written (the disk is full …); the catalog is never changed.
    """
    root = Path(root)
    with _lock_for(root):
        if not force:
            age = newest_age(root, now)
            if age is not None and age < interval:
                return None
        try:
            if not changed_since_backup(root):
                return None
        except sqlite3.Error as exc:
            raise BackupError(f"the catalog cannot be read for a backup: {_why(exc)}") from exc
        return _make_backup(root, keep)


def make_backup(source: sqlite3.Connection | str | Path, root: str | Path,
                keep: int = KEEP) -> BackupInfo:
    """Back up the catalog of the library at ``root`` into ``<root>/backups`` now, and
    drop old copies. ``source`` (the catalog's connection or path) is only used to find
    the catalog; the backup reads it through its own connection.

    The copy is checked before it is kept; :class:`BackupError` when the catalog is
    damaged (nothing is kept then) or the copy cannot be written (e.g. the disk is full).
    """
    del source  # the catalog is always <root>/library.sqlite
    root = Path(root)
    with _lock_for(root):
        return _make_backup(root, keep)


def _make_backup(root: Path, keep: int) -> BackupInfo:
    folder = backup_dir(root)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    final = folder / f"{_PREFIX}{stamp}{_SUFFIX}"
    tmp = folder / f".{final.name}.part"
    try:
        private_dir(folder)  # the backups hold the library's text: 0700, files 0600
        try:
            _write_backup(root / CATALOG_NAME, tmp, side_file(root))
        except sqlite3.DatabaseError as exc:
            if "page-text" not in str(getattr(exc, "_briefer_where", "")) \
                    or not _is_corrupt(exc):
                raise  # a full disk, say: the side file is kept as it is
            _set_side_aside(root)  # a damaged side file: start a new one, copy again
            _unlink(tmp)
            _write_backup(root / CATALOG_NAME, tmp, side_file(root))
        dst = sqlite3.connect(str(tmp))
        try:
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
    _rotate(root, keep)
    info = list_backups(root)
    return next((b for b in info if b.path == final), BackupInfo(final, time.time(), 0))


def _is_corrupt(exc: BaseException) -> bool:
    """Whether an SQLite error says a file is damaged (not full, not locked)."""
    text = str(exc).lower()
    return any(w in text for w in ("malformed", "not a database", "corrupt", "encrypted"))


def _side_schema(db: sqlite3.Connection, schema: str) -> None:
    # a document state (sha256, updated_at, page_count) → the version holding its text;
    # several states can share a version (a metadata edit moves updated_at, not the text)
    db.execute(f"CREATE TABLE IF NOT EXISTS {schema}.versions (version TEXT NOT NULL, "
               "sha256 TEXT NOT NULL, updated_at TEXT NOT NULL, page_count INTEGER NOT NULL, "
               "reusable INTEGER NOT NULL, recorded_at REAL NOT NULL, "
               "PRIMARY KEY (sha256, updated_at, page_count, version))")
    db.execute(f"CREATE INDEX IF NOT EXISTS {schema}.versions_version ON versions(version)")
    db.execute(f"CREATE TABLE IF NOT EXISTS {schema}.texts (version TEXT NOT NULL, "
               "page_index INTEGER NOT NULL, text TEXT NOT NULL, words TEXT, "
               "PRIMARY KEY (version, page_index)) WITHOUT ROWID")


def _write_backup(catalog: Path, tmp: Path, side: Path) -> None:
    """Write the lean copy of ``catalog`` to ``tmp`` and the text of changed documents into
    ``side``, all read in one transaction of the catalog."""
    from urllib.parse import quote

    if not catalog.exists():
        raise sqlite3.OperationalError("the catalog does not exist")
    private_touch(tmp)  # SQLite keeps the mode of a file it opens (and gives it its journals)
    private_touch(side)
    db = _connect_rw(tmp)
    try:
        db.execute("PRAGMA journal_mode = OFF")  # a new temporary file: nothing to undo
        db.execute("ATTACH DATABASE ? AS src", (_ro_uri(catalog),))
        try:
            db.execute("ATTACH DATABASE ? AS side", (f"file:{quote(str(side))}",))
            db.execute("BEGIN")
            _side_schema(db, "side")
            db.execute("SELECT 1 FROM side.versions LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            exc._briefer_where = "page-text"  # type: ignore[attr-defined]
            raise
        objects = db.execute(
            "SELECT type, name, tbl_name, sql FROM src.sqlite_master WHERE sql IS NOT NULL "
            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
        tables = [o for o in objects if o[0] == "table"]
        for _, _, _, sql in tables:
            db.execute(sql)
        side_cols = {(t, c): empty for t, c, empty in _SIDE_COLUMNS}
        for _, name, _, _ in tables:
            cols = _columns(db, name, "src")
            sel = ", ".join(side_cols.get((name, c), f'"{c}"') for c in cols)
            names = ", ".join(f'"{c}"' for c in cols)
            db.execute(f'INSERT INTO main."{name}" ({names}) SELECT {sel} FROM src."{name}"')
        if "sqlite_sequence" in _tables(db, "src"):
            db.execute("DELETE FROM main.sqlite_sequence")
            db.execute("INSERT INTO main.sqlite_sequence SELECT * FROM src.sqlite_sequence")
        for kind, _, _, sql in objects:
            if kind != "table":
                db.execute(sql)
        version = db.execute("PRAGMA src.user_version").fetchone()[0]
        db.execute(f"PRAGMA main.user_version = {int(version)}")
        db.execute("CREATE TABLE main.backup_page_text (doc_id INTEGER PRIMARY KEY, "
                   "version TEXT NOT NULL)")
        try:
            _record_texts(db, "ocr_pages" in {t[1] for t in tables})
        except sqlite3.DatabaseError as exc:
            if "src" not in str(exc):
                exc._briefer_where = "page-text"  # type: ignore[attr-defined]
            raise
        db.execute("CREATE TABLE main.backup_manifest (key TEXT PRIMARY KEY, value TEXT)")
        db.executemany("INSERT INTO main.backup_manifest VALUES (?, ?)",
                       [("format", _FORMAT), ("fingerprint", _fingerprint(db, "src")),
                        ("created", datetime.now(timezone.utc).isoformat())])
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()


def _record_texts(db: sqlite3.Connection, has_ocr: bool) -> None:
    """For each document, the version of its page text in the side file: reused when the
    side file has it, else copied there now."""
    now = time.time()
    docs = db.execute("SELECT id, sha256, updated_at, page_count FROM src.documents").fetchall()
    words = ("(SELECT o.words FROM src.ocr_pages o WHERE o.doc_id = p.doc_id AND "
             "o.page_index = p.page_index)") if has_ocr else "NULL"
    rows = []
    settled_before = now - 2
    for doc_id, sha, updated, count in docs:
        version = None
        for v, reusable in db.execute(
                "SELECT version, reusable FROM side.versions WHERE sha256 = ? AND "
                "updated_at = ? AND page_count = ? ORDER BY reusable DESC", (sha, updated,
                                                                             count)).fetchall():
            if reusable:
                version = v
                break
            # A copy made within the second of its updated_at (seconds) may have been
            # followed by another change in that second: reused only when its text is
            # still the same, and trusted from then on once that second is over.
            if _same_text(db, v, doc_id, count, words):
                version = v
                if _older_than(updated, settled_before):
                    db.execute("UPDATE side.versions SET reusable = 1 WHERE version = ? AND "
                               "sha256 = ? AND updated_at = ?", (v, sha, updated))
                break
        if version is None:
            # Another state of the same document (its details were edited): its text is
            # reused when it has not changed.
            row = db.execute("SELECT version FROM side.versions WHERE sha256 = ? AND "
                             "page_count = ? ORDER BY recorded_at DESC LIMIT 1",
                             (sha, count)).fetchone()
            if row is not None and _same_text(db, row[0], doc_id, count, words):
                version = row[0]
                db.execute("INSERT OR IGNORE INTO side.versions VALUES (?, ?, ?, ?, ?, ?)",
                           (version, sha, updated, count,
                            int(_older_than(updated, settled_before)), now))
        if version is None:
            version = uuid.uuid4().hex
            db.execute(f"INSERT INTO side.texts (version, page_index, text, words) "
                       f"SELECT ?, p.page_index, p.text, {words} FROM src.pages p "
                       "WHERE p.doc_id = ?", (version, doc_id))
            db.execute("INSERT INTO side.versions VALUES (?, ?, ?, ?, ?, ?)",
                       (version, sha, updated, count,
                        int(_older_than(updated, settled_before)), now))
        rows.append((doc_id, version))
    db.executemany("INSERT INTO main.backup_page_text VALUES (?, ?)", rows)


def _same_text(db: sqlite3.Connection, version: str, doc_id: int, count: int,
               words: str) -> bool:
    """Whether the side file's ``version`` holds exactly the text (and word boxes) of the
    document's ``count`` pages in the catalog being backed up."""
    same = db.execute(
        f"SELECT COUNT(*) FROM src.pages p JOIN side.texts t ON t.version = ? AND "
        f"t.page_index = p.page_index WHERE p.doc_id = ? AND t.text = p.text AND "
        f"t.words IS {words}", (version, doc_id)).fetchone()[0]
    return bool(same == count)


def _older_than(iso: str, limit: float) -> bool:
    try:
        return datetime.fromisoformat(iso).timestamp() < limit
    except (TypeError, ValueError):
        return False


def _set_side_aside(root: Path) -> None:
    side = side_file(root)
    ts = datetime.now().strftime("%Y%m%d-%H%M%S")
    for suffix in ("", "-journal"):
        src = Path(str(side) + suffix)
        if src.exists():
            os.replace(src, src.with_name(f"{src.name}.damaged-{ts}"))


def _rotate(root: Path, keep: int) -> None:
    """Keep the newest ``keep`` backups and the newest of each of the :data:`KEEP_DAYS`
    days before; drop the page text versions no kept backup lists."""
    backups = list_backups(root)
    kept = backups[:max(1, keep)]
    days = {datetime.fromtimestamp(b.created).date() for b in kept}
    extra = 0
    for b in backups[max(1, keep):]:  # newest first: the newest of each earlier day
        day = datetime.fromtimestamp(b.created).date()
        if day not in days and extra < KEEP_DAYS:
            days.add(day)
            kept.append(b)
            extra += 1
    for b in backups:
        if b not in kept:
            _unlink(b.path)
            _FP_CACHE.pop(str(b.path), None)
    _prune_side(root, [b.path for b in kept])


def _prune_side(root: Path, kept: Iterable[Path]) -> None:
    side = side_file(root)
    if not side.exists():
        return
    wanted: set[str] = set()
    for path in kept:
        try:
            db = sqlite3.connect(_ro_uri(path), uri=True)
            try:
                if "backup_page_text" in _tables(db):
                    wanted.update(r[0] for r in db.execute(
                        "SELECT DISTINCT version FROM backup_page_text"))
            finally:
                db.close()
        except sqlite3.Error:
            return  # a backup that cannot be read: keep every version it might list
    try:
        db = sqlite3.connect(str(side), isolation_level=None, timeout=30)
        try:
            stale = [r[0] for r in db.execute("SELECT DISTINCT version FROM versions")
                     if r[0] not in wanted]
            if stale:
                db.execute("BEGIN")
                for v in stale:
                    db.execute("DELETE FROM texts WHERE version = ?", (v,))
                    db.execute("DELETE FROM versions WHERE version = ?", (v,))
                db.execute("COMMIT")
        finally:
            db.close()
    except sqlite3.Error:
        pass  # left for the next rotation


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


def restore(root: str | Path, backup: Optional[str | Path] = None, *,
            salvage: bool = True) -> RestoreResult:
    """Put a backup in place of the catalog of the library at ``root``.

    ``backup`` is a path or a file name in ``backups/``; by default the newest backup that
    passes the check. The library must not be open anywhere (the caller holds its lock).
    The page text of a lean backup is filled back from the side file. When the current
    catalog is damaged (and ``salvage``), its readable rows newer than the backup are
    merged in (``result.salvage`` says what was and what could not be). The current
    catalog (with its ``-wal``/``-shm`` files) is renamed, not deleted, and the index
    folder is removed so the next open rebuilds it from the restored catalog.
    """
    from briefer.core.catalog import salvage as salvaging

    root = Path(root)
    chosen = _choose(root, backup)
    catalog = root / CATALOG_NAME
    ts = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept: list[Path] = []
    damaged = catalog.exists() and check_file(catalog) is not None
    # Everything is prepared in a temporary file first: when that fails (a full disk),
    # the catalog is untouched.
    tmp = root / f".{CATALOG_NAME}.restore.part"
    scratch = root / f".{CATALOG_NAME}.salvage.part"
    report = None
    text_missing: list[str] = []
    try:
        private_touch(tmp)
        shutil.copyfile(chosen.path, tmp)
        rows = None
        if damaged and salvage:
            rows = salvaging.read_damaged(catalog, scratch)
        text_missing = _fill_page_text(tmp, side_file(root), catalog if not damaged else None,
                                       rows)
        if rows is not None:
            try:
                report = salvaging.merge(tmp, rows, root / "files")
            except sqlite3.Error as exc:  # the backup alone is still worth putting back
                report = salvaging.MergeReport(
                    str(catalog), unreadable=rows.unreadable + [
                        f"what was read could not be merged ({exc}); the backup is restored "
                        "as it was"], names=rows.names())
        _finish_restored(tmp)
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            _unlink(Path(str(scratch) + suffix))
    if catalog.exists():
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
                private_touch(aside)
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
    os.replace(tmp, catalog)
    index = root / "index"
    if index.exists():
        shutil.rmtree(index, ignore_errors=True)
    names = dict(report.names) if report is not None else {}
    recovered = _set_aside_unknown_files(root, catalog, kept, ts, names)
    return RestoreResult(chosen, kept, recovered=recovered, salvage=report,
                         text_missing=text_missing)


def _fill_page_text(tmp: Path, side: Path, sound_catalog: Optional[Path],
                    rows: Any) -> list[str]:
    """Put the page text (and OCR word boxes) of a lean backup at ``tmp`` back from the
    side file; a version missing there comes from the catalog being replaced when it has
    the same version of the document. Returns the names of documents left without text."""
    db = _connect_rw(tmp)
    try:
        tables = _tables(db)
        if "backup_page_text" not in tables:
            return []  # a full copy: its text is in it
        has_ocr = "ocr_pages" in tables
        have_side = side.exists()
        if have_side:
            try:
                db.execute("ATTACH DATABASE ? AS side", (_ro_uri(side),))
                db.execute("SELECT 1 FROM side.texts LIMIT 1").fetchall()
            except sqlite3.DatabaseError:  # damaged or not a side file: the fallbacks apply
                have_side = False
                try:
                    db.execute("DETACH DATABASE side")
                except sqlite3.Error:
                    pass
        if sound_catalog is not None and sound_catalog.exists():
            db.execute("ATTACH DATABASE ? AS old", (_ro_uri(sound_catalog),))
            old = True
        else:
            old = False
        missing: list[str] = []
        db.execute("BEGIN")
        docs = db.execute("SELECT d.id, d.sha256, d.updated_at, d.page_count, d.file_name, "
                          "b.version FROM documents d LEFT JOIN backup_page_text b ON "
                          "b.doc_id = d.id").fetchall()
        for doc_id, sha, updated, count, name, version in docs:
            if count == 0:
                continue
            done = False
            if have_side and version is not None:
                done = _text_from_side(db, doc_id, version, count, has_ocr)
            if not done and old:
                done = _text_from_old(db, doc_id, sha, updated, count, has_ocr)
            if not done and rows is not None:
                done = _text_from_rows(db, doc_id, sha, updated, count, rows)
            if not done:
                missing.append(name)
        db.execute("COMMIT")
        return missing
    finally:
        db.close()


def _text_from_side(db: sqlite3.Connection, doc_id: int, version: str, count: int,
                    has_ocr: bool) -> bool:
    try:
        n = db.execute("SELECT COUNT(*) FROM side.texts WHERE version = ?",
                       (version,)).fetchone()[0]
        if n != count:
            return False
        db.execute("SAVEPOINT side_text")
        db.execute("UPDATE pages SET text = (SELECT t.text FROM side.texts t WHERE "
                   "t.version = ? AND t.page_index = pages.page_index) WHERE doc_id = ?",
                   (version, doc_id))
        if has_ocr:
            db.execute("UPDATE ocr_pages SET words = coalesce((SELECT t.words FROM side.texts t "
                       "WHERE t.version = ? AND t.page_index = ocr_pages.page_index), words) "
                       "WHERE doc_id = ?", (version, doc_id))
        db.execute("RELEASE side_text")
        return True
    except sqlite3.DatabaseError:  # part of the side file is damaged
        try:
            db.execute("ROLLBACK TO side_text")
            db.execute("RELEASE side_text")
        except sqlite3.Error:
            pass
        return False


def _text_from_old(db: sqlite3.Connection, doc_id: int, sha: str, updated: str, count: int,
                   has_ocr: bool) -> bool:
    try:
        row = db.execute("SELECT id FROM old.documents WHERE sha256 = ? AND updated_at = ? "
                         "AND page_count = ?", (sha, updated, count)).fetchone()
        if row is None:
            return False
        db.execute("UPDATE pages SET text = (SELECT o.text FROM old.pages o WHERE o.doc_id = ? "
                   "AND o.page_index = pages.page_index) WHERE doc_id = ?", (row[0], doc_id))
        if has_ocr and "ocr_pages" in _tables(db, "old"):
            db.execute("UPDATE ocr_pages SET words = coalesce((SELECT o.words FROM "
                       "old.ocr_pages o WHERE o.doc_id = ? AND o.page_index = "
                       "ocr_pages.page_index), words) WHERE doc_id = ?", (row[0], doc_id))
        return True
    except sqlite3.Error:
        return False


def _text_from_rows(db: sqlite3.Connection, doc_id: int, sha: str, updated: str, count: int,
                    rows: Any) -> bool:
    texts = rows.page_texts(sha, updated, count)
    if texts is None:
        return False
    db.executemany("UPDATE pages SET text = ? WHERE doc_id = ? AND page_index = ?",
                   [(t, doc_id, i) for i, t in texts.items()])
    return True


def _finish_restored(tmp: Path) -> None:
    """Drop the backup's own tables: the file becomes an ordinary catalog."""
    db = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        db.execute("DROP TABLE IF EXISTS backup_page_text")
        db.execute("DROP TABLE IF EXISTS backup_manifest")
        db.execute("PRAGMA journal_mode = DELETE")
    finally:
        db.close()


def known_names(root: Path, extra: Iterable[Path] = ()) -> dict[str, str]:
    """SHA-256 → the file's own name, from ``extra`` catalogs and every backup (newest
    wins), and their import logs."""
    names: dict[str, str] = {}
    sources = list(extra) + [b.path for b in reversed(list_backups(root))]
    for src in sources:
        try:
            db = sqlite3.connect(_ro_uri(src), uri=True)
            try:
                tables = _tables(db)
                if "import_log" in tables:
                    for sha, path in db.execute("SELECT sha256, path FROM import_log WHERE "
                                                "sha256 IS NOT NULL ORDER BY id"):
                        names.setdefault(sha, Path(path).name)
                names.update(db.execute("SELECT sha256, file_name FROM documents"))
            finally:
                db.close()
        except sqlite3.Error:
            continue
    return names


def _set_aside_unknown_files(root: Path, catalog: Path, replaced: list[Path], ts: str,
                             salvaged_names: dict[str, str]) -> list[Path]:
    """Move the stored PDFs the restored catalog does not know into ``recovered-<ts>/``.

    They are documents added after the backup that could not be salvaged. Left in
    ``files/`` they would be deleted as leftovers by the next open; moved out, under their
    original names (from the replaced catalog, the salvaged rows, or any backup), they can
    be added again.
    """
    db = sqlite3.connect(_ro_uri(catalog), uri=True)
    try:
        known = {row[0] for row in db.execute("SELECT sha256 FROM documents")}
    finally:
        db.close()
    orphans = list(stored_pdfs_not_in(root, known))
    if not orphans:
        return []
    names = known_names(root, [p for p in replaced if not p.name.endswith(("-wal", "-shm"))])
    names.update(salvaged_names)
    moved: list[Path] = []
    target = root / f"recovered-{ts}"
    for f in orphans:
        private_dir(target)
        name = Path(names.get(f.stem) or f.name).name or f.name
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
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
                "place, keeps the damaged file and salvages what can still be read from it.")
    else:
        hint = f"There is no backup of it in {backup_dir(root)}."
    return f"the catalog {path} is damaged ({problem}). {hint}"
