"""Raw article text to clean text: the normaliser.

In order: pinyin glosses out (before conversion, while they still sit next to
the traditional character they gloss), traditional → simplified, widths and
punctuation, injected spam tokens, then line by line spam lines, bylines
(harvested for metadata), furniture and related-link lists, the title and the
menu lines above it, and finally section headers and repeated paragraphs.
The title, when there is one, stays in the text as its first paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kgbuild.ingest.characters import normalise_characters, remove_pinyin, to_simplified
from kgbuild.ingest.cues import cues
from kgbuild.ingest.decode import is_cjk
from kgbuild.ingest.furniture import REASONS, furniture_kind, is_link_line, is_related_heading, repeated_paragraphs
from kgbuild.ingest.metadata import Metadata, harvest_byline, harvest_outlet, is_byline, is_junk_title, publisher_name
from kgbuild.ingest.sentences import split_header
from kgbuild.ingest.spam import bigram_counts, is_spam_line, remove_spam_tokens
from kgbuild.model import Removal

_TITLE_MIN_CJK = 5
_TITLE_MAX_CHARS = 80
_BODY_MIN_CHARS = 20
_NOT_TITLE_ENDINGS = "。\uff1b;:\uff1a,\uff0c、"


@dataclass
class Cleaned:
    text: str
    script: str
    metadata: Metadata
    removed: list[Removal] = field(default_factory=list)


def normalise(text: str) -> tuple[str, str, list[Removal]]:
    """Character-level cleaning: the text, the script it came in, what was removed."""
    text, removed = remove_pinyin(text)
    text, script = to_simplified(text)
    text, punctuation = normalise_characters(text)
    text, spam = remove_spam_tokens(text)
    return text, script, removed + punctuation + spam


def clean(text: str, metadata: Metadata | None = None) -> Cleaned:
    """Clean ``text``; metadata already known (from HTML or JSONL) is kept and completed."""
    metadata = metadata or Metadata()
    text, script, removed = normalise(text)
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    kept, header_byline_at = _drop_furniture(lines, metadata, removed)
    kept = _settle_title(kept, header_byline_at, metadata, removed)
    paragraphs = _paragraphs(kept, metadata, removed)
    return Cleaned("\n".join(paragraphs), script, metadata, removed)


def _drop_furniture(lines: list[str], metadata: Metadata, removed: list[Removal]) -> tuple[list[str], int | None]:
    """Lines that may be article text; also where the first byline sat among them, if before the body."""
    kept: list[str] = []
    header_byline_at: int | None = None
    in_related_list = False
    article_bigrams = bigram_counts("\n".join(lines))
    for line in lines:
        if is_spam_line(line, article_bigrams):
            removed.append(Removal("spam-line", line, "spam vocabulary in a line unrelated to the article"))
            continue
        if is_byline(line):
            harvest_byline(line, metadata)
            if header_byline_at is None and not any(_is_body(previous) for previous in kept):
                header_byline_at = len(kept)
            removed.append(Removal("byline", line, "byline (date, source, author or editor harvested)"))
            continue
        kind = furniture_kind(line)
        if kind:
            harvest_outlet(line, metadata)
            removed.append(Removal("furniture", line, REASONS[kind]))
            continue
        if in_related_list and is_link_line(line):
            removed.append(Removal("furniture", line, "item of a related-links list"))
            continue
        in_related_list = is_related_heading(line)
        if in_related_list:
            removed.append(Removal("furniture", line, "heading of a related-links list"))
            continue
        kept.append(line)
    return kept, header_byline_at


def _is_body(line: str) -> bool:
    return len(line) >= _BODY_MIN_CHARS and any(mark in line for mark in "。\uff01\uff1f")


def is_heading_like(line: str) -> bool:
    """Short enough for a title, with some Chinese, and not ending like a sentence."""
    return (
        len(line) <= _TITLE_MAX_CHARS
        and sum(map(is_cjk, line)) >= _TITLE_MIN_CJK
        and line[-1] not in _NOT_TITLE_ENDINGS
        and "。" not in line
        and not is_junk_title(line)
    )


def _settle_title(
    kept: list[str], header_byline_at: int | None, metadata: Metadata, removed: list[Removal]
) -> list[str]:
    """Find the title among the header lines (or place the known one) and drop the menu lines above it."""
    first_body = next((index for index, line in enumerate(kept) if _is_body(line)), len(kept))
    if metadata.title:
        title, _, _ = normalise(metadata.title)
        metadata.title = title.strip() or None
        at = kept.index(metadata.title) if metadata.title in kept[: max(first_body, 1)] else None
        if at is None:
            return ([metadata.title] if metadata.title else []) + kept
    else:
        at = _title_index(kept, header_byline_at, first_body)
        if at is None:
            return kept
        kept[at] = _strip_title_label(kept[at], removed)
        metadata.title = kept[at]
    for line in kept[:at]:
        if is_link_line(line):
            removed.append(Removal("furniture", line, "menu or column line above the title"))
    return [line for line in kept[:at] if not is_link_line(line)] + kept[at:]


def _title_index(kept: list[str], header_byline_at: int | None, first_body: int) -> int | None:
    """The heading line nearest above the byline; without one above it, the first heading before the body."""
    if header_byline_at is not None:
        above_byline = [index for index in range(header_byline_at) if is_heading_like(kept[index])]
        if above_byline:
            return above_byline[-1]
    return next((index for index in range(first_body) if is_heading_like(kept[index])), None)


def _strip_title_label(title: str, removed: list[Removal]) -> str:
    label = cues().title_label.match(title)
    if not label or label.end() == len(title):
        return title
    removed.append(Removal("furniture", label.group(), "label in front of the title"))
    return title[label.end() :]


def _paragraphs(kept: list[str], metadata: Metadata, removed: list[Removal]) -> list[str]:
    paragraphs: list[str] = []
    for line in kept:
        line = _strip_dateline(line, metadata, removed)
        paragraphs.extend(part for part in split_header(line) if part)
    repeated = repeated_paragraphs(paragraphs)
    for index in sorted(repeated):
        removed.append(Removal("repeated", paragraphs[index], "paragraph repeats text found elsewhere in the article"))
    return [paragraph for index, paragraph in enumerate(paragraphs) if index not in repeated]


def _strip_dateline(line: str, metadata: Metadata, removed: list[Removal]) -> str:
    """``天津北方网讯：…`` or ``新华社北京5月12日电（记者 张三）…`` → ``…``, offering outlet and author."""
    for pattern, field_name in ((cues().dateline, "outlet"), (cues().wire_dateline, "reposted_from")):
        match = pattern.match(line)
        if match and match.end() < len(line):
            metadata.offer(field_name, publisher_name(match["name"]))
            if match["credit"]:
                harvest_byline(match["credit"], metadata)
            removed.append(Removal("byline", match.group().strip(), "dateline naming the outlet"))
            return line[match.end() :]
    return line
