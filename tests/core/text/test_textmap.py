from hypothesis import given, strategies as st

from briefer.core.text.textmap import FoldOptions, find_all, fold_with_map


def _found(raw: str, needle: str, **kw) -> list[str]:
    opts = FoldOptions(**{k: v for k, v in kw.items() if k != "whole_word"})
    return [raw[a:b] for a, b in find_all(fold_with_map(raw, opts), needle, opts,
                                           whole_word=kw.get("whole_word", False))]


def test_line_break_hyphen_whitespace_ligature_fraction_and_accent_fold():
    raw = "The Na-\r\ntional  Coordinator shall ﬁle, ½ of Café; self\u00adregulation."
    assert _found(raw, "national coordinator") == ["Na-\r\ntional  Coordinator"]
    assert _found(raw, "file") == ["ﬁle"]
    assert _found(raw, "1/2") == ["½"]
    assert _found(raw, "cafe") == ["Café"]
    assert _found(raw, "selfregulation") == ["self\u00adregulation"]


def test_options_case_diacritics_whole_word():
    raw = "Dynamic dynamics DYNAMIC café cafe"
    assert len(_found(raw, "dynamic")) == 3
    assert _found(raw, "Dynamic", case_sensitive=True) == ["Dynamic"]
    assert _found(raw, "dynamic", whole_word=True) == ["Dynamic", "DYNAMIC"]
    assert _found(raw, "café", match_diacritics=True) == ["café"]


@given(st.text(max_size=80), st.text(min_size=1, max_size=5))
def test_spans_are_inside_and_ordered(raw, needle):
    prev = 0
    for a, b in find_all(fold_with_map(raw), needle):
        assert prev <= a <= b <= len(raw)
        prev = b


def test_inline_hyphens_join_only_in_their_own_view():
    from briefer.core.text.textmap import FoldOptions, fold_with_map, has_inline_hyphen

    raw = "educa-tional and Non-Muslim"
    assert has_inline_hyphen(raw) and not has_inline_hyphen("Non-Muslim 5-b")
    assert fold_with_map(raw).text == "educa-tional and non-muslim"
    joined = fold_with_map(raw, FoldOptions(join_inline_hyphens=True))
    assert joined.text == "educational and non-muslim"
    k = joined.text.index("educational")
    assert joined.raw_span(k, k + len("educational")) == (0, len("educa-tional"))
