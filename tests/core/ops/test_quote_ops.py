"""The window's quoting and copying as ops functions: quote a selection wherever it can go
(a new brief, a new section) as ONE command; quote a search hit; the text "Copy with
page" puts on the clipboard."""

from __future__ import annotations

import pytest

from briefer.core.briefs.model import BriefError
from briefer.core.clips.clips import ClipError
from briefer.core.ops import briefs as ob
from briefer.core.ops import clips as oc
from tests.core.ops.rules_library import RULE_5_1_B, doc_id, session, template_lib  # noqa: F401


def rows(session) -> dict:
    session.briefs()  # its tables exist from first use
    cat = session.catalog()
    return {t: [tuple(r) for r in cat.execute(f"SELECT * FROM {t} ORDER BY id")]
            for t in ("briefs", "brief_sections", "brief_items", "clips")}


def _rule(session) -> tuple[int, int, int]:
    rules = doc_id(session, "rules.pdf")
    text = session.catalog().page(rules, 1).text
    k = text.index("to provide, within")
    return rules, k, k + len(RULE_5_1_B)


def test_quote_with_no_brief_starts_one_in_one_undo_step(session):
    rules, a, b = _rule(session)
    before = rows(session)
    cmd = ob.quote_selection(session, None, None, doc_id=rules, page_index=1, start=a,
                             end=b, style="inline")
    assert cmd.created_brief and not cmd.created_section and cmd.done_once
    brief = ob.get_brief(session, cmd.brief_id)
    assert brief.title == ob.NEW_BRIEF_TITLE and brief.citation_style == "inline"
    [section] = brief.sections
    assert section.heading == ob.FIRST_SECTION and section.id == cmd.section_id
    [item] = section.items
    assert item.id == cmd.item_id and item.clip_id == cmd.clip_id
    after = rows(session)
    ob.undo(session, cmd)  # one undo takes back the brief, its section, quote and clip
    assert rows(session) == before
    ob.redo(session, cmd)  # one redo brings them all back with the same ids
    assert rows(session) == after


def test_quote_into_a_brief_without_sections_adds_one(session):
    rules, a, b = _rule(session)
    brief_id = ob.create_brief(session, "Bare").brief_id
    before = rows(session)
    cmd = ob.quote_selection(session, brief_id, None, doc_id=rules, page_index=1, start=a,
                             end=b)
    assert cmd.created_section and not cmd.created_brief and cmd.brief_id == brief_id
    [section] = ob.get_brief(session, brief_id).sections
    assert section.heading == ob.FIRST_SECTION and [i.id for i in section.items] == [cmd.item_id]
    ob.undo(session, cmd)
    assert rows(session) == before


def test_quote_into_an_existing_section_at_a_position(session):
    rules, a, b = _rule(session)
    made = ob.create_brief(session, "B", sections=["One"])
    s = made.section_ids[0]
    first = ob.add_commentary(session, made.brief_id, s, "first").item_id
    last = ob.add_commentary(session, made.brief_id, s, "last").item_id
    cmd = ob.quote_selection(session, made.brief_id, s, doc_id=rules, page_index=1,
                             start=a, end=b, position=1)
    assert not cmd.created_brief and not cmd.created_section
    items = [i.id for i in ob.get_brief(session, made.brief_id).sections[0].items]
    assert items == [first, cmd.item_id, last]


def test_a_refused_quote_leaves_no_brief_behind(session):
    rules, _a, _b = _rule(session)
    before = rows(session)
    with pytest.raises(ClipError) as err:
        ob.quote_selection(session, None, None, doc_id=rules, page_index=99, start=0, end=5)
    assert err.value.reason == "page_not_found"
    assert rows(session) == before
    # a section of another brief: refused inside the command, everything rolled back
    one = ob.create_brief(session, "One", sections=["A"])
    two = ob.create_brief(session, "Two", sections=["B"])
    state = rows(session)
    with pytest.raises(BriefError) as err2:
        ob.quote_selection(session, one.brief_id, two.section_ids[0], doc_id=rules,
                           page_index=1, start=_a, end=_b)
    assert err2.value.reason == "section_not_found"
    assert rows(session) == state


def test_quote_a_search_hit_spans_its_first_to_last_word(session):
    rules, a, b = _rule(session)
    text = session.catalog().page(rules, 1).text
    passage = oc.hit_passage(session, rules, 1, [(a + 12, a + 20), (a, a + 10)])
    assert (passage.start, passage.end) == (a, a + 20) and passage.text == text[a:a + 20]
    cmd = ob.quote_search_hit(session, None, None, doc_id=rules, page_index=1,
                              spans=[(a, a + 10), (b - 8, b)])
    clip = oc.get_clip(session, cmd.clip_id)
    assert (clip.page_index, clip.start, clip.end) == (1, a, b)
    assert cmd.created_brief
    with pytest.raises(ClipError) as err:
        ob.quote_search_hit(session, cmd.brief_id, cmd.section_id, doc_id=rules,
                            page_index=1, spans=[])
    assert err.value.reason == "invalid_clip"


def test_copy_with_page_gives_passage_and_reference(session):
    rules, a, b = _rule(session)
    doc = session.catalog().document(rules)
    page = session.catalog().page(rules, 1)
    copied = oc.copy_with_page(session, rules, 1, a, b)
    words = " ".join(page.text[a:b].replace("\u00ad", "").split())
    label = page.label or "2"
    # the library's default citation (a new brief's footnote), with title and page
    assert copied.startswith(f"“{words}” ({doc.title or doc.file_name}")
    assert copied.endswith(f", p. {label})") and "Rule 5(1)(b)" in copied
    assert "\n" not in copied
    # in a brief's style: its parenthetical citation, with the locator
    brief_id = ob.create_brief(session, "B", style="inline").brief_id
    cited = oc.copy_with_page(session, rules, 1, a, b, brief_id=brief_id)
    assert cited.startswith(f"“{words}” (") and "Rule 5(1)(b)" in cited
    with pytest.raises(ClipError):
        oc.copy_with_page(session, rules, 1, b, a)
