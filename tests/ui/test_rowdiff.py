"""The row differ the models use instead of resets."""

from briefer.ui.rowdiff import common_ends


def test_common_ends():
    assert common_ends([1, 2, 3], [1, 2, 3]) == (3, 0)
    assert common_ends([1, 2, 3], [1, 9, 3]) == (1, 1)
    assert common_ends([1, 2, 3], [1, 3]) == (1, 1)      # 2 went
    assert common_ends([1, 3], [1, 2, 3]) == (1, 1)      # 2 came
    assert common_ends([], [4, 5]) == (0, 0)
    assert common_ends([7, 7], [7]) == (1, 0)            # never counts an id twice
    old, new = [1, 2, 3, 4], [1, 5, 6, 4]
    head, tail = common_ends(old, new)
    assert old[head:len(old) - tail] == [2, 3] and new[head:len(new) - tail] == [5, 6]
