"""Clips: clip a selection or typed text, list, edit and delete clips.

A clip is made from what the reader selected (page + code-point offsets into the stored
page text) or from words a person typed (found on a page across line breaks, hyphenation,
case and ligatures). Typed text that is not there raises
:class:`~briefer.core.clips.clips.PassageNotFound`, reason ``passage_not_found``, with the
nearest passage on the page, the first words where they differ and the pages where the
text is (``details``), so a front end can offer "use the nearest passage" or "go to
page 4".

A clip stores no locator that detection is unsure of; :func:`locator_status` says why
and offers the uncertain best reading as a suggestion (the CLI and the window show it; the
user's own locator always wins). :func:`accept_suggested_locator` takes that suggestion
as the clip's locator in one undoable step, and :func:`quotes_without_locator` lists the
quotes of a brief that would be cited without one although their document is numbered
(the export asks about them before writing).

A clip's printed text leaves out footnote references and amendment markers;
``keep_markers=True`` when clipping keeps them (the verbatim text always has them). Left
unsaid (None), the library's own setting decides (:func:`keeps_markers`, changed with
:func:`set_keep_markers`): it is stored in the library, so the window's quote actions and
``briefer clip`` treat markers alike.

Edits and deletions run as undoable core commands and return them done (the window puts
them on its undo stack; :func:`briefer.core.ops.briefs.undo` reverses them). Where a
field of an edit should stay as it is, pass :data:`KEEP` (the default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from briefer.core.briefs.commands import KEEP, Command, CreateClip, DeleteClip, EditClip
from briefer.core.catalog.catalog import Document, Page
from briefer.core.clips.clips import (
    Clip, ClipError, build_clip, find_passage, passage_not_found, resolve_page)
from briefer.core.errors import BrieferError
from briefer.core.ops.changes import Changes, command_changes, reports
from briefer.core.ops.session import Session

__all__ = ["KEEP", "ClipInfo", "DocumentMissing", "LocatorStatus", "Passage",
           "accept_suggested_locator", "clip_selection", "clip_typed_text", "delete_clip",
           "edit_clip", "find_typed_passage", "get_clip", "keeps_markers", "list_clips",
           "locator_status", "copy_with_page", "hit_passage", "quotes_without_locator",
           "require_document", "require_page", "set_keep_markers"]

# The library's setting for markers in quoted text ("1": keep them; unset or "0": leave out).
KEEP_MARKERS_KEY = "quotes.keep_markers"


def keeps_markers(session: Session) -> bool:
    """Whether quotes made in this library keep footnote references and amendment markers
    in their printed text (the library's setting; off unless the user turned it on)."""
    return session.catalog().meta(KEEP_MARKERS_KEY) == "1"


@reports("settings")
def set_keep_markers(session: Session, keep: bool) -> bool:
    """Set the library's setting for markers in quoted text (see :func:`keeps_markers`);
    quotes made before keep their text. Reason ``read_only`` on a read-only library."""
    with session.writing() as lib:
        lib.catalog.set_meta(KEEP_MARKERS_KEY, "1" if keep else "0")
    return keep


def _markers(session: Session, keep_markers: Optional[bool]) -> bool:
    return keeps_markers(session) if keep_markers is None else bool(keep_markers)


class DocumentMissing(BrieferError):
    """There is no document with that id in the library."""

    reason = "document_not_found"


@dataclass(frozen=True)
class Passage:
    """Where a passage is: document, PDF page (from 0) and code-point offsets."""

    doc_id: int
    page_index: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "page_index": self.page_index,
                "page_number": self.page_index + 1, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass(frozen=True)
class LocatorStatus:
    """What a clip cites and how sure Briefer is of it.

    ``source``: ``"user"`` (typed by a person: it wins, never uncertain), ``"detected"``
    (read off the document's structure), or ``"none"``. ``uncertain``: detection found a
    reading but the numbering around the passage does not settle it, so no locator is
    stored; ``reason`` says why in plain words and ``suggestion`` is that best reading
    ('' when there is none)."""

    locator: str
    source: str
    uncertain: bool = False
    reason: str = ""
    suggestion: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"locator_source": self.source, "locator_uncertain": self.uncertain,
                "locator_reason": self.reason, "locator_suggestion": self.suggestion}


@dataclass
class ClipInfo:
    """A clip, the briefs that quote it (it cannot be deleted while any does) and how sure
    its locator is."""

    clip: Clip
    briefs: list[int] = field(default_factory=list)
    status: Optional[LocatorStatus] = None

    def to_json(self) -> dict[str, Any]:
        out = {**self.clip.to_json(), "quoted_in": list(self.briefs)}
        if self.status is not None:
            out.update(self.status.to_json())
        return out


def require_document(session: Session, doc_id: int) -> Document:
    """The document ``doc_id`` (reason ``document_not_found`` when there is none)."""
    doc = session.catalog().document(doc_id)
    if doc is None:
        raise DocumentMissing(f"there is no document #{doc_id} in the library")
    return doc


def require_page(session: Session, doc: Document, page_index: int) -> Page:
    """Page ``page_index`` (from 0) of ``doc`` (reason ``page_not_found``)."""
    page = session.catalog().page(doc.id, page_index)
    if page is None or page_index < 0:
        raise ClipError(f"#{doc.id} has {doc.page_count} pages; there is no page "
                        f"{page_index + 1}", reason="page_not_found")
    return page


def _store_clip(session: Session, clip: Clip) -> Clip:
    session.require_writable()
    store = session.briefs()
    cmd = CreateClip(clip)
    with session.reporting(Changes(clips=True)):
        cmd.do(store)
    return store.clips.get(int(cmd.clip_id or 0))


def _run(session: Session, cmd: Command) -> Command:
    session.require_writable()
    with session.reporting():
        cmd.do(session.briefs())
        session.report(command_changes(cmd))
    return cmd


# --------------------------------------------------------------------------- finding


def find_typed_passage(session: Session, doc_id: int, text: str, *,
                       page_index: Optional[int] = None, label: Optional[str] = None,
                       occurrence: int = 1) -> Passage:
    """Where typed ``text`` is: on the given page (PDF page index, or printed label) or,
    when neither is given, its first place in the document. Raises ``PassageNotFound``
    (with the nearest passage) or ``ClipError`` (no such page, no such occurrence)."""
    if not text.strip():
        raise ClipError("the passage to find is empty", reason="invalid_clip")
    cat = session.catalog()
    doc = require_document(session, doc_id)
    if page_index is not None or label is not None:
        page = (resolve_page(cat, doc, label=label) if label is not None
                else require_page(session, doc, int(page_index or 0)))
        spans = find_passage(page.text, text)
        if not spans:
            raise passage_not_found(cat, doc, page, text)
    else:
        pages = cat.pages(doc.id)
        hit = next(((p, s) for p in pages for s in [find_passage(p.text, text)] if s), None)
        # not found on any page: the error looks for the nearest passage (page None)
        if hit is None:
            raise passage_not_found(cat, doc, None, text)
        page, spans = hit
    if not 1 <= occurrence <= len(spans):
        raise ClipError(f"the text occurs {len(spans)} time(s) on that page; occurrence "
                        f"{occurrence} does not exist", reason="invalid_clip",
                        details={"occurrences": len(spans)})
    a, b = spans[occurrence - 1]
    return Passage(doc.id, page.index, a, b, page.text[a:b])


def hit_passage(session: Session, doc_id: int, page_index: int,
                spans: Iterable[tuple[int, int]]) -> Passage:
    """The passage a search hit stands for: from the start of its first highlighted span
    to the end of its last, on the hit's page (what Ctrl+B quotes when a hit, not a
    selection, is chosen). Reason ``invalid_clip`` when the hit has no spans."""
    pairs = [(int(a), int(b)) for a, b in spans]
    if not pairs:
        raise ClipError("the hit marks no words on its page to quote", reason="invalid_clip")
    doc = require_document(session, doc_id)
    page = require_page(session, doc, page_index)
    start = max(0, min(a for a, _ in pairs))
    end = min(len(page.text), max(b for _, b in pairs))
    return Passage(doc.id, page.index, start, end, page.text[start:end])


def copy_with_page(session: Session, doc_id: int, page_index: int, start: int, end: int, *,
                   brief_id: Optional[int] = None) -> str:
    """The text "Copy with page" puts on the clipboard: the passage ``[start, end)`` of a
    page in quotation marks, its lines joined and soft hyphens dropped, then its citation
    in parentheses — the words of the footnote an export would write for it
    (:class:`briefer.core.briefs.citations.Citer`): in the citation style of brief
    ``brief_id`` (its formats, short titles, locator, and the short form when the brief
    already cites the document), else in the library's default style, which a new brief
    starts with."""
    from briefer.core.briefs.citations import Citer, sources_from_catalog

    doc = require_document(session, doc_id)
    page = require_page(session, doc, page_index)
    start, end = max(0, start), min(len(page.text), end)
    if end <= start:
        raise ClipError("there is no passage to copy", reason="invalid_clip")
    text = " ".join(page.text[start:end].replace("\u00ad", "").split())
    clip = build_clip(session.catalog(), doc, page, start, end)
    cited: list[Clip] = []
    settings: dict[str, Any] = {}
    if brief_id is not None:
        store = session.briefs()
        brief = store.get(brief_id)
        settings = brief.citation
        clips = store.clips_of(brief)
        cited = [clips[q.clip_id] for q in brief.quotes()
                 if q.clip_id is not None and q.clip_id in clips]
    citer = Citer(settings, sources_from_catalog(session.catalog(), cited + [clip]))
    for earlier in cited:  # as the export numbers them: the brief's quotes come first
        citer.cite(earlier)
    return f"“{text}” {citer.inline(clip)}"


# --------------------------------------------------------------------------- making clips


def clip_selection(session: Session, doc_id: int, page_index: int, start: int, end: int, *,
                   locator: Optional[str] = None, note: str = "",
                   tags: Iterable[str] = (), keep_markers: Optional[bool] = None) -> Clip:
    """Clip characters ``[start, end)`` (code points of the stored page text) of a page;
    its printed text leaves out footnote and amendment markers unless ``keep_markers``
    (None: the library's setting, :func:`keeps_markers`)."""
    doc = require_document(session, doc_id)
    page = require_page(session, doc, page_index)
    clip = build_clip(session.catalog(), doc, page, start, end, locator=locator, note=note,
                      tags=tags, keep_markers=_markers(session, keep_markers))
    return _store_clip(session, clip)


def clip_typed_text(session: Session, doc_id: int, text: str, *,
                    page_index: Optional[int] = None, label: Optional[str] = None,
                    occurrence: int = 1, locator: Optional[str] = None, note: str = "",
                    tags: Iterable[str] = (), keep_markers: Optional[bool] = None) -> Clip:
    """Find typed ``text`` (see :func:`find_typed_passage`) and clip it."""
    p = find_typed_passage(session, doc_id, text, page_index=page_index, label=label,
                           occurrence=occurrence)
    return clip_selection(session, p.doc_id, p.page_index, p.start, p.end, locator=locator,
                          note=note, tags=tags, keep_markers=keep_markers)


# --------------------------------------------------------------------------- the clip list


def get_clip(session: Session, clip_id: int) -> Clip:
    return session.briefs().clips.get(clip_id)


def _status(session: Session, clip: Clip) -> LocatorStatus:
    if clip.locator_user:
        return LocatorStatus(clip.locator_user, "user")
    if clip.locator_auto:
        return LocatorStatus(clip.locator_auto, "detected")
    # nothing stored: was the reading uncertain, or is there no numbering at all?
    from briefer.core.clips.locators import document_marks, locate

    cat = session.catalog()
    doc = cat.document(clip.doc_id) if clip.doc_id is not None else None
    if doc is None or doc.sha256 != clip.doc_sha256:
        return LocatorStatus("", "none")  # the source is gone or changed: nothing to read
    pages = [p.text for p in cat.pages(doc.id)]
    if not (0 <= clip.page_index < len(pages)) or clip.end > len(pages[clip.page_index]):
        return LocatorStatus("", "none")
    loc = locate(pages, clip.page_index, clip.start, clip.end, doc_type=doc.doc_type,
                 title=doc.title, marks=document_marks(cat, doc, pages))
    if not loc.uncertain:
        return LocatorStatus("", "none")
    return LocatorStatus("", "none", True, loc.reason or "the numbering there is unclear",
                         loc.text)


def locator_status(session: Session, clip_id: int) -> LocatorStatus:
    """The locator a clip cites and whether detection was uncertain (reason and suggested
    reading). Reason ``clip_not_found`` when there is no such clip."""
    return _status(session, get_clip(session, clip_id))


def list_clips(session: Session, doc_id: Optional[int] = None) -> list[ClipInfo]:
    """Every clip (of one document when ``doc_id``), oldest first, with the briefs that
    quote it."""
    store = session.briefs()
    clips = store.clips.all(doc_id)
    used = store.briefs_quoting([c.id for c in clips])
    return [ClipInfo(c, used.get(c.id, []), _status(session, c)) for c in clips]


def edit_clip(session: Session, clip_id: int, *, locator: Any = KEEP, note: Any = KEEP,
              tags: Any = KEEP) -> Command:
    """Change a clip's locator ('' or None: back to the detected one), note or tags."""
    return _run(session, EditClip(clip_id, locator=locator, note=note, tags=tags))


def accept_suggested_locator(session: Session, clip_id: int) -> Command:
    """Take the suggested reading of a clip whose locator is uncertain as its locator
    (stored as the clip's own, one undoable step). Reason ``no_suggestion`` when the clip
    already has a locator or detection suggests none."""
    clip = get_clip(session, clip_id)
    status = _status(session, clip)
    if status.locator:
        raise ClipError(f"clip #{clip_id} already cites {status.locator}",
                        reason="no_suggestion", details={"locator": status.locator})
    if not status.uncertain or not status.suggestion:
        raise ClipError(f"Briefer has no locator to suggest for clip #{clip_id}; type one",
                        reason="no_suggestion")
    return edit_clip(session, clip_id, locator=status.suggestion)


def quotes_without_locator(session: Session, brief_id: int) -> list[Any]:
    """The quotes of brief ``brief_id`` that have no locator although their document has
    numbered provisions (:class:`briefer.core.export.unlocated.Unlocated`, each with the
    suggested reading), in brief order."""
    from briefer.core.export.unlocated import unlocated_quotes

    store = session.briefs()
    brief = store.get(brief_id)
    return unlocated_quotes(session.catalog(), brief, store.clips_of(brief))


def delete_clip(session: Session, clip_id: int) -> Command:
    """Delete a clip; refused (reason ``clip_in_use``, ``details["briefs"]``) while a brief
    quotes it."""
    return _run(session, DeleteClip(clip_id))
