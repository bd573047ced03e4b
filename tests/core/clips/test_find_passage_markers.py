"""A passage typed as a reader reads it is found although the page's text carries the
number of an amendment's footnote before the bracket ("of 2[the Punjab]")."""

from briefer.core.clips.clips import find_passage

PAGE = ("1. Short title.—(1) This Act may be called the Bonded Labour Act, 1992.\r\n"
        "(2) It extends to the whole of 2\r\n[the Punjab].\r\n"
        "(3) It shall come into force at once; see 12 [sections 4 to 9] of 1992.")


def _found(needle: str) -> list[str]:
    return [PAGE[a:b] for a, b in find_passage(PAGE, needle)]


def test_the_amendment_number_on_its_own_line_is_skipped():
    assert _found("It extends to the whole of [the Punjab].") == \
        ["It extends to the whole of 2\r\n[the Punjab]."]


def test_the_number_typed_with_the_passage_still_matches():
    assert _found("the whole of 2 [the Punjab]") == ["the whole of 2\r\n[the Punjab]"]


def test_a_number_that_is_part_of_the_text_is_not_dropped():
    # "Act, 1992." is a year, not a marker: typing it without the year finds nothing
    assert _found("called the Bonded Labour Act, .") == []
    assert _found("see [sections 4 to 9]") == ["see 12 [sections 4 to 9]"]
