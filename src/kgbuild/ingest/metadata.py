"""Article metadata from the page's own words: bylines, dates, outlet, title.

A byline is a short line of ``key: value`` pairs (来源, 作者, 编辑, 时间 …) and
dates; its values are harvested and the line is then removed as furniture.
Nothing is invented: a field the page does not state stays ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from kgbuild.ingest.cues import cues
from kgbuild.ingest.decode import is_cjk

_MAX_BYLINE_CHARS = 100
_MAX_NAME_CHARS = 20
_MAX_DATE_LINE_WORDS = 4  # Chinese characters besides the date in a date-only byline ("发布于")
_TIME = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")
_URL = re.compile(r"[(\uff08]?\s*(https?://|www\.)[\w./:%?=&-]+\s*[)\uff09]?")
_SENTENCE_END = re.compile("[。\uff01\uff1f]")
_VALUE_TRIM = " \t:\uff1a/|()\uff08\uff09[]【】,\uff0c;\uff1b。"


@dataclass
class Metadata:
    """Fields harvested from an article; the first value found for a field wins."""

    title: str | None = None
    issued: str | None = None
    publisher: str | None = None
    author: str | None = None
    editor: str | None = None
    url: str | None = None
    reposted_from: str | None = None  # a weaker publisher cue: the outlet the page copied
    outlet: str | None = None  # the outlet named by the page's copyright notice or dateline

    def offer(self, name: str, value: str | None) -> None:
        if value and getattr(self, name) is None:
            setattr(self, name, value)

    def best_publisher(self) -> str | None:
        return self.publisher or self.outlet or self.reposted_from


def find_date(text: str) -> str | None:
    """The first valid calendar date in ``text``, as ISO ``YYYY-MM-DD``."""
    return _first_date(cues().text_dates, text)


def date_from_url(url: str) -> str | None:
    """The date a URL's path carries (``/2019-05/12/``, ``/20190512/``, ``/t20190512_``)."""
    return _first_date(cues().url_dates, url)


def _first_date(patterns: tuple[re.Pattern[str], ...], text: str) -> str | None:
    for pattern in patterns:
        for match in pattern.finditer(text):
            iso = _iso_date(match)
            if iso:
                return iso
    return None


def _iso_date(match: re.Match[str]) -> str | None:
    try:
        return date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
    except ValueError:
        return None


@cache
def _key_pattern() -> re.Pattern[str]:
    keys = sorted((key for group in cues().byline_keys.values() for key in group), key=len, reverse=True)
    alternatives = "|".join(re.escape(key) for key in keys)
    # A one-character key (文, 图, 摄) needs an explicit separator; longer ones may be followed by a space.
    return re.compile(rf"(?:^|(?<=[\s(\uff08|【\[]))(?P<key>{alternatives})(?:\s*[:\uff1a/]\s*|(?<=\w\w)\s+)")


def _field_of_key(key: str) -> str:
    for name, keys in cues().byline_keys.items():
        if key in keys:
            return name
    raise KeyError(key)


def _strip_dates(line: str) -> str:
    for pattern in cues().text_dates:
        line = pattern.sub(" ", line)
    return _TIME.sub(" ", line)


def byline_fields(line: str) -> list[tuple[str, str]]:
    """The ``(field, value)`` pairs of a byline line, in order."""
    stripped = _strip_dates(line)
    matches = list(_key_pattern().finditer(stripped))
    if not matches:
        return []
    ends = [match.start() for match in matches[1:]] + [len(stripped)]
    return [
        (_field_of_key(match["key"]), _URL.sub(" ", stripped[match.end() : end]).strip(_VALUE_TRIM))
        for match, end in zip(matches, ends, strict=True)
    ]


def is_byline(line: str) -> bool:
    """A short line of metadata: keyed values and/or a date, no running sentence."""
    if len(line) > _MAX_BYLINE_CHARS or _SENTENCE_END.search(line):
        return False
    has_date = find_date(line) is not None
    pairs = byline_fields(line)
    if not pairs:
        return has_date and _residue_length(line) <= _MAX_DATE_LINE_WORDS
    starts_with_key = _key_pattern().match(line.lstrip("(\uff08【[ ")) is not None
    return has_date or starts_with_key or len(pairs) >= 2


def _residue_length(line: str) -> int:
    return sum(map(is_cjk, _URL.sub("", _strip_dates(line))))


def clean_name(value: str) -> str | None:
    """A person or outlet name from a byline value: its first word, if it looks like a name."""
    value = _URL.sub(" ", value).strip(_VALUE_TRIM)
    first = value.split()[0] if value.split() else ""
    first = first.strip(_VALUE_TRIM)
    if not first or len(first) > _MAX_NAME_CHARS or not any(is_cjk(char) or char.isalpha() for char in first):
        return None
    return first


def publisher_name(value: str) -> str | None:
    name = clean_name(value)
    if name is None or name in cues().not_publisher:
        return None
    return name


def harvest_byline(line: str, metadata: Metadata) -> None:
    """Offer a byline's date, outlet, author and editor to ``metadata``."""
    metadata.offer("issued", find_date(line))
    for name, value in byline_fields(line):
        if name == "source":
            metadata.offer("publisher", publisher_name(value))
        elif name == "reposted_from":
            metadata.offer("reposted_from", publisher_name(value))
        elif name in ("author", "editor"):
            metadata.offer(name, clean_name(value))
    outlet = cues().outlet_before_url.search(line)
    if outlet:
        metadata.offer("publisher", publisher_name(outlet["name"]))


def harvest_outlet(line: str, metadata: Metadata) -> None:
    """Offer the outlet a copyright notice names (``X版权所有``, ``注明来源“X”``)."""
    for pattern in cues().publisher_patterns:
        match = pattern.search(line)
        if match:
            metadata.offer("outlet", publisher_name(match["name"].lstrip("0123456789-— ")))
            return


def is_junk_title(line: str) -> bool:
    """A header line that names a site, column or widget rather than the article."""
    return any(pattern.search(line) for pattern in cues().title_junk)


def strip_site_suffix(title: str) -> str:
    """``标题_某县政府网`` → ``标题``: the site name pages append to their HTML title."""
    stripped = cues().title_site_suffix.sub("", title).strip()
    return stripped or title
