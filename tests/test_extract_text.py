"""Small text helpers of the extractors."""

import re

import pytest

from kgbuild.extract.text import clause_bounds, occurrences


@pytest.mark.parametrize(
    ("word", "text"),
    [("扶贫", "扶贫办扶贫扶贫"), ("aa", "aaaaa"), ("工作", "没有"), ("工作", ""), ("", "ab")],
)
def test_occurrences_are_those_re_finditer_finds(word, text):
    assert list(occurrences(word, text)) == [m.span() for m in re.finditer(re.escape(word), text)]


def test_clause_bounds_stop_at_clause_breaks():
    text = "全县实施光伏扶贫，覆盖贫困户。"
    assert clause_bounds(text, 3) == (0, 8)
