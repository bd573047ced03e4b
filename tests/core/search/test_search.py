"""Search: the query language on generated documents with known content, filters, facets,
sorting, snippets with spans, suggestions, history. No mocks: real PDFs, real index —
every test on the library runs on both engines behind the search seam (the Whoosh index
and the in-memory one, ``tests/core/engines.py``) and expects the same pages."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from briefer.core.search import history
from briefer.core.library import Library
from briefer.core.progress import CancelToken, Cancelled
from briefer.core.search.search import Filters, match_spans, search
from tests import pdfgen
from tests.core.engines import ENGINES, use_engine

RULES = [
    "The National Coordinator may direct the blocking of online content.\n"
    "Every platform complies with each direction of the coordinator.",
    "Removal of unlawful content shall be done within twenty four hours by the "
    "service provider.",
    "The authority shall regulate the platforms. Regulation and regulatory powers "
    "are defined here. The national data desk is separate.",
]
ACT = [
    "Prevention of Electronic Crimes Act. The coordinator of the national response "
    "team shall comply with the Act.",
    "Freedom of expression is protected. The court may order removal of content, and "
    "the expression of freedom is a right.",
]
JUDGMENT = [
    "The petitioner challenged the blocking order issued by the authority in 2021.",
    "The court held that blocking without reasons is arbitrary. Appeal allowed.",
]


@pytest.fixture(scope="module", params=ENGINES)
def lib(tmp_path_factory, request):
    d = tmp_path_factory.mktemp("search")
    src = d / "src"
    src.mkdir()
    pdfgen.make_text_pdf(src / "rules.pdf", RULES, title="Social Media Rules")
    pdfgen.make_text_pdf(src / "act.pdf", ACT, title="Electronic Crimes Act")
    pdfgen.make_text_pdf(src / "judgment.pdf", JUDGMENT, title="Petition against blocking")
    pdfgen.make_urdu_pdf(src / "urdu.pdf")
    pdfgen.make_ligature_pdf(src / "lig.pdf")
    library = use_engine(Library.open(d / "lib"), request.param)
    imports = [
        ("rules.pdf", dict(title="Social Media Rules", doc_type="rule", date="2020-01-28",
                           issuer="Ministry of IT"), ["social-media"]),
        ("act.pdf", dict(title="Electronic Crimes Act", doc_type="law", date="2016-08-18",
                         issuer="Parliament"), ["cybercrime"]),
        ("judgment.pdf", dict(title="Petition against blocking", doc_type="judgment",
                              date="2021-05-10", issuer="High Court"), ["courts"]),
        ("urdu.pdf", dict(title="Urdu summary", doc_type="statement", date="2021-02-01",
                          language="ur"), ["social-media"]),
        ("lig.pdf", dict(title="Ligatures", doc_type="report", date="2019-03-03"), []),
    ]
    for name, meta, tags in imports:
        rep = library.import_paths([src / name], meta=meta, tags=tags, processes=1)
        assert rep.documents_added == 1, rep.to_json()
    yield library
    library.close()


def test_the_suite_runs_on_the_engine_it_names(lib, request):
    engine = request.node.callspec.params["lib"]
    assert type(lib.index).__name__ == {"whoosh": "SearchIndex", "memory": "MemoryIndex"}[engine]


def _doc(lib, title):
    return next(d for d in lib.documents() if d.title == title)


def pages(lib, q, **kw):
    """(title, page index) of every hit."""
    kw.setdefault("limit", 100)
    kw.setdefault("record", False)
    res = search(lib, q, **kw)
    return {(g.title, h.page_index) for g in res.documents for h in g.hits}


def matched_words(lib, q, **kw):
    res = search(lib, q, limit=100, record=False, **kw)
    out = []
    for h in res.hits:
        text = lib.catalog.page(h.doc_id, h.page_index).text
        out += [text[a:b] for a, b in h.spans]
    return out


# ----------------------------------------------------------------------------- language


def test_all_words_must_match_by_default(lib):
    assert pages(lib, "coordinator blocking") == {("Social Media Rules", 0)}
    assert pages(lib, "coordinator") == {("Social Media Rules", 0), ("Electronic Crimes Act", 0)}


def test_or_and_grouping(lib):
    got = pages(lib, "petitioner OR removal")
    assert got == {("Petition against blocking", 0), ("Social Media Rules", 1),
                   ("Electronic Crimes Act", 1)}
    assert pages(lib, "court AND (arbitrary OR freedom)") == {
        ("Petition against blocking", 1), ("Electronic Crimes Act", 1)}


def test_not_and_minus(lib):
    assert pages(lib, "blocking NOT petitioner") == {("Social Media Rules", 0),
                                                     ("Petition against blocking", 1)}
    assert pages(lib, "blocking -petitioner") == pages(lib, "blocking NOT petitioner")
    assert ("Social Media Rules", 0) not in pages(lib, "-coordinator")


def test_exact_phrase(lib):
    assert pages(lib, '"national coordinator"') == {("Social Media Rules", 0)}
    # both words on the act's page, but not as a phrase
    assert ("Electronic Crimes Act", 0) not in pages(lib, '"national coordinator"')
    assert pages(lib, '"freedom of expression"') == {("Electronic Crimes Act", 1)}
    words = matched_words(lib, '"freedom of expression"')
    assert [w.lower() for w in words] == ["freedom", "of", "expression"]


def test_proximity(lib):
    # "coordinator of the national" : national within 3 words, in either order
    assert ("Electronic Crimes Act", 0) in pages(lib, '"national coordinator"~3')
    assert ("Electronic Crimes Act", 0) not in pages(lib, '"national comply"~2')


def test_prefix_and_wildcard(lib):
    got = pages(lib, "regulat*")
    assert got == {("Social Media Rules", 2)}
    words = {w.lower() for w in matched_words(lib, "regulat*")}
    assert words == {"regulate", "regulation", "regulatory"}
    assert ("Social Media Rules", 1) in pages(lib, "remov*")
    assert ("Petition against blocking", 0) in pages(lib, "pet?tioner")
    assert ("Social Media Rules", 2) in pages(lib, "reg*tory")


def test_fuzzy(lib):
    assert ("Social Media Rules", 0) in pages(lib, "coordinater~")
    assert "coordinator" in {w.lower() for w in matched_words(lib, "coordinater~")}
    assert pages(lib, "coordinater") == set()


def test_case_insensitive_and_inflections(lib):
    assert pages(lib, "NATIONAL COORDINATOR") == pages(lib, "national coordinator")
    # comply finds complies (and comply)
    got = pages(lib, "comply")
    assert ("Social Media Rules", 0) in got and ("Electronic Crimes Act", 0) in got
    assert "complies" in matched_words(lib, "comply")


def test_the_whole_query_of_the_issue(lib):
    res = search(lib, '"national coordinator" AND (block* OR remov*)', record=False)
    assert [(g.title, [h.page_index for h in g.hits]) for g in res.documents] == [
        ("Social Media Rules", [0])]
    h = res.hits[0]
    text = lib.catalog.page(h.doc_id, 0).text
    assert [text[a:b] for a, b in h.spans] == ["National", "Coordinator", "blocking"]


def test_urdu_with_and_without_diacritics_and_letter_variants(lib):
    urdu = ("Urdu summary", 0)
    assert urdu in pages(lib, "معاشرہ")               # typed without diacritics
    assert urdu in pages(lib, "مُعَاشِرَہ")             # with them
    assert urdu in pages(lib, "قواعد")
    # Arabic yeh and kaf instead of Urdu yeh and keheh: "کمیٹی" typed as "كميٹي"
    assert urdu in pages(lib, "\u0643\u0645\u064a\u0679\u064a")
    assert urdu in pages(lib, '"قومی رابطہ کار"')
    words = matched_words(lib, "معاشرہ")
    assert words and unicodedata.normalize("NFC", words[0]) == \
        unicodedata.normalize("NFC", "مُعَاشِرَہ")


def test_ligatures_match_plain_letters(lib):
    assert ("Ligatures", 0) in pages(lib, "financial officer")
    assert ("Ligatures", 0) in pages(lib, '"fiduciary duty"')
    assert ("Ligatures", 0) in pages(lib, "ﬁnancial")  # typed with the ligature


def test_fields(lib):
    assert {t for t, _ in pages(lib, "title:crimes")} == {"Electronic Crimes Act"}
    assert {t for t, _ in pages(lib, "blocking type:judgment")} == {"Petition against blocking"}
    assert {t for t, _ in pages(lib, "blocking type:judgments")} == {"Petition against blocking"}
    assert {t for t, _ in pages(lib, 'content issuer:"ministry of it"')} == {"Social Media Rules"}
    assert {t for t, _ in pages(lib, "tag:cybercrime")} == {"Electronic Crimes Act"}
    assert {t for t, _ in pages(lib, "lang:ur")} == {"Urdu summary"}
    act = _doc(lib, "Electronic Crimes Act")
    assert {t for t, _ in pages(lib, f"content doc:{act.id}")} == {"Electronic Crimes Act"}
    assert {t for t, _ in pages(lib, "content doc:electronic")} == {"Electronic Crimes Act"}


def test_dates(lib):
    assert {t for t, _ in pages(lib, "blocking date:2021")} == {"Petition against blocking"}
    got = {t for t, _ in pages(lib, "content date:[2020-01-01 TO 2021-06-30]")}
    assert got == {"Social Media Rules"}
    got = {t for t, _ in pages(lib, "court date:[2020-01-01 TO 2021-06-30]")}
    assert got == {"Petition against blocking"}
    assert {t for t, _ in pages(lib, "court date:[2021-05-11 TO 2022]")} == set()
    assert {t for t, _ in pages(lib, "blocking date:2020-01")} == {"Social Media Rules"}
    assert {t for t, _ in pages(lib, "blocking date:<2021")} == {"Social Media Rules"}


# ----------------------------------------------------------------------------- malformed


@pytest.mark.parametrize("q", [
    '"national coordinator', 'national coordinator"', "(blocking OR removal",
    "blocking) OR removal)", "AND", "OR", "NOT", "blocking AND", "OR blocking", "- -",
    "nosuchfield:blocking", "title:", 'title:"', "date:[2020 TO", "date:notadate",
    "((((((((((((((((((((((((((((blocking", ")))(((", "*", "?", "~", '""', "\"\"~5",
    "blocking\x00\x07\x1b removal", "type:nonsense", "doc:999999", "^2", "blocking^",
    "a" * 20000, "blocking " * 5000, "date:[* TO *]", "\ufeff\u202e", "tag:", ":::",
])
def test_malformed_queries_never_raise(lib, q):
    res = search(lib, q, record=False, facets=True)
    assert isinstance(res.total, int)
    assert len(res.query) <= 1000


def test_notes_explain_the_reading(lib):
    res = search(lib, '"national coordinator', record=False)
    assert res.total == 1 and any("quote" in n for n in res.notes)
    res = search(lib, "(blocking OR petitioner", record=False)
    assert any(")" in n for n in res.notes) and res.total == 3
    res = search(lib, "blocking) petitioner", record=False)
    assert any("stray" in n for n in res.notes) and res.total == 1
    res = search(lib, "foo:petitioner", record=False)
    assert any("no field" in n for n in res.notes)
    res = search(lib, "x" * 20000, record=False)
    assert any("shortened" in n for n in res.notes)
    res = search(lib, "blocking AND", record=False)
    assert any("AND" in n for n in res.notes) and res.total == 3


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=120) | st.text(alphabet='ab"()*?~:-^ ANDORT[]{}', max_size=60))
def test_any_text_as_a_query_never_raises(lib, q):
    res = search(lib, q, record=False, facets=True, limit=5)
    assert res.total >= 0
    for h in res.hits:
        text = lib.catalog.page(h.doc_id, h.page_index).text
        assert all(0 <= a < b <= len(text) for a, b in h.spans)


# ----------------------------------------------------------------------------- results


def test_spans_applied_to_page_text_are_the_matched_words(lib):
    for q, expect in [("blocking", {"blocking"}), ("comply", {"comply", "complies"}),
                      ('"shall be done"', {"shall", "be", "done"}),
                      ("financial", {"ﬁnancial", "financial"})]:
        res = search(lib, q, record=False)
        assert res.hits, q
        for h in res.hits:
            text = lib.catalog.page(h.doc_id, h.page_index).text
            got = {text[a:b].lower() for a, b in h.spans}
            assert got and got <= expect, (q, got)
            sn = h.snippet
            assert sn.text == text[sn.start:sn.end].translate(str.maketrans("\r\n\t", "   "))
            for a, b in sn.highlights:
                assert sn.text[a:b] == text[sn.start + a:sn.start + b]


def test_page_labels_and_numbers(tmp_path):
    pdfgen.make_rules_pdf(tmp_path / "gazette.pdf")
    lib = Library.open(tmp_path / "lib")
    lib.import_paths([tmp_path / "gazette.pdf"], meta={"title": "Online Harms Rules"},
                     processes=1)
    res = search(lib, "gazette", record=False, limit=50)
    lib.close()
    gz = [h for g in res.documents if g.title == "Online Harms Rules" for h in g.hits]
    assert gz and all(h.page_label == str(173 + h.page_index) for h in gz)
    assert all(h.page_number == h.page_index + 1 for h in gz)
    j = gz[0].to_json()
    assert j["page_number"] == gz[0].page_index + 1 and j["page_label"] == gz[0].page_label


def test_filters(lib):
    assert {t for t, _ in pages(lib, "blocking", filters=Filters(types=["rule"]))} == {
        "Social Media Rules"}
    got = {t for t, _ in pages(lib, "blocking", filters=Filters(date_from="2020",
                                                                   date_to="2021"))}
    assert got == {"Social Media Rules", "Petition against blocking"}
    assert {t for t, _ in pages(lib, "blocking", filters=Filters(date_from="2021"))} == {
        "Petition against blocking"}
    assert {t for t, _ in pages(lib, "content", filters=Filters(tags=["social-media"]))} \
        <= {"Social Media Rules", "Urdu summary"}
    assert {t for t, _ in pages(lib, "blocking", filters=Filters(issuers=["high court"]))} \
        == {"Petition against blocking"}
    act = _doc(lib, "Electronic Crimes Act")
    assert {t for t, _ in pages(lib, "removal", filters=Filters(doc_ids=[act.id]))} == {
        "Electronic Crimes Act"}
    assert {t for t, _ in pages(lib, "blocking", filters=Filters(years=[2021]))} == {
        "Petition against blocking"}
    # a filter no document passes gives no hits (not every hit)
    assert pages(lib, "blocking", filters=Filters(types=["report"])) == set()
    assert pages(lib, "blocking", filters=Filters(date_from="2030")) == set()


def test_facets_count_pages_per_type_year_issuer_tag_document(lib):
    res = search(lib, "blocking", record=False, facets=True)
    assert res.total == 3 and res.total_exact
    f = {k: {v.value: v.count for v in vs} for k, vs in res.facets.items()}
    assert f["type"] == {"rule": 1, "judgment": 2}
    assert f["year"] == {"2020": 1, "2021": 2}
    assert f["issuer"] == {"Ministry of IT": 1, "High Court": 2}
    assert f["tag"] == {"social-media": 1, "courts": 2}
    assert sorted(f["doc"].values()) == [1, 2]


def test_sorting(lib):
    rel = search(lib, "blocking", record=False)
    assert rel.hits[0].score >= rel.hits[-1].score
    by_date = search(lib, "blocking", sort="date", record=False)
    assert [g.title for g in by_date.documents] == ["Petition against blocking",
                                                    "Social Media Rules"]
    by_doc = search(lib, "content OR blocking OR court", sort="document", record=False)
    titles = [g.title for g in by_doc.documents]
    assert titles == sorted(titles, key=str.casefold)
    for g in by_doc.documents:
        assert [h.page_index for h in g.hits] == sorted(h.page_index for h in g.hits)


def test_total_count_and_limit(lib):
    res = search(lib, "the", limit=2, record=False, exact_count=True)
    assert len(res.hits) == 2 and res.total > 2 and res.total_exact
    more = search(lib, "the", limit=2, offset=2, record=False)
    assert not {(h.doc_id, h.page_index) for h in res.hits} & \
        {(h.doc_id, h.page_index) for h in more.hits}


def test_did_you_mean(lib):
    res = search(lib, "coordinater", record=False)
    assert res.total == 0
    assert res.suggestion is not None and res.suggestion.query == "coordinator"
    res = search(lib, '"national" coordinater type:rule', record=False)
    assert res.suggestion.query == '"national" coordinator type:rule'
    assert search(lib, "coordinator", record=False).suggestion is None


def test_history_and_saved_searches(lib):
    history.clear_history(lib.catalog)
    search(lib, "blocking", Filters(types=["rule"]))
    search(lib, "removal")
    search(lib, "blocking", Filters(types=["rule"]))
    h = history.history(lib.catalog)
    assert [(e.query, e.filters) for e in h] == [("blocking", {"types": ["rule"]}),
                                                 ("removal", {})]
    assert h[0].hits == 1
    s = history.save_search(lib.catalog, "Blocking in rules", "blocking", {"types": ["rule"]})
    history.save_search(lib.catalog, "Blocking in rules", "blocking OR removal")
    saved = history.saved_searches(lib.catalog)
    assert [(x.name, x.query) for x in saved] == [("Blocking in rules", "blocking OR removal")]
    assert s.id == saved[0].id
    assert history.delete_saved_search(lib.catalog, "blocking in rules")
    assert history.saved_searches(lib.catalog) == []


def test_cancel(lib):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        search(lib, "blocking", cancel=token, record=False)


def test_index_changes_are_seen(lib, tmp_path):
    pdfgen.make_text_pdf(tmp_path / "new.pdf", ["A zeppelin appears on this page."])
    assert search(lib, "zeppelin", record=False).total == 0
    lib.import_paths([tmp_path / "new.pdf"], processes=1)
    assert search(lib, "zeppelin", record=False).total == 1
    assert search(lib, "zeppel*", record=False).total == 1
    lib.remove(lib.resolve("new.pdf").id)
    assert search(lib, "zeppelin", record=False).total == 0


def test_match_spans_unit():
    text = "The Na-\ntional Coordinator; national  coordinators."
    got = match_spans(text, set(), [("nation", "coordin")])
    assert [text[a:b] for a, b in got] == ["Na-\ntional", "Coordinator", "national",
                                           "coordinators"]


def test_fast_and_full_span_paths_agree(lib):
    from briefer.core.text.analysis import fold
    from briefer.core.index.vocabulary import Vocabulary
    from briefer.core.search.highlight import _fast_spans

    texts = [lib.catalog.page(h.doc_id, h.page_index).text
             for h in search(lib, "the OR ﬁnancial OR معاشرہ OR court", limit=50,
                             record=False).hits]
    texts.append("The govern-\r\nment and the Government’s café; ﬁnancial co\u00adordinator.")
    # every word of an indexed page is in the vocabulary: so for the made-up page too
    vocab = Vocabulary({**lib.index.vocabulary().words,
                        **{w: 1 for w in fold(texts[-1]).split()}})
    for stems, phrases in [({"govern", "the"}, []), ({"financi", "cafe"}, []),
                           (set(), [("the", "govern")]), ({"coordin"}, [("the", "court")]),
                           ({"معاشرہ"}, [])]:
        for text in texts:
            fast = _fast_spans(text, stems, phrases, vocab)
            full = match_spans(text, stems, phrases)
            assert fast is None or fast == full, (text[:80], stems, phrases)
