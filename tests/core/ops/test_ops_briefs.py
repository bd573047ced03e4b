"""ops.briefs: every edit returns its command done; undo/redo; clip + quote is one step;
moves default to the end; short titles by document id; the citation preview."""

from __future__ import annotations

import pytest

from briefer.core.briefs.model import BriefError
from briefer.core.briefs.citations import CitationError
from briefer.core.ops import briefs as ob
from briefer.core.ops import clips as oc
from tests.core.ops.rules_library import RULE_5_1_B, doc_id, session, template_lib  # noqa: F401


def rows(session) -> dict:
    """Every row of the clip and brief tables: the exact state."""
    cat = session.catalog()
    return {t: [tuple(r) for r in cat.execute(f"SELECT * FROM {t} ORDER BY id")]
            for t in ("briefs", "brief_sections", "brief_items", "clips")}


def test_quote_into_brief_is_one_undoable_step(session):
    rules = doc_id(session, "rules.pdf")
    b = ob.create_brief(session, "Our concerns", sections=["Background", "Analysis"])
    before = rows(session)
    text = session.catalog().page(rules, 1).text
    k = text.index("to provide, within")
    cmd = ob.quote_into_brief(session, b.brief_id, b.section_ids[1], doc_id=rules,
                              page_index=1, start=k, end=k + len(RULE_5_1_B) + 2,
                              lead_in="Rule 5 lets him demand data:", comment="No warrant.")
    assert cmd.clip_id and cmd.item_id and cmd.done_once
    after = rows(session)
    brief = ob.get_brief(session, b.brief_id)
    [item] = brief.sections[1].items
    assert item.clip_id == cmd.clip_id and item.lead_in.startswith("Rule 5")
    assert oc.get_clip(session, cmd.clip_id).locator == "Rule 5(1)(b)"
    ob.undo(session, cmd)  # one undo takes back the quote AND the clip
    assert rows(session) == before
    ob.redo(session, cmd)  # and redo brings both back with the same ids
    assert rows(session) == after
    # a failing step changes nothing: a section of another brief
    other = ob.create_brief(session, "Other", sections=["X"])
    state = rows(session)
    with pytest.raises(BriefError) as err:
        ob.quote_into_brief(session, b.brief_id, other.section_ids[0], doc_id=rules,
                            page_index=1, start=k, end=k + 20)
    assert err.value.reason == "section_not_found"
    assert rows(session) == state


def test_moves_default_to_the_end(session):
    b = ob.create_brief(session, "B", sections=["One", "Two", "Three"])
    s1, s2, s3 = b.section_ids
    ob.move_section(session, b.brief_id, s1)
    assert [s.id for s in ob.get_brief(session, b.brief_id).sections] == [s2, s3, s1]
    ob.move_section(session, b.brief_id, s1, 0)
    assert [s.id for s in ob.get_brief(session, b.brief_id).sections] == [s1, s2, s3]
    i1 = ob.add_commentary(session, b.brief_id, s1, "first").item_id
    i2 = ob.add_commentary(session, b.brief_id, s1, "second").item_id
    i3 = ob.add_commentary(session, b.brief_id, s2, "third").item_id
    ob.move_item(session, b.brief_id, i1)  # same section, at the end
    assert [i.id for i in ob.get_brief(session, b.brief_id).sections[0].items] == [i2, i1]
    ob.move_item(session, b.brief_id, i2, s2)  # another section, at the end
    brief = ob.get_brief(session, b.brief_id)
    assert [i.id for i in brief.sections[1].items] == [i3, i2]
    assert [i.id for i in brief.sections[0].items] == [i1]


def test_every_edit_returns_its_command_and_undo_restores_exactly(session):
    rules = doc_id(session, "rules.pdf")
    clip = oc.clip_typed_text(session, rules, RULE_5_1_B, page_index=1)
    b = ob.create_brief(session, "B", date="28 January 2026", sections=["One"])
    assert ob.get_brief(session, b.brief_id).date == "2026-01-28"
    sid = b.section_ids[0]
    q = ob.quote_clip(session, b.brief_id, sid, clip.id, lead_in="As **Rule 5** says:")
    edits = []
    start = rows(session)
    edits.append(ob.add_section(session, b.brief_id, "Two", 0))
    edits.append(ob.rename_section(session, b.brief_id, sid, "First"))
    edits.append(ob.add_commentary(session, b.brief_id, sid, "Some *words*."))
    edits.append(ob.edit_item(session, b.brief_id, q.item_id, comment="No warrant.",
                              note="ask counsel", locator="Rule 5(1)(b), time limit"))
    edits.append(ob.set_brief_details(session, b.brief_id, subtitle="A note", date="2026-02"))
    edits.append(ob.set_citation_settings(session, b.brief_id, style="inline",
                                          short_titles={rules: "the Rules"}))
    edits.append(ob.move_item(session, b.brief_id, q.item_id, sid, 0))
    edits.append(ob.remove_section(session, b.brief_id, edits[0].section_id))
    assert all(e.done_once for e in edits)
    c = oc.get_clip(session, clip.id)
    assert c.note == "ask counsel" and c.locator == "Rule 5(1)(b), time limit"
    brief = ob.get_brief(session, b.brief_id)
    assert brief.citation["style"] == "inline" and brief.date == "2026-02"
    assert ob.short_titles(session, brief) == {rules: "the Rules"}
    end = rows(session)
    for e in reversed(edits):
        ob.undo(session, e)
    assert rows(session) == start
    for e in edits:
        ob.redo(session, e)
    assert rows(session) == end
    # one undo of the quote edit takes back the lead-in/comment and the clip's note together
    ob.undo(session, edits[-1]), ob.undo(session, edits[-2]), ob.undo(session, edits[-3])
    ob.undo(session, edits[-4]), ob.undo(session, edits[-5])
    assert oc.get_clip(session, clip.id).note == ""
    assert ob.get_brief(session, b.brief_id).item(q.item_id)[1].comment == ""


def test_edits_refused_with_reasons(session):
    b = ob.create_brief(session, "B", sections=["One"])
    sid = b.section_ids[0]
    item = ob.add_commentary(session, b.brief_id, sid, "text").item_id
    cases = [
        (lambda: ob.create_brief(session, "  "), "invalid_edit"),
        (lambda: ob.create_brief(session, "T", date="soon"), "invalid_date"),
        (lambda: ob.add_section(session, 999, "X"), "brief_not_found"),
        (lambda: ob.rename_section(session, b.brief_id, 999, "X"), "section_not_found"),
        (lambda: ob.edit_item(session, b.brief_id, 999, body="x"), "item_not_found"),
        (lambda: ob.edit_item(session, b.brief_id, item, note="n"), "invalid_edit"),
        (lambda: ob.edit_item(session, b.brief_id, item, body=" "), "invalid_edit"),
        (lambda: ob.quote_clip(session, b.brief_id, sid, 999), "clip_not_found"),
        (lambda: ob.set_citation_settings(session, b.brief_id, style="endnotes"),
         "invalid_citation_settings"),
        (lambda: ob.set_citation_settings(session, b.brief_id, short_titles={999: "x"}),
         "document_not_found"),
        (lambda: ob.find_brief(session, "nothing like it"), "brief_not_found"),
    ]
    state = rows(session)
    for call, reason in cases:
        with pytest.raises(Exception) as err:
            call()
        assert getattr(err.value, "reason", None) == reason, (reason, err.value)
        assert "briefer " not in str(err.value)  # no command names in core messages
    assert rows(session) == state
    assert isinstance(CitationError("x"), ValueError)


def test_citation_preview_first_and_short_forms(session):
    rules = doc_id(session, "rules.pdf")
    b = ob.create_brief(session, "B", sections=["One"])
    sid = b.section_ids[0]
    c1 = oc.clip_typed_text(session, rules, RULE_5_1_B, page_index=1)
    c2 = oc.clip_typed_text(session, rules, "within seventy-two hours", page_index=1)
    q1 = ob.quote_clip(session, b.brief_id, sid, c1.id).item_id
    q2 = ob.quote_clip(session, b.brief_id, sid, c2.id).item_id
    ob.set_citation_settings(session, b.brief_id, short_titles={rules: "the Rules"})
    p1 = ob.citation_preview(session, b.brief_id, q1)
    p2 = ob.citation_preview(session, b.brief_id, q2)
    assert p1.style == "footnotes" and p1.is_first and p1.footnote == 1
    assert p1.placed == p1.first and "Rule 5(1)(b)" in p1.first and "p. 174" in p1.first
    assert p1.short.startswith("the Rules, Rule 5(1)(b), p. 174")
    assert not p2.is_first and p2.placed == p2.short and p2.footnote == 2
    ob.set_citation_settings(session, b.brief_id, style="inline")
    p2 = ob.citation_preview(session, b.brief_id, q2)
    assert p2.placed == p2.inline_short and p2.placed.startswith("(the Rules")
    assert p2.footnote is None
    note = ob.add_commentary(session, b.brief_id, sid, "x").item_id
    with pytest.raises(BriefError):
        ob.citation_preview(session, b.brief_id, note)


def test_read_only_session_refuses_edits(session, tmp_path):
    from briefer.core.ops.session import Session

    b = ob.create_brief(session, "B", sections=["One"])
    root = session.root
    session.close()
    with Session.open(root, readonly=True) as ro:
        assert [x.title for x in ob.list_briefs(ro)] == ["B"]
        with pytest.raises(Exception) as err:
            ob.add_section(ro, b.brief_id, "X")
        assert getattr(err.value, "reason", "") in ("read_only", "library_busy")


def test_a_command_done_in_one_thread_is_undone_in_another(session):
    """The window runs edits as tasks off the GUI thread and undoes them from its stack:
    commands hold no connection, each thread uses its own."""
    import threading

    rules = doc_id(session, "rules.pdf")
    b = ob.create_brief(session, "Threads", sections=["One"])
    before = rows(session)
    text = session.catalog().page(rules, 1).text
    k = text.index("to provide, within")
    done: list = []

    def work() -> None:
        done.append(ob.quote_into_brief(session, b.brief_id, b.section_ids[0], doc_id=rules,
                                        page_index=1, start=k, end=k + 30))

    t = threading.Thread(target=work)
    t.start()
    t.join()
    [cmd] = done
    assert [i.clip_id for i in ob.get_brief(session, b.brief_id).sections[0].items] == \
        [cmd.clip_id]
    ob.undo(session, cmd)
    assert rows(session) == before


def test_update_brief_is_one_step_and_all_or_nothing(session):
    rules = doc_id(session, "rules.pdf")
    b = ob.create_brief(session, "Our concerns", sections=["Background", "Analysis"])
    text = session.catalog().page(rules, 1).text
    k = text.index("to provide, within")
    quoted = ob.quote_into_brief(session, b.brief_id, b.section_ids[0], doc_id=rules,
                                 page_index=1, start=k, end=k + 40)
    before = rows(session)
    cmd = ob.update_brief(session, b.brief_id, headings={b.section_ids[1]: "Why it fails"},
                          title="Our concerns, revised", style="inline",
                          short_titles={rules: "Rules"},
                          clip_edits={quoted.clip_id: {"note": "check the gazette"}})
    brief = ob.get_brief(session, b.brief_id)
    assert brief.title == "Our concerns, revised" and brief.citation_style == "inline"
    assert brief.sections[1].heading == "Why it fails"
    assert ob.short_titles(session, brief) == {rules: "Rules"}
    assert oc.get_clip(session, quoted.clip_id).note == "check the gazette"
    after = rows(session)
    ob.undo(session, cmd)  # one undo takes every change back
    assert rows(session) == before
    ob.redo(session, cmd)
    assert rows(session) == after
    # one refused edit (a section of another brief): the others are not applied either
    other = ob.create_brief(session, "Other", sections=["X"])
    state = rows(session)
    with pytest.raises(BriefError) as err:
        ob.update_brief(session, b.brief_id, title="Changed anyway?",
                        headings={other.section_ids[0]: "Y"})
    assert err.value.reason == "section_not_found"
    assert rows(session) == state
    assert ob.get_brief(session, b.brief_id).title == "Our concerns, revised"
    with pytest.raises(BriefError) as err:
        ob.update_brief(session, b.brief_id)
    assert err.value.reason == "invalid_edit"
