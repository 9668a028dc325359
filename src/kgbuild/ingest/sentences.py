"""Paragraphs and sentences of cleaned text, with offsets.

Sentences end at 。！？； (and their ASCII forms); closing quotes and brackets
stay with the sentence they close, and a sentence never ends inside “…” or
（…） unless the paragraph's quotes are unbalanced. Each line is a paragraph;
a short dash- or numeral-led first sentence (``——大力开展健康脱贫行动。``) is a
section header and becomes a paragraph of its own.
"""

from __future__ import annotations

from kgbuild.ingest.cues import cues
from kgbuild.model import Sentence

ENDERS = "。\uff01\uff1f\uff1b!?;"
OPENERS = "“‘「『\uff08(【《〈["
CLOSERS = "”’」』\uff09)】》〉]"


def sentence_spans(paragraph: str, *, respect_nesting: bool = True) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of one paragraph, whitespace excluded."""
    spans: list[tuple[int, int]] = []
    start = depth = 0
    index = 0
    while index < len(paragraph):
        char = paragraph[index]
        ends_here = False
        if respect_nesting and char in OPENERS:
            depth += 1
        elif respect_nesting and char in CLOSERS:
            depth = max(0, depth - 1)
            ends_here = depth == 0 and index > 0 and paragraph[index - 1] in ENDERS
        elif char in ENDERS:
            ends_here = depth == 0
        index += 1
        if ends_here:
            while index < len(paragraph) and (paragraph[index] in ENDERS or paragraph[index] in CLOSERS):
                index += 1
            spans.append((start, index))
            start = index
    if start < len(paragraph):
        spans.append((start, len(paragraph)))
    if respect_nesting and depth > 0:
        return sentence_spans(paragraph, respect_nesting=False)
    return [span for span in map(lambda span: _trim(paragraph, span), spans) if span[0] < span[1]]


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_header(paragraph: str) -> list[str]:
    """A section header opening ``paragraph`` as a paragraph of its own, then the rest."""
    if not any(pattern.search(paragraph) for pattern in cues().header_openings):
        return [paragraph]
    spans = sentence_spans(paragraph)
    if len(spans) < 2 or spans[0][1] > cues().header_max_chars:
        return [paragraph]
    cut = spans[0][1]
    return [paragraph[:cut].strip(), paragraph[cut:].strip()]


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` (paragraphs separated by newlines), numbered across the text."""
    sentences: list[Sentence] = []
    offset = 0
    paragraph_number = 0
    for paragraph in text.split("\n"):
        spans = sentence_spans(paragraph)
        for start, end in spans:
            sentences.append(
                Sentence(len(sentences), paragraph[start:end], offset + start, offset + end, paragraph_number)
            )
        if spans:
            paragraph_number += 1
        offset += len(paragraph) + 1
    return sentences
