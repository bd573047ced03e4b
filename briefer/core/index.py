"""The Whoosh search index: a cache of the catalog, one Whoosh document per PDF page.

It can always be thrown away and rebuilt from the catalog. :meth:`SearchIndex.open`
rebuilds a missing, unreadable or outdated index (or one that belongs to another library)
without being asked. All Whoosh-specific code lives here and in the search module.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Optional

from whoosh import fields, index as windex
from whoosh.filedb.filestore import FileStorage

from briefer.core.analysis import BrieferAnalyzer
from briefer.core.catalog import Document, Page

log = logging.getLogger(__name__)

# Bump when the schema or the analysis changes: every index older than this is rebuilt.
INDEX_SCHEMA_VERSION = 1
_META_FILE = "briefer-index.json"
_INDEX_NAME = "pages"


def make_schema() -> fields.Schema:
    text = BrieferAnalyzer(stem=True)
    return fields.Schema(
        pid=fields.ID(unique=True, stored=True),  # "<doc>:<page index>"
        doc=fields.ID(stored=True),
        page=fields.STORED(),  # page index; results are ordered in Python when asked
        label=fields.STORED(),
        content=fields.TEXT(analyzer=text, phrase=True, chars=False, stored=False),
        title=fields.TEXT(analyzer=text, phrase=True, stored=False),
        type=fields.ID(),
        issuer=fields.TEXT(analyzer=text, phrase=True),
        tag=fields.KEYWORD(commas=True, lowercase=True, scorable=False),
        lang=fields.ID(),
        date=fields.NUMERIC(int, bits=32, signed=False, shift_step=8),  # YYYYMMDD, 0 = none
        ocr=fields.BOOLEAN(),
    )


def date_number(iso: str) -> int:
    """'2020-01-28' -> 20200128; '2020' -> 20200000; '' -> 0."""
    digits = "".join(ch for ch in (iso or "") if ch.isdigit())[:8]
    if len(digits) < 4:
        return 0
    return int(digits.ljust(8, "0"))


@dataclass
class OpenReport:
    """What happened when the index was opened: ``rebuilt`` with a ``reason``, or not."""

    rebuilt: bool
    reason: str = ""


class SearchIndex:
    """The page index of one library (``<library>/index``)."""

    def __init__(self, directory: Path, ix: Any) -> None:
        self.directory = directory
        self.ix = ix

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
                ix = windex.open_dir(str(directory), indexname=_INDEX_NAME)
                with ix.reader() as r:
                    r.doc_count()
                    list(r.lexicon("doc"))
                return cls(directory, ix), OpenReport(False)
            except Exception as exc:  # corrupt segments, unpicklable schema, missing files
                reason = f"the search index could not be read ({type(exc).__name__})"
        return cls._create(directory, library_id), OpenReport(True, reason)

    @classmethod
    def open_existing(cls, directory: str | Path) -> "SearchIndex":
        """Open the index as it is, for reading only (no checks, no rebuild)."""
        return cls(Path(directory), windex.open_dir(str(directory), indexname=_INDEX_NAME))

    @staticmethod
    def _problem(directory: Path, library_id: str) -> Optional[str]:
        meta_path = directory / _META_FILE
        if not directory.exists():
            return "no search index yet"
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return "the search index has no valid version file"
        if meta.get("schema") != INDEX_SCHEMA_VERSION:
            return (f"the search index format changed (version {meta.get('schema')} → "
                    f"{INDEX_SCHEMA_VERSION})")
        if meta.get("library_id") != library_id:
            return "the search index belongs to another library"
        try:
            if not windex.exists_in(str(directory), indexname=_INDEX_NAME):
                return "the search index is missing"
        except Exception as exc:
            return f"the search index could not be read ({type(exc).__name__})"
        return None

    @classmethod
    def _create(cls, directory: Path, library_id: str) -> "SearchIndex":
        tmp = directory.with_name(directory.name + ".new")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        ix = FileStorage(str(tmp)).create_index(make_schema(), indexname=_INDEX_NAME)
        ix.close() if hasattr(ix, "close") else None
        (tmp / _META_FILE).write_text(json.dumps(
            {"schema": INDEX_SCHEMA_VERSION, "library_id": library_id,
             "created": time.strftime("%Y-%m-%dT%H:%M:%S")}), encoding="utf-8")
        old = directory.with_name(directory.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)
        return cls(directory, windex.open_dir(str(directory), indexname=_INDEX_NAME))

    def close(self) -> None:
        try:
            self.ix.close()
        except Exception:
            pass

    # ------------------------------------------------------------------ reading
    def doc_ids(self) -> set[int]:
        """Ids of the documents that have pages in the index."""
        with self.ix.reader() as r:
            return {int(t.decode() if isinstance(t, bytes) else t) for t in r.lexicon("doc")}

    def page_count(self) -> int:
        with self.ix.reader() as r:
            return r.doc_count()

    def searcher(self) -> Any:
        """A Whoosh searcher (close it, or use it as a context manager)."""
        return self.ix.searcher()

    # ------------------------------------------------------------------ writing
    def writer(self) -> "IndexWriter":
        return IndexWriter(self)


class IndexWriter:
    """Adds and removes documents; nothing is visible until :meth:`commit`."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._w: Any = None
        self.pending_docs: list[int] = []

    def _writer(self) -> Any:
        if self._w is None:
            self._w = self._index.ix.writer(limitmb=128)
        return self._w

    def delete_document(self, doc_id: int) -> None:
        self._writer().delete_by_term("doc", str(doc_id))

    def add_document(self, doc: Document, pages: Iterable[Page], replace: bool = True,
                     page_terms: Optional[list[list[str]]] = None) -> int:
        """Index every page of ``doc``; returns the number of pages added.

        ``page_terms`` may carry each page's analysed terms, computed in a worker process
        with the same analysis; the text is then not analysed again here.
        """
        w = self._writer()
        if replace:
            w.delete_by_term("doc", str(doc.id))
        n = 0
        tags = ",".join(doc.tags)
        date = date_number(doc.date)
        for p in pages:
            content: Any = p.text
            if page_terms is not None and p.index < len(page_terms) and p.text_source == "pdf":
                content = tuple(page_terms[p.index])
            w.add_document(
                pid=f"{doc.id}:{p.index}", doc=str(doc.id), page=p.index, label=p.label,
                content=content, title=doc.title, type=doc.doc_type, issuer=doc.issuer or "",
                tag=tags, lang=doc.language or "", date=date, ocr=p.text_source == "ocr")
            n += 1
        self.pending_docs.append(doc.id)
        return n

    def commit(self) -> list[int]:
        """Make the changes visible; returns the ids of the documents added since."""
        done = self.pending_docs
        self.pending_docs = []
        if self._w is not None:
            self._w.commit()
            self._w = None
        return done

    def cancel(self) -> None:
        self.pending_docs = []
        if self._w is not None:
            try:
                self._w.cancel()
            finally:
                self._w = None
