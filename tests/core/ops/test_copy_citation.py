"""'Copy with page' cites a passage in the words of the footnote an export writes for it
(issue 19): the brief's citation style, its short form once the brief cites the document,
and the library's default style when no brief is open."""

from __future__ import annotations

import re

from briefer.core.ops import briefs as ob
from briefer.core.ops import clips as oc
from briefer.core.ops import export as oe
from tests.core.ops.rules_library import RULE_5_1_B, doc_id, session, template_lib  # noqa: F401


def _passages(session) -> tuple[int, tuple[int, int], tuple[int, int]]:
    rules = doc_id(session, "rules.pdf")
    text = session.catalog().page(rules, 1).text
    k = text.index("to provide, within")
    return rules, (k, k + len(RULE_5_1_B)), (k + 12, k + 60)  # two passages of one page


def _footnotes(path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [re.sub(r"^\[\^\d+\]:\s*", "", ln).strip() for ln in lines
            if re.match(r"^\[\^\d+\]:", ln)]


def _cited(copied: str) -> str:
    return copied[copied.rindex("” (") + 3:-1]  # the words inside the parentheses


def test_the_copied_citation_is_the_footnote_the_export_writes(session, tmp_path):
    rules, first, second = _passages(session)
    brief_id = ob.create_brief(session, "Brief", sections=["Facts"]).brief_id
    ob.set_citation_settings(session, brief_id, full="{title}, {locator}, {page}.",
                             short="{short_title} at {page}.")
    section = ob.get_brief(session, brief_id).sections[0].id

    copied_first = oc.copy_with_page(session, rules, 1, *first, brief_id=brief_id)
    ob.quote_selection(session, brief_id, section, doc_id=rules, page_index=1,
                       start=first[0], end=first[1])
    copied_second = oc.copy_with_page(session, rules, 1, *second, brief_id=brief_id)
    ob.quote_selection(session, brief_id, section, doc_id=rules, page_index=1,
                       start=second[0], end=second[1])

    out = tmp_path / "brief.md"
    oe.export_brief(session, brief_id, out, fmt="md", force=True)
    notes = _footnotes(out)
    assert len(notes) == 2, out.read_text()
    assert f"({notes[0].rstrip('.')})" in copied_first  # the full form
    assert f"({notes[1].rstrip('.')})" in copied_second  # the short form: already cited
    assert " at p. " in _cited(copied_second)


def test_without_a_brief_the_library_default_style_is_used(session, tmp_path):
    rules, first, _second = _passages(session)
    copied = oc.copy_with_page(session, rules, 1, *first)
    brief_id = ob.create_brief(session, "Default style", sections=["Facts"]).brief_id
    section = ob.get_brief(session, brief_id).sections[0].id
    ob.quote_selection(session, brief_id, section, doc_id=rules, page_index=1,
                       start=first[0], end=first[1])
    out = tmp_path / "default.md"
    oe.export_brief(session, brief_id, out, fmt="md", force=True)
    notes = _footnotes(out)
    assert notes and _cited(copied) == notes[0].rstrip(".")
