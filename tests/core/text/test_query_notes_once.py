"""A long query that repeats one mistake is told about it once (issue 16: a long query
repeated one note about fifty times)."""

from __future__ import annotations

import pytest

from briefer.core.text.query import parse


@pytest.mark.parametrize("piece", ["* ", "title: ", '"" ', "date:2020x ", "foo:bar "])
def test_each_note_is_said_once(piece):
    notes = parse(piece * 50 + "court").notes
    assert notes and len(notes) == len(set(notes)), notes


def test_different_notes_are_all_kept_in_order():
    notes = parse('* title: "" court').notes
    assert notes == ["'*' alone matches everything; ignored", "'title:' has no value; ignored",
                     "an empty phrase was ignored"], notes
