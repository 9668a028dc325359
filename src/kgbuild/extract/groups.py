"""Beneficiary groups: the lexicon's group labels in the text.

贫困残疾人 and 建档立卡残疾人家庭 are both ``disabled``; which groups some initiative
serves is decided in ``relations`` (targets, cues, acting bodies).
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """Every group label of the article, in text order."""
    return [
        GroupSpan(match.concept, match.text, sentence.index, match.start, match.end)
        for sentence in article.sentences
        for match in lexicon.find("group", sentence.text)
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
