"""Reading what can still be read from a damaged catalog, and merging it into a restored one.

A damaged ``library.sqlite`` (pages scribbled over, the file cut short) usually still holds
most of its rows: SQLite fails only on the b-tree pages that are damaged. :func:`read_damaged`
works on a scratch copy (the damaged file, with its ``-wal``, is never touched) and reads
the user's tables one by one — whole when it can, else by ranges of rowids, halving a range
that fails until the unreadable rows are pinned down (a budget of queries per table keeps a
badly broken table from taking long), and the tables without rowids document by document.
A row is kept only when its values fit the column types (a scribbled page can read as rows
of garbage).

:func:`merge` then adds to the restored catalog what is newer than its backup:

* documents the backup does not have (by SHA-256), with their pages, outline and tags,
  when every page was read and the stored PDF is still in ``files/``; metadata and tags of
  documents edited after the backup (``updated_at`` newer);
* clips by ``uid`` (new ones; edited ones when newer), pointing at the restored document
  with the same SHA-256;
* briefs by ``uid``: a new brief with its sections and items; a brief changed after the
  backup gets the salvaged sections and items when those tables were read whole, and is
  otherwise kept as in the backup with the salvaged version added beside it as a copy
  ("… (salvaged)"), so nothing is overwritten by something partial; an item whose quote
  could not be read becomes a text item saying so;
* saved searches by name.

Nothing in the restored catalog is deleted. :class:`MergeReport` says what was merged and
what could not be read.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from briefer.core.catalog.tables import all_tables, module_of
from briefer.core.fsutil import private_touch

# the tables read from a damaged catalog, in the order they are merged: the catalog's own
# and those of every module that salvage merges by its own rules (catalog/tables.py)
_ROWID_TABLES = ("meta", "documents", "clips", "briefs", "brief_sections", "brief_items",
                 "saved_searches", "ocr_documents", "import_log")
# every module's tables whose rows go with their document (catalog/tables.py)
_MODULE_BY_DOC = tuple(t.name for t in all_tables() if t.salvage == "by_doc")
# read document by document: the catalog's own, then the modules'
_BY_DOC_TABLES = ("pages", "outline", "tags") + _MODULE_BY_DOC
# copied with a document salvage adds back (pages and tags are copied their own way)
_WITH_DOCUMENT = ("outline",) + _MODULE_BY_DOC
_QUERY_BUDGET = 20000
_LOST_QUOTE = "[A quote here could not be read back from the damaged catalog.]"


_NOUNS = {"meta": "settings", "documents": "documents' details", "import_log": "the import log",
          "pages": "the page text", "outline": "outlines", "tags": "tags",
          **{t.name: t.noun for t in all_tables()}}


def _noun(table: str) -> str:
    """A table's rows in the words of a message."""
    return _NOUNS.get(table, table)


@dataclass
class Salvaged:
    """The readable rows of a damaged catalog."""

    source: Path
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    schema: dict[str, str] = field(default_factory=dict)  # table/index name → its SQL
    complete: set[str] = field(default_factory=set)  # tables read whole
    unreadable: list[str] = field(default_factory=list)  # plain words, one per problem

    def table(self, name: str) -> list[dict[str, Any]]:
        return self.rows.get(name, [])

    def page_texts(self, sha: str, updated: str, count: int) -> Optional[dict[int, str]]:
        """The text of every page of the document ``sha`` at version ``updated`` when all
        ``count`` pages were read, else None."""
        doc = next((d for d in self.table("documents") if d["sha256"] == sha
                    and d["updated_at"] == updated and d["page_count"] == count), None)
        if doc is None:
            return None
        pages = {p["page_index"]: p["text"] for p in self.table("pages")
                 if p["doc_id"] == doc["id"]}
        return pages if len(pages) == count else None

    def names(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for r in self.table("import_log"):
            if r.get("sha256") and r.get("path"):
                out.setdefault(r["sha256"], Path(r["path"]).name)
        for d in self.table("documents"):
            out[d["sha256"]] = d["file_name"]
        return out


@dataclass
class MergeReport:
    """What :func:`merge` took from the damaged catalog, and what it could not read."""

    source: str
    documents_added: list[str] = field(default_factory=list)
    documents_updated: list[str] = field(default_factory=list)
    clips_added: int = 0
    clips_updated: int = 0
    briefs_added: list[str] = field(default_factory=list)
    briefs_updated: list[str] = field(default_factory=list)
    briefs_copied: list[str] = field(default_factory=list)  # kept beside, as copies
    saved_searches: int = 0
    quotes_lost: int = 0
    unreadable: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # SHA-256 → file name

    @property
    def anything(self) -> bool:
        return bool(self.documents_added or self.documents_updated or self.clips_added
                    or self.clips_updated or self.briefs_added or self.briefs_updated
                    or self.briefs_copied or self.saved_searches)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "documents_added": self.documents_added,
                "documents_updated": self.documents_updated,
                "clips_added": self.clips_added, "clips_updated": self.clips_updated,
                "briefs_added": self.briefs_added, "briefs_updated": self.briefs_updated,
                "briefs_copied": self.briefs_copied, "saved_searches": self.saved_searches,
                "quotes_lost": self.quotes_lost, "unreadable": self.unreadable}


# --------------------------------------------------------------------------- reading


def read_damaged(catalog: Path, scratch: Path) -> Salvaged:
    """The readable rows of the damaged catalog at ``catalog``, read from a copy at
    ``scratch`` (with its ``-wal``; the caller removes the copy)."""
    out = Salvaged(catalog)
    try:
        private_touch(scratch)  # the library's text: readable by its owner only
        shutil.copyfile(catalog, scratch)
        wal = Path(str(catalog) + "-wal")
        if wal.exists():
            private_touch(Path(str(scratch) + "-wal"))
            shutil.copyfile(wal, Path(str(scratch) + "-wal"))
    except OSError as exc:
        out.unreadable.append(f"the damaged catalog could not be copied to read it "
                              f"({exc.strerror or exc})")
        return out
    try:
        db = sqlite3.connect(str(scratch), timeout=5)
    except sqlite3.Error as exc:
        out.unreadable.append(f"the damaged catalog cannot be opened ({exc})")
        return out
    try:
        try:
            objects = db.execute("SELECT type, name, sql FROM sqlite_master "
                                 "WHERE sql IS NOT NULL").fetchall()
        except sqlite3.DatabaseError as exc:
            out.unreadable.append(f"anything: its list of tables is damaged ({exc})")
            return out
        out.schema = {name: sql for _, name, sql in objects}
        tables = {name for kind, name, _ in objects if kind == "table"}
        for table in _ROWID_TABLES:
            if table in tables:
                _read_rowid_table(db, table, out)
        doc_ids = [d["id"] for d in out.table("documents")]
        for table in _BY_DOC_TABLES:
            if table in tables:
                _read_by_doc(db, table, doc_ids, out)
    finally:
        db.close()
    return out


def _columns(db: sqlite3.Connection, table: str) -> list[tuple[str, str, bool]]:
    return [(r[1], (r[2] or "").upper(), bool(r[3]) or bool(r[5]))
            for r in db.execute(f'PRAGMA table_info("{table}")')]


def _fits(row: tuple[Any, ...], cols: list[tuple[str, str, bool]]) -> bool:
    """Whether a row read back has values of its columns' types (garbage does not)."""
    for value, (_, ctype, required) in zip(row, cols):
        if value is None:
            if required:
                return False
            continue
        if "INT" in ctype and not isinstance(value, int):
            return False
        if "TEXT" in ctype and not isinstance(value, str):
            return False
        if "REAL" in ctype and not isinstance(value, (int, float)):
            return False
    return True


def _read_rowid_table(db: sqlite3.Connection, table: str, out: Salvaged) -> None:
    cols = _columns(db, table)
    sel = ", ".join(f'"{c[0]}"' for c in cols)
    base = f'SELECT {sel} FROM "{table}"'
    try:
        rows = db.execute(base).fetchall()
        good = [r for r in rows if _fits(r, cols)]
        out.rows[table] = [dict(zip([c[0] for c in cols], r)) for r in good]
        if len(good) == len(rows):
            out.complete.add(table)
        else:
            out.unreadable.append(f"{_noun(table)}: {len(rows) - len(good)} damaged row(s)")
        return
    except sqlite3.DatabaseError:
        pass
    try:
        hi = db.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0] or 0
    except sqlite3.DatabaseError:
        hi = 1 << 20
    got: list[tuple[Any, ...]] = []
    bad: list[tuple[int, int]] = []
    budget = [_QUERY_BUDGET]

    def read(a: int, b: int) -> None:
        budget[0] -= 1
        if budget[0] < 0:
            bad.append((a, b))
            return
        try:
            got.extend(db.execute(f"{base} WHERE rowid BETWEEN ? AND ?", (a, b)).fetchall())
            return
        except sqlite3.DatabaseError:
            pass
        if a == b:
            bad.append((a, b))
            return
        mid = (a + b) // 2
        read(a, mid)
        read(mid + 1, b)

    read(-(1 << 62), 0)  # rowids at or below zero are possible, though Briefer makes none
    read(1, max(1, hi))
    read(max(1, hi) + 1, 1 << 62)
    good = [r for r in got if _fits(r, cols)]
    out.rows[table] = [dict(zip([c[0] for c in cols], r)) for r in good]
    bad = _merge_ranges(bad)
    if bad:
        span = ", ".join(f"{a}" if a == b else f"{a}–{b}" for a, b in bad[:5])
        more = f" and {len(bad) - 5} more ranges" if len(bad) > 5 else ""
        out.unreadable.append(f"{_noun(table)}: the rows numbered {span}{more}")
    if len(good) != len(got):
        out.unreadable.append(f"{_noun(table)}: {len(got) - len(good)} damaged row(s)")


def _merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _read_by_doc(db: sqlite3.Connection, table: str, doc_ids: list[int],
                 out: Salvaged) -> None:
    cols = _columns(db, table)
    names = [c[0] for c in cols]
    sel = ", ".join(f'"{c}"' for c in names)
    try:
        rows = db.execute(f'SELECT {sel} FROM "{table}"').fetchall()
        out.rows[table] = [dict(zip(names, r)) for r in rows if _fits(r, cols)]
        out.complete.add(table)
        return
    except sqlite3.DatabaseError:
        pass
    got: list[dict[str, Any]] = []
    failed = 0
    for doc_id in doc_ids:
        try:
            rows = db.execute(f'SELECT {sel} FROM "{table}" WHERE doc_id = ?',
                              (doc_id,)).fetchall()
        except sqlite3.DatabaseError:
            failed += 1
            continue
        got.extend(dict(zip(names, r)) for r in rows if _fits(r, cols))
    out.rows[table] = got
    if failed:
        out.unreadable.append(f"{_noun(table)} of {failed} document(s)")


# --------------------------------------------------------------------------- merging


def merge(target: Path, found: Salvaged, files: Path) -> MergeReport:
    """Merge the salvaged rows newer than the catalog at ``target`` into it (one
    transaction). ``files`` is the library's ``files/`` folder (a document is only added
    when its stored PDF is there)."""
    report = MergeReport(str(found.source), unreadable=list(found.unreadable),
                         names=found.names())
    if not found.rows:
        return report
    db = sqlite3.connect(str(target), isolation_level=None, timeout=30)
    db.row_factory = sqlite3.Row
    try:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("BEGIN")
        _ensure_tables(db, found, report)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        doc_map = _merge_documents(db, found, files, report)
        if {"clips", "briefs", "brief_sections", "brief_items"} <= tables:
            clip_map = _merge_clips(db, found, doc_map, report)
            _merge_briefs(db, found, clip_map, report)
        if "saved_searches" in tables:
            _merge_saved_searches(db, found, report)
        if "ocr_documents" in tables:
            for r in found.table("ocr_documents"):
                if r["doc_id"] in doc_map and doc_map[r["doc_id"]][1]:
                    _insert(db, "ocr_documents", {**r, "doc_id": doc_map[r["doc_id"]][0]})
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    finally:
        db.close()
    return report


def _ensure_tables(db: sqlite3.Connection, found: Salvaged, report: MergeReport) -> None:
    """Tables of feature modules that the restored backup lacks (one taken by a Briefer
    that made them on first use, before the first brief, say): made in the restored
    catalog from the damaged one's own definitions, with their version, so that its rows
    can be merged (any still missing are made when the catalog next opens)."""
    have = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    modules = {r["key"]: r["value"] for r in found.table("meta")
               if str(r["key"]).startswith("schema.")}
    wanted = [t.name for t in all_tables() if t.name not in have and t.name in found.schema]
    if not wanted:
        return
    for table in wanted:
        key = module_of(table).key
        if key not in modules:
            report.unreadable.append(f"{table}: made after the backup, but the damaged "
                                     "catalog's record of its version cannot be read")
            continue
        db.execute(found.schema[table])
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                   (key, modules[key]))
    have = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    for name, sql in found.schema.items():  # their indexes
        if name not in have and sql.upper().startswith("CREATE INDEX"):
            indexed = sql.split(" ON ", 1)[1].split("(", 1)[0].strip().strip('"')
            if indexed in have:
                db.execute(sql)


def _insert(db: sqlite3.Connection, table: str, row: dict[str, Any],
            keep_id: bool = False) -> int:
    cols = [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]
    values = {c: row[c] for c in cols if c in row}
    if not keep_id and "id" in values:
        taken = db.execute(f'SELECT 1 FROM "{table}" WHERE id = ?', (values["id"],)).fetchone()
        if taken:
            del values["id"]
    names = ", ".join(f'"{c}"' for c in values)
    cur = db.execute(f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES '
                     f'({", ".join("?" * len(values))})', list(values.values()))
    return int(cur.lastrowid or 0)


_DOC_EDITABLE = ("title", "doc_type", "issuer", "date", "language", "source_url",
                 "edited_fields", "updated_at")


def _merge_documents(db: sqlite3.Connection, found: Salvaged, files: Path,
                     report: MergeReport) -> dict[int, tuple[int, bool]]:
    """Salvaged document id → (restored id, added now)."""
    have = {r["sha256"]: r for r in db.execute(
        f"SELECT id, sha256, file_name, {', '.join(_DOC_EDITABLE)} FROM documents")}
    tags_now: dict[int, set[str]] = {}
    for doc_id, tag in db.execute("SELECT doc_id, tag FROM tags"):
        tags_now.setdefault(doc_id, set()).add(tag)
    pages_of: dict[int, list[dict[str, Any]]] = {}
    for p in found.table("pages"):
        pages_of.setdefault(p["doc_id"], []).append(p)
    tags_ok = "tags" in found.complete
    tags_of: dict[int, list[str]] = {}
    for t in found.table("tags"):
        tags_of.setdefault(t["doc_id"], []).append(t["tag"])
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    out: dict[int, tuple[int, bool]] = {}
    for d in found.table("documents"):
        mine = have.get(d["sha256"])
        if mine is not None:
            out[d["id"]] = (mine["id"], False)
            differs = (any(d[c] != mine[c] for c in _DOC_EDITABLE)
                       or ((tags_ok or d["id"] in tags_of)
                           and set(tags_of.get(d["id"], [])) != tags_now.get(mine["id"], set())))
            # updated_at has whole seconds: an edit in the second of the backup is "not
            # older" and different
            if differs and d["updated_at"] >= mine["updated_at"]:
                sets = ", ".join(f"{c} = ?" for c in _DOC_EDITABLE)
                db.execute(f"UPDATE documents SET {sets} WHERE id = ?",
                           [d[c] for c in _DOC_EDITABLE] + [mine["id"]])
                if tags_ok or d["id"] in tags_of:
                    db.execute("DELETE FROM tags WHERE doc_id = ?", (mine["id"],))
                    db.executemany("INSERT OR IGNORE INTO tags(doc_id, tag) VALUES (?, ?)",
                                   [(mine["id"], t) for t in tags_of.get(d["id"], [])])
                report.documents_updated.append(d["title"] or d["file_name"])
            continue
        pages = pages_of.get(d["id"], [])
        stored = files / d["sha256"][:2] / f"{d['sha256']}.pdf"
        if len(pages) != d["page_count"] or not stored.exists():
            continue  # its PDF goes to recovered/ under its name, to be added again
        new_id = _insert(db, "documents", {**d, "indexed": 0, "supersedes": None,
                                           "superseded_by": None})
        for p in pages:
            _insert(db, "pages", {**p, "doc_id": new_id})
        for table in _WITH_DOCUMENT:
            if table in tables:
                for r in found.table(table):
                    if r["doc_id"] == d["id"]:
                        _insert(db, table, {**r, "doc_id": new_id})
        db.executemany("INSERT OR IGNORE INTO tags(doc_id, tag) VALUES (?, ?)",
                       [(new_id, t) for t in tags_of.get(d["id"], [])])
        out[d["id"]] = (new_id, True)
        report.documents_added.append(d["title"] or d["file_name"])
    return out


def _merge_clips(db: sqlite3.Connection, found: Salvaged,
                 doc_map: dict[int, tuple[int, bool]], report: MergeReport) -> dict[int, int]:
    """Salvaged clip id → restored clip id."""
    have = {r["uid"]: dict(r) for r in db.execute("SELECT * FROM clips")}
    docs_by_sha = {r[0]: r[1] for r in db.execute("SELECT sha256, id FROM documents")}
    out: dict[int, int] = {}
    for c in found.table("clips"):
        row = {**c, "doc_id": docs_by_sha.get(c["doc_sha256"])}
        mine = have.get(c["uid"])
        if mine is not None:
            out[c["id"]] = mine["id"]
            differs = any(row.get(k) != v for k, v in mine.items() if k != "id")
            if differs and c["updated_at"] >= mine["updated_at"]:
                _insert(db, "clips", {**row, "id": mine["id"]}, keep_id=True)
                report.clips_updated += 1
            continue
        out[c["id"]] = _insert(db, "clips", row)
        report.clips_added += 1
    return out


def _merge_briefs(db: sqlite3.Connection, found: Salvaged, clip_map: dict[int, int],
                  report: MergeReport) -> None:
    have = {r["uid"]: r for r in db.execute("SELECT id, uid, updated_at, title FROM briefs")}
    whole = {"brief_sections", "brief_items", "clips"} <= found.complete
    sections_of: dict[int, list[dict[str, Any]]] = {}
    for s in found.table("brief_sections"):
        sections_of.setdefault(s["brief_id"], []).append(s)
    items_of: dict[int, list[dict[str, Any]]] = {}
    for i in found.table("brief_items"):
        items_of.setdefault(i["section_id"], []).append(i)
    for b in found.table("briefs"):
        mine = have.get(b["uid"])
        if mine is not None and (b["updated_at"] < mine["updated_at"] or not _brief_differs(
                db, mine["id"], b, sections_of.get(b["id"], []), items_of, clip_map)):
            continue
        if mine is not None and whole:
            db.execute("DELETE FROM brief_items WHERE section_id IN (SELECT id FROM "
                       "brief_sections WHERE brief_id = ?)", (mine["id"],))
            db.execute("DELETE FROM brief_sections WHERE brief_id = ?", (mine["id"],))
            _insert(db, "briefs", {**b, "id": mine["id"]}, keep_id=True)
            brief_id = mine["id"]
            report.briefs_updated.append(b["title"])
        elif mine is not None:  # partly read: beside the backup's version, not over it
            import uuid

            brief_id = _insert(db, "briefs", {**b, "id": None, "uid": uuid.uuid4().hex,
                                              "title": f"{b['title']} (salvaged)"})
            report.briefs_copied.append(b["title"])
        else:
            brief_id = _insert(db, "briefs", b)
            report.briefs_added.append(b["title"])
        for s in sections_of.get(b["id"], []):
            sec_id = _insert(db, "brief_sections", {**s, "brief_id": brief_id})
            for i in items_of.get(s["id"], []):
                item = {**i, "section_id": sec_id}
                if i["kind"] == "quote":
                    clip = clip_map.get(i["clip_id"]) if i["clip_id"] is not None else None
                    if clip is None:
                        item.update(kind="text", clip_id=None, body=_LOST_QUOTE)
                        report.quotes_lost += 1
                    else:
                        item["clip_id"] = clip
                _insert(db, "brief_items", item)


def _brief_differs(db: sqlite3.Connection, brief_id: int, b: dict[str, Any],
                   sections: list[dict[str, Any]], items_of: dict[int, list[dict[str, Any]]],
                   clip_map: dict[int, int]) -> bool:
    """Whether the salvaged brief ``b`` (its sections and items) differs from the restored
    brief ``brief_id``."""
    mine = dict(db.execute("SELECT * FROM briefs WHERE id = ?", (brief_id,)).fetchone())
    if any(b.get(k) != v for k, v in mine.items() if k != "id"):
        return True
    now = [(r["position"], r["heading"], tuple(
        (i["position"], i["kind"], i["body"], i["clip_id"], i["lead_in"], i["comment"])
        for i in db.execute("SELECT * FROM brief_items WHERE section_id = ? ORDER BY "
                            "position, id", (r["id"],))))
        for r in db.execute("SELECT * FROM brief_sections WHERE brief_id = ? ORDER BY "
                            "position, id", (brief_id,))]
    then = [(s["position"], s["heading"], tuple(
        (i["position"], i["kind"], i["body"],
         clip_map.get(i["clip_id"]) if i["clip_id"] is not None else None,
         i["lead_in"], i["comment"])
        for i in sorted(items_of.get(s["id"], []), key=lambda i: (i["position"], i["id"]))))
        for s in sorted(sections, key=lambda s: (s["position"], s["id"]))]
    return now != then


def _merge_saved_searches(db: sqlite3.Connection, found: Salvaged,
                          report: MergeReport) -> None:
    have = {r["name"]: dict(r) for r in db.execute("SELECT * FROM saved_searches")}
    for s in found.table("saved_searches"):
        mine = have.get(s["name"])
        if mine is not None and (s["updated_at"] < mine["updated_at"] or all(
                s.get(k) == v for k, v in mine.items() if k != "id")):
            continue
        _insert(db, "saved_searches", {**s, "id": mine["id"]} if mine else s,
                keep_id=mine is not None)
        report.saved_searches += 1
