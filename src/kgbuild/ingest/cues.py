"""The language data of ingestion (``data/cues.toml``), loaded once and compiled."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "cues.toml"


@dataclass(frozen=True)
class Cues:
    spam_words: tuple[str, ...]
    furniture: dict[str, tuple[re.Pattern[str], ...]]  # kind -> line patterns
    related_heading: tuple[re.Pattern[str], ...]
    byline_keys: dict[str, tuple[str, ...]]  # field -> keys
    not_publisher: frozenset[str]
    dateline: re.Pattern[str]
    wire_dateline: re.Pattern[str]
    title_junk: tuple[re.Pattern[str], ...]
    title_label: re.Pattern[str]
    title_site_suffix: re.Pattern[str]
    publisher_patterns: tuple[re.Pattern[str], ...]
    outlet_before_url: re.Pattern[str]
    text_dates: tuple[re.Pattern[str], ...]
    url_dates: tuple[re.Pattern[str], ...]
    header_openings: tuple[re.Pattern[str], ...]
    header_max_chars: int
    summary_labels: tuple[re.Pattern[str], ...]


def _compile_all(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


@cache
def cues() -> Cues:
    """The cues of ``data/cues.toml``."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    furniture = data["furniture"]
    byline = data["byline"]
    return Cues(
        spam_words=tuple(word.lower() for word in data["spam"]["words"]),
        furniture={
            kind: _compile_all(furniture[kind])
            for kind in ("navigation", "copyright", "share", "counter", "marker", "banner")
        },
        related_heading=_compile_all(furniture["related_heading"]),
        byline_keys={
            field: tuple(byline[field]) for field in ("source", "reposted_from", "author", "editor", "time", "other")
        },
        not_publisher=frozenset(byline["not_publisher"]),
        dateline=re.compile(byline["dateline"]),
        wire_dateline=re.compile(byline["wire_dateline"]),
        title_junk=_compile_all(data["title"]["junk"]),
        title_label=re.compile(data["title"]["label"]),
        title_site_suffix=re.compile(data["title"]["site_suffix"]),
        publisher_patterns=_compile_all(data["publisher"]["patterns"]),
        outlet_before_url=re.compile(data["publisher"]["outlet_before_url"]),
        text_dates=_compile_all(data["dates"]["text"]),
        url_dates=_compile_all(data["dates"]["url"]),
        header_openings=_compile_all(data["paragraphs"]["header_openings"]),
        header_max_chars=int(data["paragraphs"]["header_max_chars"]),
        summary_labels=_compile_all(data["paragraphs"]["summary_labels"]),
    )
