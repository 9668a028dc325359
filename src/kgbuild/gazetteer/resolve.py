"""Place resolution in context: the areas an article names or implies, and the area it is about.

Names are found by longest match over full, short, former and 乡/镇-variant
names (no word segmentation: jieba splits unknown township names badly). A
name that several areas share, a short name and a township name are settled by
the article's other places: each candidate scores by its relation to the
places already resolved (an enclosing area named counts most, then a shared
county, prefecture or province), nearer mentions breaking ties. Villages are
taken only under a township or county the article names. Deictic words
(本市, 我区, 全县, 该镇) and bare level words (市, 区) resolve to the article's
current area of that level. Every mention records why it was resolved.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache

from kgbuild.gazetteer.gazetteer import COUNTRY, KIND_ORDER, LEVELS, Area, Gazetteer, NameEntry, naming
from kgbuild.gazetteer.rules import ResolutionRules, is_blocked
from kgbuild.model import Article, PlaceMention, Sentence

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
# Relations between a candidate area and a place the article names (see _Resolver._relation).
SAME_AREA, WITHIN_COUNTY, WITHIN_PREFECTURE, WITHIN_PROVINCE, CONTAINS = 5.0, 4.0, 3.0, 1.5, 2.5
SHARED = {"county": 2.5, "township": 2.5, "prefecture": 2.0, "province": 1.0}
TOWNSHIP_SHORT = 3.5  # its county (or itself) is named
SUPPORT = 2.0  # at least a shared prefecture
SAME_PROVINCE = 1.0
FOLLOWING = 4  # characters kept after a name to test what follows it
SAME_SENTENCE, SAME_PARAGRAPH = 0.3, 0.15  # nearness only breaks ties between equal relations


@dataclass(frozen=True)
class Found:
    """A name found in a sentence, with the index entries it could stand for."""

    sentence: int
    start: int
    text: str
    entries: tuple[NameEntry, ...]
    after: str  # the characters that follow it


@dataclass
class PlaceResolution:
    """The places of one article, in text order, and the area the article is about."""

    mentions: list[PlaceMention]
    home: str | None
    seconds: float = 0.0
    _resolver: _Resolver | None = field(default=None, repr=False, compare=False)

    def resolve_name(self, text: str, sentence: int) -> str | None:
        """The code a body's or program's place prefix means here: 廊坊, 安次区, 青龙, 区, 本市 …"""
        return self._resolver.resolve_name(text, sentence, self) if self._resolver else None


def resolve_places(article: Article, gazetteer: Gazetteer | None = None) -> PlaceResolution:
    """Find and resolve every place the article names or implies (我区, 全市)."""
    began = time.perf_counter()
    resolver = _Resolver(article, gazetteer or Gazetteer.default(), ResolutionRules.default())
    resolution = resolver.run()
    resolution.seconds = time.perf_counter() - began
    return resolution


def find_names(text: str, gazetteer: Gazetteer, rules: ResolutionRules) -> list[tuple[int, str, tuple[NameEntry, ...]]]:
    """Leftmost-longest names in ``text`` that are not part of an ordinary word: (start, name, entries).

    A short name written with its own level word (临夏州, 东乡县, 青龙县) is a name too: its
    entries are the areas of that short name whose full name ends in that word.
    """
    blocked = rules.blocked_spans(text)
    ends_by_start: dict[int, list[int]] = {}
    for start, end in gazetteer.name_spans(text):
        ends_by_start.setdefault(start, []).append(end)
    found = []
    position = 0  # where the next name may start: not inside one found
    for start, ends in ends_by_start.items():
        if start < position:
            continue
        for end in _with_level_words(text, ends, rules):
            entries = names_at(text[start:end], gazetteer, rules)
            if entries and not is_blocked(start, end, blocked):
                found.append((start, text[start:end], entries))
                position = end
                break
    return found


def _with_level_words(text: str, ends: list[int], rules: ResolutionRules) -> list[int]:
    """Where a name may end, longest first, given where names end: after a name, or after
    a name and a level word that follows it."""
    suffixed = [end + 1 for end in ends if text[end : end + 1] in rules.level_words]
    return sorted({*ends, *suffixed}, reverse=True)


@lru_cache(maxsize=65536)
def names_at(words: str, gazetteer: Gazetteer, rules: ResolutionRules) -> tuple[NameEntry, ...]:
    """The entries of ``words`` as a name, and as a short name followed by its own level word."""
    entries = {e.code: e for e in gazetteer.entries(words) if e.code != COUNTRY} if gazetteer.has_name(words) else {}
    stem, word = words[:-1], words[-1]
    if word in rules.level_words and gazetteer.has_name(stem):
        for entry in gazetteer.entries(stem):
            if entry.kind in ("short", "former-short") and entry.code not in entries:
                area = gazetteer.area(entry.code)
                if area is not None and area.name.endswith(word):
                    entries[entry.code] = NameEntry(entry.code, "suffixed")
    return tuple(sorted(entries.values(), key=lambda e: (KIND_ORDER[e.kind], e.code)))


class _Resolver:
    """One article's resolution: explicit names, villages, home area, deixis."""

    def __init__(self, article: Article, gazetteer: Gazetteer, rules: ResolutionRules):
        self.article = article
        self.gazetteer = gazetteer
        self.rules = rules
        self.sentences = article.sentences or [Sentence(0, article.text, 0, len(article.text), 0)]
        self.paragraph = {sentence.index: sentence.paragraph for sentence in self.sentences}
        self.anchors: list[PlaceMention] = []
        self.relations: dict[tuple[str, str], float] = {}
        self.named: list[PlaceMention] = []  # the places named in the text (deixis excluded)
        self.written: dict[str, set[str]] = {}  # the names each of those places is written as

    def run(self) -> PlaceResolution:
        found = [item for sentence in self.sentences for item in self._found_in(sentence)]
        self.anchors = [mention for item in found if (mention := self._anchor(item))]
        named = [m for item in found if (m := self._resolve_found(item, self.anchors))]
        named = [m for item in found if (m := self._resolve_found(item, named))]
        home = self._home(named)
        named += self._villages(named, home)
        named.sort(key=lambda m: (m.sentence, m.start))
        self.named = named
        for mention in named:
            self.written.setdefault(mention.code, set()).add(mention.name)
        resolution = PlaceResolution(named, home, _resolver=self)
        resolution.mentions = sorted(named + self._deixis(resolution), key=lambda m: (m.sentence, m.start))
        return resolution

    # -- explicit names ------------------------------------------------------

    def _found_in(self, sentence: Sentence) -> list[Found]:
        return [
            Found(sentence.index, start, text, entries, sentence.text[start + len(text) :][:FOLLOWING])
            for start, text, entries in find_names(sentence.text, self.gazetteer, self.rules)
        ]

    def _required_support(self, item: Found, entry: NameEntry, area: Area) -> float:
        """How much backing from the article's other places a name needs before it counts.

        A common word used as a short name (和平, 大同) needs the area named in full; as a
        full name (城区), an enclosing area. A township's short name needs its county; a
        township's full name and a county's short or two-character name need at least a
        shared prefecture; a two-character short prefecture name (often a given name: 侯桂林)
        needs a shared province once the article has placed itself anywhere.
        """
        short = entry.kind in ("short", "former-short")
        if item.text in self.rules.context_only_names:
            return SAME_AREA if short else SUPPORT
        if area.level in ("township", "village"):
            return TOWNSHIP_SHORT if short else SUPPORT
        if area.level == "county" and (short or len(item.text) <= 2):
            return SUPPORT
        if area.level == "prefecture" and entry.kind == "short" and len(item.text) <= 2 and self.anchors:
            return SAME_PROVINCE
        return 0.0

    def _followed_by_other_word(self, item: Found, entry: NameEntry, area: Area) -> bool:
        """A short name followed by 村, 路, 大学 … names a village, street or institution, not the area;
        followed by a level word other than its own (大城 in 大城市), it is part of another word."""
        if entry.kind not in ("short", "former-short"):
            return False
        if item.after.startswith(self.rules.not_after_short_names):
            return True
        return bool(item.after) and item.after[0] in self.rules.level_words and not area.name.endswith(item.after[0])

    def _anchor(self, item: Found) -> PlaceMention | None:
        """A name that needs no context: one area only, at county level or above, not a guarded name."""
        if len(item.entries) != 1:
            return None
        entry = item.entries[0]
        area = self.gazetteer.area(entry.code)
        if area is None or area.level not in ("province", "prefecture", "county"):
            return None
        if self._followed_by_other_word(item, entry, area) or item.text in self.rules.context_only_names:
            return None
        if entry.kind in ("short", "former-short") and area.level != "province":
            return None
        if len(item.text) <= 2 and area.level == "county":
            return None
        return self._mention(item, area, describe(entry, area))

    def _resolve_found(self, item: Found, context: list[PlaceMention]) -> PlaceMention | None:
        """The best-backed area for a name, if it has the backing it needs and no equal rival."""
        scored = []
        for entry in item.entries:
            area = self.gazetteer.area(entry.code)
            if area is None or self._followed_by_other_word(item, entry, area):
                continue
            score, why = self._support(area, item.sentence, context, exclude=(item.sentence, item.start))
            if score < self._required_support(item, entry, area):
                continue
            rank = (-score, KIND_ORDER[entry.kind], LEVEL_RANK[area.level], area.code)
            scored.append((rank, entry, area, why))
        if not scored:
            return self._unique_township(item)
        scored.sort(key=lambda row: row[0])
        if len(scored) > 1 and scored[0][0][:3] == scored[1][0][:3]:
            return None  # several areas of that name and nothing in the article to choose between them
        _, entry, area, why = scored[0]
        return self._mention(item, area, "; ".join(filter(None, (describe(entry, area), why))))

    def _unique_township(self, item: Found) -> PlaceMention | None:
        """A township written in full whose name no other township has is taken without context."""
        entries = [e for e in item.entries if e.kind in ("full", "variant")]
        areas = [self.gazetteer.area(e.code) for e in entries]
        if len(item.entries) == 1 and len(areas) == 1 and areas[0] and areas[0].level == "township":
            reason = f"{describe(entries[0], areas[0])}; the only township of that name"
            return self._mention(item, areas[0], reason)
        return None

    def _support(
        self, area: Area, sentence: int, context: list[PlaceMention], exclude: tuple[int, int] = (-1, -1)
    ) -> tuple[float, str]:
        """How strongly the article's resolved places back ``area``, and the best such place."""
        chain = self.gazetteer.ancestor_codes(area.code)
        paragraph = self.paragraph.get(sentence)
        best, why = 0.0, ""
        for mention in context:
            if mention.sentence == exclude[0] and mention.start == exclude[1]:
                continue
            relation = self.relations.get((area.code, mention.code))
            if relation is None:
                relation = self._relation(area, chain, mention.code)
            if relation == 0:
                continue
            if mention.sentence == sentence:
                relation += SAME_SENTENCE
            elif self.paragraph.get(mention.sentence) == paragraph:
                relation += SAME_PARAGRAPH
            if relation > best:
                words = relation_words(area, chain, mention.code)
                best, why = relation, f"{words} {mention.name} (sentence {mention.sentence})"
        return best, why

    def _relation(self, area: Area, chain: tuple[str, ...], other: str) -> float:
        """How closely a named place ``other`` backs ``area``: itself, an enclosing area (by its level),
        an area within it, or the level of the nearest area enclosing both."""
        key = (area.code, other)
        if key not in self.relations:
            self.relations[key] = self._compute_relation(area, chain, other)
        return self.relations[key]

    def _compute_relation(self, area: Area, chain: tuple[str, ...], other: str) -> float:
        if other == area.code:
            return SAME_AREA
        if other in chain:
            level = self._acting_level(other, chain)
            return {"province": WITHIN_PROVINCE, "prefecture": WITHIN_PREFECTURE}.get(level, WITHIN_COUNTY)
        other_chain = self.gazetteer.ancestor_codes(other)
        if area.code in other_chain:
            return CONTAINS
        shared = next((code for code in chain if code in other_chain), None)
        return SHARED.get(self._acting_level(shared, chain), 0.0) if shared else 0.0

    def _acting_level(self, code: str, chain: tuple[str, ...]) -> str:
        """The level an enclosing area plays: a municipality (天津市) is the prefecture of its districts."""
        level = self.gazetteer.area(code).level
        if level == "province" and all(self.gazetteer.area(c).level != "prefecture" for c in chain):
            return "prefecture"
        return level

    def _mention(self, item: Found, area: Area, reason: str) -> PlaceMention:
        return PlaceMention(area.code, item.text, area.level, item.sentence, item.start, reason)

    # -- villages ------------------------------------------------------------

    def _villages(self, named: list[PlaceMention], home: str | None) -> list[PlaceMention]:
        """Names ending in 村 that are villages of a township or county named in the paragraph, or of the home."""
        word = naming()["villages"]["village_word"]
        found = []
        for sentence in self.sentences:
            ends = [i + 1 for i, char in enumerate(sentence.text) if char == word]
            if not ends:
                continue
            here = [m for m in named if m.sentence == sentence.index]
            taken = [(m.start, m.start + len(m.name)) for m in here]
            adjacent = [m for m in here if m.level == "township"]
            parents = [
                (parent, self.gazetteer.village_codes_within(parent.code))
                for parent in self._village_parents(sentence.index, named, home)
            ]
            for end in ends:
                mention = self._village_ending_at(sentence, end, taken, adjacent, parents)
                if mention:
                    found.append(mention)
                    taken.append((mention.start, end))
        return found

    def _village_ending_at(
        self,
        sentence: Sentence,
        end: int,
        taken: list[tuple[int, int]],
        adjacent: list[PlaceMention],
        parents: list[tuple[PlaceMention, dict[str, list[str]]]],
    ) -> PlaceMention | None:
        """A village name ending at ``end``: right after a township named there (``adjacent``),
        or long enough and the only one of that name in one of the ``parents`` (with their villages)."""
        covered = max((e for s, e in taken if s < end), default=0)  # a name starting before it overlaps
        for start in range(max(0, end - 8, covered), end - 1):
            name = sentence.text[start:end]
            if name in self.rules.not_villages:
                continue
            for township in adjacent:
                if township.start + len(township.name) == start:
                    villages = self.gazetteer.village_codes_within(township.code).get(name, [])
                    if len(villages) == 1:
                        reason = f"village of {township.name} named just before it"
                        return PlaceMention(villages[0], name, "village", sentence.index, start, reason)
            if len(name) < self.rules.min_free_village_chars:
                continue
            for parent, villages_by_name in parents:
                villages = villages_by_name.get(name, [])
                if len(villages) == 1:
                    reason = f"the only village of that name in {parent.name} (sentence {parent.sentence})"
                    return PlaceMention(villages[0], name, "village", sentence.index, start, reason)
        return None

    def _village_parents(self, sentence: int, named: list[PlaceMention], home: str | None) -> list[PlaceMention]:
        """Townships and counties a village in this sentence may belong to, nearest first: those named
        earlier in its paragraph, and the article's home area."""
        paragraph = self.paragraph.get(sentence)
        near = [
            m
            for m in named
            if m.level in ("township", "county")
            and (m.code == home or m.sentence <= sentence and self.paragraph.get(m.sentence) == paragraph)
        ]
        near.sort(
            key=lambda m: (
                self.paragraph.get(m.sentence) != paragraph,
                abs(sentence - m.sentence),
                m.level != "township",
            )
        )
        unique: dict[str, PlaceMention] = {}
        for mention in near:
            unique.setdefault(mention.code, mention)
        return list(unique.values())

    # -- the article's own area ----------------------------------------------

    def _home(self, named: list[PlaceMention]) -> str | None:
        """The most salient area at county level or above: its mentions, the deictic words that fit
        its name (全区 for a 区), and a bonus when the title names it; ties go to the more specific."""
        weight: dict[str, float] = {}
        for mention in named:
            if mention.level in ("province", "prefecture", "county"):
                weight[mention.code] = weight.get(mention.code, 0) + 1
        known = set(weight)
        for code in self._title_areas(known):
            weight[code] += self.rules.title_weight
        for word in self._deixis_words():
            endings = self.rules.level_endings(word)
            for code in known:
                if self.gazetteer.area(code).name.endswith(endings):
                    weight[code] += 1
        if not weight:
            return None
        return max(weight, key=lambda code: (weight[code], LEVEL_RANK[self.gazetteer.area(code).level], code))

    def _title_areas(self, known: set[str]) -> set[str]:
        """The most specific of the resolved areas the title names (安定区 in 定西市安定区)."""
        named = {
            entry.code
            for _, _, entries in find_names(self.article.title or "", self.gazetteer, self.rules)
            for entry in entries
            if entry.code in known
        }
        enclosing = {a.code for code in named for a in self.gazetteer.ancestors(code)}
        return named - enclosing

    # -- deixis and level words ------------------------------------------------

    def _deixis_words(self) -> list[str]:
        """The level words of the article's deictic phrases (全区 → 区), one per occurrence."""
        return [
            match.group(2)
            for sentence in self.sentences
            for match in self.rules.deixis_pattern.finditer(sentence.text)
            if match.group(1) not in self.rules.distributive_prefixes
        ]

    def _deixis(self, resolution: PlaceResolution) -> list[PlaceMention]:
        """本市, 我区, 全县, 该镇 …: the article's current area of that level, as an implied mention."""
        found = []
        for sentence in self.sentences:
            matches = list(self.rules.deixis_pattern.finditer(sentence.text))
            blocked = self.rules.blocked_spans(sentence.text) if matches else []
            for match in matches:
                prefix, word = match.groups()
                if prefix in self.rules.distributive_prefixes or is_blocked(match.start(), match.end(), blocked):
                    continue
                area = self.area_for_level_word(word, sentence.index, resolution)
                if area:
                    reason = f"deixis {match.group()}: the article's current {area.level} {area.name}"
                    found.append(
                        PlaceMention(area.code, match.group(), area.level, sentence.index, match.start(), reason)
                    )
        return found

    def area_for_level_word(self, word: str, sentence: int, resolution: PlaceResolution) -> Area | None:
        """市, 区, 县, 镇 …: the nearest area so named in the paragraph (or enclosing one named there),
        else the home area or an enclosing area so named, else the most mentioned area so named.
        "So named": its name, or the words the article calls it by, end in the word (蓟县 for 蓟州区)."""
        endings = self.rules.level_endings(word)
        written = self.written

        def fits(area: Area | None) -> bool:
            if area is None or area.level == "village":
                return False
            return any(name.endswith(endings) for name in (area.name, *written.get(area.code, ())))

        paragraph = self.paragraph.get(sentence)
        preceding = [
            m for m in reversed(self.named) if m.sentence <= sentence and self.paragraph.get(m.sentence) == paragraph
        ]
        for code in [m.code for m in preceding] + ([resolution.home] if resolution.home else []):
            for area in (self.gazetteer.area(code), *self.gazetteer.ancestors(code)):
                if fits(area):
                    return area
        counts: dict[str, int] = {}
        for mention in self.named:
            if fits(self.gazetteer.area(mention.code)):
                counts[mention.code] = counts.get(mention.code, 0) + 1
        return self.gazetteer.area(max(counts, key=lambda code: (counts[code], code))) if counts else None

    def resolve_name(self, text: str, sentence: int, resolution: PlaceResolution) -> str | None:
        if len(text) == 2 and text[0] in self.rules.deictic_prefixes and text[1] in self.rules.level_words:
            text = text[1]
        if text in self.rules.level_words:
            area = self.area_for_level_word(text, sentence, resolution)
            return area.code if area else None
        entries = names_at(text, self.gazetteer, self.rules)
        mention = self._resolve_found(Found(sentence, -1, text, entries, ""), resolution.mentions) if entries else None
        return mention.code if mention else None


def describe(entry: NameEntry, area: Area) -> str:
    """Why a name stands for an area: full name, short name, former name, 乡/镇 variant."""
    words = {
        "full": "full name",
        "variant": f"乡/镇/街道 variant of {area.name}",
        "former": f"former name of {area.name}",
        "short": f"short name of {area.name}",
        "suffixed": f"short name of {area.name} with its level word",
        "former-short": f"short form of a former name of {area.name}",
    }
    return words[entry.kind]


def relation_words(area: Area, chain: list[str], other: str) -> str:
    if other == area.code:
        return "also named as"
    if other in chain:
        return "within"
    return "near"
