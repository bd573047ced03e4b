"""ops.export: verification first (nothing written when a quote changed, unless forced),
markup of lead-ins and comments formatted like commentary, progress and cancel, the brief
file round trip."""

from __future__ import annotations

import json

import docx
import pytest

from briefer.core.errors import BrieferError
from briefer.core.ops import briefs as ob
from briefer.core.ops import clips as oc
from briefer.core.ops import export as oe
from briefer.core.progress import CancelToken, Cancelled
from tests.core.ops.rules_library import RULE_5_1_B, doc_id, session, template_lib  # noqa: F401


@pytest.fixture
def brief(session):
    rules = doc_id(session, "rules.pdf")
    clip = oc.clip_typed_text(session, rules, RULE_5_1_B, page_index=1)
    b = ob.create_brief(session, "Our concerns", sections=["Analysis"])
    sid = b.section_ids[0]
    ob.add_commentary(session, b.brief_id, sid, "The Rules are **vague**.")
    ob.quote_clip(session, b.brief_id, sid, clip.id, lead_in="Rule 5 says, *in terms*:",
                  comment="This fails the test of **proportionality**.\n\n- no warrant\n"
                          "- no notice")
    return b.brief_id, clip, rules


def test_comment_and_lead_in_markup_is_formatted_in_docx_and_markdown(session, brief,
                                                                        tmp_path):
    bid, _clip, _rules = brief
    oe.export_brief(session, bid, tmp_path / "b.docx")
    d = docx.Document(str(tmp_path / "b.docx"))
    texts = [p.text for p in d.paragraphs]
    assert not any("**" in t or "*in terms*" in t for t in texts)
    comment = next(p for p in d.paragraphs if p.text.startswith("This fails the test"))
    assert [r.text for r in comment.runs if r.bold] == ["proportionality"]
    lead = next(p for p in d.paragraphs if p.text == "Rule 5 says, in terms:")
    assert [r.text for r in lead.runs if r.italic] == ["in terms"]
    assert lead.paragraph_format.keep_with_next
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["no warrant", "no notice"]
    commentary = next(p for p in d.paragraphs if p.text == "The Rules are vague.")
    assert [r.text for r in commentary.runs if r.bold] == ["vague"]
    oe.export_brief(session, bid, tmp_path / "b.md")
    md = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "This fails the test of **proportionality**." in md
    assert "Rule 5 says, *in terms*:" in md and "- no warrant\n- no notice" in md
    assert "The Rules are **vague**." in md


def test_changed_source_stops_the_export_until_forced(session, brief, tmp_path):
    bid, clip, rules = brief
    assert oe.verify_brief(session, bid).ok
    page = session.catalog().page(rules, 1)
    session.catalog().set_page_text(rules, 1, page.text.replace("seventy-two", "ninety-six"),
                                    text_source="pdf", needs_ocr=False)
    rep = oe.verify_brief(session, bid)
    assert [(p.kind, p.clip_id) for p in rep.problems] == [("changed", clip.id)]
    out = tmp_path / "b.docx"
    out.write_bytes(b"the previous export")
    with pytest.raises(oe.QuotesDoNotMatch) as err:
        oe.export_brief(session, bid, out)
    assert isinstance(err.value, BrieferError) and err.value.reason == "quotes_changed"
    assert err.value.report.problems[0].clip_id == clip.id
    assert err.value.details["verification"]["ok"] is False
    assert out.read_bytes() == b"the previous export"
    res = oe.export_brief(session, bid, out, force=True, overwrite=True)  # both confirmed
    assert res.forced and out.read_bytes()[:2] == b"PK"


def test_progress_and_cancel(session, brief, tmp_path):
    bid, _clip, _rules = brief
    seen = []
    oe.export_brief(session, bid, tmp_path / "b.md", progress=seen.append)
    assert [(p.done, p.total) for p in seen] == [(0, 2), (1, 2), (2, 2)]
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        oe.export_brief(session, bid, tmp_path / "c.docx", cancel=token)
    assert not (tmp_path / "c.docx").exists()


def test_bad_targets_and_templates_have_reasons(session, brief, tmp_path):
    bid, _clip, _rules = brief
    with pytest.raises(oe.ExportError) as err:
        oe.export_brief(session, bid, tmp_path / "b.pdf")
    assert err.value.reason == "invalid_target"
    with pytest.raises(oe.ExportError) as err:
        oe.export_brief(session, bid, tmp_path / "missing" / "b.docx")
    assert err.value.reason == "invalid_target"
    (tmp_path / "t.docm").write_bytes(b"PK")
    with pytest.raises(oe.ExportError) as err:
        oe.export_brief(session, bid, tmp_path / "b.docx", template=tmp_path / "t.docm")
    assert err.value.reason == "template_unusable"
    assert oe.default_template().is_file()


def test_brief_file_round_trip_and_validation(session, brief, tmp_path):
    bid, clip, _rules = brief
    oe.export_brief(session, bid, tmp_path / "b.json")
    res = oe.import_brief_file(session, tmp_path / "b.json")
    assert res.brief_id != bid and res.missing_sources == []
    a, b = ob.get_brief(session, bid), ob.get_brief(session, res.brief_id)
    assert [(s.heading, [(i.kind, i.body, i.lead_in, i.comment) for i in s.items])
            for s in a.sections] == \
        [(s.heading, [(i.kind, i.body, i.lead_in, i.comment) for i in s.items])
         for s in b.sections]
    ob.undo(session, res.command)  # the import is one undoable step
    assert [x.id for x in ob.list_briefs(session)] == [bid]
    data = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    data["clips"][0]["start"] = -1
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BrieferError) as err:
        oe.import_brief_file(session, tmp_path / "bad.json")
    assert err.value.reason == "invalid_brief_file" and "clips[0].start" in str(err.value)
