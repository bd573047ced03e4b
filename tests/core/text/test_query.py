"""The tolerant query parser: readings and notes, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from briefer.core.text.query import MAX_QUERY_CHARS, And, DateRange, Or, Phrase, parse


def test_structure_of_the_issue_query():
    q = parse('"national coordinator" AND (block* OR remov*)')
    assert q.notes == []
    assert isinstance(q.root, And)
    ph, alt = q.root.items
    assert ph == Phrase("national coordinator", None, 0, 0, 22)
    assert isinstance(alt, Or) and [w.mode for w in alt.items] == ["prefix", "prefix"]


@pytest.mark.parametrize("text,reading", [
    ("a b", "a b"), ("a OR b", "a OR b"), ("a -b", "a NOT b"), ("NOT a b", "NOT a b"),
    ('"a b"~5', '"a b"~5'), ("regulat*", "regulat*"), ("wom?n", "wom?n"),
    ("coordinater~", "coordinater~"), ("coordinater~1", "coordinater~1"),
    ("title:rules", "title:rules"), ('issuer:"telecom authority"', 'issuer:"telecom authority"'),
    ("tag:social-media", "tag:social-media"), ("lang:ur doc:3", "lang:ur doc:3"),
    ("(a OR b) c", "(a OR b) c"), ("a and b", "a and b"), ("title:(a b)", "title:a title:b"),
])
def test_readings(text, reading):
    q = parse(text)
    assert q.describe() == reading and q.notes == []


def test_dates():
    assert parse("date:2020").root == DateRange(20200000, 20201299, "2020")
    assert parse("date:2020-03").root == DateRange(20200300, 20200399, "2020-03")
    r = parse("date:[2020-01-01 TO 2021-06-30]").root
    assert (r.low, r.high) == (20200101, 20210630)
    assert parse("date:>=2019").root.low == 20190000
    assert parse("date:<2021").root.high == 20209999 or parse("date:<2021").root.high < 20210000
    q = parse("date:[2020 TO")
    assert q.root.low == 20200000 and q.root.high is None and q.notes


@pytest.mark.parametrize("text,note", [
    ('"open phrase', "quote"), ("(a b", ")"), ("a) b", "stray"), ("AND", "AND"),
    ("a OR", "OR"), ("NOT", "NOT"), ("foo:bar", "no field"), ("date:soon", "not a date"),
    ("x" * 5000, "shortened"), ("title:", "no value"), ("*", "everything"),
])
def test_malformed_input_gets_a_note(text, note):
    q = parse(text)
    assert any(note in n for n in q.notes), q.notes


def test_control_characters_and_length_cap():
    q = parse("a\x00b\x1bc\u200bd")
    assert "\x00" not in q.text and q.describe() == "a b c d"
    assert len(parse("word " * 10000).text) <= MAX_QUERY_CHARS


def test_double_negation_and_deep_brackets():
    assert parse("NOT NOT a").describe() == "a"
    q = parse("(" * 500 + "a" + ")" * 500)
    assert q.root is not None or q.notes


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_parse_never_raises(text):
    q = parse(text)
    assert isinstance(q.notes, list)
    q.describe()
