"""A brief as Markdown: headings, commentary, quotes as block quotations with footnotes
``[^n]`` (or inline citations), and the table of sources cited.

Commentary, lead-ins and comments are parsed with the brief's markup
(:mod:`briefer.core.briefs.markup`) and written back as CommonMark, exactly as the Word
export formats them; other characters Markdown would read as markup are escaped."""

from __future__ import annotations

from typing import Any

from briefer.core.briefs.markup import to_markdown
from briefer.core.briefs.model import Brief
from briefer.core.briefs.citations import Citer, Source, format_date
from briefer.core.clips.clips import Clip, sanitize


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _blocks(text: str) -> list[str]:
    out: list[str] = []
    for block in to_markdown(text):
        out += [block, ""]
    return out


def build_markdown(brief: Brief, clips: dict[int, Clip],
                   sources: dict[str, Source]) -> tuple[str, dict[str, Any]]:
    citer = Citer(brief.citation, sources)
    out: list[str] = [f"# {brief.title}", ""]
    if brief.subtitle:
        out += [f"*{brief.subtitle}*", ""]
    meta = " \u00b7 ".join(x for x in (brief.author, brief.organisation,
                                        format_date(brief.date)) if x)
    if meta:
        out += [meta, ""]
    notes: list[str] = []
    quotes = 0
    for section in brief.sections:
        out += [f"## {section.heading}", ""]
        for item in section.items:
            if item.kind == "text":
                out += _blocks(item.body)
                continue
            clip = clips.get(item.clip_id) if item.clip_id is not None else None
            if clip is None:
                continue
            quotes += 1
            out += _blocks(item.lead_in)
            if citer.style == "inline":
                out += [f"> {clip.display_text} {citer.inline(clip)}", ""]
            else:
                notes.append(citer.cite(clip))
                out += [f"> {clip.display_text}[^{len(notes)}]", ""]
            out += _blocks(item.comment)
    rows = citer.annex_rows()
    if rows:
        out += ["## Sources cited", "", "| Title | Type | Issuer | Date | Pages cited |",
                "|---|---|---|---|---|"]
        for r in rows:
            out.append("| " + " | ".join(_cell(r[k]) for k in
                                          ("title", "type", "issuer", "date", "pages")) + " |")
        out.append("")
    for n, text in enumerate(notes, 1):
        out.append(f"[^{n}]: {text}")
    text = sanitize("\n".join(out).rstrip() + "\n")
    return text, {"quotes": quotes, "footnotes": len(notes), "sources": len(rows)}
