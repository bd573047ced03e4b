"""``briefer clip`` (clip a passage, optionally quoting it in a brief) and ``briefer clips``
(list, edit and delete clips): argument parsing and printing over
:mod:`briefer.core.ops.clips` and :mod:`briefer.core.ops.briefs`.

Registered by :mod:`briefer.cli.briefs`. Exit codes as in :mod:`briefer.cli.common`; a passage
that is not on the page exits 4 and prints the nearest passage there and where it
differs.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, Callable, Optional

from briefer import lazy
from briefer.cli.common import EXIT_OK, EXIT_USAGE, CliError, print_json, resolve_doc, shorten
from briefer.cli.phrasing import fail, open_for
from briefer.core.errors import BrieferError

if TYPE_CHECKING:
    from briefer.core.clips.clips import Clip
    from briefer.core.ops import briefs as brief_ops
    from briefer.core.ops import clips as clip_ops
    from briefer.core.ops.session import Session
else:  # loaded on first use: a short command starts quickly (briefer/lazy.py)
    brief_ops = lazy.module("briefer.core.ops.briefs")
    clip_ops = lazy.module("briefer.core.ops.clips")


def _clip_data(session: Session,
               clip_id: int) -> tuple[dict[str, Any], clip_ops.LocatorStatus]:
    """A clip as JSON with its id and its locator status's fields; and that status."""
    status = clip_ops.locator_status(session, clip_id)
    return {**clip_ops.get_clip(session, clip_id).to_json(), "clip_id": clip_id,
            **status.to_json()}, status


def _locator_words(data: dict[str, Any], status: clip_ops.LocatorStatus, missing: str) -> str:
    """The clip's locator, else 'locator uncertain' when a reading was held back, else
    ``missing``."""
    return data["locator"] or ("locator uncertain" if status.uncertain else missing)


def _where(clip: dict[str, Any]) -> str:
    where = f"p. {clip['page']}"
    if str(clip["page_number"]) != clip["page"]:
        where += f" (PDF page {clip['page_number']})"
    return where


def _uncertain_line(status: clip_ops.LocatorStatus) -> str:
    """'locator: uncertain — the numbering skips here (perhaps Section 42(7)); give your own
    with --locator' for a clip whose detected reading was not sure enough to store."""
    perhaps = f" (perhaps {status.suggestion})" if status.suggestion else ""
    return f"locator: uncertain \u2014 {status.reason}{perhaps}; give your own with --locator"


def _short_locator(status: clip_ops.LocatorStatus) -> str:
    """The locator part of a clip list line: the locator, or 'locator uncertain (perhaps
    X)', or nothing."""
    if status.locator:
        return f"{status.locator}, "
    if status.uncertain:
        perhaps = f" (perhaps {status.suggestion}?)" if status.suggestion else ""
        return f"locator uncertain{perhaps}, "
    return ""


def cmd_clip(args: argparse.Namespace) -> int:
    if args.page is not None and args.label is not None:
        raise CliError("give --page N (PDF page, from 1) or --label L (printed page), "
                       "not both", EXIT_USAGE)
    if not args.text.strip():
        raise CliError("--text must not be empty", EXIT_USAGE)
    if args.brief and not args.to:
        raise CliError("--brief needs --to SECTION (its id, #position or heading)", EXIT_USAGE)
    if args.page is not None and args.page < 1:
        raise CliError("--page counts from 1", EXIT_USAGE)
    with open_for(args) as session:
        doc = resolve_doc(session, args.doc)
        try:
            passage = clip_ops.find_typed_passage(
                session, doc.id, args.text,
                page_index=args.page - 1 if args.page is not None else None,
                label=args.label, occurrence=args.occurrence)
            if args.brief:
                brief = brief_ops.find_brief(session, args.brief)
                section = brief.section(args.to)
                cmd = brief_ops.quote_into_brief(
                    session, brief.id, section.id, doc_id=passage.doc_id,
                    page_index=passage.page_index, start=passage.start, end=passage.end,
                    lead_in=args.lead_in or "", comment=args.comment or "",
                    locator=args.locator, note=args.note or "", tags=args.tag or [],
                    keep_markers=args.keep_markers)
                data, status = _clip_data(session, int(cmd.clip_id or 0))
                data.update(brief_id=brief.id, section_id=section.id, item_id=cmd.item_id)
            else:
                clip = clip_ops.clip_selection(
                    session, passage.doc_id, passage.page_index, passage.start, passage.end,
                    locator=args.locator, note=args.note or "", tags=args.tag or [],
                    keep_markers=args.keep_markers)
                data, status = _clip_data(session, clip.id)
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json(data)
        return EXIT_OK
    loc = _locator_words(data, status, "no locator found (set one with --locator)")
    print(f"Clip #{data['clip_id']}: {loc}, {_where(data)}, characters "
          f"{data['start']}\u2013{data['end']}")
    print(f"  \u201c{data['display_text']}\u201d")
    if status.uncertain:
        print(f"  {_uncertain_line(status)}")
    if data.get("item_id"):
        print(f"  quoted in brief #{data['brief_id']} as item #{data['item_id']}")
    return EXIT_OK


def _clip_line(c: Clip, briefs: list[int],
               status: Optional[clip_ops.LocatorStatus] = None) -> str:
    d = c.to_json()
    used = f"  [in brief {', '.join(f'#{b}' for b in briefs)}]" if briefs else ""
    loc = _short_locator(status) if status is not None else (f"{c.locator}, " if c.locator
                                                             else "")
    return (f"{c.id:>5}  {shorten(c.doc_title, 30)}, {loc}{_where(d)}: "
            f"\u201c{shorten(c.display_text, 60)}\u201d{used}")


def _delete(args: argparse.Namespace) -> int:
    with open_for(args) as session:
        try:
            for clip_id in args.delete:
                clip_ops.delete_clip(session, clip_id)
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json({"deleted": list(args.delete)})
    else:
        print("Deleted clip" + ("s " if len(args.delete) > 1 else " ") +
              ", ".join(f"#{c}" for c in args.delete))
    return EXIT_OK


def _edit(args: argparse.Namespace) -> int:
    def given(value: Any) -> Any:
        return value if value is not None else clip_ops.KEEP

    with open_for(args) as session:
        try:
            clip_ops.edit_clip(session, args.edit, locator=given(args.locator),
                               note=given(args.note), tags=given(args.tag))
            data, status = _clip_data(session, args.edit)
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json(data)
    else:
        loc = _locator_words(data, status, "no locator")
        print(f"Clip #{data['clip_id']}: {loc}, {_where(data)}"
              + (f"; note: {data['note']}" if data["note"] else "")
              + (f"; tags: {', '.join(data['tags'])}" if data["tags"] else ""))
        if status.uncertain:
            print(f"  {_uncertain_line(status)}")
    return EXIT_OK


def _list(args: argparse.Namespace) -> int:
    with open_for(args, readonly_ok=True) as session:
        try:
            doc_id: Optional[int] = resolve_doc(session, args.doc).id if args.doc else None
            infos = clip_ops.list_clips(session, doc_id)
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json([info.to_json() for info in infos])
    elif not infos:
        print("No clips yet. Clip a passage with `briefer clip DOC --page N --text \"…\"`.")
    else:
        for info in infos:
            print(_clip_line(info.clip, info.briefs, info.status))
    return EXIT_OK


_MARKER_WORDS = {
    True: "Quotes made in this library keep footnote references and amendment markers in "
          "their text (the window's quotes too).",
    False: "Quotes made in this library leave footnote references and amendment markers out "
           "of their text (the window's quotes too); the source's text keeps them.",
}


def _markers(args: argparse.Namespace) -> int:
    keep = args.markers == "keep"
    with open_for(args) as session:
        try:
            clip_ops.set_keep_markers(session, keep)
        except BrieferError as exc:
            raise fail(exc)
    if args.json:
        print_json({"keep_markers": keep})
    else:
        print(_MARKER_WORDS[keep])
    return EXIT_OK


def cmd_clips(args: argparse.Namespace) -> int:
    if args.markers is not None:
        if args.delete or args.edit is not None or args.doc:
            raise CliError("--markers sets the library's setting; give it on its own",
                           EXIT_USAGE)
        return _markers(args)
    if args.delete and args.edit is not None:
        raise CliError("--delete and --edit cannot be combined", EXIT_USAGE)
    if args.edit is None and any(x is not None for x in (args.locator, args.note, args.tag)):
        raise CliError("--locator, --note and --tag change a clip: say which with --edit ID",
                       EXIT_USAGE)
    if args.delete:
        return _delete(args)
    if args.edit is not None:
        return _edit(args)
    return _list(args)


def register(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    c = sub.add_parser(
        "clip", help="clip a passage of a document with its page and locator",
        description="Find TEXT on a page (ignoring line breaks, hyphenation, case and "
                    "ligatures), record it with its offsets, printed page and pinpoint locator "
                    "('Rule 5(1)(b)', 'Section 20', 'para 12'). Without --page or --label the "
                    "first place in the document is used. When the text is not there, the "
                    "nearest passage on the page and where it differs are shown.")
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
    c.add_argument("--brief", help="also quote it in this brief (one undoable step) …")
    c.add_argument("--to", metavar="SECTION", help="… in this section")
    c.add_argument("--lead-in", help="words before the quote (**bold**, *italic*)")
    c.add_argument("--comment", help="words after the quote (**bold**, *italic*, '- ' bullets)")
    c.add_argument("--keep-markers", action=argparse.BooleanOptionalAction, default=None,
                   help="keep footnote references and amendment markers (a raised '1' "
                        "before '[commission of]') in the quoted text, or leave them out "
                        "(--no-keep-markers); by default the library's setting decides "
                        "(`briefer clips --markers keep|omit`, Preferences in the window)")
    c.set_defaults(func=cmd_clip)

    ls = sub.add_parser(
        "clips", help="list clips; edit or delete one",
        description="Without options, list every clip (of DOC when given) with the briefs "
                    "that quote it. A clip quoted in a brief cannot be deleted: remove the "
                    "quote first (`briefer brief remove BRIEF ITEM`).")
    common(ls)
    ls.add_argument("doc", metavar="DOC", nargs="?", help="only the clips of this document")
    ls.add_argument("--delete", type=int, nargs="+", metavar="ID", help="delete these clips")
    ls.add_argument("--edit", type=int, metavar="ID", help="change this clip's …")
    ls.add_argument("--locator", help="… locator ('' goes back to the detected one)")
    ls.add_argument("--note", help="… note")
    ls.add_argument("--tag", action="append", help="… tags (repeatable; replaces them)")
    ls.add_argument("--markers", choices=("keep", "omit"),
                    help="the library's setting for new quotes: keep footnote references "
                         "and amendment markers in the quoted text, or omit them (the "
                         "default); the window uses the same setting")
    ls.set_defaults(func=cmd_clips)
