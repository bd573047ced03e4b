"""Briefs: every edit a person makes to a brief, each one undoable step.

Each edit builds a core command (:mod:`briefer.core.briefs.commands`), runs it — one
catalog transaction, saved at once — and RETURNS it done. A front end that keeps an undo
history pushes the returned command (the window wraps it in a ``QUndoCommand`` whose first
``redo`` does nothing, since the edit is already done) and later calls :func:`undo` and
:func:`redo`. An edit that fails raises before anything changed and returns nothing, so a
failed edit never enters a history.

What the front ends would otherwise repeat lives here: dates are checked and written in
ISO form; positions count from 0 and None means "at the end" (sections and items alike);
short titles are keyed by the document id a person chose (the core stores them by the
document's content hash so a brief file carries them to another library); clipping a
passage and quoting it is ONE command (:func:`quote_into_brief`), and so is quoting a
selection or a search hit when the brief or its section must be started first
(:func:`quote_selection`, :func:`quote_search_hit`: the window's Ctrl+B); editing a quote's
note or locator (which belong to its clip) together with its lead-in is one step too.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from typing import Any, Iterable, Iterator, Optional

from briefer.core.briefs.citations import Citer, sources_from_catalog
from briefer.core.briefs.commands import (
    KEEP, AddCommentary, AddQuote, AddSection, ClipAndQuote, Command, CreateBrief,
    DeleteBrief, EditClip, EditItem, MacroCommand, MoveItem, MoveSection, RemoveItem,
    RemoveSection, RenameSection, SetBriefFields)
from briefer.core.briefs.model import Brief, BriefError
from briefer.core.briefs.store import BriefStore
from briefer.core.clips.clips import Clip, build_clip
from briefer.core.ops.clips import hit_passage, keeps_markers, require_document, require_page
from briefer.core.ops.changes import command_changes
from briefer.core.ops.session import Session

__all__ = [
    "KEEP", "BriefSummary", "CitationPreview", "add_commentary", "add_section",
    "brief_clips", "brief_stamp", "citation_preview", "create_brief", "delete_brief", "edit_item",
    "find_brief", "get_brief", "list_briefs", "move_item", "move_section", "quote_clip",
    "quote_into_brief", "quote_search_hit", "quote_selection", "QuoteSelection",
    "NEW_BRIEF_TITLE", "FIRST_SECTION", "redo", "remove_item", "remove_section", "rename_section",
    "set_brief_details", "set_citation_settings", "undo", "update_brief",
]


@dataclass(frozen=True)
class BriefSummary:
    id: int
    title: str
    updated_at: str
    sections: int
    quotes: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- running


def _run(session: Session, cmd: Command) -> Command:
    session.require_writable()
    with session.reporting(), _storage_words():
        cmd.do(session.briefs())
        session.report(command_changes(cmd))
    return cmd


@contextmanager
def _storage_words() -> Iterator[None]:
    """A full disk or an unwritable folder met while saving an edit, as an error worded
    for a person (reason ``disk_full`` / ``read_only``) rather than SQLite's or the OS's;
    the edit's transaction was rolled back, so nothing changed."""
    from briefer.core.library.errors import (ENVIRONMENT_ERRORS, environment_error,
                                             storage_problem)

    try:
        yield
    except ENVIRONMENT_ERRORS as exc:
        if storage_problem(exc) is None:
            raise
        raise environment_error(exc) from exc


def undo(session: Session, cmd: Command) -> None:
    """Reverse a command returned by an edit here (or in :mod:`briefer.core.ops.clips`)."""
    session.require_writable()
    with session.reporting(), _storage_words():
        cmd.undo(session.briefs())
        session.report(command_changes(cmd))


def redo(session: Session, cmd: Command) -> None:
    """Do an undone command again (the exact rows it made come back, same ids)."""
    session.require_writable()
    with session.reporting(), _storage_words():
        cmd.do(session.briefs())
        session.report(command_changes(cmd))


def _date(value: Optional[str]) -> str:
    from briefer.core.files.metadata import parse_user_date

    if not value or not value.strip():
        return ""
    parsed = parse_user_date(value)
    if parsed is None:
        raise BriefError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)",
                         reason="invalid_date", details={"field": "date"})
    return parsed


# --------------------------------------------------------------------------- reading


def list_briefs(session: Session) -> list[BriefSummary]:
    return [BriefSummary(r["id"], r["title"], r["updated_at"], r["sections"], r["quotes"])
            for r in session.briefs().list()]


def get_brief(session: Session, brief_id: int) -> Brief:
    """The brief with its sections and items (reason ``brief_not_found`` if none)."""
    return session.briefs().get(brief_id)


def find_brief(session: Session, ref: str) -> Brief:
    """A brief by id ("3", "#3") or by words of its title (reason ``ambiguous`` when they
    fit several briefs, ``brief_not_found`` when none)."""
    return session.briefs().resolve(ref)


def brief_clips(session: Session, brief: Brief) -> dict[int, Clip]:
    """The clips ``brief`` quotes, by id, as they are cited now: with their document's
    title and their page's label of today (a title edited, or the pages renumbered, after
    the clip was made), so every view shows what the export prints. A removed document
    keeps what the clip remembers. The stored clips are unchanged (verification compares
    the label a quote was taken with against the page's label now)."""
    clips = session.briefs().clips_of(brief)
    sources = sources_from_catalog(session.catalog(), list(clips.values()))
    out: dict[int, Clip] = {}
    for clip_id, clip in clips.items():
        src = sources.get(clip.doc_sha256)
        if src is None or src.doc_id is None:
            out[clip_id] = clip
            continue
        label = src.page_labels.get(clip.page_index) or clip.page_label
        source = clip.label_source
        if label != clip.page_label and source == "index" and label != str(clip.page_index + 1):
            source = "printed"
        out[clip_id] = replace(clip, doc_title=src.title or clip.doc_title, page_label=label,
                               label_source=source)
    return out


def brief_stamp(session: Session, brief_id: int) -> str:
    """A short string that changes whenever brief ``brief_id`` or a clip it quotes
    changes (any edit, an undo, another process's edit); ``''`` once the brief is gone.
    Much cheaper than :func:`get_brief` plus :func:`brief_clips`, so a view compares it
    to decide whether to read the brief again."""
    return session.briefs().stamp(brief_id)


# --------------------------------------------------------------------------- the brief itself


def create_brief(session: Session, title: str, *, subtitle: str = "", author: str = "",
                 organisation: str = "", date: str = "", style: Optional[str] = None,
                 sections: Iterable[str] = ()) -> CreateBrief:
    """A new brief (``cmd.brief_id``, ``cmd.section_ids``)."""
    citation = {"style": style} if style else {}
    cmd = CreateBrief(title, subtitle, author, organisation, _date(date), citation,
                      list(sections))
    _run(session, cmd)
    return cmd


def delete_brief(session: Session, brief_id: int) -> Command:
    return _run(session, DeleteBrief(brief_id))


def _detail_fields(title: Optional[str], subtitle: Optional[str], author: Optional[str],
                   organisation: Optional[str], date: Optional[str]) -> dict[str, str]:
    fields = {k: v for k, v in (("title", title), ("subtitle", subtitle), ("author", author),
                                ("organisation", organisation)) if v is not None}
    if date is not None:
        fields["date"] = _date(date)
    return fields


def _citation_change(session: Session, brief_id: int, style: Optional[str],
                     full: Optional[str], short: Optional[str],
                     short_titles: Optional[dict[int, str]],
                     ocr_note: Optional[bool]) -> dict[str, Any]:
    citation: dict[str, Any] = {k: v for k, v in (("style", style), ("full", full),
                                                  ("short", short), ("ocr_note", ocr_note))
                                if v is not None}
    if short_titles:
        brief = get_brief(session, brief_id)
        titles = dict(brief.citation.get("short_titles", {}))
        for doc_id, text in short_titles.items():
            doc = require_document(session, doc_id)
            if text.strip():
                titles[doc.sha256] = text.strip()
            else:
                titles.pop(doc.sha256, None)
        citation["short_titles"] = titles
    return citation


def set_brief_details(session: Session, brief_id: int, *, title: Optional[str] = None,
                      subtitle: Optional[str] = None, author: Optional[str] = None,
                      organisation: Optional[str] = None,
                      date: Optional[str] = None) -> Command:
    """Change the title block; fields left None stay as they are."""
    fields = _detail_fields(title, subtitle, author, organisation, date)
    if not fields:
        raise BriefError("nothing to change", reason="invalid_edit")
    return _run(session, SetBriefFields(brief_id, None, **fields))


def set_citation_settings(session: Session, brief_id: int, *, style: Optional[str] = None,
                          full: Optional[str] = None, short: Optional[str] = None,
                          short_titles: Optional[dict[int, str]] = None,
                          ocr_note: Optional[bool] = None) -> Command:
    """Change how quotes are cited. ``short_titles`` maps document ids to the short title
    used after the first citation ('' goes back to the derived one); other settings left
    None stay as they are. Reason ``invalid_citation_settings`` names what is wrong."""
    citation = _citation_change(session, brief_id, style, full, short, short_titles, ocr_note)
    if not citation:
        raise BriefError("nothing to change", reason="invalid_edit")
    return _run(session, SetBriefFields(brief_id, citation))


def update_brief(session: Session, brief_id: int, *,
                 headings: Optional[dict[int, str]] = None, title: Optional[str] = None,
                 subtitle: Optional[str] = None, author: Optional[str] = None,
                 organisation: Optional[str] = None, date: Optional[str] = None,
                 style: Optional[str] = None, full: Optional[str] = None,
                 short: Optional[str] = None, short_titles: Optional[dict[int, str]] = None,
                 ocr_note: Optional[bool] = None,
                 clip_edits: Optional[dict[int, dict[str, Any]]] = None) -> Command:
    """Several edits as one step: section headings (section id → heading), the title
    block, the citation settings and short titles, and clips' ``locator`` / ``note``
    (clip id → changes). Done in one transaction — when one edit is refused nothing
    changes — and undone by one undo. Arguments mean what they mean in
    :func:`rename_section`, :func:`set_brief_details`, :func:`set_citation_settings` and
    :func:`briefer.core.ops.clips.edit_clip`."""
    steps: list[Command] = [RenameSection(brief_id, sid, heading)
                            for sid, heading in (headings or {}).items()]
    fields = _detail_fields(title, subtitle, author, organisation, date)
    if fields:
        steps.append(SetBriefFields(brief_id, None, **fields))
    citation = _citation_change(session, brief_id, style, full, short, short_titles, ocr_note)
    if citation:
        steps.append(SetBriefFields(brief_id, citation))
    for clip_id, change in (clip_edits or {}).items():
        steps.append(EditClip(clip_id, **change))
    if not steps:
        raise BriefError("nothing to change", reason="invalid_edit")
    return _run(session, steps[0] if len(steps) == 1 else MacroCommand("Edit brief", steps))


def short_titles(session: Session, brief: Brief) -> dict[int, str]:
    """The brief's chosen short titles by document id (documents still in the library)."""
    out: dict[int, str] = {}
    cat = session.catalog()
    for sha, text in brief.citation.get("short_titles", {}).items():
        doc = cat.by_sha256(sha)
        if doc is not None:
            out[doc.id] = text
    return out


# --------------------------------------------------------------------------- sections


def add_section(session: Session, brief_id: int, heading: str,
                position: Optional[int] = None) -> AddSection:
    """A new section (``cmd.section_id``) at ``position`` (from 0; None: at the end)."""
    cmd = AddSection(brief_id, heading, position)
    _run(session, cmd)
    return cmd


def rename_section(session: Session, brief_id: int, section_id: int, heading: str) -> Command:
    return _run(session, RenameSection(brief_id, section_id, heading))


def move_section(session: Session, brief_id: int, section_id: int,
                 position: Optional[int] = None) -> Command:
    """Move a section to ``position`` (from 0); None moves it to the end."""
    return _run(session, MoveSection(brief_id, section_id, position))


def remove_section(session: Session, brief_id: int, section_id: int) -> Command:
    """Remove a section with its items (the clips stay in the library)."""
    return _run(session, RemoveSection(brief_id, section_id))


# --------------------------------------------------------------------------- items


def add_commentary(session: Session, brief_id: int, section_id: int, body: str,
                   position: Optional[int] = None) -> AddCommentary:
    """Commentary (with the brief markup) as ``cmd.item_id``; None position: at the end."""
    cmd = AddCommentary(brief_id, section_id, body, position)
    _run(session, cmd)
    return cmd


def quote_clip(session: Session, brief_id: int, section_id: int, clip_id: int, *,
               lead_in: str = "", comment: str = "",
               position: Optional[int] = None) -> AddQuote:
    """Quote an existing clip (``cmd.item_id``)."""
    cmd = AddQuote(brief_id, section_id, clip_id, lead_in, comment, position)
    _run(session, cmd)
    return cmd


def quote_into_brief(session: Session, brief_id: int, section_id: int, *, doc_id: int,
                     page_index: int, start: int, end: int, lead_in: str = "",
                     comment: str = "", locator: Optional[str] = None, note: str = "",
                     tags: Iterable[str] = (), position: Optional[int] = None,
                     keep_markers: Optional[bool] = None) -> ClipAndQuote:
    """Clip characters ``[start, end)`` of a page and quote the clip in one undoable step
    (``cmd.clip_id``, ``cmd.item_id``). Markers in the quoted text: ``keep_markers``, or
    the library's setting when None (:func:`briefer.core.ops.clips.keeps_markers`)."""
    doc = require_document(session, doc_id)
    page = require_page(session, doc, page_index)
    keep = keeps_markers(session) if keep_markers is None else keep_markers
    clip = build_clip(session.catalog(), doc, page, start, end, locator=locator, note=note,
                      tags=tags, keep_markers=keep)
    cmd = ClipAndQuote(clip, brief_id, section_id, lead_in, comment, position)
    _run(session, cmd)
    return cmd


NEW_BRIEF_TITLE = "Untitled brief"  # the brief a quote starts when there is none
FIRST_SECTION = "Quotes"  # the section a quote starts when the brief has none


class QuoteSelection(MacroCommand):
    """Quote a passage wherever it can go, as ONE step to do, undo and redo: a new brief
    (``NEW_BRIEF_TITLE`` with a ``FIRST_SECTION``) when ``brief_id`` is None, a
    ``FIRST_SECTION`` when ``section_id`` is None, then the clip and its quote
    (:class:`ClipAndQuote`). Which of these it made is known only once it has run, so the
    steps are built in its first ``do``, inside one transaction; redo and undo replay
    them. ``brief_id``, ``section_id``, ``item_id``, ``clip_id``, ``created_brief`` and
    ``created_section`` say what it did."""

    def __init__(self, clip: Clip, brief_id: Optional[int], section_id: Optional[int],
                 position: Optional[int] = None, *, lead_in: str = "", comment: str = "",
                 style: Optional[str] = None) -> None:
        super().__init__("Quote", [])
        self.clip = clip
        self.brief_id = brief_id
        self.section_id = section_id if brief_id is not None else None
        self.position = position if self.section_id is not None else None
        self.lead_in, self.comment, self.style = lead_in, comment, style
        self.created_brief = self.created_section = False
        self.quote: Optional[ClipAndQuote] = None

    @property
    def item_id(self) -> Optional[int]:
        return self.quote.item_id if self.quote is not None else None

    @property
    def clip_id(self) -> Optional[int]:
        return self.quote.clip_id if self.quote is not None else None

    def do(self, store: BriefStore) -> None:
        if self._done_once:
            super().do(store)
            return
        steps: list[Command] = []
        with store.catalog.transaction():
            if self.brief_id is None:
                brief = CreateBrief(NEW_BRIEF_TITLE, citation={"style": self.style}
                                    if self.style else {}, sections=[FIRST_SECTION])
                brief.do(store)
                steps.append(brief)
                self.brief_id, self.section_id = brief.brief_id, brief.section_ids[0]
                self.created_brief = True
            elif self.section_id is None:
                section = AddSection(self.brief_id, FIRST_SECTION)
                section.do(store)
                steps.append(section)
                self.section_id = section.section_id
                self.created_section = True
            assert self.brief_id is not None and self.section_id is not None
            quote = ClipAndQuote(self.clip, self.brief_id, self.section_id, self.lead_in,
                                 self.comment, self.position)
            quote.do(store)
            steps.append(quote)
        self.commands, self.quote = steps, quote
        self._done_once = True


def quote_selection(session: Session, brief_id: Optional[int], section_id: Optional[int],
                    *, doc_id: int, page_index: int, start: int, end: int,
                    position: Optional[int] = None, lead_in: str = "", comment: str = "",
                    style: Optional[str] = None) -> QuoteSelection:
    """Clip characters ``[start, end)`` of a page and quote them at ``position`` of
    section ``section_id`` of brief ``brief_id`` — starting "Untitled brief" (citation
    ``style``, a "Quotes" section) when ``brief_id`` is None, and a "Quotes" section when
    ``section_id`` is None — as ONE undoable command (see :class:`QuoteSelection`). A
    refused quote (no such page, an empty span, a read-only library) raises and leaves
    no brief or section behind. Footnote and amendment markers are left out of the quoted
    text unless the library's setting keeps them (:func:`briefer.core.ops.clips.keeps_markers`)."""
    doc = require_document(session, doc_id)
    page = require_page(session, doc, page_index)
    clip = build_clip(session.catalog(), doc, page, start, end,
                      keep_markers=keeps_markers(session))
    cmd = QuoteSelection(clip, brief_id, section_id, position, lead_in=lead_in,
                         comment=comment, style=style)
    _run(session, cmd)
    return cmd


def quote_search_hit(session: Session, brief_id: Optional[int], section_id: Optional[int],
                     *, doc_id: int, page_index: int, spans: Iterable[tuple[int, int]],
                     position: Optional[int] = None,
                     style: Optional[str] = None) -> QuoteSelection:
    """Quote a search hit: the passage from its first highlighted span to its last
    (:func:`briefer.core.ops.clips.hit_passage`), as :func:`quote_selection` quotes a
    selection — one undoable command."""
    p = hit_passage(session, doc_id, page_index, spans)
    return quote_selection(session, brief_id, section_id, doc_id=p.doc_id,
                           page_index=p.page_index, start=p.start, end=p.end,
                           position=position, style=style)


def edit_item(session: Session, brief_id: int, item_id: int, *, body: Any = KEEP,
              lead_in: Any = KEEP, comment: Any = KEEP, note: Any = KEEP,
              locator: Any = KEEP) -> Command:
    """Edit an item in one step: commentary's ``body``; a quote's ``lead_in`` and
    ``comment``, and its clip's ``note`` and ``locator`` ('' goes back to the detected
    locator). Fields left at :data:`KEEP` stay as they are."""
    brief = get_brief(session, brief_id)
    _section, item = brief.item(item_id)
    steps: list[Command] = []
    if any(v is not KEEP for v in (body, lead_in, comment)):
        steps.append(EditItem(brief_id, item_id, body=body, lead_in=lead_in, comment=comment))
    if note is not KEEP or locator is not KEEP:
        if item.kind != "quote" or item.clip_id is None:
            raise BriefError("commentary has no note or locator; those belong to quotes",
                             reason="invalid_edit")
        steps.append(EditClip(item.clip_id, locator=locator, note=note))
    if not steps:
        raise BriefError("nothing to change", reason="invalid_edit")
    cmd = steps[0] if len(steps) == 1 else MacroCommand("Edit quote", steps)
    return _run(session, cmd)


def move_item(session: Session, brief_id: int, item_id: int, section_id: Optional[int] = None,
              position: Optional[int] = None) -> Command:
    """Move an item to ``position`` (from 0; None: the end) of ``section_id`` (None: the
    section it is in)."""
    if section_id is None:
        section_id = get_brief(session, brief_id).item(item_id)[0].id
    return _run(session, MoveItem(brief_id, item_id, section_id, position))


def remove_item(session: Session, brief_id: int, item_id: int) -> Command:
    """Remove commentary or a quote (a quote's clip stays in the library)."""
    return _run(session, RemoveItem(brief_id, item_id))


# --------------------------------------------------------------------------- citations


@dataclass(frozen=True)
class CitationPreview:
    """How a quote will be cited: ``first`` (the full form, the first time its document is
    cited), ``short`` (later citations), ``inline_first``/``inline_short`` (the
    parenthetical forms), ``style`` of the brief, and ``placed``: the form this quote gets
    where it stands in the brief (``is_first`` says which), with ``footnote`` its number
    when the brief uses footnotes."""

    item_id: int
    style: str
    first: str
    short: str
    inline_first: str
    inline_short: str
    is_first: bool
    placed: str
    footnote: Optional[int]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def citation_preview(session: Session, brief_id: int, item_id: int) -> CitationPreview:
    """The citation of quote ``item_id`` as the export will write it (see
    :class:`CitationPreview`); reason ``invalid_edit`` when the item is commentary."""
    store = session.briefs()
    brief = store.get(brief_id)
    _section, item = brief.item(item_id)
    if item.kind != "quote":
        raise BriefError("commentary has no citation", reason="invalid_edit")
    clips = store.clips_of(brief)
    clip = clips.get(item.clip_id) if item.clip_id is not None else None
    if clip is None:
        raise BriefError(f"the clip of item #{item_id} no longer exists",
                         reason="clip_not_found")
    sources = sources_from_catalog(session.catalog(), list(clips.values()))
    # the citation as placed: every earlier quote cited first, in document order
    citer = Citer(brief.citation, sources)
    placed = ""
    number = 0
    is_first = True
    for _s, it in brief.items():
        c = clips.get(it.clip_id) if it.kind == "quote" and it.clip_id is not None else None
        if c is None:
            continue
        number += 1
        if it.id == item_id:
            placed = citer.inline(c) if citer.style == "inline" else citer.cite(c)
            break
        is_first = is_first and c.doc_sha256 != clip.doc_sha256
        citer.cite(c)
    alone = Citer(brief.citation, sources)
    first, short = alone.cite(clip), alone.cite(clip)
    inl = Citer(brief.citation, sources)
    inline_first, inline_short = inl.inline(clip), inl.inline(clip)
    return CitationPreview(item_id, citer.style, first, short, inline_first, inline_short,
                           is_first, placed, number if citer.style == "footnotes" else None)
