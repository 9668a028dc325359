"""Small text helpers shared by the extractors: clauses, quotes and punctuation."""

from __future__ import annotations

import re

# Written with escapes: the cleaned text uses full-width marks (，；：！？（）), and an
# editor may silently turn a typed one into its ASCII twin.
CLAUSE_BREAKS = frozenset(",;:!?\uff0c\uff1b\uff1a\uff01\uff1f\u3002\n")
SENTENCE_ENDS = frozenset("!?\uff01\uff1f\u3002")
PUNCTUATION = CLAUSE_BREAKS | frozenset(
    "()[]\"'/-\u3001\uff08\uff09\u201c\u201d\u2018\u2019\u300a\u300b\u3010\u3011\u2014\u2500\u00b7\u2026"
)

_QUOTED = re.compile(r"“([^“”]{1,40})”")


def clause_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the clause (between , ; 。 …) around ``position``."""
    start = position
    while start > 0 and text[start - 1] not in CLAUSE_BREAKS:
        start -= 1
    end = position
    while end < len(text) and text[end] not in CLAUSE_BREAKS:
        end += 1
    return start, end


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each “…” phrase, the marks included."""
    return [match.span() for match in _QUOTED.finditer(text)]


def has_punctuation(text: str) -> bool:
    return any(char in PUNCTUATION or char.isspace() for char in text)


def has_digit(text: str) -> bool:
    return any(char.isdigit() for char in text)


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
