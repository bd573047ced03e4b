"""Every edit of a brief or a clip as an undoable command.

A command's first ``do(store)`` performs the edit in one catalog transaction and records
the exact rows it touched before and after; ``undo`` puts back the rows from before and a
later ``do`` (redo) the rows from after (same ids, same timestamps), so commands further up
an undo stack still find the sections and items they refer to. A command that raises has
changed nothing (its transaction is rolled back) and can be dropped: the window runs a
command first and only then pushes it on its ``QUndoStack``. Nothing is ever left unsaved.

The commands say what changes; the SQL is in :mod:`briefer.core.briefs.store` (briefs) and
:mod:`briefer.core.clips.clips` (clips).
"""

from __future__ import annotations

from typing import Any, Final, Optional

from briefer.core.briefs.model import BRIEF_FIELDS, BriefError
from briefer.core.briefs.store import BriefStore
from briefer.core.catalog.catalog import normalise_tags, now_iso
from briefer.core.clips.clips import Clip, clip_from_row, clip_row


class _Keep:
    """The type of :data:`KEEP`."""

    _instance: Optional["_Keep"] = None

    def __new__(cls) -> "_Keep":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "KEEP"

    def __bool__(self) -> bool:
        return False


KEEP: Final = _Keep()
"""Passed for a field of an edit: leave this field as it is."""


def normalise_citation(settings: dict[str, Any]) -> dict[str, Any]:
    """Check citation settings: style, and the full/short format templates."""
    from briefer.core.briefs.citations import validate_settings

    return validate_settings(settings)


class Command:
    """One undoable edit. ``do`` the first time performs it; later ``do`` calls (redo)
    and ``undo`` put back the exact rows recorded before and after."""

    text = "Edit"

    def __init__(self) -> None:
        self._before: Any = None
        self._after: Any = None
        self._done_once = False

    @property
    def done_once(self) -> bool:
        """True once the edit has been performed (it can be undone)."""
        return self._done_once

    # subclasses: what rows they touch, how to put them back, and the edit itself
    def capture(self, store: BriefStore) -> Any:
        raise NotImplementedError

    def put_back(self, store: BriefStore, snap: Any) -> None:
        raise NotImplementedError

    def apply(self, store: BriefStore) -> None:
        raise NotImplementedError

    def do(self, store: BriefStore) -> None:
        with store.catalog.transaction():
            if self._done_once:
                self.put_back(store, self._after)
                return
            self._before = self.capture(store)
            self.apply(store)
            self._after = self.capture(store)
            self._done_once = True

    def undo(self, store: BriefStore) -> None:
        if not self._done_once:
            raise BriefError("this edit has not been done")
        with store.catalog.transaction():
            self.put_back(store, self._before)


class BriefCommand(Command):
    """An edit of one brief; undo and redo restore that brief's rows."""

    brief_id: Optional[int] = None

    def capture(self, store: BriefStore) -> Any:
        return store.snapshot(self.brief_id)

    def put_back(self, store: BriefStore, snap: Any) -> None:
        assert self.brief_id is not None
        store.restore(self.brief_id, snap)

    def _require(self, store: BriefStore) -> int:
        return store.require_brief(self.brief_id)


def _heading(heading: str) -> str:
    if not heading.strip():
        raise BriefError("a section needs a heading")
    return heading.strip()


class CreateBrief(BriefCommand):
    text = "New brief"

    def __init__(self, title: str, subtitle: str = "", author: str = "", organisation: str = "",
                 date: str = "", citation: Optional[dict[str, Any]] = None,
                 sections: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__()
        if not title.strip():
            raise BriefError("a brief needs a title")
        self.fields = dict(title=title.strip(), subtitle=subtitle, author=author,
                           organisation=organisation, date=date)
        self.citation = normalise_citation(citation or {})
        self.sections = [s.strip() for s in sections if s.strip()]
        self.section_ids: list[int] = []

    def capture(self, store: BriefStore) -> Any:
        return store.snapshot(self.brief_id) if self.brief_id else None

    def apply(self, store: BriefStore) -> None:
        self.brief_id = store.insert_brief(self.fields, self.citation)
        self.section_ids = [store.insert_section(self.brief_id, h, None) for h in self.sections]


class DeleteBrief(BriefCommand):
    text = "Delete brief"

    def __init__(self, brief_id: int) -> None:
        super().__init__()
        self.brief_id = brief_id

    def apply(self, store: BriefStore) -> None:
        store.delete_brief(self._require(store))


class SetBriefFields(BriefCommand):
    """Change the title block and/or citation settings (merged into the current ones)."""

    text = "Edit brief details"

    def __init__(self, brief_id: int, citation: Optional[dict[str, Any]] = None,
                 **fields: str) -> None:
        super().__init__()
        bad = set(fields) - set(BRIEF_FIELDS)
        if bad:
            raise BriefError(f"not a field of a brief: {', '.join(sorted(bad))}")
        if "title" in fields and not fields["title"].strip():
            raise BriefError("a brief needs a title")
        if "title" in fields:
            fields["title"] = fields["title"].strip()
        self.brief_id = brief_id
        self.fields = fields
        self.citation = citation

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        store.set_brief_fields(brief_id, self.fields)
        if self.citation is not None:
            cur = store.get(brief_id).citation
            store.set_citation(brief_id, normalise_citation({**cur, **self.citation}))
        store.touch(brief_id)


class AddSection(BriefCommand):
    text = "Add section"

    def __init__(self, brief_id: int, heading: str, position: Optional[int] = None) -> None:
        super().__init__()
        self.brief_id, self.heading, self.position = brief_id, _heading(heading), position
        self.section_id: Optional[int] = None

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        self.section_id = store.insert_section(brief_id, self.heading, self.position)
        store.touch(brief_id)


class RenameSection(BriefCommand):
    text = "Rename section"

    def __init__(self, brief_id: int, section_id: int, heading: str) -> None:
        super().__init__()
        self.brief_id, self.section_id, self.heading = brief_id, section_id, _heading(heading)

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        store.require_section(brief_id, self.section_id)
        store.rename_section(self.section_id, self.heading)
        store.touch(brief_id)


class MoveSection(BriefCommand):
    """Move a section to ``position`` (from 0); None moves it to the end."""

    text = "Move section"

    def __init__(self, brief_id: int, section_id: int, position: Optional[int] = None) -> None:
        super().__init__()
        self.brief_id, self.section_id, self.position = brief_id, section_id, position

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        store.require_section(brief_id, self.section_id)
        store.move_section(brief_id, self.section_id, self.position)
        store.touch(brief_id)


class RemoveSection(BriefCommand):
    text = "Remove section"

    def __init__(self, brief_id: int, section_id: int) -> None:
        super().__init__()
        self.brief_id, self.section_id = brief_id, section_id

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        store.require_section(brief_id, self.section_id)
        store.delete_section(brief_id, self.section_id)
        store.touch(brief_id)


class _AddItem(BriefCommand):
    def __init__(self, brief_id: int, section_id: int, position: Optional[int]) -> None:
        super().__init__()
        self.brief_id, self.section_id, self.position = brief_id, section_id, position
        self.item_id: Optional[int] = None

    def _insert(self, store: BriefStore) -> int:
        raise NotImplementedError

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        store.require_section(brief_id, self.section_id)
        self.item_id = self._insert(store)
        store.touch(brief_id)


class AddCommentary(_AddItem):
    text = "Add commentary"

    def __init__(self, brief_id: int, section_id: int, body: str,
                 position: Optional[int] = None) -> None:
        super().__init__(brief_id, section_id, position)
        if not body.strip():
            raise BriefError("commentary cannot be empty")
        self.body = body

    def _insert(self, store: BriefStore) -> int:
        return store.insert_item(self.section_id, "text", body=self.body, position=self.position)


class AddQuote(_AddItem):
    """Quote clip ``clip_id``; when ``clip_id`` is None the clip is taken from
    ``source.clip_id`` at the time the command runs (a clip made in the same step)."""

    text = "Add quote"

    def __init__(self, brief_id: int, section_id: int, clip_id: Optional[int] = None,
                 lead_in: str = "", comment: str = "", position: Optional[int] = None, *,
                 source: Optional["CreateClip"] = None) -> None:
        super().__init__(brief_id, section_id, position)
        if clip_id is None and source is None:
            raise BriefError("a quote needs a clip")
        self.clip_id, self.lead_in, self.comment = clip_id, lead_in, comment
        self.source = source

    def _insert(self, store: BriefStore) -> int:
        if self.clip_id is None and self.source is not None:
            self.clip_id = self.source.clip_id
        store.clips.get(int(self.clip_id or 0))  # raises when there is no such clip
        return store.insert_item(self.section_id, "quote", clip_id=self.clip_id,
                                 lead_in=self.lead_in, comment=self.comment,
                                 position=self.position)


class EditItem(BriefCommand):
    """Change commentary's text, or a quote's lead-in and comment (None or KEEP: unchanged)."""

    text = "Edit"

    def __init__(self, brief_id: int, item_id: int, *, body: Any = KEEP, lead_in: Any = KEEP,
                 comment: Any = KEEP) -> None:
        super().__init__()
        self.brief_id, self.item_id = brief_id, item_id
        self.values: dict[str, str] = {
            k: v for k, v in (("body", body), ("lead_in", lead_in), ("comment", comment))
            if v is not None and v is not KEEP}

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        store.item_section(brief_id, self.item_id)
        kind = store.item_kind(self.item_id)
        if kind == "text" and ("lead_in" in self.values or "comment" in self.values):
            raise BriefError("commentary has no lead-in or comment; edit its text")
        if kind == "quote" and "body" in self.values:
            raise BriefError("a quote's text comes from its clip; edit its lead-in or comment")
        if kind == "text" and not self.values.get("body", "x").strip():
            raise BriefError("commentary cannot be empty")
        store.update_item(self.item_id, self.values)
        store.touch(brief_id)


class MoveItem(BriefCommand):
    """Move an item to ``position`` (from 0) of ``section_id``; None: to the end."""

    text = "Move"

    def __init__(self, brief_id: int, item_id: int, section_id: int,
                 position: Optional[int] = None) -> None:
        super().__init__()
        self.brief_id, self.item_id = brief_id, item_id
        self.section_id, self.position = section_id, position

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        old = store.item_section(brief_id, self.item_id)
        store.require_section(brief_id, self.section_id)
        store.move_item(self.item_id, old, self.section_id, self.position)
        store.touch(brief_id)


class RemoveItem(BriefCommand):
    text = "Remove"

    def __init__(self, brief_id: int, item_id: int) -> None:
        super().__init__()
        self.brief_id, self.item_id = brief_id, item_id

    def apply(self, store: BriefStore) -> None:
        brief_id = self._require(store)
        section = store.item_section(brief_id, self.item_id)
        store.delete_item(self.item_id, section)
        store.touch(brief_id)


# ---- clips


class ClipCommand(Command):
    """An edit of one clip; undo and redo restore its row."""

    clip_id: Optional[int] = None

    def capture(self, store: BriefStore) -> Any:
        if not self.clip_id:
            return None
        c = store.clips.find(self.clip_id)
        return clip_row(c) if c else None

    def put_back(self, store: BriefStore, snap: Any) -> None:
        assert self.clip_id is not None
        with store.catalog.transaction():
            if snap is None:
                store.clips.delete(self.clip_id, check_quoted=False)
            elif store.clips.find(self.clip_id) is None:
                store.clips.insert(clip_from_row(snap))
            else:
                store.clips.update(clip_from_row(snap))


class CreateClip(ClipCommand):
    text = "Clip passage"

    def __init__(self, clip: Clip) -> None:
        super().__init__()
        self.clip = clip

    def apply(self, store: BriefStore) -> None:
        self.clip.id = 0
        self.clip_id = store.clips.insert(self.clip).id


class EditClip(ClipCommand):
    """Change a clip's locator, note or tags; a field left at :data:`KEEP` (or None for
    note and tags) is unchanged. ``locator=''`` or None goes back to the detected one."""

    text = "Edit clip"

    def __init__(self, clip_id: int, *, locator: Any = KEEP, note: Any = KEEP,
                 tags: Any = KEEP) -> None:
        super().__init__()
        self.clip_id, self.locator, self.note, self.tags = clip_id, locator, note, tags

    def apply(self, store: BriefStore) -> None:
        c = store.clips.get(int(self.clip_id or 0))
        if self.locator is not KEEP:
            loc = (self.locator or "").strip()
            c.locator_user = loc or None
        if self.note is not KEEP and self.note is not None:
            c.note = self.note
        if self.tags is not KEEP and self.tags is not None:
            c.tags = normalise_tags(self.tags)
        c.updated_at = now_iso()
        store.clips.update(c)


class DeleteClip(ClipCommand):
    text = "Delete clip"

    def __init__(self, clip_id: int) -> None:
        super().__init__()
        self.clip_id = clip_id

    def apply(self, store: BriefStore) -> None:
        store.clips.get(int(self.clip_id or 0))
        store.clips.delete(int(self.clip_id or 0))


class MacroCommand(Command):
    """Several commands as one step (e.g. clip a passage and quote it)."""

    def __init__(self, text: str, commands: list[Command]) -> None:
        super().__init__()
        self.text = text
        self.commands = commands

    def do(self, store: BriefStore) -> None:
        with store.catalog.transaction():
            for c in self.commands:
                c.do(store)
        self._done_once = True

    def undo(self, store: BriefStore) -> None:
        if not self._done_once:
            raise BriefError("this edit has not been done")
        with store.catalog.transaction():
            for c in reversed(self.commands):
                c.undo(store)


class ClipAndQuote(MacroCommand):
    """Clip a passage and quote it in a brief: one step to do, undo and redo."""

    def __init__(self, clip: Clip, brief_id: int, section_id: int, lead_in: str = "",
                 comment: str = "", position: Optional[int] = None) -> None:
        self.create = CreateClip(clip)
        self.quote = AddQuote(brief_id, section_id, None, lead_in, comment, position,
                              source=self.create)
        super().__init__("Quote passage", [self.create, self.quote])

    @property
    def clip_id(self) -> Optional[int]:
        return self.create.clip_id

    @property
    def item_id(self) -> Optional[int]:
        return self.quote.item_id

    @property
    def brief_id(self) -> int:
        return int(self.quote.brief_id or 0)


class CommandStack:
    """Undo and redo over a :class:`BriefStore` (the UI's QUndoStack does the same)."""

    def __init__(self, store: BriefStore, limit: int = 200) -> None:
        self.store = store
        self.limit = limit
        self._done: list[Command] = []
        self._undone: list[Command] = []

    def push(self, command: Command) -> Command:
        command.do(self.store)
        self._done.append(command)
        self._undone.clear()
        if len(self._done) > self.limit:
            del self._done[0]
        return command

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo_text(self) -> str:
        return self._done[-1].text if self._done else ""

    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""

    def undo(self) -> Optional[Command]:
        if not self._done:
            return None
        c = self._done.pop()
        c.undo(self.store)
        self._undone.append(c)
        return c

    def redo(self) -> Optional[Command]:
        if not self._undone:
            return None
        c = self._undone.pop()
        c.do(self.store)
        self._done.append(c)
        return c
