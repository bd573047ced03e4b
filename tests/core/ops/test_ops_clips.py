"""ops.clips: clip a selection or typed text, the nearest match when text is not there,
list, edit (with KEEP) and delete clips."""

from __future__ import annotations

import pytest

from briefer.core.clips.clips import ClipError, PassageNotFound
from briefer.core.clips.nearest import nearest_passage
from briefer.core.ops import briefs as ob
from briefer.core.ops import clips as oc
from tests.core.ops.rules_library import RULE_5_1_B, doc_id, session, template_lib  # noqa: F401


def test_clip_selection_keeps_exact_offsets_and_locator(session):
    rules = doc_id(session, "rules.pdf")
    page = session.catalog().page(rules, 1)
    k = page.text.index("to provide, within")
    clip = oc.clip_selection(session, rules, 1, k, k + 40, note="check")
    assert clip.id > 0 and clip.text == page.text[k:k + 40]
    assert clip.locator == "Rule 5(1)(b)" and clip.note == "check"
    assert oc.get_clip(session, clip.id).to_json() == clip.to_json()
    with pytest.raises(ClipError) as err:
        oc.clip_selection(session, rules, 1, 10, 10_000_000)
    assert err.value.reason == "invalid_clip"
    with pytest.raises(ClipError) as err:
        oc.clip_selection(session, rules, 99, 0, 5)
    assert err.value.reason == "page_not_found"
    with pytest.raises(oc.DocumentMissing) as err:
        oc.clip_selection(session, 999, 0, 0, 5)
    assert err.value.reason == "document_not_found"


def test_clip_typed_text_on_a_page_by_label_or_anywhere(session):
    rules = doc_id(session, "rules.pdf")
    by_page = oc.clip_typed_text(session, rules, RULE_5_1_B, page_index=1)
    by_label = oc.clip_typed_text(session, rules, "within seventytwo hours", label="174")
    anywhere = oc.clip_typed_text(session, rules, "within seventy-two hours")
    assert by_page.page_index == by_label.page_index == anywhere.page_index == 1
    assert (by_label.start, by_label.end) == (anywhere.start, anywhere.end)
    assert by_page.locator == "Rule 5(1)(b)"


def test_text_not_on_the_page_names_the_nearest_passage_and_the_difference(session):
    rules = doc_id(session, "rules.pdf")
    typed = ("to provide, within seventy two days, any subscriber information, traffic data "
             "or content data relating to a user")
    with pytest.raises(PassageNotFound) as err:
        oc.clip_typed_text(session, rules, typed, page_index=1)
    e = err.value
    assert e.reason == "passage_not_found"
    near = e.nearest
    assert near is not None and near.page_index == 1 and near.similarity > 0.8
    page = session.catalog().page(rules, 1)
    assert "subscriber information" in page.text[near.start:near.end]
    assert near.typed == "days" and near.found == "hours"
    assert "it has \u201chours\u201d where you typed \u201cdays\u201d" in str(e)
    assert e.details["nearest"]["found"] == "hours"
    # on another page: the page it is on is named, and the nearest passage here too
    with pytest.raises(PassageNotFound) as err:
        oc.clip_typed_text(session, rules, RULE_5_1_B, page_index=0)
    assert err.value.other_pages == [2] and "it is on PDF page 2" in str(err.value)
    # nowhere at all and nothing alike
    with pytest.raises(PassageNotFound) as err:
        oc.clip_typed_text(session, rules, "zebra quantum marmalade")
    assert err.value.nearest is None and err.value.other_pages == []


def test_typed_text_nowhere_in_the_document_points_to_the_closest_page(session):
    rules = doc_id(session, "rules.pdf")
    typed = "any subscriber information, traffic data or content data relating to a person"
    with pytest.raises(PassageNotFound) as err:
        oc.clip_typed_text(session, rules, typed)
    e = err.value
    assert e.nearest_elsewhere is not None and e.nearest_elsewhere.page_index == 1
    assert e.nearest_elsewhere.typed == "person" and e.nearest_elsewhere.found == "user"
    assert "the nearest passage is on PDF page 2" in str(e) and "\u201cuser\u201d" in str(e)


def test_nearest_passage_reports_missing_and_extra_words():
    page = "The Coordinator may, by order in writing, direct the removal of unlawful content."
    m = nearest_passage(page, "The Coordinator may by order direct the removal")
    assert m is not None and m.typed == "" and m.found == "in writing"
    assert page[m.start:m.end].startswith("The Coordinator") and \
        page[m.start:m.end].endswith("removal")
    m = nearest_passage(page, "The Coordinator may, by order in writing, at once direct")
    assert m is not None and m.typed == "at once" and m.found == ""
    assert nearest_passage(page, "completely different words here") is None


def test_list_edit_and_delete_clips(session):
    rules = doc_id(session, "rules.pdf")
    judgment = doc_id(session, "judgment.pdf")
    a = oc.clip_typed_text(session, rules, RULE_5_1_B, page_index=1)
    b = oc.clip_typed_text(session, judgment, "The test of proportionality asks four questions",
                           page_index=1)
    assert [i.clip.id for i in oc.list_clips(session)] == [a.id, b.id]
    assert [i.clip.id for i in oc.list_clips(session, judgment)] == [b.id]
    # KEEP leaves a field alone; '' goes back to the detected locator
    cmd = oc.edit_clip(session, a.id, locator="Rule 5(1)(b), time limit", tags=["Key"])
    c = oc.get_clip(session, a.id)
    assert c.locator == "Rule 5(1)(b), time limit" and c.tags == ["key"] and c.note == ""
    oc.edit_clip(session, a.id, note="ask counsel")
    c = oc.get_clip(session, a.id)
    assert c.locator == "Rule 5(1)(b), time limit" and c.note == "ask counsel"
    oc.edit_clip(session, a.id, locator="")
    assert oc.get_clip(session, a.id).locator == "Rule 5(1)(b)"
    ob.undo(session, cmd)  # the first edit undone: the locator and tags it set are gone
    assert oc.get_clip(session, a.id).tags == []
    # a quoted clip cannot be deleted; the error names the brief
    brief = ob.create_brief(session, "B", sections=["One"])
    ob.quote_clip(session, brief.brief_id, brief.section_ids[0], a.id)
    with pytest.raises(ClipError) as err:
        oc.delete_clip(session, a.id)
    assert err.value.reason == "clip_in_use" and err.value.details["briefs"] == [brief.brief_id]
    assert [i.briefs for i in oc.list_clips(session)] == [[brief.brief_id], []]
    gone = oc.delete_clip(session, b.id)
    assert [i.clip.id for i in oc.list_clips(session)] == [a.id]
    ob.undo(session, gone)
    assert oc.get_clip(session, b.id).to_json() == b.to_json()
