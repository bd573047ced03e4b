"""``briefer brief …`` (and, through :mod:`briefer.cli.clips`, ``briefer clip``/``clips``):
argument parsing and printing over :mod:`briefer.core.ops.briefs` and
:mod:`briefer.core.ops.export`.

Every command takes ``--json`` and then prints the ids a script needs for the next step
(``clip_id``, ``brief_id``, ``section_ids``, ``item_id``). Positions on the command line
count from 1 (the operations count from 0). Exit codes as in :mod:`briefer.cli.common`, plus 5:
quotes no longer match their sources (``brief export`` stops unless ``--force``;
``brief show --verify`` reports them), or the file ``brief export`` would write exists
(it is replaced only with ``--overwrite``, or when the person answers yes on a terminal).
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import TYPE_CHECKING, Any, Callable, Optional

from briefer import lazy
from briefer.cli import clips as cli_clips
from briefer.cli.common import (EXIT_CONFIRM, EXIT_OK, EXIT_USAGE, CliError, ask, print_json,
                                resolve_doc, shorten)
from briefer.cli.phrasing import EXIT_QUOTES_CHANGED, fail, open_for
from briefer.core.briefs.markup import plain_commentary
from briefer.core.errors import BrieferError

if TYPE_CHECKING:
    from briefer.core.briefs.model import Brief
    from briefer.core.ops import briefs as brief_ops
    from briefer.core.ops import clips as clip_ops
    from briefer.core.ops import export as export_ops
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    brief_ops = lazy.module("briefer.core.ops.briefs")
    clip_ops = lazy.module("briefer.core.ops.clips")
    export_ops = lazy.module("briefer.core.ops.export")


def _position(value: Optional[int]) -> Optional[int]:
    if value is None:
        return None
    if value < 1:
        raise CliError("--position counts from 1", EXIT_USAGE)
    return value - 1


def _sections_json(brief: Brief) -> list[dict[str, Any]]:
    return [{"id": s.id, "heading": s.heading} for s in brief.sections]


def _pairs(specs: Optional[list[str]], option: str, what: str) -> list[tuple[str, str]]:
    out = []
    for spec in specs or []:
        ref, sep, text = spec.partition("=")
        if not sep:
            raise CliError(f"{option} takes {what}", EXIT_USAGE)
        out.append((ref, text))
    return out


# --------------------------------------------------------------------------- commands


def cmd_new(args: argparse.Namespace) -> int:
    with open_for(args) as session:
        try:
            cmd = brief_ops.create_brief(
                session, args.title, subtitle=args.subtitle or "", author=args.author or "",
                organisation=args.org or "", date=args.date or "", style=args.style,
                sections=args.section or [])
            b = brief_ops.get_brief(session, int(cmd.brief_id or 0))
        except BrieferError as exc:
            raise fail(exc)
    data = {"brief_id": b.id, "title": b.title, "section_ids": [s.id for s in b.sections],
            "sections": _sections_json(b)}
    if args.json:
        print_json(data)
    else:
        print(f"Created brief #{b.id}: {b.title}")
        for s in b.sections:
            print(f"  section {s.id}: {s.heading}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with open_for(args, readonly_ok=True) as session:
        rows = brief_ops.list_briefs(session)
    if args.json:
        print_json([r.to_json() for r in rows])
        return EXIT_OK
    if not rows:
        print("No briefs yet. Start one with `briefer brief new \"Title\"`.")
        return EXIT_OK
    print(f"{'#':>4}  {'sections':>8} {'quotes':>6}  {'updated':20} title")
    for r in rows:
        print(f"{r.id:>4}  {r.sections:>8} {r.quotes:>6}  {r.updated_at[:19]:20} "
              f"{shorten(r.title, 70)}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with open_for(args, readonly_ok=True) as session:
        try:
            brief = brief_ops.find_brief(session, args.brief)
            clips = brief_ops.brief_clips(session, brief)
            report = export_ops.verify_brief(session, brief.id) if args.verify else None
        except BrieferError as exc:
            raise fail(exc)
    code = EXIT_QUOTES_CHANGED if report is not None and not report.ok else EXIT_OK
    if args.json:
        data = brief.to_json(clips)
        data["brief_id"] = brief.id
        data["section_ids"] = [s.id for s in brief.sections]
        if report is not None:
            data["verification"] = report.to_json()
        print_json(data)
        return code
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
                print(f"    {it.id:>4}  text   {shorten(plain_commentary(it.body), 90)}")
                continue
            c = clips.get(it.clip_id) if it.clip_id is not None else None
            if c is None:
                print(f"    {it.id:>4}  quote  (clip #{it.clip_id} is missing)")
                continue
            where = ", ".join(x for x in (c.locator, f"p. {c.page_cite}") if x)
            print(f"    {it.id:>4}  quote  clip #{c.id} {shorten(c.doc_title, 40)}, {where}: "
                  f"\u201c{shorten(c.display_text, 60)}\u201d")
    if report is not None:
        print("\n" + report.text())
        if not report.ok:
            print("briefer: quotes no longer match their sources; clip the passages again "
                  "before exporting", file=sys.stderr)
    return code


def cmd_add(args: argparse.Namespace) -> int:
    chosen = [x for x in (args.section, args.text, args.clip) if x is not None]
    if len(chosen) != 1:
        raise CliError("add exactly one of --section HEADING, --text TEXT or --clip ID",
                       EXIT_USAGE)
    if (args.text is not None or args.clip is not None) and not args.to:
        raise CliError("say where with --to SECTION (its id, #position or heading)", EXIT_USAGE)
    pos = _position(args.position)
    text = sys.stdin.read() if args.text == "-" else args.text
    with open_for(args) as session:
        try:
            brief = brief_ops.find_brief(session, args.brief)
            if args.section is not None:
                sec = brief_ops.add_section(session, brief.id, args.section, pos)
                data: dict[str, Any] = {"brief_id": brief.id, "section_id": sec.section_id,
                                        "heading": args.section.strip()}
            else:
                section = brief.section(args.to)
                if text is not None:
                    cmd: Any = brief_ops.add_commentary(session, brief.id, section.id, text, pos)
                    kind = "text"
                else:
                    cmd = brief_ops.quote_clip(session, brief.id, section.id, args.clip,
                                               lead_in=args.lead_in or "",
                                               comment=args.comment or "", position=pos)
                    kind = "quote"
                data = {"brief_id": brief.id, "section_id": section.id,
                        "item_id": cmd.item_id, "kind": kind}
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json(data)
    elif "item_id" in data:
        print(f"Added {data['kind']} item #{data['item_id']} to section {data['section_id']}")
    else:
        print(f"Added section {data['section_id']}: {data['heading']}")
    return EXIT_OK


def cmd_move(args: argparse.Namespace) -> int:
    pos = _position(args.position)
    if (args.item is None) == (args.section is None):
        raise CliError("move either an ITEM (with --to SECTION) or a --section", EXIT_USAGE)
    with open_for(args) as session:
        try:
            brief = brief_ops.find_brief(session, args.brief)
            if args.section is not None:
                section = brief.section(args.section)
                brief_ops.move_section(session, brief.id, section.id, pos)
                order = [s.id for s in brief_ops.get_brief(session, brief.id).sections]
                data: dict[str, Any] = {"brief_id": brief.id, "section_id": section.id,
                                        "section_ids": order}
            else:
                target = brief.section(args.to).id if args.to else None
                brief_ops.move_item(session, brief.id, args.item, target, pos)
                after = brief_ops.get_brief(session, brief.id)
                home = after.item(args.item)[0]
                data = {"brief_id": brief.id, "item_id": args.item, "section_id": home.id,
                        "item_ids": [it.id for it in home.items]}
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json(data)
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
    with open_for(args) as session:
        try:
            brief = brief_ops.find_brief(session, args.brief)
            if args.whole:
                brief_ops.delete_brief(session, brief.id)
                data = {"brief_id": brief.id, "removed": "brief", "title": brief.title}
            elif args.section is not None:
                section = brief.section(args.section)
                brief_ops.remove_section(session, brief.id, section.id)
                data = {"brief_id": brief.id, "removed": "section", "section_id": section.id,
                        "heading": section.heading}
            else:
                brief_ops.remove_item(session, brief.id, args.item)
                data = {"brief_id": brief.id, "removed": "item", "item_id": args.item}
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json(data)
    else:
        what = {"brief": f"brief #{data['brief_id']} {data.get('title', '')}",
                "section": f"section {data.get('section_id')} {data.get('heading', '')}",
                "item": f"item #{data.get('item_id')}"}[str(data["removed"])]
        print(f"Removed {what}")
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    renames = _pairs(args.rename_section, "--rename-section", "SECTION=HEADING")
    short = _pairs(args.short_title, "--short-title", "DOC=SHORT TITLE")
    details = {k: v for k, v in (("title", args.title), ("subtitle", args.subtitle),
                                 ("author", args.author), ("organisation", args.org),
                                 ("date", args.date)) if v is not None}
    with open_for(args) as session:
        try:
            brief = brief_ops.find_brief(session, args.brief)
            # every name is looked up first; the edits are then one step (all or nothing)
            headings = {brief.section(ref).id: heading for ref, heading in renames}
            titles = {resolve_doc(session, ref).id: text for ref, text in short}
            clip_edits: dict[int, dict[str, Any]] = {}
            if args.clip is not None:
                clip_edits[args.clip] = {
                    "locator": args.locator if args.locator is not None else clip_ops.KEEP,
                    "note": args.note if args.note is not None else clip_ops.KEEP}
            brief_ops.update_brief(session, brief.id, headings=headings, **details,
                                   style=args.style, full=args.full_format,
                                   short=args.short_format, short_titles=titles or None,
                                   clip_edits=clip_edits)
            b = brief_ops.get_brief(session, brief.id)
        except BrieferError as exc:
            raise fail(exc)
    data = {"brief_id": b.id, "title": b.title, "citation": b.citation,
            "sections": _sections_json(b)}
    if args.json:
        print_json(data)
    else:
        print(f"Updated brief #{b.id}: {b.title} (citations: {b.citation_style})")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    with open_for(args, readonly_ok=True) as session:
        overwrite = args.overwrite
        while True:
            try:
                brief = brief_ops.find_brief(session, args.brief)
                res = export_ops.export_brief(session, brief.id, args.output,
                                              template=args.template, force=args.force,
                                              overwrite=overwrite, fmt=args.format)
                break
            except export_ops.QuotesDoNotMatch as exc:
                if args.json:
                    print_json({"exported": False, "verification": exc.report.to_json()})
                print(exc.report.text(), file=sys.stderr)
                _note_typed_locators(exc.report)
                print(f"briefer: {fail(exc)}", file=sys.stderr)
                return EXIT_QUOTES_CHANGED
            except BrieferError as exc:
                if exc.reason != "file_exists":
                    raise fail(exc)
                if not args.json and ask(f"{exc.details.get('path', args.output)} already "
                                          "exists. Replace it?"):
                    overwrite = True
                    continue
                if args.json:
                    print_json({"exported": False, "reason": "file_exists",
                                "path": exc.details.get("path")})
                print(f"briefer: {str(exc).rstrip('.')}. Run the same command with "
                      "--overwrite to replace it, or name another file with -o.",
                      file=sys.stderr)
                return EXIT_CONFIRM
    if args.json:
        print_json({"exported": True, **res.to_json()})
        return EXIT_OK
    if not res.report.ok:
        print(res.report.text(), file=sys.stderr)
        _note_typed_locators(res.report)
        print("Exported anyway (--force).", file=sys.stderr)
    extra = f", {res.summary.get('footnotes', 0)} footnotes" if res.format == "docx" else ""
    print(f"Wrote {res.path} ({res.report.checked} quotes checked{extra}) in "
          f"{res.seconds:.2f} s.")
    _note_unlocated(res.unlocated)
    return EXIT_OK


def _note_typed_locators(report: Any) -> None:
    """For each locator the user typed that disagrees with the document's structure: it is
    kept in the footnote, and the command that takes the structure's reading instead."""
    typed = [p for p in report.problems if p.kind == "locator_typed"]
    if not typed:
        return
    print("Your own locators are kept in the footnotes; to use the document's reading "
          "instead:", file=sys.stderr)
    for p in typed:
        print(f"  briefer clips --edit {p.clip_id} --locator {shlex.quote(p.expected)}"
              f"   (now \u201c{p.locator}\u201d)", file=sys.stderr)


def _note_unlocated(unlocated: list) -> None:
    """A note (not a refusal: the file is written) on quotes cited without a locator
    although their document is numbered, each with the command that gives it one."""
    if not unlocated:
        return
    from briefer.core.export.unlocated import sentence

    print(f"Note: {sentence(unlocated)} (cited by page only):", file=sys.stderr)
    for u in unlocated:
        fix = (f" \u2014 briefer clips --edit {u.clip_id} --locator {shlex.quote(u.suggestion)}"
               if u.suggestion else f" \u2014 briefer clips --edit {u.clip_id} --locator \u2026")
        print(f"  {u.line()}{fix}", file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    with open_for(args) as session:
        try:
            res = export_ops.import_brief_file(session, args.file)
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json(res.to_json())
        return EXIT_OK
    print(f"Imported brief #{res.brief_id} with {len(res.clip_ids)} clips.")
    for s in res.missing_sources:
        print(f"  not in this library: {s['title']} (SHA-256 {s['sha256'][:12]}…); "
              "add that file so its quotes can be checked")
    return EXIT_OK


# --------------------------------------------------------------------------- parser


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    cli_clips.register(sub, common)

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
    sh.add_argument("--verify", action="store_true",
                    help="also check every quote (exit 5 when one no longer matches)")
    sh.set_defaults(func=cmd_show)

    a = bsub.add_parser("add", help="add a section, commentary or a quote")
    common(a)
    a.add_argument("brief", metavar="BRIEF")
    a.add_argument("--section", metavar="HEADING", help="add a section")
    a.add_argument("--text", help="add commentary (**bold**, *italic*, '- ' bullets; - = stdin)")
    a.add_argument("--clip", type=int, metavar="CLIP_ID", help="add a quote of this clip")
    a.add_argument("--to", metavar="SECTION", help="section id, #position or heading")
    a.add_argument("--lead-in", help="words before the quote (same markup as --text)")
    a.add_argument("--comment", help="words after the quote (same markup as --text)")
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
                                    "unless --force. An existing file is never replaced "
                                    "silently: on a terminal you are asked, otherwise the "
                                    "export stops (exit 5) unless --overwrite.")
    common(e)
    e.add_argument("brief", metavar="BRIEF")
    e.add_argument("-o", "--output", required=True, help="brief.docx, brief.md or brief.json")
    e.add_argument("--template", help="your organisation's .docx or .dotx template")
    e.add_argument("--format", choices=("docx", "md", "json"), help="instead of the suffix")
    e.add_argument("--force", action="store_true",
                   help="export even if quotes changed (an existing file is still not "
                        "replaced: see --overwrite)")
    e.add_argument("--overwrite", action="store_true",
                   help="replace the file if it exists, without asking")
    e.set_defaults(func=cmd_export)

    i = bsub.add_parser("import", help="import a brief file (.json) with its clips")
    common(i)
    i.add_argument("file", metavar="FILE")
    i.set_defaults(func=cmd_import)
