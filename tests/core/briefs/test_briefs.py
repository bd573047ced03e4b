"""Briefs: every edit is a command that undo and redo reverse exactly; storage; markup."""

from __future__ import annotations

import shutil

import pytest

from briefer.core.briefs.briefs import (
    AddCommentary, AddQuote, AddSection, BriefError, BriefStore, CommandStack, CreateBrief,
    KEEP, ClipAndQuote, CreateClip, DeleteBrief, DeleteClip, EditClip, EditItem, MacroCommand,
    MoveItem, MoveSection,
    RemoveItem, RemoveSection, RenameSection, SetBriefFields, parse_commentary)
from briefer.core.briefs.citations import CitationError
from briefer.core.clips.clips import clip_text
from briefer.core.library import Library
from tests import pdfgen


def dump(store: BriefStore) -> dict:
    """Every row of every clip and brief table: the exact state."""
    out = {}
    for table in ("briefs", "brief_sections", "brief_items", "clips"):
        out[table] = [tuple(r) for r in store.catalog.execute(f"SELECT * FROM {table} ORDER BY id")]
    return out


@pytest.fixture(scope="module")
def template_library(tmp_path_factory):
    """A library with one small rules document, made once and copied for each test."""
    d = tmp_path_factory.mktemp("briefs")
    gen = pdfgen.make_text_pdf(d / "rules.pdf", [
        "Rule 1 concerns the scope of these rules and nothing else.",
        "5. Powers.\u2014(1) The Coordinator may order the removal of content.\n"
        "(2) Every order shall state its grounds."])
    with Library.open(d / "lib") as lib:
        lib.import_paths([gen.path], processes=1, meta={
            "doc_type": "rule", "title": "Rules 2020", "issuer": "Ministry of IT",
            "date": "2020-01-28"})
    return d / "lib"


@pytest.fixture
def library(template_library, tmp_path):
    shutil.copytree(template_library, tmp_path / "lib")
    lib = Library.open(tmp_path / "lib")
    yield lib
    lib.close()


@pytest.fixture
def setup(library):
    doc = library.documents()[0]
    store = BriefStore(library.catalog)
    stack = CommandStack(store)
    page = library.catalog.page(doc.id, 1)
    c1 = stack.push(CreateClip(clip_text(library.catalog, doc, page,
                                         "The Coordinator may order the removal"))).clip_id
    c2 = stack.push(CreateClip(clip_text(library.catalog, doc, page,
                                         "Every order shall state its grounds"))).clip_id
    b = stack.push(CreateBrief("Social media rules: our concerns", subtitle="A briefing",
                               author="A. Analyst", organisation="Open Net Forum",
                               date="2026-02-01", sections=["Background", "Powers"]))
    brief = store.get(b.brief_id)
    s1, s2 = (s.id for s in brief.sections)
    i1 = stack.push(AddCommentary(b.brief_id, s1, "The **rules** were *notified* quickly.")).item_id
    i2 = stack.push(AddQuote(b.brief_id, s2, c1, lead_in="Rule 5 says:",
                             comment="Too broad.")).item_id
    i3 = stack.push(AddQuote(b.brief_id, s2, c2)).item_id
    return store, b.brief_id, (s1, s2), (i1, i2, i3), (c1, c2)


def test_clips_carry_locators_and_brief_reads_back(setup):
    store, bid, (s1, s2), (i1, i2, i3), (c1, c2) = setup
    assert store.clips.get(c1).locator == "Rule 5(1)"
    assert store.clips.get(c2).locator == "Rule 5(2)"
    b = store.get(bid)
    assert [s.heading for s in b.sections] == ["Background", "Powers"]
    assert [[it.id for it in s.items] for s in b.sections] == [[i1], [i2, i3]]
    assert b.sections[1].items[0].lead_in == "Rule 5 says:"
    assert store.list()[0]["quotes"] == 2
    assert store.resolve("social media").id == bid


def _commands(store, bid, sections, items, clips):
    s1, s2 = sections
    i1, i2, i3 = items
    c1, c2 = clips
    return [
        SetBriefFields(bid, title="New title", author="B. Writer"),
        SetBriefFields(bid, citation={"style": "inline"}),
        AddSection(bid, "Recommendations"),
        AddSection(bid, "Summary", position=0),
        RenameSection(bid, s1, "Context"),
        MoveSection(bid, s2, 0),
        RemoveSection(bid, s2),
        AddCommentary(bid, s1, "- first point\n- second point", position=0),
        AddQuote(bid, s1, c2, lead_in="Also:"),
        EditItem(bid, i1, body="Rewritten **commentary**."),
        EditItem(bid, i2, lead_in="New lead-in", comment="New comment"),
        MoveItem(bid, i2, s1, 0),
        MoveItem(bid, i3, s2, 0),
        RemoveItem(bid, i2),
        EditClip(c1, locator="Rule 5(1), opening words", note="check", tags=["Key", "x"]),
        EditClip(c2, note="second thoughts"),
        EditClip(c2, tags=["Court"]),
        MoveSection(bid, s1),
        ClipAndQuote(_clip_of(store, c1), bid, s2, lead_in="Again:", position=0),
        MacroCommand("Clip and quote", [AddSection(bid, "Annex"), RemoveItem(bid, i3)]),
        DeleteBrief(bid),
        CreateBrief("Another brief", sections=["One"]),
    ]


def _clip_of(store, clip_id):
    """A fresh, unsaved copy of a stored clip (a new passage to clip)."""
    import dataclasses
    import uuid

    return dataclasses.replace(store.clips.get(clip_id), id=0, uid=uuid.uuid4().hex)


@pytest.mark.parametrize("k", range(22))
def test_every_command_undone_and_redone_restores_exact_state(setup, k):
    store, bid, sections, items, clips = setup
    cmd = _commands(store, bid, sections, items, clips)[k]
    stack = CommandStack(store)
    before = dump(store)
    stack.push(cmd)
    after = dump(store)
    assert after != before, cmd.text
    stack.undo()
    assert dump(store) == before
    stack.redo()
    assert dump(store) == after
    stack.undo()
    assert dump(store) == before


def test_a_long_sequence_undoes_to_the_start_and_redoes_to_the_end(setup):
    store, bid, sections, items, clips = setup
    stack = CommandStack(store)
    start = dump(store)
    states = []
    for cmd in _commands(store, bid, sections, items, clips)[:17]:
        try:
            stack.push(cmd)
        except BriefError:
            continue  # an edit of something an earlier command removed
        states.append(dump(store))
    while stack.can_undo:
        stack.undo()
    assert dump(store) == start
    while stack.can_redo:
        stack.redo()
    assert dump(store) == states[-1]


def test_moving_a_quote_between_sections_and_positions(setup):
    store, bid, (s1, s2), (i1, i2, i3), _ = setup
    stack = CommandStack(store)
    stack.push(MoveItem(bid, i3, s1, 0))
    b = store.get(bid)
    assert [it.id for it in b.section(s1).items] == [i3, i1]
    assert [it.id for it in b.section(s2).items] == [i2]
    stack.push(MoveItem(bid, i1, s1, 0))
    assert [it.id for it in store.get(bid).section("background").items] == [i1, i3]


def test_invalid_edits_are_refused(setup):
    store, bid, (s1, s2), (i1, i2, i3), (c1, c2) = setup
    stack = CommandStack(store)
    before = dump(store)
    with pytest.raises(BriefError):
        stack.push(AddQuote(bid, 9999, c1))
    with pytest.raises(BriefError):
        stack.push(EditItem(bid, i2, body="a quote's text comes from its clip"))
    with pytest.raises(BriefError):
        stack.push(MoveItem(bid, 9999, s1))
    with pytest.raises(CitationError):
        stack.push(SetBriefFields(bid, citation={"style": "endnotes"}))
    with pytest.raises(CitationError):
        stack.push(SetBriefFields(bid, citation={"full": "{title}, {volume}"}))
    with pytest.raises(Exception):
        stack.push(DeleteClip(c1))  # quoted in the brief
    assert dump(store) == before
    assert not stack.can_undo


def test_every_change_is_saved_at_once(setup, tmp_path):
    store, bid, (s1, _), _, _ = setup
    CommandStack(store).push(AddCommentary(bid, s1, "Saved without asking."))
    from briefer.core.catalog.catalog import Catalog

    other = Catalog(store.catalog.path, readonly=True)
    try:
        texts = [r[0] for r in other.execute("SELECT body FROM brief_items WHERE kind = 'text'")]
    finally:
        other.close()
    assert "Saved without asking." in texts


def test_commentary_markup():
    blocks = parse_commentary("Intro with **bold** and *italic* words.\n\n"
                              "- one\n- two **b**\n\nEnd")
    assert blocks[0] == ("para", [("Intro with ", False, False), ("bold", True, False),
                                  (" and ", False, False), ("italic", False, True),
                                  (" words.", False, False)])
    assert [k for k, _ in blocks] == ["para", "bullet", "bullet", "para"]
    assert blocks[2][1] == [("two ", False, False), ("b", True, False)]
    assert parse_commentary("a * b * c")[0][1] == [("a * b * c", False, False)]


def test_keep_leaves_fields_alone_and_moves_default_to_the_end(setup):
    store, bid, (s1, s2), (i1, i2, i3), (c1, c2) = setup
    stack = CommandStack(store)
    stack.push(EditClip(c1, locator="Rule 5(1), opening", note="n1", tags=["a"]))
    stack.push(EditClip(c1, note="n2"))  # locator and tags: KEEP by default
    c = store.clips.get(c1)
    assert (c.locator, c.note, c.tags) == ("Rule 5(1), opening", "n2", ["a"])
    stack.push(EditClip(c1, locator=KEEP, note=KEEP, tags=[]))
    c = store.clips.get(c1)
    assert (c.locator, c.note, c.tags) == ("Rule 5(1), opening", "n2", [])
    stack.push(EditClip(c1, locator=None))  # None or '': back to the detected locator
    assert store.clips.get(c1).locator == "Rule 5(1)"
    stack.push(EditItem(bid, i2, comment="only the comment"))
    _s, item = store.get(bid).item(i2)
    assert (item.lead_in, item.comment) == ("Rule 5 says:", "only the comment")
    assert repr(KEEP) == "KEEP" and not KEEP
    stack.push(MoveSection(bid, s1))
    assert [s.id for s in store.get(bid).sections] == [s2, s1]
    stack.push(MoveItem(bid, i2, s2))
    assert [it.id for it in store.get(bid).section(s2).items] == [i3, i2]


def test_clip_and_quote_is_one_step(setup):
    store, bid, (s1, s2), _items, (c1, _c2) = setup
    stack = CommandStack(store)
    before = dump(store)
    cmd = stack.push(ClipAndQuote(_clip_of(store, c1), bid, s1, comment="Again."))
    assert cmd.clip_id and cmd.item_id and cmd.brief_id == bid
    _s, item = store.get(bid).item(cmd.item_id)
    assert item.clip_id == cmd.clip_id and item.comment == "Again."
    after = dump(store)
    stack.undo()
    assert dump(store) == before
    stack.redo()
    assert dump(store) == after
    with pytest.raises(BriefError):  # a section of no brief: nothing is left behind
        stack.push(ClipAndQuote(_clip_of(store, c1), bid, 99999))
    assert dump(store) == after


def test_markup_as_markdown():
    from briefer.core.briefs.markup import to_markdown

    assert to_markdown("The test of **proportionality** and *necessity*.") == [
        "The test of **proportionality** and *necessity*."]
    assert to_markdown("Intro\n\n- one\n* two **b**\n\nEnd [1] <x> a_b") == [
        "Intro", "- one\n- two **b**", "End \\[1\\] \\<x\\> a\\_b"]
    assert to_markdown("") == []
