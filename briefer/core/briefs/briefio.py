"""The portable brief file: a brief with its clips and what identifies their sources.

JSON, ``"format": "briefer-brief"``, ``"schema_version": 1``::

    {"format": "briefer-brief", "schema_version": 1, "exported_at": "…", "generator": "…",
     "brief":   {"title", "subtitle", "author", "organisation", "date", "citation",
                 "sections": [{"heading", "items": [{"kind": "text", "text"} |
                                                     {"kind": "quote", "clip", "lead_in",
                                                      "comment"}]}]},
     "clips":   [{"key", "source", "page_index", "page_label", "label_source", "start",
                  "end", "text", "display_text", "locator_auto", "locator_user", "note",
                  "tags"}],
     "sources": [{"key", "sha256", "title", "type", "issuer", "date", "language",
                  "file_name", "pages"}]}

On import every field is checked and errors name the place ("clips[3].start: must be a
whole number ≥ 0"). Sources are matched to the library's documents by SHA-256; a quote
whose document is not in the library is still imported (verification reports it).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from briefer import __version__
from briefer.core.briefs.commands import (
    AddCommentary, AddQuote, AddSection, Command, CreateBrief, CreateClip, MacroCommand)
from briefer.core.briefs.store import BriefStore
from briefer.core.catalog.catalog import now_iso
from briefer.core.briefs.citations import CitationError, validate_settings
from briefer.core.clips.clips import Clip
from briefer.core.errors import BrieferError

FORMAT = "briefer-brief"
SCHEMA_VERSION = 1
# A brief of 300 quotes is about 300 KB; anything far larger is not a brief file.
MAX_FILE_BYTES = 64 * 1024 * 1024
_MAX_COUNT = 2 ** 31 - 1  # offsets and page numbers; SQLite and Python agree below this
_SHA = set("0123456789abcdef")


class BriefFileError(BrieferError, ValueError):
    """The file is not a valid brief file; ``errors`` lists every problem found."""

    reason = "invalid_brief_file"

    def __init__(self, errors: list[str]) -> None:
        shown = errors[:20] + ([f"… and {len(errors) - 20} more"] if len(errors) > 20 else [])
        super().__init__("not a valid Briefer brief file:\n  " + "\n  ".join(shown),
                         details={"errors": list(errors)})
        self.errors = errors


def brief_to_data(store: BriefStore, brief_id: int) -> dict[str, Any]:
    brief = store.get(brief_id)
    clips = store.clips_of(brief)
    keys: dict[int, str] = {}
    src_keys: dict[str, str] = {}
    sources: list[dict[str, Any]] = []
    clip_list: list[dict[str, Any]] = []
    for item in brief.quotes():
        c = clips.get(item.clip_id) if item.clip_id is not None else None
        if c is None or c.id in keys:
            continue
        if c.doc_sha256 not in src_keys:
            src_keys[c.doc_sha256] = f"s{len(src_keys) + 1}"
            doc = store.catalog.by_sha256(c.doc_sha256)
            sources.append({
                "key": src_keys[c.doc_sha256], "sha256": c.doc_sha256,
                "title": doc.title if doc else c.doc_title,
                "type": doc.doc_type if doc else "other", "issuer": doc.issuer if doc else "",
                "date": doc.date if doc else "", "language": doc.language if doc else "",
                "file_name": doc.file_name if doc else "", "pages": doc.page_count if doc else 0})
        keys[c.id] = f"c{len(keys) + 1}"
        clip_list.append({
            "key": keys[c.id], "source": src_keys[c.doc_sha256], "page_index": c.page_index,
            "page_label": c.page_label, "label_source": c.label_source, "start": c.start,
            "end": c.end, "text": c.text, "display_text": c.display_text,
            "locator_auto": c.locator_auto, "locator_user": c.locator_user, "note": c.note,
            "tags": list(c.tags)})
    sections = []
    for s in brief.sections:
        items: list[dict[str, Any]] = []
        for it in s.items:
            if it.kind == "text":
                items.append({"kind": "text", "text": it.body})
            elif it.clip_id in keys:
                items.append({"kind": "quote", "clip": keys[it.clip_id], "lead_in": it.lead_in,
                              "comment": it.comment})
        sections.append({"heading": s.heading, "items": items})
    return {"format": FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": now_iso(),
            "generator": f"Briefer {__version__}",
            "brief": {"title": brief.title, "subtitle": brief.subtitle, "author": brief.author,
                      "organisation": brief.organisation, "date": brief.date,
                      "citation": brief.citation, "sections": sections},
            "clips": clip_list, "sources": sources}


def brief_to_json(store: BriefStore, brief_id: int) -> str:
    return json.dumps(brief_to_data(store, brief_id), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- validation


class _Check:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def obj(self, v: Any, where: str) -> bool:
        if not isinstance(v, dict):
            self.errors.append(f"{where}: must be an object")
            return False
        return True

    def lst(self, v: Any, where: str) -> list[Any]:
        if not isinstance(v, list):
            self.errors.append(f"{where}: must be a list")
            return []
        return v

    def text(self, d: dict[str, Any], key: str, where: str, required: bool = False,
             nullable: bool = False) -> None:
        if key not in d:
            if required:
                self.errors.append(f"{where}.{key}: missing")
            return
        v = d[key]
        if v is None and nullable:
            return
        if not isinstance(v, str):
            self.errors.append(f"{where}.{key}: must be text")
        elif required and not v.strip():
            self.errors.append(f"{where}.{key}: must not be empty")

    def keyed(self, v: Any, name: str) -> tuple[set[str], list[tuple[str, dict[str, Any]]]]:
        """The objects of the list ``v`` (``name[i]``), each with a text ``key`` used once:
        their keys and (where, object) pairs; problems go to the errors."""
        keys: set[str] = set()
        items = []
        for i, o in enumerate(self.lst(v, name)):
            w = f"{name}[{i}]"
            if not self.obj(o, w):
                continue
            self.text(o, "key", w, required=True)
            if o.get("key") in keys:
                self.errors.append(f"{w}.key: {o.get('key')!r} is used twice")
            keys.add(o.get("key"))
            items.append((w, o))
        return keys, items

    def count(self, d: dict[str, Any], key: str, where: str) -> None:
        v = d.get(key)
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            self.errors.append(f"{where}.{key}: must be a whole number \u2265 0")
        elif v > _MAX_COUNT:
            self.errors.append(f"{where}.{key}: too large (at most {_MAX_COUNT})")


def validate(data: Any) -> None:
    """Raise :class:`BriefFileError` listing every problem of ``data``."""
    c = _Check()
    if not c.obj(data, "file"):
        raise BriefFileError(c.errors)
    if data.get("format") != FORMAT:
        raise BriefFileError([f"format: expected {FORMAT!r}, found {data.get('format')!r} "
                              "(this is not a Briefer brief file)"])
    ver = data.get("schema_version")
    if not isinstance(ver, int) or isinstance(ver, bool):
        raise BriefFileError(["schema_version: missing or not a number"])
    if ver > SCHEMA_VERSION:
        raise BriefFileError([f"schema_version: {ver} was written by a newer Briefer (this one "
                              f"reads up to {SCHEMA_VERSION}); update Briefer"])
    if ver < 1:
        raise BriefFileError([f"schema_version: {ver} is not a valid version"])
    src_keys, sources = c.keyed(data.get("sources"), "sources")
    for w, s in sources:
        sha = s.get("sha256")
        if not isinstance(sha, str) or len(sha) != 64 or not set(sha) <= _SHA:
            c.errors.append(f"{w}.sha256: must be 64 lower-case hex digits")
        for k in ("title", "type", "issuer", "date", "language", "file_name"):
            c.text(s, k, w, required=(k == "title"))
    clip_keys, clips = c.keyed(data.get("clips"), "clips")
    for w, cl in clips:
        if cl.get("source") not in src_keys:
            c.errors.append(f"{w}.source: {cl.get('source')!r} is not one of the sources")
        for k in ("page_index", "start", "end"):
            c.count(cl, k, w)
        if isinstance(cl.get("start"), int) and isinstance(cl.get("end"), int) and \
                cl["end"] <= cl["start"]:
            c.errors.append(f"{w}.end: must be greater than start")
        c.text(cl, "text", w, required=True)
        if isinstance(cl.get("text"), str) and isinstance(cl.get("start"), int) and \
                isinstance(cl.get("end"), int) and len(cl["text"]) != cl["end"] - cl["start"]:
            c.errors.append(f"{w}.text: its length does not match end \u2212 start")
        for k in ("page_label", "label_source", "display_text", "locator_auto", "note"):
            c.text(cl, k, w, required=(k == "display_text"))
        c.text(cl, "locator_user", w, nullable=True)
        tags = cl.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            c.errors.append(f"{w}.tags: must be a list of texts")
    brief = data.get("brief")
    if c.obj(brief, "brief"):
        c.text(brief, "title", "brief", required=True)
        for k in ("subtitle", "author", "organisation", "date"):
            c.text(brief, k, "brief")
        if "citation" in brief:
            try:
                if not isinstance(brief["citation"], dict):
                    raise CitationError("must be an object")
                validate_settings(brief["citation"])
            except CitationError as exc:
                c.errors.append(f"brief.citation: {exc}")
        for si, s in enumerate(c.lst(brief.get("sections"), "brief.sections")):
            w = f"brief.sections[{si}]"
            if not c.obj(s, w):
                continue
            c.text(s, "heading", w, required=True)
            for ii, it in enumerate(c.lst(s.get("items"), f"{w}.items")):
                wi = f"{w}.items[{ii}]"
                if not c.obj(it, wi):
                    continue
                kind = it.get("kind")
                if kind == "text":
                    c.text(it, "text", wi, required=True)
                elif kind == "quote":
                    if it.get("clip") not in clip_keys:
                        c.errors.append(f"{wi}.clip: {it.get('clip')!r} is not one of the clips")
                    c.text(it, "lead_in", wi)
                    c.text(it, "comment", wi)
                else:
                    c.errors.append(f"{wi}.kind: must be 'text' or 'quote', not {kind!r}")
    if c.errors:
        raise BriefFileError(c.errors)


# --------------------------------------------------------------------------- import


@dataclass
class ImportResult:
    brief_id: int
    clip_ids: list[int] = field(default_factory=list)
    section_ids: list[int] = field(default_factory=list)
    missing_sources: list[dict[str, str]] = field(default_factory=list)
    command: Optional[Command] = None

    def to_json(self) -> dict[str, Any]:
        return {"brief_id": self.brief_id, "clip_ids": self.clip_ids,
                "section_ids": self.section_ids, "missing_sources": self.missing_sources}


def read_brief_file(path: str | Path) -> dict[str, Any]:
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            raise BriefFileError([f"{path} is {size // (1024 * 1024)} MB; a brief file is "
                                  f"never larger than {MAX_FILE_BYTES // (1024 * 1024)} MB"])
        if not Path(path).is_file():
            raise BriefFileError([f"{path} is not a file"])
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise BriefFileError([f"cannot read {path}: {exc.strerror}"]) from None
    except UnicodeDecodeError:
        raise BriefFileError([f"{path} is not a text (UTF-8) file"]) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BriefFileError([f"not JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"]) \
            from None
    except RecursionError:
        raise BriefFileError(["the file's JSON is nested too deeply to be a brief file"]) \
            from None
    except ValueError as exc:  # e.g. a number of thousands of digits
        raise BriefFileError([f"not JSON a brief file can hold: {exc}"[:300]]) from None
    validate(data)  # raises unless data is a brief file's object
    return dict(data)


def import_brief(store: BriefStore, data: dict[str, Any]) -> ImportResult:
    """Create the brief and its clips in one step (one undoable command)."""
    validate(data)
    cat = store.catalog
    sources = {s["key"]: s for s in data["sources"]}
    docs = {k: cat.by_sha256(s["sha256"]) for k, s in sources.items()}
    b = data["brief"]
    create = CreateBrief(b["title"], b.get("subtitle", ""), b.get("author", ""),
                         b.get("organisation", ""), b.get("date", ""), b.get("citation") or {})
    result = ImportResult(0)
    steps: list[Command] = [create]

    class _Rest(Command):
        """Clips, sections and items, added once the brief exists."""

        text = "Import"

        def __init__(self) -> None:
            super().__init__()
            self.inner: list[Command] = []

        def capture(self, store: BriefStore) -> Any:
            return None

        def put_back(self, store: BriefStore, snap: Any) -> None:  # pragma: no cover
            raise NotImplementedError

        def do(self, store: BriefStore) -> None:
            if self._done_once:
                for done in self.inner:
                    done.do(store)
                return
            ts = now_iso()
            clip_ids: dict[str, int] = {}
            for cl in data["clips"]:
                src = sources[cl["source"]]
                doc = docs[cl["source"]]
                clip = Clip(id=0, uid=uuid.uuid4().hex, doc_id=doc.id if doc else None,
                            doc_sha256=src["sha256"], doc_title=src["title"],
                            page_index=cl["page_index"], page_label=cl.get("page_label", ""),
                            label_source=cl.get("label_source", "index"), start=cl["start"],
                            end=cl["end"], text=cl["text"], display_text=cl["display_text"],
                            locator_auto=cl.get("locator_auto", ""),
                            locator_user=cl.get("locator_user"), note=cl.get("note", ""),
                            tags=list(cl.get("tags", [])), created_at=ts, updated_at=ts)
                cc = CreateClip(clip)
                cc.do(store)
                self.inner.append(cc)
                clip_ids[cl["key"]] = int(cc.clip_id or 0)
            bid = int(create.brief_id or 0)
            for s in b["sections"]:
                add = AddSection(bid, s["heading"])
                add.do(store)
                self.inner.append(add)
                for it in s["items"]:
                    if it["kind"] == "text":
                        cmd: Command = AddCommentary(bid, int(add.section_id or 0), it["text"])
                    else:
                        cmd = AddQuote(bid, int(add.section_id or 0), clip_ids[it["clip"]],
                                       it.get("lead_in", ""), it.get("comment", ""))
                    cmd.do(store)
                    self.inner.append(cmd)
                result.section_ids.append(int(add.section_id or 0))
            result.clip_ids = list(clip_ids.values())
            self._done_once = True

        def undo(self, store: BriefStore) -> None:
            for cmd in reversed(self.inner):
                cmd.undo(store)

    steps.append(_Rest())
    macro = MacroCommand("Import brief", steps)
    macro.do(store)
    result.brief_id = int(create.brief_id or 0)
    result.command = macro
    result.missing_sources = [{"title": sources[k]["title"], "sha256": sources[k]["sha256"]}
                              for k, d in docs.items() if d is None]
    return result
