"""Beneficiary groups: the lexicon's group labels in the text.

贫困残疾人 and 建档立卡残疾人家庭 are both ``disabled``; which groups some initiative
serves is decided in ``relations`` (targets, cues, acting bodies).
"""

from __future__ import annotations

from dataclasses import dataclass

from kgbuild.lexicon import Match
from kgbuild.model import Article, GroupMention


@dataclass(frozen=True)
class GroupSpan:
    """A group label at its place in a sentence."""

    concept: str
    text: str
    sentence: int
    start: int
    end: int


def find_group_spans(article: Article, lexicon) -> list[GroupSpan]:
    """Every group label of the article, in text order, with the groups a label's leading
    qualifier names (建档立卡贫困劳动力 is registered-poor as well as labor-capable)."""
    spans = []
    for sentence in article.sentences:
        for match in lexicon.find("group", sentence.text):
            spans.append(GroupSpan(match.concept, match.text, sentence.index, match.start, match.end))
            spans.extend(_qualifier_spans(match, sentence.index, lexicon))
    return spans


def _qualifier_spans(match: Match, sentence: int, lexicon) -> list[GroupSpan]:
    """Labels of other groups that open ``match`` (低收入 in 低收入家庭劳动力)."""
    return [
        GroupSpan(inner.concept, inner.text, sentence, match.start, match.start + inner.end)
        for inner in lexicon.find("group", match.text[:-1])
        if inner.start == 0 and inner.concept != match.concept
    ]


def served_groups(spans_by_program: list[list[GroupSpan]]) -> list[GroupMention]:
    """The groups some program serves: one mention per concept, its first evidence."""
    first: dict[str, GroupSpan] = {}
    for spans in spans_by_program:
        for span in spans:
            known = first.get(span.concept)
            if known is None or (span.sentence, span.start) < (known.sentence, known.start):
                first[span.concept] = span
    ordered = sorted(first.values(), key=lambda s: (s.sentence, s.start, s.concept))
    return [GroupMention(span.concept, span.text, span.sentence) for span in ordered]
