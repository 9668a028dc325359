"""Page furniture: the lines of a web page that are not the article.

Navigation and breadcrumbs, copyright and licence notices, share and QR
prompts, view counters, site banners, lists of related links, and paragraphs
repeated from elsewhere in the article. The cue patterns are in
``data/cues.toml``; this module decides which lines they condemn.
"""

from __future__ import annotations

from kgbuild.ingest.cues import cues

_SHORT_LINE = 60  # a cue anywhere in a line this short condemns it
_CUE_NEAR_START = 16  # in a longer line the cue must open it
_LINK_LINE = 40  # lines of a related-links list are at most this long
_MIN_REPEATED = 10  # paragraphs shorter than this may legitimately repeat
_MIN_CONTAINED = 20  # a shorter paragraph inside a longer one is a heading, not a copy
_SUMMARY_AREA = 10  # paragraphs from the top checked for being a copy of part of another

REASONS = {
    "navigation": "navigation or breadcrumb line",
    "copyright": "copyright, licence or disclaimer notice",
    "share": "share, QR-code or app prompt",
    "counter": "view counter or stray page widget",
    "marker": "end-of-article marker",
    "banner": "site banner with a web address",
}


def furniture_kind(line: str) -> str | None:
    """The kind of furniture ``line`` is, or ``None`` if it may be article text.

    A line with a full sentence in it can only be a notice (copyright, disclaimer)
    that opens with its cue; other furniture never ends sentences.
    """
    has_sentence = any(mark in line for mark in "。\uff01\uff1f")
    for kind, patterns in cues().furniture.items():
        if has_sentence and kind != "copyright":
            continue
        for pattern in patterns:
            match = pattern.search(line)
            if match and (match.start() < _CUE_NEAR_START or (len(line) <= _SHORT_LINE and not has_sentence)):
                return kind
    return None


def is_related_heading(line: str) -> bool:
    return any(pattern.search(line) for pattern in cues().related_heading)


def is_link_line(line: str) -> bool:
    """A line that reads like a link title: short, with no sentence in it."""
    return len(line) <= _LINK_LINE and not any(mark in line for mark in "。\uff01\uff1f\uff1b")


def strip_summary_label(paragraph: str) -> str:
    for pattern in cues().summary_labels:
        paragraph = pattern.sub("", paragraph, count=1)
    return paragraph


def repeated_paragraphs(paragraphs: list[str]) -> set[int]:
    """Indexes of paragraphs that repeat an earlier one, or (near the top, where pages put a
    summary of the lead) are contained in a longer paragraph."""
    bodies = [strip_summary_label(paragraph) for paragraph in paragraphs]
    first_seen: dict[str, int] = {}
    repeated: set[int] = set()
    for index, body in enumerate(bodies):
        if len(body) >= _MIN_REPEATED and first_seen.setdefault(body, index) != index:
            repeated.add(index)
    unique = "\n".join(body for index, body in enumerate(bodies) if index not in repeated)
    for index, body in enumerate(bodies[:_SUMMARY_AREA]):
        if index not in repeated and len(body) >= _MIN_CONTAINED and unique.count(body) > 1:
            repeated.add(index)
    return repeated
