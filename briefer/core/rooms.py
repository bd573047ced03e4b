"""The rooms of the core in one declared order, lowest first.

A room is a folder of ``briefer/core`` (``files``, ``catalog`` …) or one of its top modules
(``errors``, ``offsets`` …). A module may import its own room and any room *below* it in
:data:`ORDER`, never one above, and that includes imports inside functions: a lazy import
hides a loop from Python, not from a reader (``tests/core/test_room_order.py`` checks
every module; imports under ``if TYPE_CHECKING:`` are for type checkers and do not count).
When a lower room needs something from a higher one, the shared piece moves down to a
room both can reach; it is not imported sideways or from inside a function.

Why each room sits where it does, from the bottom:

* ``errors``, ``progress``, ``paths``, ``fsutil`` — the base: the error type with its
  ``reason`` code, cancel tokens and progress callbacks, where a library and its files
  live, private files and folders. They import no other room, and every room may use them.
* ``text`` — words, terms and folding, the query language's tree, folded text mapped back
  to raw offsets. Pure functions over strings: extraction analyses pages with it, the
  index translates its queries, search, clips and highlighting fold with it.
* ``offsets`` — stored code points against pdfium's UTF-16 indices, and OCR word boxes
  against a rectangle. Pure arithmetic that the files room (pdfium's text) and OCR use.
* ``files`` — a file in, plain data out: sniffing, the engines, workers, printed page
  labels, metadata guesses, reading order. It knows nothing of where the data is kept.
* ``catalog`` — ``library.sqlite``, the source of truth, storing what the files room
  returns (so it may use the files room's records and helpers, never the reverse). It
  declares every table of the rooms above it (``catalog/tables.py``) and makes them all
  when it opens.
* ``index`` — the Whoosh page index, a cache of the catalog's pages, and the search seam
  that runs the text room's query tree.
* ``handle`` — the narrow, typed library handle (``LibraryReader``, ``LibraryHandle``)
  that the rooms below ``library`` accept instead of the ``Library`` object above them:
  its catalog, its index, its folder, and whether it may write.
* ``ocr`` — Tesseract: renders pages through the files room and writes the text it reads
  to the catalog.
* ``clips`` — exact passages of catalog pages, the provision tree and locators, and the
  tables of clips and briefs (a brief's items point at clips, so the tables sit with the
  lower of the two).
* ``search`` — running a query on the index with facets, snippets and the OCR note,
  provisions by their number (which needs the clips room's provision tree), find in
  document.
* ``compare`` — two versions of a document split into provisions (the clips room's
  provision tree, or a report's headings) and aligned by number and by text.
* ``briefs`` — briefs quoting clips: model, commands, store, citations, brief files.
* ``export`` — verifying a brief's quotes against the catalog and writing Word or Markdown.
* ``library`` — a library folder kept in agreement: opening catalog and index together,
  the lock, the import pipeline (files → catalog → index, OCR when asked).
* ``ops`` — one function per user action over all of the above; the front ends' door.
"""

from __future__ import annotations

#: The core's rooms, lowest first: a module imports only its own room and rooms before it.
ORDER: tuple[str, ...] = (
    "errors", "progress", "paths", "fsutil",
    "text",
    "offsets",
    "files",
    "catalog",
    "index",
    "handle",
    "ocr",
    "clips",
    "search",
    "compare",
    "briefs",
    "export",
    "library",
    "ops",
)


def rank(room: str) -> int:
    """The room's height in :data:`ORDER` (0 is the lowest); ``ValueError`` when the room
    is not declared."""
    return ORDER.index(room)
