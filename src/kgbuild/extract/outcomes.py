"""Outcomes: the figures an article reports as a result or status of its work.

Every figure of a sentence (``numbers.find_figures``: 万/亿 multiplied out, 多/余
as lower bounds) with a unit after it — a unit label of the ontology
(``Lexicon.find("unit")``: 户, 人次, 万元, 千瓦 …), a generic counter (个, 家)
whose counted noun decides the unit, or a noun that is its own unit
(6.07万贫困人口) — becomes an :class:`OutcomeFact`, unless its clause makes it a
plan, target or forecast (计划出列313户), a threshold or policy parameter
(收入2952元以下, 每月10元, 再减免10%), an ordinal, a numeral of a place name, or
it is about one person or household (the sentence names one, or the figure is
in someone's quoted words). Paired figures (642户1019人) are two outcomes
sharing their indicator; rates stated at once (竣工率、验收率四个100%) one per
rate. A heading that repeats a figure of the body is not counted twice.

Each outcome carries its indicator (the noun phrase after a counted figure,
else the words before it), its date (``dates.date_of``) and its area (the last
place named before it in the sentence, else the article's home). The cue words
are data: ``data/outcomes.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from kgbuild.gazetteer import PlaceResolution
from kgbuild.lexicon import Lexicon
from kgbuild.model import Article, OutcomeFact, Sentence

from .dates import date_of
from .numbers import Figure, find_figures, is_range_upper_bound, plain
from .text import clause_bounds
from .wordlists import wordlist

_ONE = Decimal(1)
_UNIT_WINDOW = 8  # characters after a figure searched for its unit word
_NOUN_WINDOW = 10  # characters after a counter searched for the counted noun


@dataclass(frozen=True)
class _Unit:
    unit: str
    multiplier: Decimal
    end: int  # offset after the unit word (and the counted noun's start, for counters)


@dataclass(frozen=True)
class _Reading:
    """A figure of a sentence read as a candidate outcome."""

    figure: Figure
    unit: _Unit
    clause: tuple[int, int]
    segment_start: int  # the clause's start, or the end of the figure before in it


@dataclass(frozen=True)
class _Data:
    clause_breaks: frozenset[str]
    sentence_ends: tuple[str, ...]
    list_joiners: re.Pattern[str]
    edges: str
    extra_units: dict[str, str]
    generic_counters: tuple[str, ...]
    not_result_counters: frozenset[str]
    spelled_digit_units: frozenset[str]
    counted_nouns: list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]  # unit, anywhere, at the end
    implicit_units: dict[str, str]
    excluded: dict[str, list[str]]  # the word lists of [not_outcomes]
    excluded_any: dict[str, re.Pattern[str]]  # each list as one pattern: does any of its words occur?
    target_in_sentence: list[re.Pattern[str]]
    individual: re.Pattern[str]
    speech: re.Pattern[str]
    counted_units: frozenset[str]
    leading: tuple[str, ...]
    trailing: tuple[str, ...]
    stop_after: re.Pattern[str]
    max_length: int


def _any_word(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)) if words else "(?!)")


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _noun_patterns(patterns: dict[str, list[str]]) -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    return [
        (unit, re.compile(p), None if p.startswith("^") else re.compile(f"(?:{p})$"))
        for unit, unit_patterns in patterns.items()
        for p in unit_patterns
    ]


@cache
def _data() -> _Data:
    data = wordlist("outcomes")
    excluded = data["not_outcomes"]
    indicator = data["indicator"]
    individual = "|".join(excluded["individual"]).replace("SURNAMES", excluded["surnames"])
    return _Data(
        clause_breaks=frozenset(data["clause_breaks"]),
        sentence_ends=tuple(data["sentence_ends"]),
        list_joiners=re.compile(f"[{re.escape(data['list_joiners'])}]"),
        edges=indicator["edges"],
        extra_units=data["extra_units"],
        generic_counters=tuple(data["counters"]["generic"]),
        not_result_counters=frozenset(data["counters"]["not_results"]),
        spelled_digit_units=frozenset(data["counters"]["spelled_digit_units"]),
        counted_nouns=_noun_patterns(data["counted_nouns"]),
        implicit_units=data["implicit_units"],
        excluded={key: value for key, value in excluded.items() if isinstance(value, list)},
        excluded_any={key: _any_word(value) for key, value in excluded.items() if isinstance(value, list)},
        target_in_sentence=[re.compile(p) for p in excluded["target_in_sentence"]],
        individual=re.compile(individual),
        speech=re.compile(f"\u201c[^\u201d]{{{excluded['speech_min_length']},}}(?:\u201d|$)"),
        counted_units=frozenset(indicator["counted_units"]),
        leading=_longest_first(indicator["leading"]),
        trailing=_longest_first(indicator["trailing"]),
        stop_after=re.compile("|".join(map(re.escape, indicator["stop_after"]))),
        max_length=indicator["max_length"],
    )


# --------------------------------------------------------------------------- units


def _noun_phrase_after(text: str) -> str:
    """The words after a counter up to the first clause break, list mark, figure or verb."""
    data = _data()
    end = min(
        [
            i
            for i, char in enumerate(text)
            if char in data.clause_breaks or data.list_joiners.match(char) or char.isdigit()
        ]
        + [len(text), _NOUN_WINDOW]
    )
    phrase = text[:end]
    stop = data.stop_after.search(phrase)
    return phrase[: stop.start()] if stop else phrase


def _kind(unit: str) -> str | None:
    return None if unit == "none" else unit


def _without_quotes(phrase: str) -> str:
    """A phrase without its quoted names (“一村一幼”幼教点 → 幼教点) and stray quote marks."""
    return re.sub("\u201c[^\u201d]*\u201d", "", phrase).strip("\u201c\u201d")


def _counted_noun_unit(text_after: str, noun_before: str) -> str | None:
    """The unit a generic counter takes from its noun (None: not a result)."""
    nouns = _data().counted_nouns
    after = _without_quotes(_noun_phrase_after(text_after))
    if after:
        hits = [
            (unit == "person", match.start(), order)
            for order, (unit, anywhere, _) in enumerate(nouns)
            if (match := anywhere.search(after))
        ]
        return _kind(nouns[min(hits)[2]][0]) if hits else "item"
    before = _strip_affixes(_without_quotes(noun_before))
    return next((_kind(unit) for unit, _, at_end in nouns if at_end and at_end.search(before)), "item")


def _counter_unit(text: str, position: int, before: str) -> _Unit | None:
    """The generic counter at ``position`` (个, 家) with the unit its noun gives."""
    data = _data()
    counter = next((c for c in data.generic_counters if text.startswith(c, position)), None)
    if counter is None:
        return None
    end = position + len(counter)
    return _Unit(_counted_noun_unit(text[end:], before) or "", _ONE, end)


def _unit_after(text: str, figure: Figure, before: str, lexicon: Lexicon) -> _Unit | None:
    """The unit of ``figure``: the word right after it, a counted noun, or an implicit noun.

    A unit with an empty id means "counted, but not a result" (4个多月, 2批).
    """
    data = _data()
    if figure.percent:
        return _Unit("percent", _ONE, figure.end)
    position = figure.end
    counter = _counter_unit(text, position, before)
    if counter is not None:
        return counter
    window = text[position : position + _UNIT_WINDOW]
    words = [(m.text, m.concept, m.multiplier) for m in lexicon.find("unit", window) if m.start == 0]
    words += [(word, unit, _ONE) for word, unit in data.extra_units.items() if window.startswith(word)]
    if words:
        word, unit, multiplier = max(words, key=lambda found: len(found[0]))
        if word in data.not_result_counters:
            return _Unit("", _ONE, position + len(word))
        return _Unit(unit, multiplier, position + len(word))
    for word, unit in data.implicit_units.items():
        if window.startswith(word):
            return _Unit(unit, _ONE, position)  # the noun is the indicator too
    return None


# --------------------------------------------------------------------------- exclusions


def _any_in(words: str, text: str) -> bool:
    """Whether a word of the [not_outcomes] list ``words`` occurs in ``text``."""
    return _data().excluded_any[words].search(text) is not None


def _in_place_name(figure: Figure, names: list[tuple[int, int]]) -> bool:
    """Whether a spelled numeral is part of a place's name (西九户村, 三十里铺)."""
    return figure.spelled and any(start <= figure.start < end for start, end in names)


def _is_parameter(reading: _Reading, before: str, segment: str, after: str) -> bool:
    """A threshold or policy parameter: 每月10元, 不超过3户, 2952元以下, 500元/人, 补助由300元提高到600元."""
    words = _data().excluded
    if _any_in("parameter_before", segment) or after.startswith(tuple(words["per_unit_after"])):
        return True
    cue = next((after.index(w) for w in words["parameter_after"] if w in after), None)
    if cue is not None and not _any_in("attained", after[:cue]):
        return True
    return (
        reading.unit.unit == "yuan"
        and _any_in("subsidy_before", before)
        and not _any_in("subsidy_spent", segment)
    )


def _is_reduction(segment: str) -> bool:
    """A percentage granted off something (再减免10%), not a reduction reached (降至5.8%)."""
    for word in _data().excluded["reduction_before"]:
        at = segment.rfind(word)
        if at >= 0 and not segment.startswith(tuple(_data().excluded["reduction_reaches"]), at + len(word)):
            return True
    return False


def _is_excluded(reading: _Reading, text: str) -> bool:
    """Whether the clause makes the figure something other than a result or status."""
    data = _data()
    figure, unit = reading.figure, reading.unit
    clause_start, clause_end = reading.clause
    # Cue words inside quoted names do not count (发放“雨露计划”补助资金).
    before = _without_quotes(text[clause_start : figure.start])
    after = _without_quotes(text[unit.end : clause_end])
    segment = _without_quotes(text[reading.segment_start : figure.start])
    if not unit.unit:
        return True
    if figure.spelled and not figure.percent and len(figure.text) == 1:
        if not (2 <= figure.value <= 9 and unit.unit in data.spelled_digit_units):
            return True
    if any(before.endswith(prefix) for prefix in data.excluded["ordinal_prefix"]):
        return True
    if _any_in("plan", before):
        return True
    if any(pattern.search(text, 0, figure.start) for pattern in data.target_in_sentence):
        return True
    if _is_parameter(reading, before, segment, after):
        return True
    return unit.unit == "percent" and _is_reduction(segment)


def _in_speech(figure: Figure, text: str) -> bool:
    """Whether the figure is inside a long quotation: someone's own story."""
    return any(m.start() <= figure.start < m.end() for m in _data().speech.finditer(text))


# --------------------------------------------------------------------------- indicators


def _strip_affixes(phrase: str) -> str:
    """The phrase without filler words at its ends (全市共有…达到 → …)."""
    data = _data()
    changed = True
    while changed and phrase:
        changed = False
        phrase = phrase.strip(data.edges)
        if phrase.startswith(data.leading):  # the longest such word goes
            word = next(word for word in data.leading if phrase.startswith(word))
            phrase, changed = phrase[len(word) :], True
        if phrase.endswith(data.trailing):
            word = next(word for word in data.trailing if phrase.endswith(word))
            phrase, changed = phrase[: -len(word)], True
    return phrase.strip(data.edges)


def _phrase_after(text: str, start: int, end: int) -> str:
    phrase = text[start:end]
    stop = _data().stop_after.search(phrase)
    return _strip_affixes(phrase[: stop.start()] if stop else phrase)[: _data().max_length]


def _phrase_before(text: str, start: int, end: int) -> str:
    return _strip_affixes(text[start:end])[-_data().max_length :]


def _group_indicator(text: str, group: list[_Reading], previous_end: int, next_start: int) -> str:
    """The indicator shared by a run of paired figures (2304户、6113人; 642户1019人)."""
    first, last = group[0], group[-1]
    after = _phrase_after(text, last.unit.end, min(last.clause[1], next_start))
    before = _phrase_before(text, max(first.clause[0], previous_end), first.figure.start)
    if last.unit.unit in _data().counted_units and after:
        return after
    return before or after


def _group_indicators(
    text: str, groups: list[list[_Reading]], place_names: list[tuple[int, int]]
) -> list[str]:
    """The indicator of each group of figures. It starts after the figures before it and
    after the last place named before it; a group without words of its own shares those
    of the group before it in its clause (贫困发生率从18.6%下降到0.6%)."""
    indicators: list[str] = []
    for gi, group in enumerate(groups):
        previous_end = max(
            [groups[gi - 1][-1].unit.end if gi else 0]
            + [end for _, end in place_names if end <= group[0].figure.start]
        )
        next_start = groups[gi + 1][0].figure.start if gi + 1 < len(groups) else len(text)
        indicator = _group_indicator(text, group, previous_end, next_start)
        if not indicator and gi and groups[gi - 1][-1].clause == group[0].clause:
            indicator = indicators[-1]
        indicators.append(indicator)
    return indicators


def _enumerated_indicators(text: str, reading: _Reading) -> list[str]:
    """The items a figure is stated for at once (竣工率、验收率和入住率三个100%)."""
    data = _data()
    before = text[reading.clause[0] : reading.figure.start]
    if reading.unit.unit != "percent" or not before.endswith(data.generic_counters):
        return []
    counts = [f for f in find_figures(before) if f.end == len(before) - 1]
    if not counts:
        return []
    items = [_strip_affixes(item) for item in data.list_joiners.split(before[: counts[0].start])]
    return items if counts[0].value == len(items) and all(items) else []


# --------------------------------------------------------------------------- sentences


def _readings(text: str, lexicon: Lexicon) -> list[_Reading]:
    readings: list[_Reading] = []
    previous: Figure | None = None
    for figure in find_figures(text):
        clause = clause_bounds(text, figure.start)
        if not is_range_upper_bound(text, figure, previous):
            segment_start = max(clause[0], previous.end if previous else 0)
            unit = _unit_after(text, figure, text[segment_start : figure.start], lexicon)
            if unit is not None:
                readings.append(_Reading(figure, unit, clause, segment_start))
        previous = figure
    return readings


def _paired_groups(text: str, readings: list[_Reading]) -> list[list[_Reading]]:
    """Runs of figures joined by nothing or 、/和 within a clause."""
    groups: list[list[_Reading]] = []
    for reading in readings:
        if groups:
            last = groups[-1][-1]
            gap = text[last.unit.end : reading.figure.start]
            if last.clause == reading.clause and (gap == "" or _data().list_joiners.fullmatch(gap)):
                groups[-1].append(reading)
                continue
        groups.append([reading])
    return groups


def _common_area(codes: list[str]) -> str:
    """The smallest area containing all ``codes``, by their GB/T 2260 prefixes
    (province 2 digits, prefecture 4, county 6; 100000 is the whole country)."""
    if len(set(codes)) == 1:
        return codes[0]
    for length in (6, 4, 2):
        if len({code[:length] for code in codes}) == 1:
            return codes[0][:length].ljust(6, "0")
    return "100000"


def _place_of(places: PlaceResolution, text: str, sentence: int, position: int, clause_start: int) -> str | None:
    """The area of a figure at ``position``: the last place named before it in the sentence
    (the area enclosing them, when its clause lists several: 在槐店乡、文殊乡等地建成…),
    else one implied there, else the article's home."""
    here = [m for m in places.mentions if m.sentence == sentence]
    named = sorted((m for m in here if 0 <= m.start <= position), key=lambda m: m.start)
    if named:
        listed = [named[-1]]
        for previous in reversed(named[:-1]):
            gap = text[previous.start + len(previous.name) : listed[0].start]
            if previous.start < clause_start or not _data().list_joiners.fullmatch(gap):
                break
            listed.insert(0, previous)
        return _common_area([m.code for m in listed])
    implied = [m for m in here if m.start < 0]
    return implied[0].code if implied else places.home


def sentence_outcomes(
    sentence: Sentence, issued: str | None, places: PlaceResolution, lexicon: Lexicon
) -> list[OutcomeFact]:
    """The outcomes one sentence reports."""
    text = sentence.text
    if _data().individual.search(text):
        return []  # a sentence about one person or household
    place_names = [
        (m.start, m.start + len(m.name)) for m in places.mentions if m.sentence == sentence.index and m.start >= 0
    ]
    readings = _readings(text, lexicon)
    groups = _paired_groups(text, readings)
    indicators = _group_indicators(text, groups, place_names)
    outcomes = []
    for group, shared in zip(groups, indicators, strict=True):
        for reading in group:
            figure = reading.figure
            if _is_excluded(reading, text) or _in_place_name(figure, place_names) or _in_speech(figure, text):
                continue
            fact = OutcomeFact(
                value=plain(figure.value * reading.unit.multiplier),
                unit=reading.unit.unit,
                indicator=shared,
                sentence=sentence.index,
                place=_place_of(places, text, sentence.index, figure.start, reading.clause[0]),
                as_of=date_of(text, figure.start, issued, reading.clause[0]),
            )
            items = _enumerated_indicators(text, reading) or [shared]
            outcomes.extend(replace(fact, indicator=item) for item in items)
    return outcomes


def _heading_sentences(article: Article) -> set[int]:
    """Sentences standing alone as a paragraph without a closing mark: titles and subheadings."""
    return {
        paragraph[0].index
        for paragraph in article.paragraphs()
        if len(paragraph) == 1 and not paragraph[0].text.rstrip().endswith(_data().sentence_ends)
    }


def _drop_heading_repeats(outcomes: list[OutcomeFact], headings: set[int]) -> list[OutcomeFact]:
    in_body = {(o.value, o.unit) for o in outcomes if o.sentence not in headings}
    return [o for o in outcomes if o.sentence not in headings or (o.value, o.unit) not in in_body]


def extract_outcomes(article: Article, places: PlaceResolution) -> list[OutcomeFact]:
    """Every outcome the article reports, in text order."""
    lexicon = Lexicon.default()
    outcomes = [
        outcome
        for sentence in article.sentences
        for outcome in sentence_outcomes(sentence, article.issued, places, lexicon)
    ]
    return _drop_heading_repeats(outcomes, _heading_sentences(article))
