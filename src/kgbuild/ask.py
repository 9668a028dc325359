"""Answer a plain-language question (Chinese or English) with a query of ``queries/``.

A question is read into slots — beneficiary group, sector, kind of body (the
ontology's labels via :mod:`kgbuild.lexicon`, plus English synonyms from
``ask_data/words.toml``), place (the gazetteer, and the places of the graph for
pinyin names), year(s) and indicator keyword — and the template of
``ask_data/questions.toml`` whose slots are exactly those and whose cue words
occur in the question is run with the slots as its parameters. A question that
fits no template, fits several equally, or names something that cannot be read
(an unknown place) raises :class:`CannotAnswer`: it is never answered by a
template that ignores part of it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .gazetteer import Gazetteer
from .gazetteer.gazetteer import COUNTRY, LEVELS
from .lexicon import Lexicon
from .query import QueryResult, bind_params, load_named_query, run_query, with_bindings
from .store import GraphStore

DATA = Path(__file__).with_name("ask_data")
_SCHEME_OF_SLOT = {"group": "group", "sector": "sector", "kind": "body-kind"}
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_GENERIC = "generic"  # a pseudo-slot: words that must not be read as a concept
_LARGE_LEVELS = ("country", "province", "prefecture", "county")  # their short names are safe to match


class CannotAnswer(Exception):
    """The question maps onto no template; the message lists the questions that can be answered."""


@dataclass(frozen=True)
class Answer:
    template: str  # the query's name in queries/
    params: dict[str, str]
    sparql: str
    result: QueryResult


@dataclass(frozen=True)
class Span:
    """A slot value read from ``question[start:end]``."""

    slot: str
    value: str
    start: int
    end: int


@dataclass(frozen=True)
class Template:
    query: str
    slots: frozenset[str]
    optional: frozenset[str]
    params: dict[str, str]
    cues: tuple[str, ...]
    examples: tuple[str, str]


def answer(question: str, store: GraphStore) -> Answer:
    """Run the template that ``question`` asks, with its slots filled, or raise :class:`CannotAnswer`."""
    text = normalise(question)
    spans = read_slots(text, store)
    template = choose_template(text, {span.slot for span in spans})
    params = {template.params[span.slot]: span.value for span in spans}
    named = load_named_query(template.query)
    sparql = with_bindings(named.sparql, bind_params(named, params))  # exactly what run_query evaluates
    return Answer(template.query, params, sparql, run_query(store, named, params))


def normalise(question: str) -> str:
    """NFKC (full-width letters and digits to ASCII) and single spaces."""
    return " ".join(unicodedata.normalize("NFKC", question).split())


# --- slots ----------------------------------------------------------------------------------------


def read_slots(text: str, store: GraphStore) -> list[Span]:
    """Every slot the question fills, non-overlapping (longest first), at most one value per slot."""
    found = [*concept_spans(text), *indicator_spans(text), *year_spans(text), *level_spans(text)]
    spans = keep_longest(found + generic_spans(text))
    spans = keep_longest(spans + place_spans(text, store, spans))
    spans = [span for span in drop_absorbed_groups(spans) if span.slot != _GENERIC]
    check_unknown_places(text, spans)
    return single_valued(spans)


def concept_spans(text: str) -> list[Span]:
    lexicon = Lexicon.default()
    spans = []
    for slot, scheme in _SCHEME_OF_SLOT.items():
        spans += [Span(slot, match.concept, match.start, match.end) for match in lexicon.find(scheme, text)]
        spans += english_spans(text, slot, english_words(scheme, slot))
    return spans


def english_words(scheme: str, slot: str) -> dict[str, str]:
    """English phrase → concept id: the concepts' @en prefLabels and the synonyms of words.toml."""
    phrases = {concept.pref_en.lower(): concept.id for concept in Lexicon.default().concepts(scheme) if concept.pref_en}
    for concept, synonyms in words()["en"][slot].items():
        phrases.update({synonym.lower(): concept for synonym in synonyms})
    return phrases


def english_spans(text: str, slot: str, phrases: dict[str, str]) -> list[Span]:
    spans = []
    for phrase, value in phrases.items():
        pattern = r"(?<![A-Za-z])" + re.escape(phrase) + r"(?:s|es)?(?![A-Za-z])"
        spans += [Span(slot, value, m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    return spans


def indicator_spans(text: str) -> list[Span]:
    spans = []
    for keyword, english in words()["indicator"].items():
        spans += [Span("indicator", keyword, m.start(), m.end()) for m in re.finditer(re.escape(keyword), text)]
        spans += english_spans(text, "indicator", {phrase.lower(): keyword for phrase in english})
    return spans


def year_spans(text: str) -> list[Span]:
    """One year fills ``year``; two fill ``from`` (1 January) and ``to`` (31 December)."""
    years = [(m.group(1), m.start(), m.end()) for m in _YEAR.finditer(text)]
    if len(years) == 1:
        year, start, end = years[0]
        return [Span("year", year, start, end)]
    if len(years) == 2:
        (first, start1, end1), (last, start2, end2) = sorted(years)
        return [Span("from", f"{first}-01-01", start1, end1), Span("to", f"{last}-12-31", start2, end2)]
    if years:
        raise CannotAnswer("give one year, or two for a period.\n\n" + answerable_questions())
    return []


def generic_spans(text: str) -> list[Span]:
    return english_spans(text, _GENERIC, {word.lower(): word for word in words()["generic"]["words"]})


def level_spans(text: str) -> list[Span]:
    spans = []
    for level, phrases in words()["level"].items():
        for phrase in phrases:
            if _HAN.search(phrase):
                spans += [Span("level", level, m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]
            else:
                spans += english_spans(text, "level", {phrase: level})
    return spans


def place_spans(text: str, store: GraphStore, taken: list[Span]) -> list[Span]:
    """Places named in the text outside the other slots: Chinese names, or pinyin names of the graph's places."""
    free = [True] * len(text)
    for span in taken:
        free[span.start:span.end] = [False] * (span.end - span.start)
    return chinese_place_spans(text, store, free) + pinyin_place_spans(text, store, free)


def chinese_place_spans(text: str, store: GraphStore, free: list[bool]) -> list[Span]:
    gazetteer = Gazetteer.default()
    stored = stored_place_codes(store)
    spans, start = [], 0
    while start < len(text):
        for length in gazetteer.name_lengths.get(text[start], ()):
            if not all(free[start:start + length]):
                continue
            name = text[start:start + length]
            areas = [area for area, entry in zip(gazetteer.lookup(name), gazetteer.entries(name))
                     if entry.kind in ("full", "variant", "former") or area.level in _LARGE_LEVELS]
            if areas:
                spans.append(Span("place", pick_place(name, areas, stored), start, start + length))
                start += length - 1
                break
        start += 1
    return spans


def pinyin_place_spans(text: str, store: GraphStore, free: list[bool]) -> list[Span]:
    """English place names: the toneless pinyin of a county or larger area, or of any place in the graph."""
    gazetteer = Gazetteer.default()
    stored = stored_place_codes(store)
    names = {name: set(codes) for name, codes in pinyin_area_names(gazetteer).items()}
    for name, codes in pinyin_store_names(store).items():
        names.setdefault(name, set()).update(codes)
    spans = []
    for match in _LATIN_WORD.finditer(text):
        codes = names.get(match.group().lower())
        if codes and all(free[match.start():match.end()]):
            areas = [area for area in map(gazetteer.area, sorted(codes)) if area is not None]
            spans.append(Span("place", pick_place(match.group(), areas, stored), match.start(), match.end()))
    return spans


def pick_place(name: str, areas: list, stored: set[str]) -> str:
    """The code a place name means: places of the graph first, then the largest; a tie is refused."""
    areas = [area for area in areas if area.code in stored] or areas
    top = min(LEVELS.index(area.level) for area in areas)
    codes = sorted({area.code for area in areas if LEVELS.index(area.level) == top})
    if len(codes) > 1:
        raise CannotAnswer(f"“{name}” names several places ({', '.join(codes)}); give the full name "
                           f"(e.g. with its province).\n\n" + answerable_questions())
    return codes[0]


@cache
def pinyin_area_names(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """Toneless pinyin short name → codes, for every province, prefecture and county of the gazetteer."""
    names: dict[str, list[str]] = {}
    pending = gazetteer.children(COUNTRY)
    while pending:
        area = pending.pop()
        names.setdefault(pinyin_short_name(area.pinyin), []).append(area.code)
        if area.level in ("province", "prefecture"):
            pending += gazetteer.children(area.code)
    return {name: tuple(sorted(codes)) for name, codes in names.items()}


def pinyin_store_names(store: GraphStore) -> dict[str, set[str]]:
    """Toneless pinyin short name → codes of the graph's places (townships and villages included)."""
    names: dict[str, set[str]] = {}
    query = ('SELECT DISTINCT ?code ?label WHERE { ?place <https://w3id.org/fupin/ontology#adcode> ?code ; '
             '<http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANGMATCHES(LANG(?label), "zh-Latn-pinyin")) }')
    for solution in store.query(query):
        names.setdefault(pinyin_short_name(solution["label"].value), set()).add(solution["code"].value)
    return names


def pinyin_short_name(pinyin: str) -> str:
    """``Āncì Qū`` → ``anci``: without tones, spaces and the words of the name ending."""
    suffixes = set(words()["place"]["pinyin_suffixes"])
    syllables = strip_tones(pinyin).lower().split()
    while len(syllables) > 1 and syllables[-1] in suffixes:
        syllables.pop()
    return "".join(syllables)


def stored_place_codes(store: GraphStore) -> set[str]:
    query = "SELECT DISTINCT ?code WHERE { ?place <https://w3id.org/fupin/ontology#adcode> ?code }"
    return {solution["code"].value for solution in store.query(query)}


def strip_tones(text: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", text) if not unicodedata.combining(char))


def check_unknown_places(text: str, spans: list[Span]) -> None:
    """Refuse an English question naming a capitalised word that is not read as anything (an unknown place)."""
    read = [False] * len(text)
    for span in spans:
        read[span.start:span.end] = [True] * (span.end - span.start)
    known = {word.lower() for word in words()["place"]["en_not_places"]}
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        if match.start() > 0 and word[0].isupper() and not any(read[match.start():match.end()]) \
                and word.lower() not in known:
            raise CannotAnswer(f"I do not know the place or term “{word}” in the graph.\n\n" + answerable_questions())


def keep_longest(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, longer ones first (建档立卡贫困户 beats 贫困户)."""
    taken: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start - s.end, s.start, s.slot, s.value)):
        if all(span.end <= other.start or span.start >= other.end for other in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def drop_absorbed_groups(spans: list[Span]) -> list[Span]:
    if not any(span.slot == "indicator" for span in spans):
        return spans
    absorbed = set(words()["absorbed_by_indicator"]["groups"])
    return [span for span in spans if not (span.slot == "group" and span.value in absorbed)]


def single_valued(spans: list[Span]) -> list[Span]:
    by_slot: dict[str, set[str]] = {}
    for span in spans:
        by_slot.setdefault(span.slot, set()).add(span.value)
    several = {slot: values for slot, values in by_slot.items() if len(values) > 1}
    if several:
        slot, values = min(several.items())
        raise CannotAnswer(f"the question names several {slot} values ({', '.join(sorted(values))}); "
                           f"ask about one at a time.\n\n" + answerable_questions())
    return list({span.slot: span for span in spans}.values())


# --- templates ------------------------------------------------------------------------------------


def choose_template(text: str, slots: set[str]) -> Template:
    fitting = [t for t in templates() if t.slots <= slots <= t.slots | t.optional]
    cued = [(cue_position(text, t), t) for t in fitting if t.cues]
    cued = [(position, t) for position, t in cued if position is not None]
    if not cued:
        uncued = [t for t in fitting if not t.cues]
        if len(uncued) == 1:
            return uncued[0]
        raise CannotAnswer(cannot_map_message(slots))
    cued.sort(key=lambda item: item[0])
    if len(cued) > 1 and cued[0][0] == cued[1][0]:
        raise CannotAnswer(cannot_map_message(slots))
    return cued[0][1]


def cue_position(text: str, template: Template) -> tuple[int, int] | None:
    """Where the template's first cue occurs: cues after an interrogative rank first, then by position."""
    lowered = text.lower()
    after = first_interrogative_end(lowered)
    positions = []
    for cue in template.cues:
        parts = [lowered.find(part.lower()) for part in cue.split("+")]
        if all(position >= 0 for position in parts):
            position = max(parts)
            positions.append((0 if position >= after else 1, abs(position - after)))
    return min(positions) if positions else None


def first_interrogative_end(lowered: str) -> int:
    ends = [lowered.find(word) + len(word) for word in words()["questions"]["interrogatives"] if word in lowered]
    return min(ends) if ends else 0


def cannot_map_message(slots: set[str]) -> str:
    read = f" (I read: {', '.join(sorted(slots))})" if slots else ""
    return f"I cannot answer this question from the graph's query templates{read}.\n\n" + answerable_questions()


def answerable_questions() -> str:
    lines = ["Questions I can answer (change the group, sector, body kind, place, year or indicator):"]
    lines += [f"  {t.examples[0]}  /  {t.examples[1]}" for t in templates()]
    return "\n".join(lines)


@cache
def templates() -> tuple[Template, ...]:
    return tuple(
        Template(entry["query"], frozenset(entry["slots"]), frozenset(entry.get("optional", ())),
                 dict(entry["params"]), tuple(entry["cues"]), (entry["example_zh"], entry["example_en"]))
        for entry in words()["questions"]["template"]
    )


@cache
def words() -> dict:
    """The data files of ask_data/: ``words.toml`` merged with ``questions.toml`` under ``questions``."""
    data = tomllib.loads((DATA / "words.toml").read_text(encoding="utf-8"))
    data["questions"] = tomllib.loads((DATA / "questions.toml").read_text(encoding="utf-8"))
    return data
