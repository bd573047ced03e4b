"""The small markup of commentary, lead-ins and comments, parsed once for every output.

A blank line separates paragraphs, ``**bold**``, ``*italic*`` (or ``_italic_``), and lines
starting with ``- ``, ``* `` or ``•`` are bullet points. Every piece of text an author
writes in a brief (commentary, a quote's lead-in, the comment after it) goes through
:func:`parse_commentary`, so the Word export, the Markdown export and the window's preview
format the same words the same way.
"""

from __future__ import annotations

import re

Run = tuple[str, bool, bool]  # text, bold, italic
Block = tuple[str, list[Run]]  # 'para' | 'bullet', runs

_INLINE = re.compile(r"\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|"
                     r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])")
_BULLET = re.compile(r"[-*\u2022]\s+")


def parse_inline(text: str) -> list[Run]:
    """``[(text, bold, italic)]`` runs of one paragraph."""
    runs: list[Run] = []
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


def parse_commentary(text: str) -> list[Block]:
    """Blocks ``[(kind, runs)]`` with kind 'para' or 'bullet'."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", parse_inline(" ".join(x.strip() for x in para))))
            para.clear()

    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
        elif _BULLET.match(stripped):
            flush()
            blocks.append(("bullet", parse_inline(_BULLET.sub("", stripped, count=1))))
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


def _escape_md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def runs_to_markdown(runs: list[Run]) -> str:
    """One paragraph's runs as CommonMark emphasis (literal markup characters escaped)."""
    out: list[str] = []
    for text, bold, italic in runs:
        lead = text[:len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        core = _escape_md(text.strip())
        if core and (bold or italic):
            mark = ("**" if bold else "") + ("*" if italic else "")
            core = f"{mark}{core}{mark[::-1]}"
        out.append(lead + core + trail)
    return "".join(out)


def to_markdown(text: str) -> list[str]:
    """The blocks of ``text`` as Markdown paragraphs and list items, one string each
    (a run of bullet points is one string of lines)."""
    out: list[str] = []
    for kind, runs in parse_commentary(text):
        line = runs_to_markdown(runs)
        if kind == "bullet":
            if out and out[-1].startswith("- "):
                out[-1] += "\n- " + line
            else:
                out.append("- " + line)
        else:
            out.append(line)
    return out
