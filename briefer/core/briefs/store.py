"""Briefs in the catalog: reading them whole, exact snapshots for undo, and the row edits.

Every SQL statement about briefs lives here, so the commands
(:mod:`briefer.core.briefs.commands`) say only *what* changes and the model
(:mod:`briefer.core.briefs.model`) stays plain data. The write methods run inside the
caller's transaction (a command opens one); positions are kept dense (0, 1, 2, …) after
every insert, move and removal, so "position 3" always means the third row.
"""

from __future__ import annotations

import builtins

import hashlib
import json
import uuid
from typing import Any, Optional

from briefer.core.briefs.model import BRIEF_FIELDS, Brief, BriefError, Item, Section
from briefer.core.catalog.catalog import Catalog, now_iso
from briefer.core.clips.clips import Clip, ClipStore, clip_from_row

Snapshot = Optional[dict[str, list[tuple[Any, ...]]]]

_CLIP_COLS = ("id, uid, doc_id, doc_sha256, doc_title, page_index, page_label, label_source, "
              "start, \"end\", text, display_text, locator_auto, locator_user, note, tags, "
              "created_at, updated_at")


def insert_at(order: list[int], row_id: int, position: Optional[int]) -> list[int]:
    """``order`` with ``row_id`` moved to ``position`` (from 0; None or past the end: last)."""
    order = [x for x in order if x != row_id]
    if position is None or position >= len(order):
        order.append(row_id)
    else:
        order.insert(max(0, position), row_id)
    return order


class BriefStore:
    """Briefs and their clips in a catalog. Reads are plain; writes go through commands."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.clips = ClipStore(catalog)  # the tables were made when the catalog opened

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
            raise BriefError(f"there is no brief #{brief_id}", reason="brief_not_found")
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
                             "; ".join(f"#{r['id']} {r['title']}" for r in hits[:8]),
                             reason="ambiguous",
                             details={"matches": [r["id"] for r in hits]})
        raise BriefError(f"no brief matches '{ref}'", reason="brief_not_found")

    def clips_of(self, brief: Brief) -> dict[int, Clip]:
        ids = sorted({it.clip_id for it in brief.quotes() if it.clip_id is not None})
        out: dict[int, Clip] = {}
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            rows = self.catalog.execute(
                f"SELECT {_CLIP_COLS} FROM clips WHERE id IN ({','.join('?' * len(chunk))})",
                chunk)
            for r in rows:
                c = clip_from_row(r)
                out[c.id] = c
        return out

    def stamp(self, brief_id: int) -> str:
        """A short digest of everything a view shows of brief ``brief_id``: its title
        block and citation settings, its sections and items in order, the fields of the
        clips it quotes and what their citations are made of (the cited documents' title,
        type, issuer, date and language: a title edited in the Library changes it). It
        changes whenever any of them changes (an undo that puts back older rows too), and
        reads no quote text: a few short columns per row.
        ``''`` when there is no such brief."""
        head = self.catalog.execute(
            "SELECT title, subtitle, author, organisation, date, citation, updated_at "
            "FROM briefs WHERE id = ?", (brief_id,)).fetchone()
        if head is None:
            return ""
        digest = hashlib.blake2b(repr(tuple(head)).encode(), digest_size=12)
        for row in self.catalog.execute(
                "SELECT s.id, s.position, s.heading, i.id, i.position, i.kind, i.body, "
                "i.lead_in, i.comment, c.id, c.doc_id, c.doc_title, c.page_label, "
                "c.locator_auto, c.locator_user, c.note, c.updated_at, length(c.text), "
                "length(c.display_text), d.title, d.doc_type, d.issuer, d.date, d.language, "
                "p.label "  # the page's number now: a quote cites it (page numbering)
                "FROM brief_sections s "
                "LEFT JOIN brief_items i ON i.section_id = s.id "
                "LEFT JOIN clips c ON c.id = i.clip_id "
                "LEFT JOIN documents d ON d.sha256 = c.doc_sha256 "
                "LEFT JOIN pages p ON p.doc_id = d.id AND p.page_index = c.page_index "
                "WHERE s.brief_id = ? "
                "ORDER BY s.position, s.id, i.position, i.id", (brief_id,)):
            digest.update(repr(tuple(row)).encode())
        return digest.hexdigest()

    def briefs_quoting(self, clip_ids: builtins.list[int]) -> dict[int, builtins.list[int]]:
        """``{clip_id: [brief ids that quote it]}`` for the clips that are quoted."""
        out: dict[int, list[int]] = {}
        for k in range(0, len(clip_ids), 500):
            chunk = clip_ids[k:k + 500]
            for cid, bid in self.catalog.execute(
                    "SELECT DISTINCT i.clip_id, s.brief_id FROM brief_items i JOIN "
                    "brief_sections s ON i.section_id = s.id WHERE i.clip_id IN "
                    f"({','.join('?' * len(chunk))}) ORDER BY s.brief_id", chunk):
                out.setdefault(int(cid), []).append(int(bid))
        return out

    # ---- snapshots: the exact rows of one brief
    def snapshot(self, brief_id: Optional[int]) -> Snapshot:
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

    def restore(self, brief_id: int, snap: Snapshot) -> None:
        with self.catalog.transaction() as db:
            db.execute("DELETE FROM briefs WHERE id = ?", (brief_id,))
            if snap is None:
                return
            for table, key in (("briefs", "brief"), ("brief_sections", "sections"),
                               ("brief_items", "items")):
                for row in snap[key]:
                    db.execute(f"INSERT INTO {table} VALUES ({','.join('?' * len(row))})", row)

    # ---- checks used by commands
    def require_brief(self, brief_id: Optional[int]) -> int:
        if brief_id is None or not self.exists(brief_id):
            raise BriefError(f"there is no brief #{brief_id}", reason="brief_not_found")
        return brief_id

    def section_ids(self, brief_id: int) -> builtins.list[int]:
        return [r[0] for r in self.catalog.execute(
            "SELECT id FROM brief_sections WHERE brief_id = ? ORDER BY position, id", (brief_id,))]

    def item_ids(self, section_id: int) -> builtins.list[int]:
        return [r[0] for r in self.catalog.execute(
            "SELECT id FROM brief_items WHERE section_id = ? ORDER BY position, id", (section_id,))]

    def require_section(self, brief_id: int, section_id: int) -> None:
        if section_id not in self.section_ids(brief_id):
            raise BriefError(f"brief #{brief_id} has no section #{section_id}",
                             reason="section_not_found")

    def item_section(self, brief_id: int, item_id: int) -> int:
        """The section holding item ``item_id`` of brief ``brief_id``."""
        r = self.catalog.execute(
            "SELECT i.section_id FROM brief_items i JOIN brief_sections s ON i.section_id = s.id "
            "WHERE i.id = ? AND s.brief_id = ?", (item_id, brief_id)).fetchone()
        if r is None:
            raise BriefError(f"brief #{brief_id} has no item #{item_id}", reason="item_not_found")
        return int(r[0])

    def item_kind(self, item_id: int) -> str:
        r = self.catalog.execute("SELECT kind FROM brief_items WHERE id = ?",
                                 (item_id,)).fetchone()
        if r is None:
            raise BriefError(f"there is no item #{item_id}", reason="item_not_found")
        return str(r[0])

    # ---- row edits (inside the caller's transaction)
    def touch(self, brief_id: int) -> None:
        self.catalog.execute("UPDATE briefs SET updated_at = ? WHERE id = ?", (now_iso(), brief_id))

    def _renumber(self, table: str, order: builtins.list[int]) -> None:
        for pos, row_id in enumerate(order):
            self.catalog.execute(f"UPDATE {table} SET position = ? WHERE id = ?", (pos, row_id))

    def insert_brief(self, fields: dict[str, str], citation: dict[str, Any]) -> int:
        ts = now_iso()
        values = [fields.get(k, "") for k in BRIEF_FIELDS]
        cur = self.catalog.execute(
            "INSERT INTO briefs (uid, title, subtitle, author, organisation, date, citation, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (uuid.uuid4().hex, *values, json.dumps(citation, ensure_ascii=False), ts, ts))
        return int(cur.lastrowid or 0)

    def delete_brief(self, brief_id: int) -> None:
        self.catalog.execute("DELETE FROM briefs WHERE id = ?", (brief_id,))

    def set_brief_fields(self, brief_id: int, fields: dict[str, str]) -> None:
        for k, v in fields.items():
            if k not in BRIEF_FIELDS:
                raise BriefError(f"not a field of a brief: {k}")
            self.catalog.execute(f"UPDATE briefs SET {k} = ? WHERE id = ?", (v, brief_id))

    def set_citation(self, brief_id: int, citation: dict[str, Any]) -> None:
        self.catalog.execute("UPDATE briefs SET citation = ? WHERE id = ?",
                             (json.dumps(citation, ensure_ascii=False), brief_id))

    def insert_section(self, brief_id: int, heading: str, position: Optional[int]) -> int:
        cur = self.catalog.execute("INSERT INTO brief_sections (brief_id, position, heading) "
                                   "VALUES (?, 1000000, ?)", (brief_id, heading))
        section_id = int(cur.lastrowid or 0)
        self.move_section(brief_id, section_id, position)
        return section_id

    def rename_section(self, section_id: int, heading: str) -> None:
        self.catalog.execute("UPDATE brief_sections SET heading = ? WHERE id = ?",
                             (heading, section_id))

    def move_section(self, brief_id: int, section_id: int, position: Optional[int]) -> None:
        self._renumber("brief_sections",
                       insert_at(self.section_ids(brief_id), section_id, position))

    def delete_section(self, brief_id: int, section_id: int) -> None:
        self.catalog.execute("DELETE FROM brief_sections WHERE id = ?", (section_id,))
        self._renumber("brief_sections", self.section_ids(brief_id))

    def insert_item(self, section_id: int, kind: str, *, body: str = "",
                    clip_id: Optional[int] = None, lead_in: str = "", comment: str = "",
                    position: Optional[int] = None) -> int:
        cur = self.catalog.execute(
            "INSERT INTO brief_items (section_id, position, kind, body, clip_id, lead_in, "
            "comment) VALUES (?, 1000000, ?, ?, ?, ?, ?)",
            (section_id, kind, body, clip_id, lead_in, comment))
        item_id = int(cur.lastrowid or 0)
        self._renumber("brief_items", insert_at(self.item_ids(section_id), item_id, position))
        return item_id

    def update_item(self, item_id: int, values: dict[str, str]) -> None:
        for k, v in values.items():
            if k not in ("body", "lead_in", "comment"):
                raise BriefError(f"not a field of an item: {k}")
            self.catalog.execute(f"UPDATE brief_items SET {k} = ? WHERE id = ?", (v, item_id))

    def move_item(self, item_id: int, from_section: int, to_section: int,
                  position: Optional[int]) -> None:
        self.catalog.execute("UPDATE brief_items SET section_id = ? WHERE id = ?",
                             (to_section, item_id))
        if from_section != to_section:
            self._renumber("brief_items", self.item_ids(from_section))
        self._renumber("brief_items", insert_at(self.item_ids(to_section), item_id, position))

    def delete_item(self, item_id: int, section_id: int) -> None:
        self.catalog.execute("DELETE FROM brief_items WHERE id = ?", (item_id,))
        self._renumber("brief_items", self.item_ids(section_id))
