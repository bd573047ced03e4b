"""Commands for clips and briefs: ``briefer clip`` and ``briefer brief …``.

Every command takes ``--json`` and then prints the ids a script needs for the next step
(``clip_id``, ``brief_id``, ``section_ids``, ``item_id``). Exit codes as in
:mod:`briefer.cli`, plus 5: the export stopped because quotes no longer match their
sources (re-run with ``--force`` to export anyway).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable, Optional

from briefer.cli import (
    EXIT_LIBRARY, EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE, CliError, _print_json, open_library,
    resolve_doc)
from briefer.core.briefs.briefs import (
    AddCommentary, AddQuote, AddSection, Brief, BriefError, BriefStore, Command, CommandStack,
    CreateBrief, CreateClip, DeleteBrief, EditClip, MoveItem, MoveSection, RemoveItem,
    RemoveSection, RenameSection, SetBriefFields, plain_commentary)
from briefer.core.catalog.catalog import CatalogError
from briefer.core.briefs.citations import CitationError
from briefer.core.clips.clips import ClipError, PassageNotFound, clip_text, resolve_page

EXIT_QUOTES_CHANGED = 5


def _store(lib: Any) -> BriefStore:
    try:
        return BriefStore(lib.catalog)
    except CatalogError as exc:
        raise CliError(str(exc), EXIT_LIBRARY)


def _run(lib: Any, fn: Callable[[BriefStore], Any]) -> Any:
    """Run ``fn`` with a store, turning the core's errors into CLI errors; close ``lib``."""
    try:
        return fn(_store(lib))
    except (BriefError, ClipError) as exc:
        raise CliError(str(exc), EXIT_NOT_FOUND)
    except CitationError as exc:
        raise CliError(str(exc), EXIT_USAGE)
    finally:
        lib.close()


def _push(store: BriefStore, cmd: Command) -> Command:
    return CommandStack(store).push(cmd)


def _date(value: Optional[str]) -> Optional[str]:
    if not value:
        return value
    from briefer.core.files.metadata import parse_user_date

    parsed = parse_user_date(value)
    if parsed is None:
        raise CliError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)", EXIT_USAGE)
    return parsed


def _position(value: Optional[int]) -> Optional[int]:
    if value is None:
        return None
    if value < 1:
        raise CliError("--position counts from 1", EXIT_USAGE)
    return value - 1


# --------------------------------------------------------------------------- clip


def cmd_clip(args: argparse.Namespace) -> int:
    if (args.page is None) == (args.label is None):
        raise CliError("give either --page N (PDF page, from 1) or --label L (printed page)",
                       EXIT_USAGE)
    if not args.text.strip():
        raise CliError("--text must not be empty", EXIT_USAGE)
    lib = open_library(args)

    def work(store: BriefStore) -> dict[str, Any]:
        doc = resolve_doc(lib, args.doc)
        page = resolve_page(lib.catalog, doc, args.page, args.label)
        try:
            clip = clip_text(lib.catalog, doc, page, args.text, occurrence=args.occurrence,
                             locator=args.locator, note=args.note or "", tags=args.tag or [])
        except PassageNotFound as exc:
            raise CliError(str(exc), EXIT_NOT_FOUND)
        stack = CommandStack(store)
        clip_id = stack.push(CreateClip(clip)).clip_id
        out = store.clips.get(int(clip_id or 0)).to_json()
        out["clip_id"] = clip_id
        if args.brief:
            brief = store.resolve(args.brief)
            if not args.to:
                raise CliError("--brief needs --to SECTION", EXIT_USAGE)
            section = brief.section(args.to)
            item = stack.push(AddQuote(brief.id, section.id, int(clip_id or 0),
                                       args.lead_in or "", args.comment or ""))
            out.update(brief_id=brief.id, section_id=section.id, item_id=item.item_id)
        return out

    data = _run(lib, work)
    if args.json:
        _print_json(data)
    else:
        where = f"p. {data['page']}" + (f" (PDF page {data['page_number']})"
                                         if str(data["page_number"]) != data["page"] else "")
        loc = data["locator"] or "no locator found (set one with --locator)"
        print(f"Clip #{data['clip_id']}: {loc}, {where}, characters "
              f"{data['start']}\u2013{data['end']}")
        print(f"  \u201c{data['display_text']}\u201d")
        if data.get("item_id"):
            print(f"  quoted in brief #{data['brief_id']} as item #{data['item_id']}")
    return EXIT_OK


# --------------------------------------------------------------------------- brief


def _sections_json(brief: Brief) -> list[dict[str, Any]]:
    return [{"id": s.id, "heading": s.heading} for s in brief.sections]


def cmd_new(args: argparse.Namespace) -> int:
    citation: dict[str, Any] = {}
    if args.style:
        citation["style"] = args.style
    date = _date(args.date) or ""
    lib = open_library(args)

    def work(store: BriefStore) -> dict[str, Any]:
        cmd = _push(store, CreateBrief(args.title, args.subtitle or "", args.author or "",
                                       args.org or "", date, citation, args.section or []))
        b = store.get(int(cmd.brief_id or 0))  # type: ignore[attr-defined]
        return {"brief_id": b.id, "title": b.title, "section_ids": [s.id for s in b.sections],
                "sections": _sections_json(b)}

    data = _run(lib, work)
    if args.json:
        _print_json(data)
    else:
        print(f"Created brief #{data['brief_id']}: {data['title']}")
        for s in data["sections"]:
            print(f"  section {s['id']}: {s['heading']}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    lib = open_library(args, readonly_ok=True)
    rows = _run(lib, lambda store: store.list())
    if args.json:
        _print_json(rows)
        return EXIT_OK
    if not rows:
        print("No briefs yet. Start one with `briefer brief new \"Title\"`.")
        return EXIT_OK
    print(f"{'#':>4}  {'sections':>8} {'quotes':>6}  {'updated':20} title")
    for r in rows:
        print(f"{r['id']:>4}  {r['sections']:>8} {r['quotes']:>6}  {r['updated_at'][:19]:20} "
              f"{r['title'][:70]}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    lib = open_library(args, readonly_ok=True)

    def work(store: BriefStore) -> tuple[Brief, dict, Any]:
        brief = store.resolve(args.brief)
        clips = store.clips_of(brief)
        report = None
        if args.verify:
            from briefer.core.export.verify import verify_quotes

            report = verify_quotes(lib.catalog, brief, clips)
        return brief, clips, report

    brief, clips, report = _run(lib, work)
    if args.json:
        data = brief.to_json(clips)
        data["brief_id"] = brief.id
        data["section_ids"] = [s.id for s in brief.sections]
        if report is not None:
            data["verification"] = report.to_json()
        _print_json(data)
        return EXIT_OK
    print(f"#{brief.id} {brief.title}")
    for label, value in (("subtitle", brief.subtitle), ("author", brief.author),
                         ("organisation", brief.organisation), ("date", brief.date),
                         ("citations", brief.citation_style)):
        if value:
            print(f"  {label:12} {value}")
    for s in brief.sections:
        print(f"\n  [section {s.id}] {s.heading}")
        for it in s.items:
            if it.kind == "text":
                text = plain_commentary(it.body)
                print(f"    {it.id:>4}  text   {text[:90]}{'…' if len(text) > 90 else ''}")
            else:
                c = clips.get(it.clip_id) if it.clip_id is not None else None
                if c is None:
                    print(f"    {it.id:>4}  quote  (clip #{it.clip_id} is missing)")
                    continue
                where = ", ".join(x for x in (c.locator, f"p. {c.page_cite}") if x)
                q = c.display_text
                print(f"    {it.id:>4}  quote  clip #{c.id} {c.doc_title[:40]}, {where}: "
                      f"\u201c{q[:60]}{'…' if len(q) > 60 else ''}\u201d")
    if report is not None:
        print("\n" + report.text())
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    chosen = [x for x in (args.section, args.text, args.clip) if x is not None]
    if len(chosen) != 1:
        raise CliError("add exactly one of --section HEADING, --text TEXT or --clip ID",
                       EXIT_USAGE)
    if (args.text is not None or args.clip is not None) and not args.to:
        raise CliError("say where with --to SECTION (its id, #position or heading)", EXIT_USAGE)
    pos = _position(args.position)
    lib = open_library(args)

    def work(store: BriefStore) -> dict[str, Any]:
        brief = store.resolve(args.brief)
        if args.section is not None:
            cmd = _push(store, AddSection(brief.id, args.section, pos))
            return {"brief_id": brief.id, "section_id": cmd.section_id,  # type: ignore
                    "heading": args.section.strip()}
        section = brief.section(args.to)
        if args.text is not None:
            text = sys.stdin.read() if args.text == "-" else args.text
            cmd = _push(store, AddCommentary(brief.id, section.id, text, pos))
            kind = "text"
        else:
            cmd = _push(store, AddQuote(brief.id, section.id, args.clip, args.lead_in or "",
                                        args.comment or "", pos))
            kind = "quote"
        return {"brief_id": brief.id, "section_id": section.id,
                "item_id": cmd.item_id, "kind": kind}  # type: ignore[attr-defined]

    data = _run(lib, work)
    if args.json:
        _print_json(data)
    elif "item_id" in data:
        print(f"Added {data['kind']} item #{data['item_id']} to section {data['section_id']}")
    else:
        print(f"Added section {data['section_id']}: {data['heading']}")
    return EXIT_OK


def cmd_move(args: argparse.Namespace) -> int:
    pos = _position(args.position)
    if (args.item is None) == (args.section is None):
        raise CliError("move either an ITEM (with --to SECTION) or a --section (with "
                       "--position N)", EXIT_USAGE)
    lib = open_library(args)

    def work(store: BriefStore) -> dict[str, Any]:
        brief = store.resolve(args.brief)
        if args.section is not None:
            if pos is None:
                raise CliError("moving a section needs --position N", EXIT_USAGE)
            section = brief.section(args.section)
            _push(store, MoveSection(brief.id, section.id, pos))
            order = [s.id for s in store.get(brief.id).sections]
            return {"brief_id": brief.id, "section_id": section.id, "section_ids": order}
        brief.item(args.item)
        target = brief.section(args.to) if args.to else brief.item(args.item)[0]
        _push(store, MoveItem(brief.id, args.item, target.id, pos))
        items = [it.id for it in store.get(brief.id).section(target.id).items]
        return {"brief_id": brief.id, "item_id": args.item, "section_id": target.id,
                "item_ids": items}

    data = _run(lib, work)
    if args.json:
        _print_json(data)
    elif "item_id" in data:
        print(f"Moved item #{data['item_id']} to section {data['section_id']} "
              f"(position {data['item_ids'].index(data['item_id']) + 1})")
    else:
        print(f"Moved section {data['section_id']} to position "
              f"{data['section_ids'].index(data['section_id']) + 1}")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    chosen = sum(x is not None and x is not False for x in (args.item, args.section, args.whole))
    if chosen != 1:
        raise CliError("remove one ITEM, one --section, or the --whole brief", EXIT_USAGE)
    lib = open_library(args)

    def work(store: BriefStore) -> dict[str, Any]:
        brief = store.resolve(args.brief)
        if args.whole:
            _push(store, DeleteBrief(brief.id))
            return {"brief_id": brief.id, "removed": "brief", "title": brief.title}
        if args.section is not None:
            section = brief.section(args.section)
            _push(store, RemoveSection(brief.id, section.id))
            return {"brief_id": brief.id, "removed": "section", "section_id": section.id,
                    "heading": section.heading}
        brief.item(args.item)
        _push(store, RemoveItem(brief.id, args.item))
        return {"brief_id": brief.id, "removed": "item", "item_id": args.item}

    data = _run(lib, work)
    if args.json:
        _print_json(data)
    else:
        what = {"brief": f"brief #{data['brief_id']} {data.get('title', '')}",
                "section": f"section {data.get('section_id')} {data.get('heading', '')}",
                "item": f"item #{data.get('item_id')}"}[data["removed"]]
        print(f"Removed {what}")
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    fields = {k: v for k, v in (("title", args.title), ("subtitle", args.subtitle),
                                ("author", args.author), ("organisation", args.org),
                                ("date", _date(args.date))) if v is not None}
    lib = open_library(args)

    def work(store: BriefStore) -> dict[str, Any]:
        brief = store.resolve(args.brief)
        citation: dict[str, Any] = {}
        if args.style:
            citation["style"] = args.style
        if args.full_format:
            citation["full"] = args.full_format
        if args.short_format:
            citation["short"] = args.short_format
        if args.short_title:
            titles = dict(brief.citation.get("short_titles", {}))
            for spec in args.short_title:
                ref, sep, text = spec.partition("=")
                if not sep:
                    raise CliError("--short-title takes DOC=SHORT TITLE", EXIT_USAGE)
                doc = resolve_doc(lib, ref)
                if text.strip():
                    titles[doc.sha256] = text.strip()
                else:
                    titles.pop(doc.sha256, None)
            citation["short_titles"] = titles
        if args.rename_section:
            for spec in args.rename_section:
                ref, sep, text = spec.partition("=")
                if not sep:
                    raise CliError("--rename-section takes SECTION=HEADING", EXIT_USAGE)
                _push(store, RenameSection(brief.id, brief.section(ref).id, text))
        if fields or citation:
            _push(store, SetBriefFields(brief.id, citation or None, **fields))
        if args.clip is not None:
            _push(store, EditClip(args.clip, locator=args.locator if args.locator is not None
                                  else EditClip._UNSET, note=args.note))
        b = store.get(brief.id)
        return {"brief_id": b.id, "title": b.title, "citation": b.citation,
                "sections": _sections_json(b)}

    data = _run(lib, work)
    if args.json:
        _print_json(data)
    else:
        print(f"Updated brief #{data['brief_id']}: {data['title']} "
              f"(citations: {data['citation']['style']})")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from briefer.core.export.export import ExportError, export_brief
    from briefer.core.export.verify import QuotesChanged

    lib = open_library(args, readonly_ok=True)

    def work(store: BriefStore) -> Any:
        brief = store.resolve(args.brief)
        out = Path(args.output).expanduser()
        try:
            return export_brief(lib.catalog, brief.id, out, template=args.template,
                                force=args.force, fmt=args.format)
        except QuotesChanged as exc:
            return exc
        except ExportError as exc:
            raise CliError(str(exc), EXIT_USAGE)

    res = _run(lib, work)
    from briefer.core.export.verify import QuotesChanged as _QC

    if isinstance(res, _QC):
        if args.json:
            _print_json({"exported": False, "verification": res.report.to_json()})
        print(res.report.text(), file=sys.stderr)
        print("briefer: the export stopped; clip the passages again, or export anyway with "
              "--force", file=sys.stderr)
        return EXIT_QUOTES_CHANGED
    if args.json:
        _print_json({"exported": True, **res.to_json()})
    else:
        if not res.report.ok:
            print(res.report.text(), file=sys.stderr)
            print("Exported anyway (--force).", file=sys.stderr)
        extra = (f", {res.summary.get('footnotes', 0)} footnotes"
                 if res.format == "docx" else "")
        print(f"Wrote {res.path} ({res.report.checked} quotes checked{extra}) in "
              f"{res.seconds:.2f} s.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from briefer.core.briefs.briefio import BriefFileError, import_brief, read_brief_file

    try:
        data = read_brief_file(args.file)
    except BriefFileError as exc:
        raise CliError(str(exc), EXIT_USAGE)
    lib = open_library(args)
    res = _run(lib, lambda store: import_brief(store, data))
    if args.json:
        _print_json(res.to_json())
    else:
        print(f"Imported brief #{res.brief_id} with {len(res.clip_ids)} clips.")
        for s in res.missing_sources:
            print(f"  not in this library: {s['title']} (SHA-256 {s['sha256'][:12]}…); "
                  "add that file so its quotes can be checked")
    return EXIT_OK


# --------------------------------------------------------------------------- parser


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    c = sub.add_parser(
        "clip", help="clip a passage of a document with its page and locator",
        description="Find TEXT on a page (ignoring line breaks, hyphenation, case and "
                    "ligatures), record it with its offsets, printed page and pinpoint locator "
                    "('Rule 5(1)(b)', 'Section 20', 'para 12').")
    common(c)
    c.add_argument("doc", metavar="DOC", help="document number, file name or title words")
    c.add_argument("--page", type=int, help="PDF page number, counted from 1")
    c.add_argument("--label", help="the page's printed number instead of --page")
    c.add_argument("--text", required=True, help="the passage as you read it")
    c.add_argument("--occurrence", type=int, default=1,
                   help="which occurrence on the page (default 1)")
    c.add_argument("--locator", help="your own locator instead of the detected one")
    c.add_argument("--note")
    c.add_argument("--tag", action="append", help="tag (repeatable)")
    c.add_argument("--brief", help="also quote it in this brief …")
    c.add_argument("--to", metavar="SECTION", help="… in this section")
    c.add_argument("--lead-in")
    c.add_argument("--comment")
    c.set_defaults(func=cmd_clip)

    b = sub.add_parser("brief", help="write briefs: sections, commentary, quotes; export",
                       description="Briefs are saved in the library as you edit them.")
    bsub = b.add_subparsers(dest="brief_command", metavar="ACTION", required=True)

    n = bsub.add_parser("new", help="start a brief")
    common(n)
    n.add_argument("title")
    n.add_argument("--subtitle")
    n.add_argument("--author")
    n.add_argument("--org", help="organisation")
    n.add_argument("--date", help="YYYY-MM-DD")
    n.add_argument("--style", choices=("footnotes", "inline"), help="citation style")
    n.add_argument("--section", action="append", help="a section heading (repeatable)")
    n.set_defaults(func=cmd_new)

    ls = bsub.add_parser("list", help="list briefs")
    common(ls)
    ls.set_defaults(func=cmd_list)

    sh = bsub.add_parser("show", help="a brief's sections and items with their ids")
    common(sh)
    sh.add_argument("brief", metavar="BRIEF", help="brief number or title words")
    sh.add_argument("--verify", action="store_true", help="also check every quote")
    sh.set_defaults(func=cmd_show)

    a = bsub.add_parser("add", help="add a section, commentary or a quote")
    common(a)
    a.add_argument("brief", metavar="BRIEF")
    a.add_argument("--section", metavar="HEADING", help="add a section")
    a.add_argument("--text", help="add commentary (**bold**, *italic*, '- ' bullets; - = stdin)")
    a.add_argument("--clip", type=int, metavar="CLIP_ID", help="add a quote of this clip")
    a.add_argument("--to", metavar="SECTION", help="section id, #position or heading")
    a.add_argument("--lead-in", help="words before the quote")
    a.add_argument("--comment", help="words after the quote")
    a.add_argument("--position", type=int, help="position from 1 (default: at the end)")
    a.set_defaults(func=cmd_add)

    m = bsub.add_parser("move", help="move an item (to another section) or a section")
    common(m)
    m.add_argument("brief", metavar="BRIEF")
    m.add_argument("item", metavar="ITEM", type=int, nargs="?", help="item id")
    m.add_argument("--to", metavar="SECTION", help="target section (default: the same)")
    m.add_argument("--section", metavar="SECTION", help="move this section instead")
    m.add_argument("--position", type=int, help="position from 1 (default: at the end)")
    m.set_defaults(func=cmd_move)

    r = bsub.add_parser("remove", help="remove an item, a section or the whole brief")
    common(r)
    r.add_argument("brief", metavar="BRIEF")
    r.add_argument("item", metavar="ITEM", type=int, nargs="?")
    r.add_argument("--section", metavar="SECTION")
    r.add_argument("--whole", action="store_true", help="remove the brief itself")
    r.set_defaults(func=cmd_remove)

    s = bsub.add_parser("set", help="edit a brief's details, citation format or a clip")
    common(s)
    s.add_argument("brief", metavar="BRIEF")
    s.add_argument("--title")
    s.add_argument("--subtitle")
    s.add_argument("--author")
    s.add_argument("--org")
    s.add_argument("--date")
    s.add_argument("--style", choices=("footnotes", "inline"))
    s.add_argument("--full-format", help="first citation, e.g. '{title} ({issuer}, {date}), "
                                         "{locator}, {page}.'")
    s.add_argument("--short-format", help="later citations, e.g. '{short_title}, {locator}, "
                                          "{page}.'")
    s.add_argument("--short-title", action="append", metavar="DOC=TITLE",
                   help="short title of a document (repeatable; empty resets)")
    s.add_argument("--rename-section", action="append", metavar="SECTION=HEADING")
    s.add_argument("--clip", type=int, metavar="CLIP_ID", help="edit this clip's …")
    s.add_argument("--locator", help="… locator ('' goes back to the detected one)")
    s.add_argument("--note", help="… note")
    s.set_defaults(func=cmd_set)

    e = bsub.add_parser("export", help="check every quote, then write .docx, .md or .json",
                        description="Every quote is checked against its source first; the "
                                    "export stops (exit 5) when one no longer matches, "
                                    "unless --force.")
    common(e)
    e.add_argument("brief", metavar="BRIEF")
    e.add_argument("-o", "--output", required=True, help="brief.docx, brief.md or brief.json")
    e.add_argument("--template", help="your organisation's .docx or .dotx template")
    e.add_argument("--format", choices=("docx", "md", "json"), help="instead of the suffix")
    e.add_argument("--force", action="store_true", help="export even if quotes changed")
    e.set_defaults(func=cmd_export)

    i = bsub.add_parser("import", help="import a brief file (.json) with its clips")
    common(i)
    i.add_argument("file", metavar="FILE")
    i.set_defaults(func=cmd_import)
