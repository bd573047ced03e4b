"""Every use of Whoosh's private file layout, in one place, with a check that it still holds.

The index writes segments straight in Whoosh 3's layout and reads posting blocks straight
from its files (see ``segments.py`` and ``engine.py``): an import and a search each cost a
fraction of what Whoosh's own layers cost. That needs private parts of Whoosh — the
posting writer's block fields, the leaf matcher's block offsets, the per-document
reader's length column, the field writer's term table. They are all used here and
nowhere else, and :func:`layout_problem` checks them when an index is opened: if anything
differs (another Whoosh version, another codec), the index runs on Whoosh's public API
only (its writer, merge and searcher: slow but right) and the reason is logged. Nothing
here ever answers with empty results because a layout is unexpected: the check decides
before any search runs.
"""

from __future__ import annotations

import functools
import logging
import pickle
import struct
import zlib
from itertools import accumulate
from typing import Any, Optional

import whoosh
from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher,
                                  W3PostingsWriter, W3TermInfo, _lenfield)
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length, length_to_byte

log = logging.getLogger(__name__)

KNOWN_WHOOSH = (2, 7, 5)
BLOCK = 128  # postings per block, as Whoosh's codec writes them
LENGTH_OF_BYTE = [byte_to_length(b) if b else 0 for b in range(256)]
_pack_int = struct.Struct("!i").pack
_pack_ushort = struct.Struct("!H").pack

# Private attributes this module reads, checked on real objects by layout_problem().
_MATCHER_ATTRS = ("_postfile", "_dataoffset", "_nextoffset", "_blocklength", "_compression",
                  "_maxid", "_maxweight", "_minlength", "_lastblock", "_goto")


# ----------------------------------------------------------------------------- writing


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


class BrieferCodec(W3Codec):
    """Whoosh 3's codec with faster posting blocks (see :class:`_PostingsWriter`).

    Only writing differs; segments read the same with Whoosh's own codec. So a segment
    records (pickles, in the index's table of contents) Whoosh's ``W3Codec``, never this
    class: no path of Briefer's own is on disk, and moving this module cannot make a
    user's index unreadable (see ``schema.ANALYZER_NAME`` for the schema's part)."""

    def __reduce__(self) -> tuple[Any, tuple[int, int, int]]:
        return (W3Codec, (self._blocklimit, self._compression, self._inlinelimit))

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression,
                               inlinelimit=self._inlinelimit)


def write_term(fw: Any, btext: bytes, flat: list[Any]) -> None:
    """Write one term's postings through the field writer ``fw``, given ``flat`` as (page
    number, frequency, encoded positions, field length) * n, in the layout of Whoosh's
    ``W3PostingsWriter`` (blocks of 128 with their statistics, data pickled with protocol
    4) and its entry in the term table."""
    all_ids = flat[0::4]
    all_freqs = flat[1::4]
    all_vals = flat[2::4]
    all_lens = flat[3::4]
    n = len(all_ids)
    dumps = pickle.dumps
    maxf = max(all_freqs)
    minl = min(all_lens)
    maxl = max(all_lens)
    if n <= BLOCK:  # one block (most terms): its statistics are the term's
        deltas = [all_ids[0]]
        deltas += [b - a for a, b in zip(all_ids, all_ids[1:])]
        f0 = all_freqs[0]
        if f0 == maxf and all_freqs.count(f0) == n:
            mini_w: Any = None if f0 == 1 else float(f0)
        else:
            mini_w = tuple(map(float, all_freqs))
        data = dumps((tuple(deltas), mini_w, tuple(all_vals)), 4)
        info = dumps((n, all_ids[-1], float(maxf), 0, length_to_byte(minl),
                      length_to_byte(maxl)), 2)
        payload = b"".join((WHOOSH3_HEADER_MAGIC, _pack_int(-(len(info) + len(data))), info,
                            data))
    else:
        chunks = [WHOOSH3_HEADER_MAGIC]
        for i in range(0, n, BLOCK):
            ids = all_ids[i:i + BLOCK]
            freqs = all_freqs[i:i + BLOCK]
            lengths = all_lens[i:i + BLOCK]
            deltas = [ids[0]]
            deltas += [b - a for a, b in zip(ids, ids[1:])]
            f0 = freqs[0]
            if freqs.count(f0) == len(freqs):
                mini_w = None if f0 == 1 else float(f0)
            else:
                mini_w = tuple(map(float, freqs))
            data = dumps((tuple(deltas), mini_w, tuple(all_vals[i:i + BLOCK])), 4)
            info = dumps((len(ids), ids[-1], float(max(freqs)), 0,
                          length_to_byte(min(lengths)), length_to_byte(max(lengths))), 2)
            size = len(info) + len(data)
            chunks += (_pack_int(-size if i + BLOCK >= n else size), info, data)
        payload = b"".join(chunks)
    postfile = fw._postfile
    start = postfile.tell()
    postfile.write(payload)
    ti = W3TermInfo(weight=float(sum(all_freqs)), df=n, minlength=minl, maxlength=maxl,
                    maxweight=float(maxf), minid=all_ids[0], maxid=all_ids[-1])
    ti.set_extent(start, len(payload))
    fw._tindex.add(_pack_ushort(fw._fieldid) + btext, ti.to_bytes())


def field_length_totals(segment: Any) -> dict[str, int]:
    """The segment's total length per field (Whoosh keeps it on the segment object)."""
    return dict(getattr(segment, "_fieldlengths", {}))


def set_field_length_totals(segment: Any, totals: dict[str, int]) -> None:
    from collections import defaultdict

    segment._fieldlengths = defaultdict(int, {k: max(0, v) for k, v in totals.items()})


def segment_file_pattern(indexname: str) -> Any:
    """Whoosh's pattern of a segment's file names (a compiled regular expression); its
    group 1 is the segment's id as ``Segment.segment_id()`` gives it."""
    from whoosh.index import TOC

    return TOC._segment_pattern(indexname)


def index_segments(ix: Any) -> list[Any]:
    """The segments the index's table of contents names now."""
    return list(ix._segments())


# ----------------------------------------------------------------------------- reading


def segment_readers(reader: Any) -> list[tuple[Any, int]]:
    """(segment reader, first page number) of every segment that holds pages. An index
    whose pages were all deleted and merged away reads as Whoosh's ``EmptyReader``, which
    has no term table: it is left out, as are other empty segments."""
    return [(leaf, off) for leaf, off in reader.leaf_readers() if leaf.doc_count_all()]


def length_bytes(reader: Any, field: str, n_docs: int) -> bytes:
    """The length byte of ``field`` for every document of a segment reader (0: none)."""
    perdoc = reader._perdoc
    col = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    got = bytes(col._dbfile.get(col._basepos, col._count)) if col else b""
    if len(got) < n_docs:  # documents after the last one with a length have none
        got += bytes(n_docs - len(got))
    return got[:n_docs] if len(got) > n_docs else got


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


def has_term(reader: Any, field: str, btext: bytes) -> bool:
    return (field, btext) in reader._terms


class BlockList:
    """Where one term's posting blocks lie in a segment's postings file.

    ``blocks``: (data offset, data length, count, compression, last id, highest weight,
    shortest field length) per block."""

    __slots__ = ("file", "blocks")

    def __init__(self, file: Any, blocks: list[tuple[Any, ...]]) -> None:
        self.file = file
        self.blocks = blocks


def term_blocks(reader: Any, field: str, btext: bytes, fmt: Any) -> Any:
    """The term's postings in one segment: a :class:`BlockList`, or (ids, weights,
    values) when Whoosh keeps them inside the term's info (a term on very few pages);
    None when the segment does not have the term."""
    if (field, btext) not in reader._terms:
        return None
    m = reader._terms.matcher(field, btext, fmt)
    if isinstance(m, W3LeafMatcher):
        blocks = []
        while True:
            blocks.append((m._dataoffset, m._nextoffset - m._dataoffset, m._blocklength,
                           m._compression, m._maxid, m._maxweight, m._minlength))
            if m._lastblock:
                break
            m._goto(m._nextoffset)
        return BlockList(m._postfile, blocks)
    ids, weights, values = [], [], []
    positions = m.supports("positions")
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        values.append(m.value() if positions else None)
        m.next()
    return ids, weights, values


def term_postings(reader: Any, field: str, btext: bytes, fmt: Any, fast: bool
                  ) -> tuple[list[int], list[float], list[Any]]:
    """All postings of one term in one segment: ids, weights and values, block by block
    (``fast``: values are positions, decoded in one ``pickle.loads`` per block)."""
    ids: list[int] = []
    weights: list[float] = []
    values: list[Any] = []
    m = reader._terms.matcher(field, btext, fmt)
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


# ----------------------------------------------------------------------------- the check


def _missing(obj: Any, names: tuple[str, ...]) -> list[str]:
    return [n for n in names if not hasattr(obj, n)]


@functools.lru_cache(maxsize=1)
def _code_problem() -> Optional[str]:
    """What differs in the installed Whoosh's code (checked once per process)."""
    version = tuple(getattr(whoosh, "__version__", ())[:3])
    if version != KNOWN_WHOOSH:
        return (f"Whoosh {'.'.join(map(str, version))} is installed, and the fast search "
                f"engine knows Whoosh {'.'.join(map(str, KNOWN_WHOOSH))} only")
    try:
        from whoosh.filedb.structfile import StructFile
        import io

        pw = BrieferCodec(compression=0).postings_writer(StructFile(io.BytesIO()))
    except Exception as exc:  # a changed constructor
        return f"Whoosh's posting writer changed ({type(exc).__name__})"
    missing = _missing(pw, ("_blockcount", "_postfile", "_compression", "_terminfo"))
    missing += _missing(W3PostingsWriter, ("_write_block", "_mini_ids", "_mini_weights",
                                           "_mini_values", "_new_block"))
    missing += _missing(W3TermInfo, ("set_extent", "to_bytes", "add_block"))
    if missing:
        return "Whoosh's posting writer lacks " + ", ".join(sorted(set(missing)))
    return None


def layout_problem(ix: Any) -> Optional[str]:
    """Why this index cannot be read and written with the layout code here, or None.

    Checks the installed Whoosh and, on the open index, every segment's codec, reader
    and one real posting list (the ``doc`` field's first term, which every page has).
    """
    problem = _code_problem()
    if problem:
        return problem
    try:
        with ix.reader() as r:
            for leaf, _ in segment_readers(r):
                if not isinstance(leaf, SegmentReader):
                    return f"a segment is read by {type(leaf).__name__}"
                if not isinstance(leaf.codec(), W3Codec):
                    return f"a segment uses the codec {type(leaf.codec()).__name__}"
                missing = _missing(leaf, ("_terms", "_perdoc"))
                if missing:
                    return "Whoosh's segment reader lacks " + ", ".join(missing)
                col = leaf._perdoc._cached_reader(_lenfield("content"), LENGTHS_COLUMN)
                if col is not None and _missing(col, ("_dbfile", "_basepos", "_count")):
                    return "Whoosh's length column changed"
                first = next(iter(leaf.lexicon("doc")), None)
                if first is None:
                    continue
                m = leaf._terms.matcher("doc", first, leaf.schema["doc"].format)
                if isinstance(m, W3LeafMatcher) and _missing(m, _MATCHER_ATTRS):
                    return "Whoosh's posting reader lacks " + ", ".join(_missing(m, _MATCHER_ATTRS))
    except Exception as exc:
        return f"the index could not be checked ({type(exc).__name__}: {exc})"
    return None
