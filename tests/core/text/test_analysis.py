from hypothesis import given, settings, strategies as st

from briefer.core.text.analysis import fold, normalise_word, terms


def _texts(s: str) -> list[str]:
    return [t.text for t in terms(s)]


def test_english_inflections_share_a_stem():
    assert normalise_word("comply") == normalise_word("complies") == normalise_word("Complied")
    assert normalise_word("Regulations") == normalise_word("regulation")


def test_ligatures_and_diacritics_fold():
    assert _texts("ﬁnancial deﬁnition") == _texts("financial definition")
    assert _texts("CAFÉ") == _texts("cafe")


def test_urdu_diacritics_yeh_and_kaf_variants():
    with_marks = "قانُون"
    assert normalise_word(with_marks) == normalise_word("قانون")
    assert normalise_word("پاكستاني") == normalise_word("پاکستانی")  # Arabic kaf/yeh
    assert normalise_word("حکومـــت") == normalise_word("حکومت")  # tatweel


def test_offsets_point_into_the_raw_text():
    raw = "The Na-\ntional Coordinator shall ﬁle a report."
    for t in terms(raw):
        assert raw[t.start:t.end].replace("-\n", "").lower().startswith(t.text[:3]) or \
            t.text == "file"
    spans = {t.text: (t.start, t.end) for t in terms(raw)}
    assert raw[slice(*spans["nation"])] == "Na-\ntional"


def test_cjk_runs_become_single_characters():
    assert _texts("検知機構") == ["検", "知", "機", "構"]


def test_fold_keeps_prefixes_unstemmed():
    assert fold("Regulat") == "regulat"


@given(st.text(max_size=200))
def test_any_text_analyses_and_spans_are_inside(s):
    for t in terms(s):
        assert 0 <= t.start < t.end <= len(s)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(
    "abcXYZ éüﬁ-\n\u00ad 12()پاکستانکیحکومتٰ日本語のテキスト.,")), max_size=80))
def test_fast_term_lists_equal_the_full_analysis(text):
    from briefer.core.text.analysis import WORD_RE, normalise_word, surface_words, term_texts

    assert term_texts(text) == [t.text for t in terms(text)]
    assert surface_words(text) == {normalise_word(w, False) for w in WORD_RE.findall(text)}


def test_page_terms_carry_the_words_the_vocabulary_counts():
    import pickle

    from briefer.core.text.analysis import surface_words, term_texts, vocabulary_words

    for text in ("The Regulation, regulations and RULES — café Café",
                 "regu-\nlation " + "x" * 41 + " حکومت حكومت",
                 "法律 and 数据 protection"):
        got = term_texts(text)
        assert sorted(got.words) == sorted(vocabulary_words(surface_words(text)))
        back = pickle.loads(pickle.dumps(got, 4))  # as a worker sends it to the parent
        assert list(back) == list(got) and back.words == got.words
