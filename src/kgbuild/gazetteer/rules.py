"""The resolver's language data (data/resolution.toml) and the text tests built on it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from kgbuild.gazetteer.gazetteer import DATA
from kgbuild.lexicon import WordIndex


@dataclass(frozen=True)
class ResolutionRules:
    """Cue words and guards for finding places in running text."""

    deictic_prefixes: tuple[str, ...]
    distributive_prefixes: tuple[str, ...]
    level_words: tuple[str, ...]
    equivalent_level_words: tuple[frozenset[str], ...]
    not_places: tuple[str, ...]
    not_after_short_names: tuple[str, ...]
    context_only_names: frozenset[str]
    not_villages: frozenset[str]
    min_free_village_chars: int
    title_weight: int

    @classmethod
    @cache
    def default(cls) -> ResolutionRules:
        data = tomllib.loads((DATA / "resolution.toml").read_text(encoding="utf-8"))
        return cls(
            deictic_prefixes=tuple(data["deictic_prefixes"]),
            distributive_prefixes=tuple(data["distributive_prefixes"]),
            level_words=tuple(data["level_words"]),
            equivalent_level_words=tuple(frozenset(group) for group in data["equivalent_level_words"]),
            not_places=tuple(data["not_places"]),
            not_after_short_names=tuple(data["not_after_short_names"]),
            context_only_names=frozenset(data["context_only_names"]),
            not_villages=frozenset(data["not_villages"]),
            min_free_village_chars=data["min_free_village_chars"],
            title_weight=data["title_weight"],
        )

    @property
    def deixis_pattern(self) -> re.Pattern[str]:
        return _deixis_pattern(self.deictic_prefixes, self.level_words)

    def level_endings(self, word: str) -> tuple[str, ...]:
        """The name endings a level word stands for: 乡 → (乡, 镇)."""
        for group in self.equivalent_level_words:
            if word in group:
                return tuple(sorted(group))
        return (word,)

    def blocked_spans(self, text: str) -> list[tuple[int, int]]:
        """Spans of the ordinary words (合作社, 大通道 …) that contain or cut across place names."""
        return list(_word_index(self.not_places).spans(text))


def is_blocked(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """A name at [start, end) is part of an ordinary word if such a word overlaps it and is not strictly inside it."""
    return any(s < end and e > start and not (start <= s and e <= end and e - s < end - start) for s, e in spans)


@cache
def _word_index(words: tuple[str, ...]) -> WordIndex:
    return WordIndex(words)


@cache
def _deixis_pattern(prefixes: tuple[str, ...], words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(f"([{''.join(prefixes)}])([{''.join(words)}])")
