"""Index segments: written straight from analysed pages, and merged, without Whoosh's pool.

Whoosh's own writer turns every posting into a tuple, sorts them all in a pool and feeds
them one by one through several layers (about 8 µs a posting in the parent process, most
of an import's serial work). :class:`SegmentBuilder` puts a page's ``content`` and
``pairs`` terms straight into per-term flat lists of (page number, frequency, encoded
positions, field length) and writes each term's list once, in term order, in Whoosh's own
layout; a document's metadata fields are analysed once for all its pages. The files are
ordinary Whoosh segment files; until the table of contents names the segment, Whoosh
deletes them as leftovers, so a crash never shows half a segment.

:func:`merge_segments` joins segments term by term (terms come sorted out of every
segment, so memory holds one term's postings at a time); :func:`plan_merges` says which.
The private layout details these need are in ``whoosh_format.py``.
"""

from __future__ import annotations

import heapq
import logging
import pickle
from itertools import chain, groupby
from typing import Any, Iterable, Optional

from whoosh.reading import SegmentReader
from whoosh.system import pack_uint
from whoosh.util.numeric import byte_to_length

from briefer.core.index import whoosh_format as wf
from briefer.core.index.schema import COMMON_TERMS, PAIR_SEP, TEXT_FIELDS

log = logging.getLogger(__name__)

# A segment being built is written out once it holds this many postings (about 100 bytes
# each in memory); the segments of one commit are then all added.
SEGMENT_POSTINGS = 2_000_000

# Merging: segments are grouped in levels of size (level = log4 of live pages); once a
# level holds MERGE_FACTOR segments they are merged into one of the next level. A page is
# rewritten about once per level, and a library of 100,000 pages has a handful of
# segments (each costs every search a little).
MERGE_FACTOR = 4

# Whoosh's encoding of the position list [p], by p (most terms are once on a page): a
# constant table, extended when a longer page comes (never a cache of data).
_SINGLE: list[bytes] = []


def _post(table: dict[str, list[Any]], poses: dict[str, list[int]], docnum: int,
          length: int) -> None:
    """Add one page's postings to ``table``: for each term of ``poses`` (term → its
    positions on the page) the page number, the count, the encoded positions and the
    field's length, appended to the term's one flat list (four slots a posting: a third of
    the memory of a tuple per posting)."""
    single, dumps = _SINGLE, pickle.dumps
    for t, pl in poses.items():
        k = len(pl)
        if k == 1:
            enc = single[pl[0]]
        else:
            deltas = [pl[0]]
            deltas += [b - a for a, b in zip(pl, pl[1:])]
            enc = pack_uint(k) + dumps(deltas, 2)
        got = table.get(t)
        if got is None:
            table[t] = [docnum, k, enc, length]
        else:
            got += (docnum, k, enc, length)

def _single(pos: int) -> bytes:
    """Whoosh's encoding of the position list ``[pos]``."""
    while len(_SINGLE) <= pos:
        _SINGLE.extend(pack_uint(1) + pickle.dumps([p], 2)
                       for p in range(len(_SINGLE), max(len(_SINGLE) * 2, 1024)))
    return _SINGLE[pos]


class SegmentBuilder:
    """Builds one segment from pages whose terms are known (see the module docstring)."""

    def __init__(self, storage: Any, schema: Any, codec: Any, indexname: str) -> None:
        self.storage = storage
        self.schema = schema
        self.codec = codec
        self.segment = codec.new_segment(storage, indexname)
        self.perdoc = codec.per_document_writer(storage, self.segment)
        self.text: dict[str, dict[str, list[Any]]] = {name: {} for name in TEXT_FIELDS}
        self.other: dict[str, dict[bytes, list[tuple[Any, ...]]]] = {}
        self.docs: dict[int, list[int]] = {}  # document id -> page numbers in this segment
        self.docnum = 0
        self.postings = 0

    def _prepare(self, values: dict[str, Any]) -> list[tuple[Any, ...]]:
        """(name, field, stored value, postings, length, column value) of the fields other
        than the page's text, analysed once."""
        out = []
        for name, value in values.items():
            if value is None or name in TEXT_FIELDS:
                continue
            fobj = self.schema[name]
            items: list[tuple[Any, ...]] = []
            length = 0
            if fobj.indexed:
                items = list(fobj.index(value))
                if fobj.scorable:
                    length = sum(freq for _, freq, _, _ in items)
            column = fobj.to_column_value(value) if fobj.column_type else None
            out.append((name, fobj, value if fobj.stored else None, items, length, column))
        return out

    def add_document(self, doc_id: int, common: dict[str, Any],
                     pages: Iterable[tuple[list[str] | tuple[str, ...], dict[str, Any]]]
                     ) -> int:
        """Add a document's pages: ``common`` field values for all of them, and per page its
        terms ("" holds the place of a word without a term) and its own field values."""
        shared = self._prepare(common)
        text_fields = {name: self.schema[name] for name in TEXT_FIELDS}
        content_field, pairs_field = text_fields["content"], text_fields["pairs"]
        content_table = self.text["content"]
        pairs_table = self.text["pairs"]
        perdoc = self.perdoc
        common_terms = COMMON_TERMS.__contains__
        single = _SINGLE
        mine = self.docs.setdefault(doc_id, [])
        n = 0
        for content, own in pages:
            docnum = self.docnum
            perdoc.start_doc(docnum)
            if len(content) >= len(single):
                _single(len(content))
            # content: positions of each term, then one posting per term
            poses: dict[str, Any] = {}
            for pos, t in enumerate(content):
                got = poses.get(t)
                if got is None:
                    poses[t] = [pos]
                else:
                    got.append(pos)
            poses.pop("", None)  # a place without a term
            length = len(content) - content.count("")
            _post(content_table, poses, docnum, length)
            self.postings += len(poses)
            if length:
                perdoc.add_field("content", content_field, None, length)
            # pairs: where two common words follow each other (found with bytes.find, in C;
            # the same pairs as schema.pair_terms)
            flags = bytes(map(common_terms, content))
            at = flags.find(b"\x01\x01")
            if at >= 0:
                pposes: dict[str, list[int]] = {}
                while at >= 0:
                    pair = content[at] + PAIR_SEP + content[at + 1]
                    got = pposes.get(pair)
                    if got is None:
                        pposes[pair] = [at]
                    else:
                        got.append(at)
                    at = flags.find(b"\x01\x01", at + 1)
                plength = sum(map(len, pposes.values()))
                _post(pairs_table, pposes, docnum, plength)
                self.postings += len(pposes)
                perdoc.add_field("pairs", pairs_field, None, plength)
            for name, fobj, stored, items, flen, column in chain(shared, self._prepare(own)):
                if items:
                    table2 = self.other.setdefault(name, {})
                    for btext, _freq, weight, vbytes in items:
                        table2.setdefault(btext, []).append((docnum, weight, vbytes, flen))
                    self.postings += len(items)
                if stored is not None or flen:
                    perdoc.add_field(name, fobj, stored, flen)
                if column is not None:
                    perdoc.add_column_value(name, fobj.column_type, column)
            perdoc.finish_doc()
            mine.append(docnum)
            self.docnum += 1
            n += 1
        return n

    def delete_doc(self, doc_id: int) -> None:
        for docnum in self.docs.get(doc_id, ()):
            self.segment.delete_document(docnum)

    def finish(self) -> Any:
        """Write the postings and return the segment, ready for the table of contents."""
        self.perdoc.close()
        fw = self.codec.field_writer(self.storage, self.segment)
        try:
            for name in sorted(set(self.text) | set(self.other)):
                if name in self.text:
                    table: dict[Any, Any] = self.text[name]
                    if not table:
                        continue
                    fw.start_field(name, self.schema[name])
                    # UTF-8 keeps code point order, so str and bytes sort alike
                    for key in sorted(table):
                        wf.write_term(fw, key.encode("utf-8"), table[key])
                else:
                    table = self.other[name]
                    fw.start_field(name, self.schema[name])
                    for key in sorted(table):
                        fw.start_term(key)
                        add = fw.add
                        for docnum, weight, vbytes, length in table[key]:
                            add(docnum, weight, vbytes, length)
                        fw.finish_term()
                fw.finish_field()
        finally:
            fw.close()
        self.text = {name: {} for name in TEXT_FIELDS}
        self.other = {}
        self.segment.set_doc_count(self.docnum)
        return self.segment

    def abandon(self) -> None:
        self.text = {name: {} for name in TEXT_FIELDS}
        self.other = {}
        try:
            self.perdoc.close()
        except Exception:  # the files are removed as leftovers anyway
            log.debug("closing an abandoned segment", exc_info=True)


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


def merge_planned(storage: Any, schema: Any, codec: Any, indexname: str,
                  segments: list[Any]) -> list[Any]:
    """``segments`` after the merges :func:`plan_merges` asks for."""
    final = list(segments)
    for group in plan_merges(final):
        merged = merge_segments(storage, schema, codec, indexname, group)
        final = [sg for sg in final if all(sg is not g for g in group)]
        if merged is not None:
            final.append(merged)
    return final


def merge_segments(storage: Any, schema: Any, codec: Any, indexname: str,
                   segments: list[Any]) -> Optional[Any]:
    """Write one segment with the live pages of ``segments``, in order; None if none.

    Stored fields and field lengths are copied page by page; the field-length totals are
    carried over (a deleted page takes away its length as the index stored it, rounded
    to a byte: scores may move by a hair).
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
            lb = {name: wf.length_bytes(r, name, n) for name, fobj in fields
                  if fobj.scorable}
            lens.append(lb)
            for name, total in wf.field_length_totals(sg).items():
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
                    value = stored.get(name) if fobj.stored else None
                    if value is not None or length:
                        perdoc.add_field(name, fobj, value, length)
                perdoc.finish_doc()
        perdoc.close()
        wf.set_field_length_totals(newseg, totals)
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
                        if not wf.has_term(r, name, btext):
                            continue
                        ids, weights, values = wf.term_postings(r, name, btext, fobj.format,
                                                                fast)
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
                        lengths = [wf.LENGTH_OF_BYTE[lbytes[d]] for d in ids] if lbytes \
                            else [0] * len(ids)
                        flat.extend(chain.from_iterable(zip(new_ids, weights, values, lengths)))
                    if not flat:
                        continue
                    if not started:
                        fw.start_field(name, fobj)
                        started = True
                    if fast:
                        wf.write_term(fw, btext, flat)
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
