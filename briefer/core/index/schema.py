"""What the page index holds: its Whoosh schema, its version, and the word pairs.

One Whoosh document per PDF page. The schema, the analysis and the word pairs decide what
is on disk, so they change together with :data:`INDEX_SCHEMA_VERSION` (an index of
another version is rebuilt from the catalog when it is opened). Nothing here reads or
writes files.
"""

from __future__ import annotations

from whoosh import fields

from briefer.core.index.analysis import BrieferAnalyzer
from briefer.core.index.reading import date_number as date_number  # re-exported
from briefer.core.text.analysis import normalise_word

# Bump when the schema or the analysis changes: every index older than this is rebuilt.
# 2: word pairs ("pairs") and the surface-word vocabulary; 3: segments never compound;
# 4: only pairs of two common words; 5: posting blocks pickled with protocol 4;
# 6: segments written directly (segments.SegmentBuilder)
INDEX_SCHEMA_VERSION = 6
# The analysis by a name that never moves, stored in the index's ``briefer-index.json``.
# Whoosh pickles a schema with its analyzer's module path
# (``briefer.core.index.analysis.BrieferAnalyzer``); the index is opened with the schema
# :data:`SCHEMAS` makes for the stored name instead, so that path is never read back and
# the class may move without any index being rebuilt. An index without a stored name was
# made before names were stored, with the analysis this version calls "briefer-terms-1".
ANALYZER_NAME = "briefer-terms-1"
INDEX_NAME = "pages"
PAIR_SEP = " "  # terms never contain white space
TEXT_FIELDS = ("content", "pairs")  # the fields filled from a page's analysed terms

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



# The schema of each analysis name this version can read (one today; a new analysis
# gets a new name, and an index with a name not listed here is rebuilt).
SCHEMAS = {ANALYZER_NAME: make_schema}
