"""Small text helpers shared by the extractors: clauses, quotes and punctuation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .wordlists import wordlist

_MARKS = wordlist("text")
CLAUSE_BREAKS = frozenset(_MARKS["clause_breaks"])
SENTENCE_ENDS = frozenset(_MARKS["sentence_ends"])
PUNCTUATION = CLAUSE_BREAKS | frozenset(_MARKS["other_punctuation"])

_QUOTED = re.compile(r"“([^“”]{1,40})”")


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the clause around ``position`` (between ，；：。 … and their ASCII twins)."""
    start = position
    while start > 0 and text[start - 1] not in CLAUSE_BREAKS:
        start -= 1
    end = position
    while end < len(text) and text[end] not in CLAUSE_BREAKS:
        end += 1
    return start, end


def occurrences(word: str, text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each occurrence of ``word`` in ``text``, left to right and not
    overlapping, as ``re.finditer`` finds a literal word."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        yield start, end
        start = text.find(word, max(end, start + 1))


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each “…” phrase, the marks included."""
    return [match.span() for match in _QUOTED.finditer(text)]


def has_punctuation(text: str) -> bool:
    return any(char in PUNCTUATION or char.isspace() for char in text)


def has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
