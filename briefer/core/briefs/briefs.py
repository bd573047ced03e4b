"""Briefs: a title block and ordered sections of commentary and quotes, kept in the catalog.

Every edit is a :class:`Command` with ``do(store)`` and ``undo(store)``; a
:class:`CommandStack` keeps them for undo and redo (the desktop UI wraps each command in a
``QUndoCommand``). A command runs in one catalog transaction and is saved at once, so
there is never unsaved work to lose. Undo restores the exact rows the command changed
(same ids, same timestamps), and redo restores the exact rows it made, so commands further
up the stack still find the sections and items they refer to.

Commentary is plain text with a small markup: a blank line separates paragraphs,
``**bold**``, ``*italic*``, and lines starting with ``- `` or ``* `` are bullet points.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from briefer.core.briefs import briefdb
from briefer.core.catalog.catalog import Catalog, now_iso
from briefer.core.clips.clips import Clip, ClipError, ClipStore, clip_from_row, clip_row

CITATION_STYLES = ("footnotes", "inline")
BRIEF_FIELDS = ("title", "subtitle", "author", "organisation", "date")


class BriefError(Exception):
    """A brief, section or item does not exist, or an edit is not possible."""


# --------------------------------------------------------------------------- model


@dataclass
class Item:
    id: int
    kind: str  # 'text' (commentary) or 'quote'
    body: str = ""  # commentary markup
    clip_id: Optional[int] = None
    lead_in: str = ""
    comment: str = ""

    def to_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "kind": self.kind}
        if self.kind == "text":
            d["text"] = self.body
        else:
            d.update(clip_id=self.clip_id, lead_in=self.lead_in, comment=self.comment)
        return d


@dataclass
class Section:
    id: int
    heading: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Brief:
    id: int
    uid: str
    title: str
    subtitle: str = ""
    author: str = ""
    organisation: str = ""
    date: str = ""
    citation: dict[str, Any] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    created_at: str = ""
    updated_at: str = ""

    @property
    def citation_style(self) -> str:
        return self.citation.get("style", "footnotes")

    def items(self) -> Iterator[tuple[Section, Item]]:
        for s in self.sections:
            for it in s.items:
                yield s, it

    def quotes(self) -> list[Item]:
        return [it for _s, it in self.items() if it.kind == "quote"]

    def section(self, ref: int | str) -> Section:
        """A section by id, by position ('#2' counts from 1) or by heading (case-insensitive)."""
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            for s in self.sections:
                if s.id == int(ref):
                    return s
        if isinstance(ref, str):
            if ref.startswith("#") and ref[1:].isdigit():
                k = int(ref[1:]) - 1
                if 0 <= k < len(self.sections):
                    return self.sections[k]
            low = ref.strip().lower()
            hits = [s for s in self.sections if s.heading.lower() == low]
            if len(hits) == 1:
                return hits[0]
        names = "; ".join(f"{s.id} {s.heading!r}" for s in self.sections) or "none yet"
        raise BriefError(f"brief #{self.id} has no section {ref!r} (sections: {names})")

    def item(self, item_id: int) -> tuple[Section, Item]:
        for s, it in self.items():
            if it.id == item_id:
                return s, it
        raise BriefError(f"brief #{self.id} has no item #{item_id}")

    def to_json(self, clips: Optional[dict[int, Clip]] = None) -> dict[str, Any]:
        out = {"id": self.id, "uid": self.uid, "title": self.title, "subtitle": self.subtitle,
               "author": self.author, "organisation": self.organisation, "date": self.date,
               "citation": dict(self.citation), "created_at": self.created_at,
               "updated_at": self.updated_at, "sections": []}
        for s in self.sections:
            items = []
            for it in s.items:
                d = it.to_json()
                if clips is not None and it.clip_id in clips:
                    d["clip"] = clips[it.clip_id].to_json()
                items.append(d)
            out["sections"].append({"id": s.id, "heading": s.heading, "items": items})
        return out


# --------------------------------------------------------------------------- commentary markup

_INLINE = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|"
                     r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")


def parse_inline(text: str) -> list[tuple[str, bool, bool]]:
    """``[(text, bold, italic)]`` runs of one paragraph."""
    runs: list[tuple[str, bool, bool]] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False, False))
        if m.group(1) is not None:
            for t, _b, i in parse_inline(m.group(1)):
                runs.append((t, True, i))
        else:
            inner = m.group(2) if m.group(2) is not None else m.group(3)
            for t, b, _i in parse_inline(inner):
                runs.append((t, b, True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False, False))
    return [r for r in runs if r[0]]


def parse_commentary(text: str) -> list[tuple[str, list[tuple[str, bool, bool]]]]:
    """Blocks ``[(kind, runs)]`` with kind 'para' or 'bullet'."""
    blocks: list[tuple[str, list[tuple[str, bool, bool]]]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", parse_inline(" ".join(x.strip() for x in para))))
            para.clear()

    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
        elif re.match(r"[-*\u2022]\s+", stripped):
            flush()
            blocks.append(("bullet", parse_inline(re.sub(r"^[-*\u2022]\s+", "", stripped))))
        elif blocks and blocks[-1][0] == "bullet" and line[:1].isspace() and not para:
            kind, runs = blocks[-1]  # a bullet's continuation line
            blocks[-1] = (kind, runs + parse_inline(" " + stripped))
        else:
            para.append(stripped)
    flush()
    return blocks


def plain_commentary(text: str) -> str:
    """Commentary without markup (for listings)."""
    return " ".join("".join(t for t, _b, _i in runs) for _k, runs in parse_commentary(text))


# --------------------------------------------------------------------------- storage


class BriefStore:
    """Briefs and their clips in a catalog. Reads are plain; writes go through commands."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        briefdb.ensure_schema(catalog)
        self.clips = ClipStore(catalog)

    # ---- reading
    def list(self) -> list[dict[str, Any]]:
        rows = self.catalog.execute(
            "SELECT b.id, b.title, b.updated_at, "
            "(SELECT COUNT(*) FROM brief_sections s WHERE s.brief_id = b.id), "
            "(SELECT COUNT(*) FROM brief_items i JOIN brief_sections s ON i.section_id = s.id "
            " WHERE s.brief_id = b.id AND i.kind = 'quote') FROM briefs b ORDER BY b.id")
        return [{"id": r[0], "title": r[1], "updated_at": r[2], "sections": r[3], "quotes": r[4]}
                for r in rows]

    def exists(self, brief_id: int) -> bool:
        return self.catalog.execute("SELECT 1 FROM briefs WHERE id = ?",
                                    (brief_id,)).fetchone() is not None

    def get(self, brief_id: int) -> Brief:
        r = self.catalog.execute(
            "SELECT id, uid, title, subtitle, author, organisation, date, citation, created_at, "
            "updated_at FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if r is None:
            raise BriefError(f"there is no brief #{brief_id}")
        b = Brief(id=r[0], uid=r[1], title=r[2], subtitle=r[3], author=r[4], organisation=r[5],
                  date=r[6], citation=json.loads(r[7] or "{}"), created_at=r[8],
                  updated_at=r[9])
        by_id: dict[int, Section] = {}
        for s in self.catalog.execute("SELECT id, heading FROM brief_sections WHERE brief_id = ? "
                                      "ORDER BY position", (brief_id,)):
            sec = Section(s[0], s[1])
            by_id[sec.id] = sec
            b.sections.append(sec)
        for it in self.catalog.execute(
                "SELECT i.id, i.section_id, i.kind, i.body, i.clip_id, i.lead_in, i.comment "
                "FROM brief_items i JOIN brief_sections s ON i.section_id = s.id "
                "WHERE s.brief_id = ? ORDER BY i.section_id, i.position", (brief_id,)):
            by_id[it[1]].items.append(Item(id=it[0], kind=it[2], body=it[3], clip_id=it[4],
                                           lead_in=it[5], comment=it[6]))
        return b

    def resolve(self, ref: str) -> Brief:
        """A brief by id or by (unique) title words."""
        ref = ref.strip().lstrip("#")
        if ref.isdigit() and self.exists(int(ref)):
            return self.get(int(ref))
        rows = self.list()
        exact = [r for r in rows if r["title"].lower() == ref.lower()]
        hits = exact or [r for r in rows if ref.lower() in r["title"].lower()]
        if len(hits) == 1:
            return self.get(hits[0]["id"])
        if hits:
            raise BriefError(f"'{ref}' matches {len(hits)} briefs: " +
                             "; ".join(f"#{r['id']} {r['title']}" for r in hits[:8]))
        raise BriefError(f"no brief matches '{ref}' (see `briefer brief list`)")

    def clips_of(self, brief: Brief) -> dict[int, Clip]:
        ids = sorted({it.clip_id for it in brief.quotes() if it.clip_id is not None})
        out: dict[int, Clip] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            rows = self.catalog.execute(
                "SELECT id, uid, doc_id, doc_sha256, doc_title, page_index, page_label, "
                "label_source, start, \"end\", text, display_text, locator_auto, locator_user, "
                f"note, tags, created_at, updated_at FROM clips WHERE id IN "
                f"({','.join('?' * len(chunk))})", chunk)
            for r in rows:
                c = clip_from_row(r)
                out[c.id] = c
        return out

    # ---- snapshots: the exact rows of one brief
    def snapshot(self, brief_id: Optional[int]) -> Optional[dict[str, list[tuple]]]:
        if brief_id is None:
            return None
        b = self.catalog.execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if b is None:
            return None
        secs = self.catalog.execute("SELECT * FROM brief_sections WHERE brief_id = ? ORDER BY id",
                                    (brief_id,)).fetchall()
        items = self.catalog.execute(
            "SELECT i.* FROM brief_items i JOIN brief_sections s ON i.section_id = s.id "
            "WHERE s.brief_id = ? ORDER BY i.id", (brief_id,)).fetchall()
        return {"brief": [tuple(b)], "sections": [tuple(s) for s in secs],
                "items": [tuple(i) for i in items]}

    def restore(self, brief_id: int, snap: Optional[dict[str, list[tuple]]]) -> None:
        with self.catalog.transaction() as db:
            db.execute("DELETE FROM briefs WHERE id = ?", (brief_id,))
            if snap is None:
                return
            for table, key in (("briefs", "brief"), ("brief_sections", "sections"),
                               ("brief_items", "items")):
                for row in snap[key]:
                    db.execute(f"INSERT INTO {table} VALUES ({','.join('?' * len(row))})", row)

    # ---- low-level writes used by commands (inside their transaction)
    def _touch(self, brief_id: int) -> None:
        self.catalog.execute("UPDATE briefs SET updated_at = ? WHERE id = ?", (now_iso(), brief_id))

    def _renumber(self, table: str, parent_col: str, parent_id: int, order: list[int]) -> None:
        for pos, row_id in enumerate(order):
            self.catalog.execute(f"UPDATE {table} SET position = ? WHERE id = ?", (pos, row_id))

    def _section_ids(self, brief_id: int) -> list[int]:
        return [r[0] for r in self.catalog.execute(
            "SELECT id FROM brief_sections WHERE brief_id = ? ORDER BY position, id", (brief_id,))]

    def _item_ids(self, section_id: int) -> list[int]:
        return [r[0] for r in self.catalog.execute(
            "SELECT id FROM brief_items WHERE section_id = ? ORDER BY position, id", (section_id,))]

    def _section_of_brief(self, brief_id: int, section_id: int) -> None:
        if section_id not in self._section_ids(brief_id):
            raise BriefError(f"brief #{brief_id} has no section #{section_id}")

    def _item_section(self, brief_id: int, item_id: int) -> int:
        r = self.catalog.execute(
            "SELECT i.section_id FROM brief_items i JOIN brief_sections s ON i.section_id = s.id "
            "WHERE i.id = ? AND s.brief_id = ?", (item_id, brief_id)).fetchone()
        if r is None:
            raise BriefError(f"brief #{brief_id} has no item #{item_id}")
        return int(r[0])


def _insert_at(order: list[int], row_id: int, position: Optional[int]) -> list[int]:
    order = [x for x in order if x != row_id]
    if position is None or position >= len(order):
        order.append(row_id)
    else:
        order.insert(max(0, position), row_id)
    return order


def normalise_citation(settings: dict[str, Any]) -> dict[str, Any]:
    """Check citation settings: style, and the full/short format templates."""
    from briefer.core.briefs.citations import validate_settings

    return validate_settings(settings)


# --------------------------------------------------------------------------- commands


class Command:
    """One undoable edit. ``do`` the first time performs it; later ``do`` calls (redo)
    and ``undo`` put back the exact rows recorded before and after."""

    text = "Edit"

    def __init__(self) -> None:
        self._before: Any = None
        self._after: Any = None
        self._done_once = False

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

    def _require(self, store: BriefStore) -> None:
        if self.brief_id is None or not store.exists(self.brief_id):
            raise BriefError(f"there is no brief #{self.brief_id}")


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
        self.sections = [s for s in sections if s.strip()]
        self.section_ids: list[int] = []

    def capture(self, store: BriefStore) -> Any:
        return store.snapshot(self.brief_id) if self.brief_id else None

    def apply(self, store: BriefStore) -> None:
        ts = now_iso()
        cur = store.catalog.execute(
            "INSERT INTO briefs (uid, title, subtitle, author, organisation, date, citation, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (uuid.uuid4().hex, *self.fields.values(),
             json.dumps(self.citation, ensure_ascii=False), ts, ts))
        self.brief_id = int(cur.lastrowid or 0)
        for pos, heading in enumerate(self.sections):
            c = store.catalog.execute("INSERT INTO brief_sections (brief_id, position, heading) "
                                      "VALUES (?,?,?)", (self.brief_id, pos, heading.strip()))
            self.section_ids.append(int(c.lastrowid or 0))


class DeleteBrief(BriefCommand):
    text = "Delete brief"

    def __init__(self, brief_id: int) -> None:
        super().__init__()
        self.brief_id = brief_id

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        store.catalog.execute("DELETE FROM briefs WHERE id = ?", (self.brief_id,))


class SetBriefFields(BriefCommand):
    text = "Edit brief details"

    def __init__(self, brief_id: int, citation: Optional[dict[str, Any]] = None,
                 **fields: str) -> None:
        super().__init__()
        bad = set(fields) - set(BRIEF_FIELDS)
        if bad:
            raise BriefError(f"not a field of a brief: {', '.join(sorted(bad))}")
        if "title" in fields and not fields["title"].strip():
            raise BriefError("a brief needs a title")
        self.brief_id = brief_id
        self.fields = fields
        self.citation = citation

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        for k, v in self.fields.items():
            store.catalog.execute(f"UPDATE briefs SET {k} = ? WHERE id = ?", (v, self.brief_id))
        if self.citation is not None:
            cur = store.get(self.brief_id).citation
            merged = normalise_citation({**cur, **self.citation})
            store.catalog.execute("UPDATE briefs SET citation = ? WHERE id = ?",
                                  (json.dumps(merged, ensure_ascii=False), self.brief_id))
        store._touch(self.brief_id)  # type: ignore[arg-type]


class AddSection(BriefCommand):
    text = "Add section"

    def __init__(self, brief_id: int, heading: str, position: Optional[int] = None) -> None:
        super().__init__()
        if not heading.strip():
            raise BriefError("a section needs a heading")
        self.brief_id, self.heading, self.position = brief_id, heading.strip(), position
        self.section_id: Optional[int] = None

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        cur = store.catalog.execute("INSERT INTO brief_sections (brief_id, position, heading) "
                                    "VALUES (?, 1000000, ?)", (self.brief_id, self.heading))
        self.section_id = int(cur.lastrowid or 0)
        order = _insert_at(store._section_ids(self.brief_id), self.section_id, self.position)
        store._renumber("brief_sections", "brief_id", self.brief_id, order)
        store._touch(self.brief_id)


class RenameSection(BriefCommand):
    text = "Rename section"

    def __init__(self, brief_id: int, section_id: int, heading: str) -> None:
        super().__init__()
        if not heading.strip():
            raise BriefError("a section needs a heading")
        self.brief_id, self.section_id, self.heading = brief_id, section_id, heading.strip()

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        store._section_of_brief(self.brief_id, self.section_id)
        store.catalog.execute("UPDATE brief_sections SET heading = ? WHERE id = ?",
                              (self.heading, self.section_id))
        store._touch(self.brief_id)


class MoveSection(BriefCommand):
    text = "Move section"

    def __init__(self, brief_id: int, section_id: int, position: int) -> None:
        super().__init__()
        self.brief_id, self.section_id, self.position = brief_id, section_id, position

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        store._section_of_brief(self.brief_id, self.section_id)
        order = _insert_at(store._section_ids(self.brief_id), self.section_id, self.position)
        store._renumber("brief_sections", "brief_id", self.brief_id, order)
        store._touch(self.brief_id)


class RemoveSection(BriefCommand):
    text = "Remove section"

    def __init__(self, brief_id: int, section_id: int) -> None:
        super().__init__()
        self.brief_id, self.section_id = brief_id, section_id

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        store._section_of_brief(self.brief_id, self.section_id)
        store.catalog.execute("DELETE FROM brief_sections WHERE id = ?", (self.section_id,))
        store._renumber("brief_sections", "brief_id", self.brief_id,
                        store._section_ids(self.brief_id))
        store._touch(self.brief_id)


class _AddItem(BriefCommand):
    kind = "text"

    def __init__(self, brief_id: int, section_id: int, position: Optional[int]) -> None:
        super().__init__()
        self.brief_id, self.section_id, self.position = brief_id, section_id, position
        self.item_id: Optional[int] = None

    def _values(self, store: BriefStore) -> tuple[str, Optional[int], str, str]:
        raise NotImplementedError

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        store._section_of_brief(self.brief_id, self.section_id)
        body, clip_id, lead_in, comment = self._values(store)
        cur = store.catalog.execute(
            "INSERT INTO brief_items (section_id, position, kind, body, clip_id, lead_in, "
            "comment) VALUES (?, 1000000, ?, ?, ?, ?, ?)",
            (self.section_id, self.kind, body, clip_id, lead_in, comment))
        self.item_id = int(cur.lastrowid or 0)
        order = _insert_at(store._item_ids(self.section_id), self.item_id, self.position)
        store._renumber("brief_items", "section_id", self.section_id, order)
        store._touch(self.brief_id)


class AddCommentary(_AddItem):
    text = "Add commentary"
    kind = "text"

    def __init__(self, brief_id: int, section_id: int, body: str,
                 position: Optional[int] = None) -> None:
        super().__init__(brief_id, section_id, position)
        if not body.strip():
            raise BriefError("commentary cannot be empty")
        self.body = body

    def _values(self, store: BriefStore) -> tuple[str, Optional[int], str, str]:
        return self.body, None, "", ""


class AddQuote(_AddItem):
    text = "Add quote"
    kind = "quote"

    def __init__(self, brief_id: int, section_id: int, clip_id: int, lead_in: str = "",
                 comment: str = "", position: Optional[int] = None) -> None:
        super().__init__(brief_id, section_id, position)
        self.clip_id, self.lead_in, self.comment = clip_id, lead_in, comment

    def _values(self, store: BriefStore) -> tuple[str, Optional[int], str, str]:
        store.clips.get(self.clip_id)  # raises when there is no such clip
        return "", self.clip_id, self.lead_in, self.comment


class EditItem(BriefCommand):
    text = "Edit"

    def __init__(self, brief_id: int, item_id: int, *, body: Optional[str] = None,
                 lead_in: Optional[str] = None, comment: Optional[str] = None) -> None:
        super().__init__()
        self.brief_id, self.item_id = brief_id, item_id
        self.values = {k: v for k, v in (("body", body), ("lead_in", lead_in),
                                         ("comment", comment)) if v is not None}

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        store._item_section(self.brief_id, self.item_id)
        kind = store.catalog.execute("SELECT kind FROM brief_items WHERE id = ?",
                                     (self.item_id,)).fetchone()[0]
        if kind == "text" and ("lead_in" in self.values or "comment" in self.values):
            raise BriefError("commentary has no lead-in or comment; edit its text")
        if kind == "quote" and "body" in self.values:
            raise BriefError("a quote's text comes from its clip; edit its lead-in or comment")
        if kind == "text" and not self.values.get("body", "x").strip():
            raise BriefError("commentary cannot be empty")
        for k, v in self.values.items():
            store.catalog.execute(f"UPDATE brief_items SET {k} = ? WHERE id = ?", (v, self.item_id))
        store._touch(self.brief_id)


class MoveItem(BriefCommand):
    text = "Move"

    def __init__(self, brief_id: int, item_id: int, section_id: int,
                 position: Optional[int] = None) -> None:
        super().__init__()
        self.brief_id, self.item_id = brief_id, item_id
        self.section_id, self.position = section_id, position

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        old = store._item_section(self.brief_id, self.item_id)
        store._section_of_brief(self.brief_id, self.section_id)
        store.catalog.execute("UPDATE brief_items SET section_id = ? WHERE id = ?",
                              (self.section_id, self.item_id))
        if old != self.section_id:
            store._renumber("brief_items", "section_id", old,
                            [i for i in store._item_ids(old) if i != self.item_id])
        order = _insert_at(store._item_ids(self.section_id), self.item_id, self.position)
        store._renumber("brief_items", "section_id", self.section_id, order)
        store._touch(self.brief_id)


class RemoveItem(BriefCommand):
    text = "Remove"

    def __init__(self, brief_id: int, item_id: int) -> None:
        super().__init__()
        self.brief_id, self.item_id = brief_id, item_id

    def apply(self, store: BriefStore) -> None:
        self._require(store)
        section = store._item_section(self.brief_id, self.item_id)
        store.catalog.execute("DELETE FROM brief_items WHERE id = ?", (self.item_id,))
        store._renumber("brief_items", "section_id", section, store._item_ids(section))
        store._touch(self.brief_id)


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
        with store.catalog.transaction() as db:
            if snap is None:
                db.execute("DELETE FROM clips WHERE id = ?", (self.clip_id,))
                return
            store.clips.insert(clip_from_row(snap)) if store.clips.find(self.clip_id) is None \
                else store.clips.update(clip_from_row(snap))


class CreateClip(ClipCommand):
    text = "Clip passage"

    def __init__(self, clip: Clip) -> None:
        super().__init__()
        self.clip = clip

    def apply(self, store: BriefStore) -> None:
        self.clip.id = 0
        self.clip_id = store.clips.insert(self.clip).id


class EditClip(ClipCommand):
    """Change a clip's locator (``locator=''`` goes back to the detected one), note or tags."""

    text = "Edit clip"
    _UNSET: Any = object()

    def __init__(self, clip_id: int, *, locator: Any = _UNSET, note: Optional[str] = None,
                 tags: Optional[list[str]] = None) -> None:
        super().__init__()
        self.clip_id, self.locator, self.note, self.tags = clip_id, locator, note, tags

    def apply(self, store: BriefStore) -> None:
        from briefer.core.catalog.catalog import normalise_tags

        c = store.clips.get(self.clip_id)  # type: ignore[arg-type]
        if self.locator is not EditClip._UNSET:
            c.locator_user = self.locator.strip() if self.locator and self.locator.strip() \
                else None
        if self.note is not None:
            c.note = self.note
        if self.tags is not None:
            c.tags = normalise_tags(self.tags)
        c.updated_at = now_iso()
        store.clips.update(c)


class DeleteClip(ClipCommand):
    text = "Delete clip"

    def __init__(self, clip_id: int) -> None:
        super().__init__()
        self.clip_id = clip_id

    def apply(self, store: BriefStore) -> None:
        store.clips.get(self.clip_id)  # type: ignore[arg-type]
        store.clips.delete(self.clip_id)  # type: ignore[arg-type]


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
        with store.catalog.transaction():
            for c in reversed(self.commands):
                c.undo(store)


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


__all__ = [
    "AddCommentary", "AddQuote", "AddSection", "Brief", "BriefCommand", "BriefError",
    "BriefStore", "ClipError", "Command", "CommandStack", "CreateBrief", "CreateClip",
    "DeleteBrief", "DeleteClip", "EditClip", "EditItem", "Item", "MacroCommand", "MoveItem",
    "MoveSection", "RemoveItem", "RemoveSection", "RenameSection", "Section", "SetBriefFields",
    "parse_commentary",
]
