"""The page index of one library: open, check, rebuild, and hand out snapshots and writers.

The index is a cache of the catalog (one Whoosh document per PDF page): it can always be
thrown away and rebuilt. :meth:`SearchIndex.open` rebuilds a missing, unreadable or
outdated index (or one that belongs to another library) without being asked, and checks
that the files are in the layout the fast writer and engine know
(``whoosh_format.layout_problem``); if not, it runs on Whoosh's own writer and searcher
and says so to the user (:meth:`SearchIndex.notice`: the status bar, ``briefer info``).
The schema is made from the analysis name stored in ``briefer-index.json``
(``schema.ANALYZER_NAME``), never unpickled from Whoosh's files, so no module path of
Briefer's is read back from disk. :class:`SearchIndex` is the Whoosh implementation of
the seam in ``backend.py``; its snapshot, posting and vocabulary caches stay inside it.
The other modules: ``schema.py`` (what is indexed), ``vocabulary.py`` (the words people
type), ``writer.py`` and ``segments.py`` (writing and merging), ``snapshot.py``,
``translate.py``, ``engine.py`` and ``runner.py`` (searching), ``whoosh_format.py``
(Whoosh's private file layout, and nothing else does); engine-independent: ``reading.py``
(how a query is read), ``sync.py`` (catalog to index), ``memo.py``, ``memory.py`` (the
in-memory engine).

Threads: any number of threads may search (one at a time inside the index: Whoosh
readers are not thread-safe, so :attr:`lock` is held for the matching step, and the
caches live in the snapshot it guards) while one thread writes; a commit makes the next
search open a fresh snapshot.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from whoosh import index as windex
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from briefer.core.fsutil import PRIVATE_DIR, PRIVATE_FILE, private_touch

from briefer.core.index import runner
from briefer.core.index import whoosh_format as wf
from briefer.core.index.backend import EngineNotice, SearchOutcome, SearchRequest, Suggestion
from briefer.core.index.schema import (ANALYZER_NAME, INDEX_NAME, INDEX_SCHEMA_VERSION,
                                       SCHEMAS, make_schema)
from briefer.core.index.snapshot import Snapshot
from briefer.core.index.vocabulary import Vocabulary, VocabularyFile
from briefer.core.index.writer import IndexWriter
from briefer.core.progress import CancelToken
from briefer.core.text.query import Query

log = logging.getLogger(__name__)

_META_FILE = "briefer-index.json"

# What the slow path costs, measured with ``bench/search_bench.py`` on 20,000 pages
# (``--baseline`` runs Whoosh's own searcher on the same index), three alternating runs
# of each: the median query 4.0 times slower (all searches: p50 5.0, p95 13.7 times);
# phrases and proximity 18-25 times ("in accordance with the" 33 -> 832 ms, "risk
# assessment"~5 23 -> 591 ms); rare words 1.3-3 times.
SLOW_P50 = 4
SLOW_P95 = 25


class PrivateStorage(FileStorage):
    """Whoosh's file storage with every file it creates made 0600 (and temporary folders
    0700), whatever the umask: the index holds the text of the library's PDFs."""

    def create_file(self, name: str, excl: bool = False, mode: str = "wb",
                    **kwargs: Any) -> Any:
        if self.readonly:
            return super().create_file(name, excl, mode, **kwargs)  # Whoosh refuses it
        flags = os.O_CREAT | os.O_RDWR | (os.O_EXCL if excl else os.O_TRUNC)
        flags |= getattr(os, "O_BINARY", 0)
        fd = os.open(self._fpath(name), flags, PRIVATE_FILE)
        return StructFile(os.fdopen(fd, mode), name=name, **kwargs)

    def lock(self, name: str) -> Any:
        if not self.readonly:
            try:
                private_touch(self._fpath(name))
            except OSError:
                pass  # the lock says why when it is taken
        return super().lock(name)

    # Segment files Whoosh's clean-up after a commit must leave for now: those of the
    # segments an open snapshot reads. Whoosh opens a segment's column files (stored
    # fields, field lengths) only when first asked, so deleting them under a searcher
    # made a search fail half-way ("'NoneType' object is not subscriptable") or score
    # without lengths. A refused delete is retried by the next commit's clean-up
    # (Whoosh's own rule for files another process holds open).
    keep: Optional[Callable[[str], bool]] = None

    def delete_file(self, name: str) -> None:
        keep = self.keep
        if keep is not None and keep(name):
            raise OSError(f"{name} is still read by an open search")
        super().delete_file(name)

    def temp_storage(self, name: Optional[str] = None) -> Any:
        store = super().temp_storage(name)
        os.chmod(store.folder, PRIVATE_DIR)
        return PrivateStorage(store.folder)


def _open_dir(directory: Path, schema: Any = None) -> Any:
    """The Whoosh index in ``directory``, on :class:`PrivateStorage`, read with ``schema``
    (default: the one its stored analysis name makes), not the schema Whoosh pickled."""
    if schema is None:
        schema = _schema_for(_read_meta(directory).get("analyzer", ANALYZER_NAME))
        if schema is None:
            raise ValueError("the search index was made with an analysis this version "
                             "does not know")
    return PrivateStorage(str(directory)).open_index(indexname=INDEX_NAME, schema=schema)


def _read_meta(directory: Path) -> dict[str, Any]:
    try:
        meta = json.loads((directory / _META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _schema_for(name: Any) -> Any:
    make = SCHEMAS.get(name) if isinstance(name, str) else None
    return make() if make is not None else None


def slow_path_notice(problem: str) -> EngineNotice:
    """What the user is told when the index runs on Whoosh's own searcher: why, and what
    it costs (measured: see :data:`SLOW_P50`)."""
    return EngineNotice(
        f"Search runs on its slow path, about {SLOW_P50} times slower (phrases and "
        f"proximity up to {SLOW_P95} times), with the same results: {problem}. "
        "Reinstalling Briefer (.venv/bin/pip install -e .) brings the fast path back.",
        "search_slow_path")


_SEGMENT_FILE = wf.segment_file_pattern(INDEX_NAME)


@dataclass
class OpenReport:
    """What happened when the index was opened: ``rebuilt`` with a ``reason``, or not."""

    rebuilt: bool
    reason: str = ""


class SearchIndex:
    """The page index of one library (``<library>/index``)."""

    def __init__(self, directory: Path, ix: Any, native: Optional[bool] = None) -> None:
        self.directory = directory
        self.ix = ix
        self._lock = threading.RLock()
        self._snapshot: Optional[Snapshot] = None
        self._vocabulary = VocabularyFile(directory)
        self._opening_snapshot = False
        self._segments_read: frozenset[str] = frozenset()  # the snapshot's segment ids
        self._generation = 0  # grows with every new snapshot (a commit was seen)
        self._snapshot_toc: Optional[int] = None  # the generation on disk it was made at
        if isinstance(getattr(ix, "storage", None), PrivateStorage):
            ix.storage.keep = self._segment_file_read
        #: Why the index runs on Whoosh's own writer and searcher ("" when it does not).
        self.slow_reason = ""
        if native is None:
            problem = wf.layout_problem(ix)
            if problem:
                log.warning("the search index runs on Whoosh's own writer and searcher "
                            "(slower): %s", problem)
                self.slow_reason = problem
            native = problem is None
        self.native = native

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, directory: str | Path, library_id: str) -> tuple["SearchIndex", OpenReport]:
        """Open the index, or create a fresh empty one when it is missing or unusable.

        When the report says ``rebuilt``, the caller must re-add every document (the
        library does this from the catalog).
        """
        directory = Path(directory)
        reason = cls._problem(directory, library_id)
        if reason is None:
            try:
                ix = _open_dir(directory)
                with ix.reader() as r:
                    r.doc_count()
                    list(r.lexicon("doc"))
                return cls(directory, ix), OpenReport(False)
            except windex.EmptyIndexError:
                reason = "the search index is missing"
            except Exception as exc:  # corrupt segments, unpicklable segments, missing files
                reason = f"the search index could not be read ({type(exc).__name__})"
        return cls.create(directory, library_id), OpenReport(True, reason)

    @classmethod
    def open_existing(cls, directory: str | Path,
                      native: Optional[bool] = None) -> "SearchIndex":
        """Open the index as it is, for reading only (no rebuild). ``native=False`` runs
        on Whoosh's own searcher (the benchmark's reference)."""
        return cls(Path(directory), _open_dir(Path(directory)), native)

    @staticmethod
    def _problem(directory: Path, library_id: str) -> Optional[str]:
        if not directory.exists():
            return "no search index yet"
        meta = _read_meta(directory)
        if not meta:
            return "the search index has no valid version file"
        if meta.get("schema") != INDEX_SCHEMA_VERSION:
            return (f"the search index format changed (version {meta.get('schema')} → "
                    f"{INDEX_SCHEMA_VERSION})")
        if meta.get("library_id") != library_id:
            return "the search index belongs to another library"
        if _schema_for(meta.get("analyzer", ANALYZER_NAME)) is None:
            return (f"the search index was made with an analysis this version does not "
                    f"know ({meta.get('analyzer')})")
        return None

    @classmethod
    def create(cls, directory: str | Path, library_id: str) -> "SearchIndex":
        """A new empty index at ``directory`` (an index already there is replaced)."""
        directory = Path(directory)
        tmp = directory.with_name(directory.name + ".new")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.mkdir(mode=PRIVATE_DIR)
        ix = PrivateStorage(str(tmp)).create_index(make_schema(), indexname=INDEX_NAME)
        ix.close() if hasattr(ix, "close") else None
        with open(tmp / _META_FILE, "w", encoding="utf-8",
                  opener=lambda p, f: os.open(p, f, PRIVATE_FILE)) as meta:
            meta.write(json.dumps({"schema": INDEX_SCHEMA_VERSION, "library_id": library_id,
                                   "analyzer": ANALYZER_NAME,
                                   "created": time.strftime("%Y-%m-%dT%H:%M:%S")}))
        old = directory.with_name(directory.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
        return cls(directory, _open_dir(directory))

    def close(self) -> None:
        with self._lock:
            if self._snapshot is not None:
                self._snapshot.close()
                self._snapshot = None
        try:
            self.ix.close()
        except Exception:
            pass

    # ------------------------------------------------------------------ reading
    def doc_ids(self) -> set[int]:
        """Ids of the documents that have live pages in the index (a deleted document's
        term stays in the lexicon until its segment is merged: its postings are checked)."""
        with self.ix.reader() as r:
            out = set()
            for t in r.lexicon("doc"):
                if r.has_deletions() and not r.postings("doc", t).is_active():
                    continue
                out.add(int(t.decode() if isinstance(t, bytes) else t))
            return out

    def page_count(self) -> int:
        with self.ix.reader() as r:
            return int(r.doc_count())

    def segment_count(self) -> int:
        """How many segments the index has (each import adds one; merging joins them)."""
        return len(wf.index_segments(self.ix))

    def searcher(self) -> Any:
        """A Whoosh searcher (close it, or use it as a context manager)."""
        return self.ix.searcher()

    @property
    def lock(self) -> threading.RLock:
        """Held while a search uses :meth:`snapshot` (Whoosh readers are not thread-safe)."""
        return self._lock

    def snapshot(self) -> Snapshot:
        """The current snapshot (a long-lived searcher and its caches), refreshed after
        commits. Use it while holding :attr:`lock`."""
        with self._lock:
            snap = self._snapshot
            if snap is not None:
                if snap.up_to_date() or (not snap.doc_of and self._snapshot_toc is not None
                                         and self.ix.latest_generation() == self._snapshot_toc):
                    # (Whoosh never calls an empty index's searcher up to date)
                    return snap
                snap.close()
            # While a snapshot is made no segment file is deleted: the searcher reads
            # the table of contents first and opens the segments' files after.
            self._opening_snapshot = True
            try:
                self._snapshot_toc = self.ix.latest_generation()
                snap = Snapshot(self.ix.searcher(), self.native, self._lock)
                self._segments_read = frozenset(snap.segment_ids)
            finally:
                self._opening_snapshot = False
            self._snapshot = snap
            self._generation += 1
            return snap

    def _segment_file_read(self, name: str) -> bool:
        """Whether ``name`` is a file of a segment the open snapshot reads (or a snapshot
        is being made): Whoosh's clean-up after a commit must not delete it yet."""
        if self._opening_snapshot:
            return True
        match = _SEGMENT_FILE.match(name)
        return bool(match) and match.group(1) in self._segments_read

    def vocabulary(self) -> Vocabulary:
        """The folded, unstemmed words of the indexed pages with their page counts."""
        return self._vocabulary.get()

    def generation(self) -> int:
        """Grows when a commit is seen (the next search opens a new snapshot)."""
        with self._lock:
            self.snapshot()
            return self._generation

    def notice(self) -> Optional[EngineNotice]:
        """The slow path, when the index runs on it because the installed Whoosh (or the
        files' layout) is not the one the fast engine knows; None otherwise."""
        return slow_path_notice(self.slow_reason) if self.slow_reason else None

    # ------------------------------------------------------------------ the seam
    def search(self, request: SearchRequest,
               cancel: Optional[CancelToken] = None) -> SearchOutcome:
        with self._lock:
            return runner.run(self.snapshot(), self.vocabulary(), request, cancel)

    def suggest(self, query: Query) -> Optional[Suggestion]:
        with self._lock:
            return runner.suggest(self.snapshot(), self.vocabulary(), query)

    def writer(self) -> IndexWriter:
        return IndexWriter(self.ix, self._vocabulary, self.native)
