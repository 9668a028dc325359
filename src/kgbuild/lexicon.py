"""The SKOS concept schemes of ``ontology/`` as text matchers.

The ontology's @zh labels (prefLabel, altLabel, hiddenLabel, rdfs:label) are the
lexicon the extractors match text with: beneficiary groups (``group``), sectors
(``sector``), kinds of government body (``body-kind``) and units (``unit``).
Unit words that are a multiple of a unit (万元, 万千瓦, 公顷) are ``fp:ScaledUnit``
nodes: they match as their base unit, and the match carries the multiplier.

``ontology_graph()`` is the whole ontology (every ``ontology/*.ttl``) as one
rdflib graph, the form the store loads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef

from kgbuild.namespaces import FP, SCHEME_NAMESPACES
from kgbuild.resources import ontology_dir, turtle_folder

SCHEMES = SCHEME_NAMESPACES
_ZH_LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, RDFS.label)
_ONE = Decimal(1)
FOUND_CACHE = 8192  # texts whose matches are kept, per scheme and text


@dataclass(frozen=True)
class Concept:
    """A concept of one scheme, with every @zh label it is written as."""

    scheme: str
    id: str  # local name, e.g. "disabled"
    iri: str
    pref_zh: str
    pref_en: str
    labels: tuple[str, ...]  # the @zh prefLabel first, then the others sorted
    broader: tuple[str, ...]  # ids of the broader concepts, sorted


@dataclass(frozen=True)
class Match:
    """A label found in a text: ``text[start:end]`` names ``concept`` (an id)."""

    start: int
    end: int
    text: str
    concept: str
    multiplier: Decimal = _ONE  # for scaled unit words: 万元 → yuan × 10000


class WordIndex:
    """A set of words, and where they occur in a text: every occurrence, overlapping ones included.

    Matching walks from each position only as far as the text still spells the start of
    some word, so its cost does not grow with the number of words.
    """

    def __init__(self, words: Iterable[str] = ()):
        self.words: set[str] = set()
        self._prefixes: set[str] = set()
        self.add(words)

    def add(self, words: Iterable[str]) -> None:
        """Add more words (an index may be filled as texts need it)."""
        new = frozenset(word for word in words if word) - self.words
        self.words |= new
        self._prefixes |= _prefixes(new)

    def __contains__(self, word: str) -> bool:
        return word in self.words

    def ends_at(self, text: str, start: int) -> list[int]:
        """The ends of the words that start at ``text[start]``, shortest first."""
        ends = []
        prefixes, words = self._prefixes, self.words
        end = start + 1
        while end <= len(text) and (piece := text[start:end]) in prefixes:
            if piece in words:
                ends.append(end)
            end += 1
        return ends

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every occurrence of a word in ``text``, by start, then shortest first."""
        prefixes, words = self._prefixes, self.words
        # A word starts only where two characters begin one (or one character is one): most places are passed over.
        return [
            (start, end)
            for start in range(len(text))
            if text[start : start + 2] in prefixes or text[start] in words
            for end in self.ends_at(text, start)
        ]


class FirstCharacterRows:
    """Rows of a dictionary keyed by first character, each handed to ``load`` the first time a text holds
    that character: for dictionaries that a text only ever asks about strings of its own.

    Safe with threads: a character's row is marked read only once ``load`` has taken all of it, so a
    lookup never sees half a row, and the usual call (every character already read) takes no lock.
    """

    def __init__(self, rows: dict[str, str], load: Callable[[str], None]):
        self._rows = dict(rows)
        self._load = load
        self._lock = threading.Lock()

    def cover(self, text: str) -> None:
        """Load the rows of the characters of ``text`` not loaded yet."""
        rows = self._rows
        if rows.keys().isdisjoint(text):
            return
        with self._lock:
            for char in set(text):
                row = rows.get(char)
                if row is not None:
                    self._load(row)
                    del rows[char]

    def cover_all(self) -> None:
        self.cover("".join(list(self._rows)))


def _prefixes(words: frozenset[str]) -> set[str]:
    """Every non-empty prefix of ``words``: shorter by one character at a time, each prefix met once
    (names share most of their prefixes, so this does a fraction of the slicing)."""
    found = set(words)
    shorter = words
    while shorter:
        shorter = {word[:-1] for word in shorter if len(word) > 1} - found
        found |= shorter
    return found


@dataclass(frozen=True)
class _Entry:
    concept: str
    multiplier: Decimal


class Lexicon:
    """Concepts and label matchers for the four schemes of an ontology graph."""

    def __init__(self, graph: Graph):
        self._concepts: dict[str, dict[str, Concept]] = {scheme: _read_concepts(graph, scheme) for scheme in SCHEMES}
        self._entries: dict[str, dict[str, _Entry]] = {
            scheme: _label_entries(concepts.values()) for scheme, concepts in self._concepts.items()
        }
        self._entries["unit"].update(_scaled_unit_entries(graph))
        self._indexes = {scheme: WordIndex(entries) for scheme, entries in self._entries.items()}
        self._found = lru_cache(maxsize=FOUND_CACHE)(self._matches)  # the extractors ask about a text many times

    @classmethod
    def default(cls) -> Lexicon:
        """The lexicon of the project's ontology (built once)."""
        return _default_lexicon()

    def concepts(self, scheme: str) -> list[Concept]:
        """Every concept of ``scheme``, sorted by id."""
        return sorted(self._scheme(scheme).values(), key=lambda concept: concept.id)

    def concept(self, scheme: str, id: str) -> Concept:
        try:
            return self._scheme(scheme)[id]
        except KeyError:
            raise KeyError(f"no concept {id!r} in scheme {scheme!r}") from None

    def labels(self, scheme: str) -> dict[str, str]:
        """Every @zh label of ``scheme`` (scaled unit words included) → concept id."""
        self._scheme(scheme)
        return {label: entry.concept for label, entry in sorted(self._entries[scheme].items())}

    def unit_multiplier(self, label: str) -> Decimal:
        """The factor a unit word stands for: 万元 → 10000 (yuan), 公顷 → 15 (mu), 元 → 1."""
        try:
            return self._entries["unit"][label].multiplier
        except KeyError:
            raise KeyError(f"{label!r} is not a unit label") from None

    def find(self, scheme: str, text: str) -> list[Match]:
        """Labels of ``scheme`` in ``text``: longest first, non-overlapping, in text order."""
        return list(self._found(scheme, text))

    def _matches(self, scheme: str, text: str) -> tuple[Match, ...]:
        self._scheme(scheme)
        entries = self._entries[scheme]
        candidates = self._indexes[scheme].spans(text)
        taken = [False] * len(text)
        chosen: list[Match] = []
        for start, end in sorted(candidates, key=lambda span: (span[0] - span[1], span[0])):
            if any(taken[start:end]):
                continue
            taken[start:end] = [True] * (end - start)
            entry = entries[text[start:end]]
            chosen.append(Match(start, end, text[start:end], entry.concept, entry.multiplier))
        return tuple(sorted(chosen, key=lambda match: match.start))

    def _scheme(self, scheme: str) -> dict[str, Concept]:
        try:
            return self._concepts[scheme]
        except KeyError:
            raise KeyError(f"unknown scheme {scheme!r}; one of {sorted(SCHEMES)}") from None


@cache
def _parsed_ontology() -> Graph:
    return turtle_folder(ontology_dir())


def ontology_graph() -> Graph:
    """Every ``ontology/*.ttl`` in one graph (a fresh copy: the caller may change it)."""
    copy = Graph()
    for prefix, namespace in _parsed_ontology().namespaces():
        copy.bind(prefix, namespace, override=True)
    copy += _parsed_ontology()
    return copy


@cache
def _default_lexicon() -> Lexicon:
    return Lexicon(_parsed_ontology())


def _read_concepts(graph: Graph, scheme: str) -> dict[str, Concept]:
    scheme_iri = URIRef(SCHEMES[scheme])
    concepts = {}
    for iri in graph.subjects(SKOS.inScheme, scheme_iri):
        if (iri, RDF.type, SKOS.Concept) not in graph:
            continue
        local = _local_name(iri, scheme)
        pref_zh = _literal(graph, iri, SKOS.prefLabel, "zh")
        others = set(_zh_labels(graph, iri)) - {pref_zh}
        concepts[local] = Concept(
            scheme=scheme,
            id=local,
            iri=str(iri),
            pref_zh=pref_zh,
            pref_en=_literal(graph, iri, SKOS.prefLabel, "en"),
            labels=(pref_zh, *sorted(others)),
            broader=tuple(sorted(_local_name(b, scheme) for b in graph.objects(iri, SKOS.broader))),
        )
    return concepts


def _label_entries(concepts: Iterable[Concept]) -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    for concept in sorted(concepts, key=lambda c: c.id):
        for label in concept.labels:
            _add_entry(entries, label, _Entry(concept.id, _ONE))
    return entries


def _scaled_unit_entries(graph: Graph) -> dict[str, _Entry]:
    entries: dict[str, _Entry] = {}
    for node in sorted(graph.subjects(RDF.type, FP.ScaledUnit)):
        base = _local_name(graph.value(node, FP.baseUnit), "unit")
        multiplier = Decimal(str(graph.value(node, FP.multiplier)))
        for label in _zh_labels(graph, node):
            _add_entry(entries, label, _Entry(base, multiplier))
    return entries


def _add_entry(entries: dict[str, _Entry], label: str, entry: _Entry) -> None:
    """First definition wins (concepts are visited in id order), so the result is deterministic."""
    entries.setdefault(label, entry)


def _zh_labels(graph: Graph, node) -> list[str]:
    return sorted(
        {
            str(label)
            for predicate in _ZH_LABELS
            for label in graph.objects(node, predicate)
            if isinstance(label, Literal) and label.language == "zh" and str(label)
        }
    )


def _literal(graph: Graph, node, predicate, language: str) -> str:
    values = sorted(str(v) for v in graph.objects(node, predicate) if isinstance(v, Literal) and v.language == language)
    return values[0] if values else ""


def _local_name(iri, scheme: str) -> str:
    return str(iri)[len(SCHEMES[scheme]) :]
