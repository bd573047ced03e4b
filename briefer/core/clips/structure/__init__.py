"""The provision tree of a document: parts, chapters, sections, sub-sections, clauses,
provisos, explanations, exceptions, illustrations, schedules and numbered paragraphs, each
with its page and offset range.

Real laws break a single pass over numbers: an act opens with an arrangement of sections
that lists every number first, amendments come as ``1[22A. …`` or ``[(iiia) …``, footnote
markers stand alone on a line, marginal notes sit beside numbers and a page can begin with
``(1) and the Authority …`` that merely continues a cross-reference. So the tree is built
in three steps, each simple enough to reason about:

1. *Lines* are read once, with amendment brackets, footnote markers and underscores
   stripped from their start, and classified (top-level unit, list marker, proviso,
   explanation, exception, illustrations, part / chapter / schedule heading).
2. *Runs* of top-level numbers: the numbers are split where they go backwards. A number
   that breaks a run which the next numbers continue is a stray (a cross-reference that
   starts a line) and dropped. A run of short entries (a line or so apart, no
   "Heading.—text") whose numbers come again later is a table of contents and skipped;
   a later run that starts again at a lower number is kept but marked doubtful (a list
   inside a paragraph, or a second document), except after a schedule heading, whose
   paragraphs number themselves. In a judgment the unnumbered first paragraph (from the
   judge's line) is paragraph 1; in a report short numbered headings ("1. Introduction")
   are headings, not paragraphs.
3. *Nesting*: inside each top-level unit a stack of numbered lists follows ``(1)``,
   ``(a)``, ``(i)`` in whatever order the drafter nested them (definitions run ``(i)`` then
   ``(a)``). A marker continues a list when it is the next value of that list, or opens a
   list one level deeper when it is the first value of its style; anything else is a
   cross-reference and ignored. A list that skips a value is accepted but marked doubtful,
   so a locator inside it is reported as uncertain rather than guessed.

The kind of document decides what its numbers can be:

* a *schedule* is entered only at its own heading line ("THE THIRD SCHEDULE", "SCHEDULE
  II", "First Schedule [See Article 42]"), never at a mention that running text wraps onto
  a line ("… Omitted by A.O. 1949,\nSchedule."), nor where the body's numbering runs on
  through it; judgments, reports and statements have none of their own;
* a *judgment* is cited by its own paragraphs, numbered one after another: a statute it
  quotes (after "reads as under:", in quotation marks, or a section number of its own
  between two paragraphs) stays in the paragraph quoting it, with no sub-sections,
  provisos or explanations of its own; the court's own sub-paragraphs "(a)", "(b)" are
  followed; its footnotes are cited as notes ("n. 4": a note at a page's foot whose
  number the text above carries as a superscript); the judge's signature and the date of
  signing end the last paragraph, and a US syllabus's numbered holdings are no paragraphs;
* a *report or statement* has no legal numbering: "Section 3." at the start of a line
  is a wrapped reference, and a lone number is not a paragraph (nor, in a judgment, is a
  "Section 3:-" line a section); a report that numbers every paragraph by its section
  ("1.3.1", "5.7.24") is cited by those numbers;
* a *gazette* prints several Acts, each numbered from 1 after its own heading; a bill's
  "Statement of Objects and Reasons" after its last section belongs to no section;
* in any document a number that completes the line before ("… under Section\n11. The
  file …") and a numbered amendment note ("1. Substituted vide Ordinance …") are not
  units;
* a sub-section "(1)" is read wherever a heading's dash puts it (the end of the line, a
  wrapped heading's last line, "[(1)]", OCR's "( 1)" and "(l)"), so the "(2)" after it
  keeps its number; "33-A." and "33- J." are sections 33-A and 33-J; a sub-section printed
  "2." after "(1)", a section printed "(4) Heading.–" as the next number, "(ff)" after "(f)",
  "(j)" right after "(h)" and a list "i.", "ii." are read as printed; an explanation "In
  this sub-section" or "In this clause" is cited there;
* marginal notes and superscripts (from the page layout, ``marks``) are kept out of the
  body's lines.

A locator is *uncertain* in a table of contents, in doubtful numbering, more than two
pages after the last numbering seen, or where a number could not be read (see below). The
tree is built once per text (``tree_for`` keeps the last few in memory, keyed by a hash of
the page texts); ``bench/fidelity.py`` prints the time taken on the largest document it
reads (about 0.03 s for 184 pages).

The package is split by job:

* :mod:`.lexer` — the lines of the pages (amendment brackets, footnote markers, OCR noise
  and list bullets stripped from their start; superscript markers from the page layout
  taken out) and what each line can be: a top-level number, a list marker, a proviso, an
  explanation, a heading, a closing line of a judgment;
* :mod:`.numbering` — which top-level numbers are units (step 2 above);
* :mod:`.grammar` — the declared hierarchy (:data:`~.grammar.GRAMMAR`: each kind of unit,
  its markers and the kinds it may contain) and the builder that follows it (step 3);
* :mod:`.tree` — the tree and its locators (:class:`ProvisionTree`, :class:`Provision`,
  :class:`Locator`);
* :mod:`.build` — :func:`build_tree`, which runs the three steps over the lines, and the
  cache (:func:`tree_for`).

Where the printed numbering is damaged (a scan's OCR reads "lO." for "10." or "(0" for
"(f)"), a number that can be read as the very next one is; a line shaped like a provision
or an item whose number cannot be read makes the reading uncertain until the numbering is
found again (:attr:`ProvisionTree.unsettled`), never a confident citation of the provision
before it. OCR's sub-section numbers ("l2l", "(21", "12)", "\\2)", "@") are read as the
next sub-section only when that is exactly the number they can stand for, a section number
misread in one digit ("72." for 12) only when the number after it follows on, and a list
value that is skipped ((v) after (iii)) makes the last thing read before it a guess.

Filings and orders: a declaration or affidavit heading ("DECLARATION OF …") starts a part
numbered from 1 (no late list), and its attestation ("I declare under penalty of perjury")
ends it; a lettered schedule heading at a page's top ("Schedule A \u2013 Cases …") opens a
schedule in any document; a paragraph that reproduces an order over pages holds the whole
quotation (:attr:`ProvisionTree.quotations`), so no "several pages without numbering"
doubt arises inside it.
"""

from __future__ import annotations

from briefer.core.clips.structure.build import (
    _CACHE,
    build_tree,
    text_key,
    tree_for,
    unit_word,
)
from briefer.core.clips.structure.grammar import CONTAINS, GRAMMAR, UnitKind, may_contain
from briefer.core.clips.structure.lexer import Marks, Pos, Span
from briefer.core.clips.structure.tree import PLURAL, Locator, Provision, ProvisionTree

__all__ = ["build_tree", "tree_for", "text_key", "unit_word", "Marks", "Pos", "Span",
           "PLURAL", "Locator", "Provision", "ProvisionTree", "GRAMMAR", "CONTAINS",
           "UnitKind", "may_contain", "_CACHE"]
