"""The Whoosh search index: a cache of the catalog, one Whoosh document per PDF page.

It can always be thrown away and rebuilt from the catalog. :meth:`SearchIndex.open`
rebuilds a missing, unreadable or outdated index (or one that belongs to another library)
without being asked. All Whoosh-specific code lives here and in the search module.
"""

from __future__ import annotations

import heapq
import json
import logging
import os
import pickle
import shutil
import struct
import threading
import time
import zlib
from array import array
from collections import defaultdict
from itertools import accumulate, chain, groupby
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Collection, Iterable, Optional

from whoosh import fields, index as windex
from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher,
                                  W3PostingsWriter, W3TermInfo, _lenfield)
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter
from whoosh.filedb.filestore import FileStorage

from briefer.core.index.analysis import (_CJK, BrieferAnalyzer, normalise_word, surface_words,
                                   term_texts)
from briefer.core.catalog.catalog import Document, Page

log = logging.getLogger(__name__)

# Bump when the schema or the analysis changes: every index older than this is rebuilt.
# 2: word pairs ("pairs") and the surface-word vocabulary; 3: segments never compound;
# 4: only pairs of two common words; 5: posting blocks pickled with protocol 4;
# 6: segments written directly (_SegmentBuilder)
INDEX_SCHEMA_VERSION = 6
_META_FILE = "briefer-index.json"
_VOCAB_FILE = "vocabulary.json"
_INDEX_NAME = "pages"
PAIR_SEP = " "  # terms never contain white space


# Words so frequent that finding a phrase of them by positions is slow ("of the", "shall
# be"): a pair of two such words gets its own term in the ``pairs`` field, so the phrase is
# one term look-up. Any phrase with a rarer word is found by positions, driven by that
# word's short posting list. Indexing a pair for every two words instead made importing
# about twice as slow (measured on the domain corpus: 102,664 distinct pairs; pairs with
# one common word: 42,183; pairs of two common words: 2,026).
_COMMON_WORDS = (
    "a an and any are as at be been being but by can could did do does each for from had "
    "has have he her his i if in into is it its may me must my no nor not of on or other "
    "our shall she should so such than that the their them then there these they this "
    "those to under upon us was we were what when where which while who whom will with "
    "within without would you your all also after before between against"
).split()
COMMON_TERMS = frozenset(normalise_word(w) for w in _COMMON_WORDS)


def pair_indexed(a: str, b: str) -> bool:
    """Whether the word pair (a, b) has its own term in the ``pairs`` field."""
    return a in COMMON_TERMS and b in COMMON_TERMS


def pair_terms(term_list: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The indexed word pairs of a page; "" holds the place of a pair that is not indexed.

    Pair ``i`` stands for terms ``i`` and ``i + 1`` and sits at position ``i``, so a phrase of
    n common words is a phrase of n - 1 pairs, far rarer than the words it is made of.
    """
    common = COMMON_TERMS  # pair_indexed, inlined: this runs for every word of every page
    return tuple([a + PAIR_SEP + b if a in common and b in common else ""
                  for a, b in zip(term_list, term_list[1:])])


class _PostingsWriter(W3PostingsWriter):
    """Whoosh's block layout, with the block data pickled with protocol 4 instead of 2.

    Protocol 2 pickles each ``bytes`` value (a posting's positions) as a call to
    ``_codecs.encode`` on a decoded string; protocol 4 copies the bytes. Measured on a block
    of 128 postings with positions: 79 µs -> 7 µs to write, 77 µs -> 7 µs to read. Whoosh's
    reader unpickles any protocol, so the files stay ordinary Whoosh files.
    """

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = pickle.dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), 4)
        comp = self._compression
        if comp:
            data = zlib.compress(data, comp)
        ids = self._ids
        # The block's header stays protocol 2: the reader reads it from the file stream.
        info = pickle.dumps((len(ids), ids[-1], self._maxweight, comp,
                             length_to_byte(self._minlength),
                             length_to_byte(self._maxlength)), 2)
        size = len(info) + len(data)
        self._postfile.write_int(-size if last else size)
        self._postfile.write(info)
        self._postfile.write(data)
        self._blockcount += 1
        self._new_block()


def length_bytes(perdoc: Any, field: str, n_docs: int) -> bytes:
    """The length byte of ``field`` for every document of a segment (0: no length)."""
    try:
        col = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        got = bytes(col._dbfile.get(col._basepos, col._count)) if col else b""
    except Exception:  # another layout: ask document by document
        got = bytes(bytearray(length_to_byte(perdoc.doc_field_length(k, field, 0) or 0)
                              for k in range(n_docs)))
    if len(got) < n_docs:  # documents after the last one with a length have none
        got += bytes(n_docs - len(got))
    return got[:n_docs] if len(got) > n_docs else got


class BrieferCodec(W3Codec):
    """Whoosh 3's codec with faster posting blocks (see :class:`_PostingsWriter`)."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression,
                               inlinelimit=self._inlinelimit)


def make_schema() -> fields.Schema:
    text = BrieferAnalyzer(stem=True)
    return fields.Schema(
        pid=fields.ID(unique=True, stored=True),  # "<doc>:<page index>"
        doc=fields.ID(stored=True),
        page=fields.STORED(),  # page index; results are ordered in Python when asked
        label=fields.STORED(),
        content=fields.TEXT(analyzer=text, phrase=True, chars=False, stored=False),
        pairs=fields.TEXT(analyzer=text, phrase=True, chars=False, stored=False),
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
        self._lock = threading.RLock()
        self._snapshot: Optional[Snapshot] = None
        self._vocab: Optional[Vocabulary] = None
        self._vocab_stamp: Any = None

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
            return r.doc_count()

    def segment_count(self) -> int:
        """How many segments the index has (each import adds one; merging joins them)."""
        try:
            return len(self.ix._segments())
        except Exception:
            return 0

    def searcher(self) -> Any:
        """A Whoosh searcher (close it, or use it as a context manager)."""
        return self.ix.searcher()

    @property
    def lock(self) -> threading.RLock:
        """Held while a search uses :meth:`snapshot` (Whoosh readers are not thread-safe)."""
        return self._lock

    def snapshot(self) -> "Snapshot":
        """A long-lived searcher with per-page lookup tables, refreshed after commits.

        Opening a searcher and building the tables costs far more than a query, so they
        are kept until the index changes. Use it while holding :attr:`lock`.
        """
        with self._lock:
            snap = self._snapshot
            if snap is not None:
                try:
                    if snap.searcher.up_to_date():
                        return snap
                except Exception:
                    pass
                snap.close()
            self._snapshot = Snapshot(self.ix.searcher())
            return self._snapshot

    def vocabulary(self) -> "Vocabulary":
        """The folded, unstemmed words of the indexed pages with their page counts."""
        path = self.directory / _VOCAB_FILE
        try:
            st = path.stat()
            stamp: Any = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        with self._lock:
            if self._vocab is None or stamp != self._vocab_stamp:
                words: dict[str, int] = {}
                if stamp is not None:
                    try:
                        words = json.loads(path.read_text(encoding="utf-8"))
                    except (OSError, ValueError):
                        words = {}
                self._vocab = Vocabulary(words)
                self._vocab_stamp = stamp
            return self._vocab

    def _merge_vocabulary(self, new: dict[str, int]) -> None:
        if not new:
            return
        with self._lock:
            words = dict(self.vocabulary().words)
            for w, n in new.items():
                n += words.get(w, 0)
                if n > 0:
                    words[w] = n
                else:  # the last page with the word is gone
                    words.pop(w, None)
            path = self.directory / _VOCAB_FILE
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps(words, ensure_ascii=False, separators=(",", ":")),
                           encoding="utf-8")
            os.replace(tmp, path)
            self._vocab = None

    # ------------------------------------------------------------------ writing
    def writer(self) -> "IndexWriter":
        return IndexWriter(self)


class IndexWriter:
    """Adds and removes documents; nothing is visible until :meth:`commit`."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._w: Any = None
        self._new: Optional[_SegmentBuilder] = None  # pages added since the last flush
        self._done: list[Any] = []  # segments written, not yet committed
        self.pending_docs: list[int] = []
        self._words: dict[str, int] = {}

    def _writer(self) -> "_Writer":
        if self._w is None:
            # compound=False: Whoosh reads a compound segment into memory when it opens it
            # (a 100,000-page index: 1.1 GB of memory and 0.7 s per searcher).
            # Posting blocks are not zlib-compressed: compressing them cost about a tenth of
            # an import's time, for an index that is a local cache.
            self._w = _Writer(self._index.ix, compound=False,
                              codec=BrieferCodec(compression=0))
        return self._w

    def _builder(self) -> "_SegmentBuilder":
        if self._new is None:
            w = self._writer()
            self._new = _SegmentBuilder(w.storage, w.schema, w.codec, w.indexname)
        elif self._new.postings >= SEGMENT_POSTINGS:
            self._done.append(self._new.finish())
            self._new = None
            return self._builder()
        return self._new

    def delete_document(self, doc_id: int) -> None:
        self._writer().delete_by_term("doc", str(doc_id))
        if self._new is not None:
            self._new.delete_doc(doc_id)
        for seg in self._done:
            _delete_in_segment(seg, doc_id)

    def forget_words(self, pages: Iterable[Page]) -> None:
        """Take the words of ``pages`` (about to leave the index) out of the vocabulary."""
        words = self._words
        for p in pages:
            for word in surface_words(p.text):
                if len(word) <= 40 and not _CJK.search(word):
                    words[word] = words.get(word, 0) - 1

    def add_document(self, doc: Document, pages: Iterable[Page], replace: bool = True,
                     page_terms: Optional[list[list[str]]] = None,
                     count_words: "bool | Collection[int]" = True) -> int:
        """Index every page of ``doc``; returns the number of pages added.

        ``page_terms`` may carry each page's analysed terms, computed in a worker process
        with the same analysis; the text is then not analysed again here.
        ``count_words=False``: the pages' words are in the vocabulary already (the
        document is indexed again for new metadata, its text unchanged); a collection of
        page indexes: only those pages have new text (OCR).
        """
        if replace:
            self.delete_document(doc.id)
        b = self._builder()
        n = 0
        tags = ",".join(doc.tags)
        date = date_number(doc.date)
        words = self._words
        common = {"title": doc.title, "type": doc.doc_type, "issuer": doc.issuer or "",
                  "tag": tags, "lang": doc.language or "", "date": date}
        for p in pages:
            if page_terms is not None and p.index < len(page_terms) and p.text_source == "pdf":
                content = page_terms[p.index]
            else:  # "" keeps the place of a word with no term, as in the workers' lists
                content = term_texts(p.text)
            if count_words is True or (not isinstance(count_words, bool) and
                                       p.index in count_words):
                for word in surface_words(p.text):
                    if len(word) <= 40 and not _CJK.search(word):
                        words[word] = words.get(word, 0) + 1
            b.add_page(doc.id, content, pid=f"{doc.id}:{p.index}", doc=str(doc.id),
                       page=p.index, label=p.label, ocr=p.text_source == "ocr", **common)
            n += 1
        self.pending_docs.append(doc.id)
        return n

    def commit(self, merge: bool = True) -> list[int]:
        """Make the changes visible; returns the ids of the documents added since.

        ``merge=False`` only adds the new segment (cheap: for the periodic commits of an
        import); the next ordinary commit merges small segments again.
        """
        done = self.pending_docs
        self.pending_docs = []
        # The vocabulary first: killed in between, it has words the index lacks (they match
        # nothing), never the other way round (a wildcard would then miss pages).
        words, self._words = self._words, {}
        self._index._merge_vocabulary(words)
        if self._w is not None:
            segments, self._done = self._done, []
            if self._new is not None:
                if self._new.docnum:
                    segments.append(self._new.finish())
                else:
                    self._new.abandon()
                self._new = None
            for seg in segments:  # only needed until now; not for the table of contents
                seg.__dict__.pop("briefer_docs", None)
            self._w.commit_with(segments, merge=merge)
            self._w = None
        return done

    def cancel(self) -> None:
        self.pending_docs = []
        self._words = {}
        self._done = []
        if self._new is not None:
            self._new.abandon()  # its files are removed by the next commit
            self._new = None
        if self._w is not None:
            try:
                self._w.cancel()
            finally:
                self._w = None


# A segment being built is written out once it holds this many postings (about 100 bytes
# each in memory); the segments of one commit are then all added.
SEGMENT_POSTINGS = 2_000_000


# Merging: segments are grouped in levels of size (level = log4 of live pages); once a
# level holds MERGE_FACTOR segments they are merged into one of the next level. A page is
# rewritten about once per level, and a library of 100,000 pages has a handful of
# segments (each costs every search a little).
MERGE_FACTOR = 4


def _level(pages: int) -> int:
    level = 0
    while pages >= MERGE_FACTOR:
        pages //= MERGE_FACTOR
        level += 1
    return level


def plan_merges(segments: list[Any]) -> list[list[Any]]:
    """Groups of segments to merge into one each: MERGE_FACTOR segments of the same level
    (smallest level first, repeatedly, so a merge result may join a larger merge), and any
    segment with more than a third of its pages deleted (rewritten without them)."""
    items: list[tuple[int, list[Any]]] = [(sg.doc_count(), [sg]) for sg in segments]
    while True:
        by_level: dict[int, list[tuple[int, list[Any]]]] = {}
        for it in items:
            by_level.setdefault(_level(it[0]), []).append(it)
        full = [lvl for lvl, its in by_level.items() if len(its) >= MERGE_FACTOR]
        if not full:
            break
        group = sorted(by_level[min(full)], key=lambda it: it[0])[:MERGE_FACTOR]
        items = [it for it in items if all(it is not g for g in group)]
        items.append((sum(g[0] for g in group), [sg for g in group for sg in g[1]]))
    groups = [parts for _, parts in items if len(parts) > 1]
    for _, parts in items:
        sg = parts[0]
        if len(parts) == 1 and sg.doc_count_all() and \
                sg.doc_count() < sg.doc_count_all() * 2 / 3:
            groups.append(parts)
    return groups


class _Writer(SegmentWriter):
    """Whoosh's writer (the lock, deletions, the table of contents) that commits segments
    written by :class:`_SegmentBuilder` and merges old segments with :func:`merge_segments`
    instead of Whoosh's merge (which sends every posting through its sorting pool)."""

    def commit_with(self, segments: list[Any], merge: bool = True) -> None:
        self._check_state()
        final = list(self.segments) + segments
        if merge:
            for group in plan_merges(final):
                merged = merge_segments(self.storage, self.schema, self.codec,
                                        self.indexname, group)
                final = [sg for sg in final if all(sg is not g for g in group)]
                if merged is not None:
                    final.append(merged)
        self._close_segment()
        self._commit_toc(final)
        self._finish()


def read_block(postfile: Any, offset: int, length: int, compression: int, count: int,
               base: int = 0) -> tuple[list[int], Any, Any]:
    """Ids (plus ``base``), weights (a sequence, or None when all are 1.0) and values of
    one Whoosh 3 posting block whose values are variable-size byte strings (positions),
    in one ``pickle.loads`` instead of Whoosh's per-id generator."""
    raw = postfile.get(offset, length)
    if compression:
        raw = zlib.decompress(raw)
    deltas, weights, values = pickle.loads(raw)
    ids = list(accumulate(deltas, initial=base))[1:] if base else list(accumulate(deltas))
    if isinstance(weights, float):
        weights = [weights] * count
    return ids, weights, values


def _term_postings(m: Any, fast: bool) -> tuple[list[int], list[float], list[Any]]:
    """All postings of one term in one segment: ids, weights and values, block by block.

    ``fast``: values are variable-size byte strings (positions), decoded in one
    ``pickle.loads`` per block instead of Whoosh's per-id generator."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[Any] = []
    if isinstance(m, W3LeafMatcher):
        while True:
            if fast:
                bids, ws, vs = read_block(m._postfile, m._dataoffset,
                                          m._nextoffset - m._dataoffset, m._compression,
                                          m._blocklength)
                ids.extend(bids)
                weights.extend([1.0] * len(bids) if ws is None else ws)
                values.extend(vs)
            else:
                m._read_ids()
                m._read_weights()
                m._read_values()
                ids.extend(m._ids)
                weights.extend(m._weights)
                values.extend(m._values)
            if m._lastblock:
                break
            m._goto(m._nextoffset)
    else:  # postings kept inside the term's info
        while m.is_active():
            ids.append(m.id())
            weights.append(m.weight())
            values.append(m.value())
            m.next()
    return ids, weights, values


_LENGTH_OF_BYTE = [byte_to_length(b) if b else 0 for b in range(256)]


def merge_segments(storage: Any, schema: Any, codec: Any, indexname: str,
                   segments: list[Any]) -> Optional[Any]:
    """Write one segment with the live pages of ``segments``, in order; None if none.

    Streams term by term (terms come sorted out of every segment), so memory holds one
    term's postings at a time. Stored fields and field lengths are copied page by page;
    the field-length totals are carried over (a deleted page takes away its length as the
    index stored it, rounded to a byte: scores may move by a hair).
    """
    readers = [SegmentReader(storage, schema, sg) for sg in segments]
    try:
        docmaps: list[dict[int, int]] = []
        base = 0
        for r in readers:
            live = [d for d in range(r.doc_count_all()) if not r.is_deleted(d)]
            docmaps.append({d: base + k for k, d in enumerate(live)})
            base += len(live)
        if not base:
            return None
        newseg = codec.new_segment(storage, indexname)
        fields = [(name, schema[name]) for name in sorted(schema.names())]
        perdoc = codec.per_document_writer(storage, newseg)
        totals: dict[str, int] = {}
        lens: list[dict[str, bytes]] = []
        for r, sg, dm in zip(readers, segments, docmaps):
            n = r.doc_count_all()
            lb = {name: length_bytes(r._perdoc, name, n) for name, fobj in fields
                  if fobj.scorable}
            lens.append(lb)
            for name, total in getattr(sg, "_fieldlengths", {}).items():
                totals[name] = totals.get(name, 0) + total
            for d in range(n):
                if d not in dm:  # a deleted page: its length leaves the totals
                    for name, b in lb.items():
                        if b[d]:
                            totals[name] = totals.get(name, 0) - byte_to_length(b[d])
                    continue
                perdoc.start_doc(dm[d])
                stored = r.stored_fields(d)
                for name, fobj in fields:
                    length = byte_to_length(lb[name][d]) if name in lb and lb[name][d] else 0
                    perdoc.add_field(name, fobj, stored.get(name) if fobj.stored else None,
                                     length)
                perdoc.finish_doc()
        perdoc.close()
        newseg._fieldlengths = defaultdict(int, {k: max(0, v) for k, v in totals.items()})
        fw = codec.field_writer(storage, newseg)
        try:
            for name, fobj in fields:
                if not fobj.indexed:
                    continue
                lexicons = [r.lexicon(name) if name in r.indexed_field_names() else iter(())
                            for r in readers]
                started = False
                fast = fobj.format.fixed_value_size() is None  # positions: variable size
                for btext, _ in groupby(heapq.merge(*lexicons)):
                    flat: list[Any] = []
                    for r, dm, lb in zip(readers, docmaps, lens):
                        if (name, btext) not in r._terms:
                            continue
                        ids, weights, values = _term_postings(
                            r._terms.matcher(name, btext, fobj.format), fast)
                        lbytes = lb.get(name)
                        if not fast:
                            values = [b"" if v is None else v for v in values]
                        if len(dm) == r.doc_count_all():  # no deleted pages: shift only
                            off = dm[0] if dm else 0
                            new_ids = [d + off for d in ids]
                        else:
                            keep = [k for k, d in enumerate(ids) if d in dm]
                            if len(keep) < len(ids):
                                weights = [weights[k] for k in keep]
                                values = [values[k] for k in keep]
                                ids = [ids[k] for k in keep]
                            new_ids = [dm[d] for d in ids]
                        lengths = [_LENGTH_OF_BYTE[lbytes[d]] for d in ids] if lbytes \
                            else [0] * len(ids)
                        flat.extend(chain.from_iterable(zip(new_ids, weights, values, lengths)))
                    if not flat:
                        continue
                    if not started:
                        fw.start_field(name, fobj)
                        started = True
                    if fast:
                        _write_term(fw, btext, flat)
                    else:
                        fw.start_term(btext)
                        for i in range(0, len(flat), 4):
                            fw.add(flat[i], float(flat[i + 1]), flat[i + 2], flat[i + 3])
                        fw.finish_term()
                if started:
                    fw.finish_field()
        finally:
            fw.close()
        newseg.set_doc_count(base)
        return newseg
    finally:
        for r in readers:
            r.close()


def _delete_in_segment(segment: Any, doc_id: int) -> None:
    for docnum in getattr(segment, "briefer_docs", {}).get(doc_id, ()):
        segment.delete_document(docnum)


_BLOCK = 128  # postings per block, as Whoosh's codec writes them
_pack_int = struct.Struct("!i").pack
_pack_ushort = struct.Struct("!H").pack


def _write_term(fw: Any, btext: bytes, flat: list[Any]) -> None:
    """Write one term's postings, given flat as (page number, frequency, encoded positions,
    field length) * n, in the layout of Whoosh's ``W3PostingsWriter`` (blocks of 128 with
    their statistics, data pickled with protocol 4) and its entry in the term table."""
    postfile = fw._postfile
    start = postfile.tell()
    chunks = [WHOOSH3_HEADER_MAGIC]
    all_ids = flat[0::4]
    all_freqs = flat[1::4]
    all_vals = flat[2::4]
    all_lens = flat[3::4]
    n = len(all_ids)
    dumps = pickle.dumps
    for i in range(0, n, _BLOCK):
        ids = all_ids[i:i + _BLOCK]
        freqs = all_freqs[i:i + _BLOCK]
        lengths = all_lens[i:i + _BLOCK]
        deltas = [ids[0]]
        deltas += [b - a for a, b in zip(ids, ids[1:])]
        f0 = freqs[0]
        if freqs.count(f0) == len(freqs):
            mini_w: Any = None if f0 == 1 else float(f0)
        else:
            mini_w = tuple(map(float, freqs))
        data = dumps((tuple(deltas), mini_w, tuple(all_vals[i:i + _BLOCK])), 4)
        info = dumps((len(ids), ids[-1], float(max(freqs)), 0, length_to_byte(min(lengths)),
                      length_to_byte(max(lengths))), 2)
        size = len(info) + len(data)
        chunks += (_pack_int(-size if i + _BLOCK >= n else size), info, data)
    postfile.write(b"".join(chunks))
    ti = W3TermInfo(weight=float(sum(all_freqs)), df=n, minlength=min(all_lens),
                    maxlength=max(all_lens), maxweight=float(max(all_freqs)),
                    minid=all_ids[0], maxid=all_ids[-1])
    ti.set_extent(start, postfile.tell() - start)
    fw._tindex.add(_pack_ushort(fw._fieldid) + btext, ti.to_bytes())


class _SegmentBuilder:
    """Writes one Whoosh segment straight from pages whose terms are known.

    Whoosh's own writer turns every posting into a tuple, sorts them all in a pool and
    feeds them one by one through several layers (about 8 µs a posting in the parent
    process, most of an import's serial work). Here a page's ``content`` terms go
    straight into per-term lists of (page number, frequency, encoded positions, length)
    and each term's list is written once, in term order, with Whoosh's own codec. Other
    fields go through the field's own ``index()``, as in Whoosh. The files are ordinary
    Whoosh segment files; until the table of contents names the segment, Whoosh deletes
    them as leftovers.
    """

    def __init__(self, storage: Any, schema: Any, codec: Any, indexname: str) -> None:
        self.storage = storage
        self.schema = schema
        self.codec = codec
        self.segment = codec.new_segment(storage, indexname)
        self.segment.briefer_docs = {}  # document id -> page numbers in this segment
        self.perdoc = codec.per_document_writer(storage, self.segment)
        self.terms: dict[str, dict[Any, list[tuple]]] = {}
        self.docnum = 0
        self.postings = 0
        self._fields = [(name, schema[name]) for name in sorted(schema.names())]

    def add_page(self, doc_id: int, content: list[str] | tuple[str, ...], **values: Any
                 ) -> None:
        docnum = self.docnum
        perdoc = self.perdoc
        perdoc.start_doc(docnum)
        dumps = pickle.dumps
        for name, fobj in self._fields:
            length = 0
            if name in ("content", "pairs"):
                seq = content if name == "content" else pair_terms(content)
                poses: defaultdict[str, list[int]] = defaultdict(list)
                for pos, t in enumerate(seq):
                    poses[t].append(pos)
                poses.pop("", None)  # a place without a term
                length = sum(map(len, poses.values()))
                table = self.terms.setdefault(name, {})
                for t, pl in poses.items():
                    deltas = [pl[0]]
                    deltas += [b - a for a, b in zip(pl, pl[1:])]
                    # one flat list per term (4 slots a posting): a third of the memory of
                    # a tuple per posting
                    item = (docnum, len(pl), pack_uint(len(pl)) + dumps(deltas, 2), length)
                    got2 = table.get(t)
                    if got2 is None:
                        table[t] = list(item)
                    else:
                        got2 += item
                self.postings += len(poses)
                value: Any = None
            else:
                value = values.get(name)
                if value is None:
                    continue
                if fobj.indexed:
                    table = self.terms.setdefault(name, {})
                    items = list(fobj.index(value))
                    if fobj.scorable:
                        length = sum(freq for _, freq, _, _ in items)
                    for btext, freq, weight, vbytes in items:
                        table.setdefault(btext, []).append((docnum, weight, vbytes, length))
                    self.postings += len(items)
            perdoc.add_field(name, fobj, value if fobj.stored else None, length)
            column = fobj.column_type
            if column and value is not None:
                perdoc.add_column_value(name, column, fobj.to_column_value(value))
        perdoc.finish_doc()
        self.segment.briefer_docs.setdefault(doc_id, []).append(docnum)
        self.docnum += 1

    def delete_doc(self, doc_id: int) -> None:
        _delete_in_segment(self.segment, doc_id)

    def finish(self) -> Any:
        """Write the postings and return the segment, ready for the table of contents."""
        self.perdoc.close()
        fw = self.codec.field_writer(self.storage, self.segment)
        try:
            for name in sorted(self.terms):
                table = self.terms[name]
                if not table:
                    continue
                fobj = self.schema[name]
                fw.start_field(name, fobj)
                # UTF-8 keeps code point order, so str and bytes sort alike
                if name in ("content", "pairs") and fobj.format.fixed_value_size() is None:
                    for key in sorted(table):
                        _write_term(fw, key.encode("utf-8"), table[key])
                else:
                    for key in sorted(table):
                        fw.start_term(key.encode("utf-8") if isinstance(key, str) else key)
                        add = fw.add
                        for docnum, weight, vbytes, length in table[key]:
                            add(docnum, weight, vbytes, length)
                        fw.finish_term()
                fw.finish_field()
        finally:
            fw.close()
        self.terms = {}
        self.segment.set_doc_count(self.docnum)
        return self.segment

    def abandon(self) -> None:
        self.terms = {}
        try:
            self.perdoc.close()
        except Exception:  # the files are removed as leftovers anyway
            log.debug("closing an abandoned segment", exc_info=True)


class Snapshot:
    """A Whoosh searcher plus page-number lookups: Whoosh page number -> catalog document id.

    The index keeps a document's pages together and in order, so sorting hits by
    (document, Whoosh page number) gives document and page order without stored fields.
    """

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        reader = searcher.reader()
        n = reader.doc_count_all()
        self.doc_of = array("l", [-1]) * n
        self.pages_of: dict[int, Any] = {}
        for t in reader.lexicon("doc"):
            doc_id = int(t.decode() if isinstance(t, bytes) else t)
            nums = array("l", reader.postings("doc", t).all_ids())
            self.pages_of[doc_id] = nums
            for k in nums:
                self.doc_of[k] = doc_id

        self._engine: Any = None

    def engine(self) -> Any:
        """The query evaluator for this snapshot (it caches field lengths and postings)."""
        if self._engine is None:
            from briefer.core.index.engine import Engine

            self._engine = Engine(self.searcher)
        return self._engine

    def close(self) -> None:
        self._engine = None
        try:
            self.searcher.close()
        except Exception:
            pass


def _edits1(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


class Vocabulary:
    """Folded, unstemmed words of the indexed pages and on how many pages each was seen.

    The index holds stems ("coordin"); prefixes, wildcards, fuzzy terms and spelling
    suggestions need the words people type ("coordinator"). Counts are added when pages
    are indexed and taken back when a document is removed; a document indexed again for
    new metadata is not counted again. OCR that replaces a page's text adds the new words
    without taking the old ones back (a stale word simply finds nothing). The vocabulary
    is rebuilt with the index.
    """

    def __init__(self, words: dict[str, int]) -> None:
        self.words = words
        self._sorted: Optional[list[str]] = None
        self._deletes: Optional[dict[str, list[str]]] = None
        self._by_stem: Optional[dict[str, list[str]]] = None

    def __len__(self) -> int:
        return len(self.words)

    def sorted_words(self) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self.words)
        return self._sorted

    def words_of_stem(self, stem: str) -> list[str]:
        """The words whose index term is ``stem`` ("block" -> block, blocks, blocking)."""
        if self._by_stem is None:
            by_stem: dict[str, list[str]] = {}
            for w in self.words:
                by_stem.setdefault(normalise_word(w), []).append(w)
            self._by_stem = by_stem
        return self._by_stem.get(stem, [])

    def with_prefix(self, prefix: str) -> list[str]:
        import bisect

        words = self.sorted_words()
        i = bisect.bisect_left(words, prefix)
        out = []
        while i < len(words) and words[i].startswith(prefix):
            out.append(words[i])
            i += 1
        return out

    def near(self, word: str, max_distance: int) -> list[str]:
        """Words within ``max_distance`` edits (1 or 2) of ``word``, most frequent first."""
        if self._deletes is None:
            index: dict[str, list[str]] = {}
            for w in self.words:
                if len(w) < 3 or w.isdigit():
                    continue
                for d in _edits1(w):
                    index.setdefault(d, []).append(w)
            self._deletes = index
        keys = _edits1(word) | {word}
        cands: set[str] = set()
        for k in keys:
            cands.update(self._deletes.get(k, ()))
            if k in self.words:
                cands.add(k)
        if max_distance >= 2:
            for k in list(keys):
                for d in _edits1(k):
                    cands.update(self._deletes.get(d, ()))
            # Some words two edits away need two deletions on their side ("protecti" ->
            # "protection"), which the table does not hold: longer words that share the
            # first two letters are checked too (the distance check below rejects most
            # of them within a few letters).
            if len(word) >= 2:
                cands.update(w for w in self.with_prefix(word[:2])
                             if 0 < len(w) - len(word) <= max_distance)
        out = [c for c in cands if levenshtein(word, c, max_distance) <= max_distance]
        out.sort(key=lambda c: (-self.words.get(c, 0), c))
        return out


def levenshtein(a: str, b: str, limit: int = 1 << 30) -> int:
    """Edit distance (insert, delete, substitute, adjacent swap), stopping past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        best = cur[0]
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]
