"""Two versions' provisions aligned: by number first, by text where the numbering moved.

Each provision is compared on its *words* (:func:`words_key`): quotes, dashes, brackets
and hyphens inside a word are made alike, so a line break, a word hyphenated at a line
end, a page break or an amendment bracket is never a change; nor is a space that one
typesetting puts before a bracket or a rule of underscores and the other does not
(:func:`loose_text`). Case and punctuation are kept: "may" → "shall" and "Authority" →
"authority" are changes.

First, provisions whose words and the words of everything under them are the same and
found once in each version are paired with their whole subtree (the number aside: the
bulk of a renumbered text, in linear time). The rest is aligned down the tree, one depth
at a time (a rule before its sub-rules, those before their clauses), so that a child is
placed knowing where its parent went. For a provision of the later version the
candidates are: the earlier provision with the same number; the earlier children of the
provision its parent was paired with; the earlier provision next to the pair of its
neighbour (an edited rule inside a renumbered run); an earlier provision with exactly
the same words; the few earlier ones sharing most of its rarest runs of three words (an
index of those runs, so that two 200-page documents are not compared every provision
against every other); and, in a report, the sections under a like heading. A
candidate's score is its similarity (:func:`similarity`: the words in order for its own
text, blended with the bag of words of everything under it when it has children; the bag
alone for a section of thousands of words), plus a bonus for the same number, for
parents paired with each other, for keeping its neighbours' order and for a like
heading; the best-scoring candidates are taken first. A pair needs a similarity of at
least :data:`NEAR` with the same number, paired parents or neighbours, :data:`FAR`
without (a report section under a like heading needs none); short texts (a few words)
without the same number only when they are identical.

The text before the first provision of one version is always paired with that of the
other (a masthead read as a "PART II" heading in one of them must not take its place).

A pair is then marked, first that applies: *moved* when it is out of order (not in the
longest run of pairs that keep their order in both versions), *renumbered* when its
number changed (a report's sections are keyed by heading: a new heading is rewording),
*reworded* when its words changed, else *unchanged*. What is left is *added* (later
only) or *removed* (earlier only, listed where it stood).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Optional

from briefer.core.compare.model import Pair, Part, WordOp

__all__ = ["compare_parts", "words_key", "loose_text", "similarity", "word_diff", "NEAR",
           "FAR"]

NEAR = 0.45     # similarity enough for a pair with the same number or paired parents
FAR = 0.7       # similarity enough for a pair found by its words alone
TITLED = 0.6    # report sections whose headings are this alike are one section rewritten
SHORT = 5       # words: a text this short is paired on its words alone only if identical
_SAME_KEY = 0.15
_SAME_PARENT = 0.2
_SAME_TITLE = 0.3
_SECTIONS = 400  # report sections compared heading against heading, at most
_SHINGLE = 3
_IN_ORDER = 0.1
_CANDIDATES = 4  # best candidates by shared word runs, per provision
_RAREST = 8      # the word runs of a provision that nominate candidates: its rarest
_COMMON = 400    # a word run in more provisions than this nominates none
_BIG = 2500      # words: past this, the diff ignores very common words as anchors

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-", "\u2212": "-", "[": None, "]": None,
                       "\u00ad": None})


@lru_cache(maxsize=1 << 16)
def words_key(word: str) -> str:
    """A word as compared: quotes, dashes and ligatures alike, brackets and the hyphens
    inside a word dropped ("seventy-two" is "seventytwo", as a line-end break may print
    it)."""
    w = unicodedata.normalize("NFKC", word).translate(_FOLD)
    if len(w) > 1:
        w = re.sub(r"(?<=\w)[-\u2010\u2011](?=\w)", "", w)
    return w


def _words(text: str) -> list[str]:
    return text.split()


_SPACING = re.compile(r"[\s_\-\u2010\u2011]+")


def loose_text(text: str) -> str:
    """The text with everything a layout may change taken out: white space (so "l[x]"
    is "l [x]"), underscores drawn as rules (": ___"), brackets, hyphens, quote and dash
    shapes. Two provisions alike in this form are unchanged."""
    return _SPACING.sub("", unicodedata.normalize("NFKC", text).translate(_FOLD))


# ---------------------------------------------------------------------- keys

_ANNOTATION = re.compile(r",\s[^,()]*$")  # "5(2), proviso", "25, Explanation 2"


def _numbered(key: str) -> bool:
    """Whether a key is a number path (a legal text's), not a report's heading."""
    return key == "" or bool(re.match(r"\d|\(|(?:Chapter|Part|Schedule)\s|\w+ Schedule", key))


def _fold_key(key: str) -> str:
    key = re.sub(r"\s#\d+$", "", key)
    if _numbered(key):
        return key
    return " ".join(unicodedata.normalize("NFKC", key).translate(_FOLD).lower().split()
                    ).strip(" .:")


def _parent_key(key: str) -> Optional[str]:
    """"5(1)(b)" → "5(1)"; "5(2), proviso" → "5(2)"; "5" → None."""
    key = re.sub(r"\s#\d+$", "", key)
    if not _numbered(key) or not key:
        return None
    m = _ANNOTATION.search(key)
    if m:
        return key[:m.start()]
    m = re.search(r"\([^()]*\)$", key)
    if m and m.start() > 0:
        return key[:m.start()]
    return None


def _local(key: str) -> str:
    """The last step of a key: "5(1)(b)" → "(b)", "5(2), proviso" → ", proviso"."""
    parent = _parent_key(key)
    return key[len(parent):] if parent else key


# ---------------------------------------------------------------------- similarity

@dataclass
class _Node:
    part: Part
    index: int
    words: list[str]        # the text's words as printed
    keys: list[str]         # the same, as compared
    fkey: str
    parent: Optional["_Node"] = None
    children: list["_Node"] = field(default_factory=list)
    depth: int = 0
    bag: Counter[str] = field(default_factory=Counter)  # words of the part and all under it
    size: int = 0
    pair: Optional["_Node"] = None
    sig: tuple[object, ...] = ()
    title: list[str] = field(default_factory=list)  # the heading's words, as compared
    whole: int = 0          # a hash of its words and of everything under it
    prev: Optional["_Node"] = None  # the provision before it at its depth
    next: Optional["_Node"] = None


def _nodes(parts: list[Part]) -> list[_Node]:
    out: list[_Node] = []
    by_key: dict[str, _Node] = {}
    for i, p in enumerate(parts):
        ws = _words(p.text)
        n = _Node(p, i, ws, [words_key(w) for w in ws], _fold_key(p.key))
        pk = _parent_key(p.key)
        while pk is not None and pk not in by_key:
            pk = _parent_key(pk)
        if pk is not None:
            n.parent = by_key[pk]
            n.parent.children.append(n)
            n.depth = n.parent.depth + 1
        by_key.setdefault(re.sub(r"\s#\d+$", "", p.key), n)
        n.sig = tuple(n.keys)
        n.title = [words_key(w).lower().strip(".:") for w in p.heading.split()]
        out.append(n)
    for n in reversed(out):  # children come after their parent
        n.bag.update(n.keys)
        n.size += len(n.keys)
        n.whole = hash((n.sig, tuple(c.whole for c in n.children)))
        if n.parent is not None:
            n.parent.bag.update(n.bag)
            n.parent.size += n.size
    last: dict[int, _Node] = {}
    for n in out:
        before = last.get(n.depth)
        if before is not None:
            n.prev, before.next = before, n
        last[n.depth] = n
    return out


def _matcher(a: list[str], b: list[str]) -> SequenceMatcher[str]:
    return SequenceMatcher(None, a, b, autojunk=max(len(a), len(b)) > _BIG)


def similarity(a: list[str], b: list[str], floor: float = 0.0) -> float:
    """Words in order, 0..1 (difflib's ratio); a cheap upper bound first, so a pair that
    cannot reach ``floor`` costs little."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    m = _matcher(a, b)
    if m.real_quick_ratio() < floor or m.quick_ratio() < floor:
        return m.quick_ratio() * 0.5
    return m.ratio()


def _dice(a: Counter[str], b: Counter[str], na: int, nb: int) -> float:
    if not na and not nb:
        return 1.0
    if not na or not nb:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    common = sum(min(v, b.get(w, 0)) for w, v in a.items())
    return 2.0 * common / (na + nb)


def _score_sim(e: _Node, lt: _Node, floor: float) -> float:
    if max(len(e.keys), len(lt.keys)) > _BIG:  # a long section: its words, not their order
        return _dice(e.bag, lt.bag, e.size, lt.size)
    own = similarity(e.keys, lt.keys, floor if not (e.children or lt.children) else 0.0)
    if not (e.children or lt.children):
        return own
    return 0.4 * own + 0.6 * _dice(e.bag, lt.bag, e.size, lt.size)


# ---------------------------------------------------------------------- pairing

def _shingles(keys: list[str]) -> set[tuple[str, ...]]:
    if len(keys) < _SHINGLE:
        return {tuple(keys)} if keys else set()
    return {tuple(keys[i:i + _SHINGLE]) for i in range(len(keys) - _SHINGLE + 1)}


def _pair_level(es: list[_Node], ls: list[_Node]) -> None:
    """Pair the unpaired provisions of one depth (see the module docstring)."""
    if not es or not ls:
        return
    by_key: dict[str, list[_Node]] = defaultdict(list)
    by_sig: dict[tuple[object, ...], list[_Node]] = defaultdict(list)
    postings: dict[tuple[object, ...], list[_Node]] = defaultdict(list)
    sections = [e for e in es if not _numbered(e.part.key)]
    index = {e.index: e for e in es}
    for e in es:
        by_key[e.fkey].append(e)
        by_sig[e.sig].append(e)
        for s in _shingles(e.keys):
            postings[s].append(e)
    scored: list[tuple[float, int, int, _Node, _Node, float]] = []
    for lt in ls:
        cands: dict[int, _Node] = {}
        for e in by_key.get(lt.fkey, ()):
            cands[e.index] = e
        if lt.parent is not None and lt.parent.pair is not None:
            for e in lt.parent.pair.children:
                if e.pair is None and e.depth == lt.depth:
                    cands[e.index] = e
        for e in by_sig.get(lt.sig, ())[:_CANDIDATES]:
            cands[e.index] = e
        follows: set[int] = set()  # continues the order of its neighbours' pairs
        if lt.prev is not None and lt.prev.pair is not None and lt.prev.pair.next is not None:
            follows.add(lt.prev.pair.next.index)
        if lt.next is not None and lt.next.pair is not None and lt.next.pair.prev is not None:
            follows.add(lt.next.pair.prev.index)
        for i in follows:
            if i in index:
                cands[i] = index[i]
        shared: Counter[int] = Counter()
        runs = [(len(postings[s]), s) for s in _shingles(lt.keys) if s in postings]
        for _n, s in sorted(runs)[:_RAREST]:  # the rarest runs of words nominate
            post = postings[s]
            if len(post) <= _COMMON:
                for e in post:
                    shared[e.index] += 1
        for i, _n in shared.most_common(_CANDIDATES):
            cands[i] = index[i]
        titled: dict[int, float] = {}
        if not _numbered(lt.part.key) and len(sections) <= _SECTIONS:
            for e in sections:
                hs = 1.0 if e.fkey == lt.fkey else similarity(e.title, lt.title, TITLED)
                if hs >= TITLED:
                    cands[e.index] = e
                    titled[e.index] = hs
        for e in cands.values():
            family = (e.parent is None and lt.parent is None) or (
                lt.parent is not None and lt.parent.pair is e.parent and e.parent is not None)
            same_key = e.fkey == lt.fkey or (family and e.parent is not None
                                            and _local(e.part.key) == _local(lt.part.key))
            bonus = (_SAME_KEY if same_key else 0.0) + (_SAME_PARENT if family else 0.0) + (
                _IN_ORDER if e.index in follows else 0.0)
            need = NEAR if same_key or e.index in follows or (
                family and e.parent is not None) else FAR
            if e.index in titled:  # a report's section under the same (or a like) heading
                bonus, need = _SAME_TITLE * titled[e.index], 0.0
            sim = _score_sim(e, lt, need)
            short = min(len(e.keys), len(lt.keys)) < SHORT and not (e.children or lt.children)
            if sim < need or (short and not same_key and sim < 1.0):
                continue
            scored.append((sim + bonus, -abs(e.index - lt.index), -lt.index, e, lt, sim))
    scored.sort(key=lambda t: t[:3], reverse=True)
    for _score, _d, _i, e, lt, _sim in scored:
        if e.pair is None and lt.pair is None:
            e.pair, lt.pair = lt, e


def _anchor(es: list[_Node], ls: list[_Node]) -> None:
    """Pair provisions whose words, and the words of everything under them, are the same
    and found once in each version (its number aside), with everything under them; the
    bulk of two versions, in time linear in their length."""
    count_e = Counter(e.whole for e in es)
    count_l = Counter(lt.whole for lt in ls)
    first_e = {e.whole: e for e in reversed(es)}

    def pair(e: _Node, lt: _Node) -> None:
        if e.pair is not None or lt.pair is not None:
            return
        e.pair, lt.pair = lt, e
        for ce, cl in zip(e.children, lt.children):
            pair(ce, cl)

    for lt in ls:
        if lt.pair is not None or lt.size < SHORT or count_l[lt.whole] != 1:
            continue
        if count_e.get(lt.whole) == 1:
            e = first_e[lt.whole]
            if e.pair is None and len(e.children) == len(lt.children):
                pair(e, lt)


def _in_order(pairs: list[tuple[_Node, _Node]]) -> set[int]:
    """Indices (into ``pairs``, sorted by the later position) of the longest run whose
    earlier positions also increase: the pairs that kept their order."""
    tails: list[int] = []
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for k, (e, _l) in enumerate(pairs):
        j = bisect_left(tails, e.index)
        if j == len(tails):
            tails.append(e.index)
            tail_at.append(k)
        else:
            tails[j] = e.index
            tail_at[j] = k
        back[k] = tail_at[j - 1] if j else -1
    keep: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add(k)
        k = back[k]
    return keep


def word_diff(earlier: list[str], later: list[str],
              matcher: Optional[SequenceMatcher[str]] = None) -> tuple[WordOp, ...]:
    """The word-level difference of two texts' words (as printed), compared by
    :func:`words_key` (``matcher``: one already made on those keys). Every step but the
    first starts with a space."""
    m = matcher or _matcher([words_key(w) for w in earlier], [words_key(w) for w in later])
    ops: list[WordOp] = []

    def add(op: str, words: list[str]) -> None:
        if words:
            lead = " " if ops else ""
            ops.append(WordOp(op, lead + " ".join(words)))  # type: ignore[arg-type]

    for tag, i1, i2, j1, j2 in m.get_opcodes():
        if tag == "equal":
            add("equal", later[j1:j2])
        else:
            add("delete", earlier[i1:i2])
            add("insert", later[j1:j2])
    return tuple(ops)


def _pair_of(e: _Node, lt: _Node, moved: bool) -> Pair:
    same_words = e.keys == lt.keys or loose_text(e.part.text) == loose_text(lt.part.text)
    sim = 1.0
    words: tuple[WordOp, ...] = ()
    if not same_words:
        m = _matcher(e.keys, lt.keys)
        sim = m.ratio() if e.keys and lt.keys else 0.0
        words = word_diff(e.words, lt.words, m)
    if moved:
        change = "moved"
    elif e.fkey != lt.fkey and _numbered(e.part.key) and _numbered(lt.part.key):
        change = "renumbered"
    elif not same_words or e.fkey != lt.fkey:
        change = "reworded"
    else:
        change = "unchanged"
    if change == "reworded" and same_words:  # a report's heading alone changed
        words = word_diff([e.part.heading], [lt.part.heading]) if e.part.heading else ()
    return Pair(change, e.part, lt.part, round(sim, 4), words)  # type: ignore[arg-type]


def compare_parts(earlier: list[Part], later: list[Part]) -> tuple[Pair, ...]:
    """The provisions of two versions paired and marked (see the module docstring), in
    the later version's order with each removed provision where it stood."""
    es, ls = _nodes(earlier), _nodes(later)
    if es and ls and es[0].part.key == "" and ls[0].part.key == "":
        es[0].pair, ls[0].pair = ls[0], es[0]  # the two opening texts, whatever they say
    _anchor(es, ls)
    depths = sorted({n.depth for n in es} | {n.depth for n in ls})
    for d in depths:
        _pair_level([e for e in es if e.depth == d and e.pair is None],
                    [lt for lt in ls if lt.depth == d and lt.pair is None])
    # a second pass over what is left, any depth against any depth: a sub-rule that
    # became a rule of its own, or a clause moved under another sub-rule
    _pair_level([e for e in es if e.pair is None], [lt for lt in ls if lt.pair is None])
    paired = [(lt.pair, lt) for lt in ls if lt.pair is not None]
    keep = _in_order(paired)
    moved = {id(lt) for k, (_e, lt) in enumerate(paired) if k not in keep}
    # each removed provision goes after the later position of the earlier one before it
    removed_after: dict[int, list[_Node]] = defaultdict(list)
    anchor = -1  # later index after which removed ones go (-1: at the start)
    for e in es:
        if e.pair is not None:
            if id(e.pair) not in moved:
                anchor = e.pair.index
        else:
            removed_after[anchor].append(e)
    out: list[Pair] = [Pair("removed", e.part, None, 0.0) for e in removed_after[-1]]
    for lt in ls:
        if lt.pair is None:
            out.append(Pair("added", None, lt.part, 0.0))
        else:
            out.append(_pair_of(lt.pair, lt, id(lt) in moved))
        out.extend(Pair("removed", e.part, None, 0.0) for e in removed_after[lt.index])
    return tuple(out)
