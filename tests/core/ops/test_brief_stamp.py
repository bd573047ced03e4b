"""ops.briefs.brief_stamp: the same while nothing a view shows changed; different after
every kind of edit (including edits in the same second, an undo, a clip's note, another
brief's edit leaving it alone); '' for a brief that is gone."""

from __future__ import annotations

from briefer.core.ops import briefs as ob
from tests.core.ops.rules_library import doc_id, session, template_lib  # noqa: F401


def test_stamp_follows_every_edit_of_its_brief_only(session):
    rules = doc_id(session, "rules.pdf")
    b = ob.create_brief(session, "Concerns", sections=["One", "Two"])
    other = ob.create_brief(session, "Other", sections=["X"])
    s1, s2 = b.section_ids
    seen = [ob.brief_stamp(session, b.brief_id)]
    assert seen[0] and ob.brief_stamp(session, b.brief_id) == seen[0]

    def changed() -> str:
        now = ob.brief_stamp(session, b.brief_id)
        assert now not in seen, "an edit left the stamp as it was"
        seen.append(now)
        return now

    text = session.catalog().page(rules, 1).text
    quote = ob.quote_into_brief(session, b.brief_id, s1, doc_id=rules, page_index=1,
                                start=0, end=min(40, len(text)))
    changed()
    note = ob.add_commentary(session, b.brief_id, s1, "first")
    changed()
    # several edits within one second (updated_at has seconds) still change it
    ob.edit_item(session, b.brief_id, note.item_id, body="firsT")
    changed()
    ob.edit_item(session, b.brief_id, quote.item_id, note="a note on the clip")
    changed()
    ob.edit_item(session, b.brief_id, quote.item_id, locator="para 9")
    changed()
    ob.move_item(session, b.brief_id, note.item_id, s2)
    changed()
    ob.rename_section(session, b.brief_id, s2, "Two!")
    changed()
    ob.set_brief_details(session, b.brief_id, subtitle="sub")
    changed()
    before_undo = ob.brief_stamp(session, b.brief_id)
    cmd = ob.move_section(session, b.brief_id, s2, 0)
    changed()
    ob.undo(session, cmd)
    assert ob.brief_stamp(session, b.brief_id) == before_undo  # the rows as they were
    # another brief's edit does not touch it
    ob.add_commentary(session, other.brief_id, other.section_ids[0], "elsewhere")
    assert ob.brief_stamp(session, b.brief_id) == before_undo
    ob.delete_brief(session, b.brief_id)
    assert ob.brief_stamp(session, b.brief_id) == ""
