"""The typed objects that flow through the pipeline.

read → normalise → analyse → extract → map to RDF → validate → store.

An :class:`Article` is created by ``kgbuild.ingest`` (cleaned, simplified,
sentence-split text plus metadata), then enriched by the extractors in
``kgbuild.extract``, which fill ``article.facts``. ``kgbuild.rdf`` turns the
facts into the article's named graph. Every fact carries the index of the
sentence it came from, so every triple can be traced back to its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Sentence:
    """One sentence of the cleaned text, with its character offsets into it."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Removal:
    """Something the normaliser took out of the input, and why."""

    kind: str  # e.g. "spam-line", "spam-token", "furniture", "pinyin", "punctuation"
    text: str
    reason: str


@dataclass(frozen=True)
class PlaceMention:
    """A place named (or implied, as in 我区/全市) in the article, resolved to a code."""

    code: str  # GB/T 2260: 6, 9 or 12 digits; "100000" for the whole country
    name: str  # the words of the text
    level: str  # country | province | prefecture | county | township | village
    sentence: int
    start: int = -1  # offset in the sentence; -1 where the place is implied
    reason: str = ""


@dataclass(frozen=True)
class BodyFact:
    """A government body: one per (place, kind) within an article."""

    name: str  # the fullest name the article gives, e.g. 廊坊市教育局
    kind: str  # fpk: concept id, e.g. "education"
    place: str  # code of the area the body belongs to
    sentence: int


@dataclass(frozen=True)
class MeasureFact:
    """A concrete action taken within a program."""

    name: str
    sentence: int
    sectors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class OutcomeFact:
    """A reported figure: value (normalised), unit, what is counted, when, where."""

    value: Decimal
    unit: str  # fpu: unit id, e.g. "household"
    indicator: str
    sentence: int
    place: str | None = None
    as_of: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    sectors: tuple[str, ...] = ()


@dataclass
class ProgramFact:
    """A named or clearly delimited initiative and what the article attaches to it."""

    name: str
    place: str
    sentence: int
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (place, kind) keys of BodyFacts
    targets: list[str] = field(default_factory=list)  # fpg: concept ids
    sectors: list[str] = field(default_factory=list)  # fps: concept ids
    measures: list[MeasureFact] = field(default_factory=list)
    outcomes: list[int] = field(default_factory=list)  # indexes into Facts.outcomes


@dataclass(frozen=True)
class GroupMention:
    """A beneficiary group the article says an initiative serves."""

    concept: str  # fpg: concept id
    text: str
    sentence: int


@dataclass
class Facts:
    """Everything extracted from one article."""

    places: list[PlaceMention] = field(default_factory=list)
    bodies: list[BodyFact] = field(default_factory=list)
    programs: list[ProgramFact] = field(default_factory=list)
    groups: list[GroupMention] = field(default_factory=list)
    outcomes: list[OutcomeFact] = field(default_factory=list)


@dataclass
class Article:
    """One source document, cleaned, with its metadata and (once extracted) its facts."""

    id: str  # stable, IRI-safe: the file stem, or the JSONL record's id
    source: str  # the input file's name (and line, for JSONL)
    text: str  # cleaned, simplified text; paragraphs separated by "\n"
    sentences: list[Sentence] = field(default_factory=list)
    title: str | None = None
    issued: str | None = None  # ISO date "YYYY-MM-DD" (or "YYYY-MM-DDTHH:MM:SS")
    publisher: str | None = None
    author: str | None = None
    editor: str | None = None
    url: str | None = None
    script: str = "simplified"  # the script the input came in: simplified | traditional | mixed
    removed: list[Removal] = field(default_factory=list)
    content_hash: str = ""  # sha256 of the raw input bytes
    facts: Facts = field(default_factory=Facts)

    def sentence_text(self, index: int) -> str:
        return self.sentences[index].text

    def paragraphs(self) -> list[list[Sentence]]:
        """Sentences grouped by paragraph, in order."""
        grouped: dict[int, list[Sentence]] = {}
        for sentence in self.sentences:
            grouped.setdefault(sentence.paragraph, []).append(sentence)
        return [grouped[key] for key in sorted(grouped)]


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be read as an article: the build reports it and goes on."""

    source: str  # file name, with ":LINE" for a JSONL record
    problem: str
    transient: bool = False  # a failure of the machine (a worker died), not of the input
