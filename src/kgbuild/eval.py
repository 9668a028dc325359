"""Score extracted articles against a gold file: precision, recall and F1 per field.

The gold format and its matching rules are those of GOLD.md:

- places by code; a gold place whose ``adcode`` is null is matched by name;
- bodies by (kind, place);
- programs by place and name: the names match when one contains the other or
  when they share most characters (see :data:`PROGRAM_NAME_SIMILARITY`);
- groups by id; outcomes by (value, unit), as a multiset;
- program→targets as (matched program, target id) pairs;
- program→implementedBy as (matched program, body (kind, place)) pairs, the
  gold ``by`` names resolved to (kind, place) through the gold ``bodies`` list.

Articles are joined to gold records by the file name of ``Article.source``.
Counts are summed over articles (micro average) per field; the report also gives
the macro mean of the fields' F1, per article what was missed and what was
found that the gold does not have, and how often the date and area of matched
outcomes agree with the gold (not part of the F1: GOLD.md matches outcomes by
value and unit only).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from kgbuild.extract.numbers import plain
from kgbuild.model import Article

FIELDS = (
    "places",
    "bodies",
    "programs",
    "groups",
    "outcomes",
    "program→targets",
    "program→implementedBy",
)

#: Two program names "share most characters" when the Dice coefficient of their
#: character multisets, 2·|A∩B| / (|A| + |B|), is at least this.
PROGRAM_NAME_SIMILARITY = 0.6

# Quotation marks and brackets around program names carry no meaning for matching.
_NAME_NOISE = re.compile("[\\s\u201c\u201d\"'\u2018\u2019\u300a\u300b\u300c\u300d\u300e\u300f()\uff08\uff09]")


@dataclass(frozen=True)
class FieldScore:
    """Counts and ratios for one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: FieldScore) -> FieldScore:
        return FieldScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclass
class ArticleScore:
    """One article's counts per field, with the items behind the errors."""

    file: str
    scores: dict[str, FieldScore] = field(default_factory=dict)
    misses: dict[str, list[str]] = field(default_factory=dict)  # in the gold, not found
    false_hits: dict[str, list[str]] = field(default_factory=dict)  # found, not in the gold
    attributes: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (agree, compared)


@dataclass
class EvalReport:
    """Scores of a set of extracted articles against a gold file."""

    fields: dict[str, FieldScore]
    articles: list[ArticleScore]
    unmatched_gold: list[str] = field(default_factory=list)  # gold records with no article
    unmatched_articles: list[str] = field(default_factory=list)  # articles with no gold record
    attributes: dict[str, tuple[int, int]] = field(default_factory=dict)  # name → (agree, compared)

    @property
    def macro_f1(self) -> float:
        return sum(score.f1 for score in self.fields.values()) / len(self.fields)


@dataclass(frozen=True)
class _Comparison:
    """The outcome of matching one field of one article."""

    matched: int
    misses: list[str]
    false_hits: list[str]

    @property
    def score(self) -> FieldScore:
        return FieldScore(self.matched, len(self.false_hits), len(self.misses))


# --------------------------------------------------------------------------- matching


def _match_one_to_one(
    gold: list[Any], found: list[Any], pairs_match: Callable[[Any, Any], bool]
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, gold items in order, each taking the first free match."""
    taken: set[int] = set()
    matches = []
    for gi, gold_item in enumerate(gold):
        for fi, found_item in enumerate(found):
            if fi not in taken and pairs_match(gold_item, found_item):
                taken.add(fi)
                matches.append((gi, fi))
                break
    return matches


def _compare_multisets(gold: Iterable[Hashable], found: Iterable[Hashable]) -> _Comparison:
    gold_counts, found_counts = Counter(gold), Counter(found)
    common = gold_counts & found_counts
    misses = sorted(str(item) for item in (gold_counts - common).elements())
    false_hits = sorted(str(item) for item in (found_counts - common).elements())
    return _Comparison(sum(common.values()), misses, false_hits)


def normalise_program_name(name: str) -> str:
    return _NAME_NOISE.sub("", name)


def program_name_similarity(gold_name: str, found_name: str) -> float:
    """How well two program names match: 2 the same, 1 one contains the other, else the
    Dice coefficient of their characters (a match from :data:`PROGRAM_NAME_SIMILARITY` up)."""
    a, b = normalise_program_name(gold_name), normalise_program_name(found_name)
    if not a or not b:
        return 0.0
    if a == b:
        return 2.0
    if a in b or b in a:
        return 1.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def program_names_match(gold_name: str, found_name: str) -> bool:
    """One name contains the other, or they share most characters."""
    return program_name_similarity(gold_name, found_name) >= PROGRAM_NAME_SIMILARITY


def _outcome_key(value: Any, unit: str) -> str:
    """An outcome as "value unit", the value normalised (7.350 → 7.35, 2.0E+3 → 2000)."""
    # str() first, so that 7.35 read from JSON stays 7.35.
    return f"{plain(Decimal(str(value)))} {unit}"


def _compare_places(gold: dict, article: Article) -> _Comparison:
    found_names: dict[str, set[str]] = {}
    for mention in article.facts.places:
        found_names.setdefault(mention.code, set()).add(mention.name)
    found = sorted(found_names)

    def matches(gold_place: dict, code: str) -> bool:
        if gold_place.get("adcode"):
            return str(gold_place["adcode"]) == code
        return gold_place["name"] in found_names[code]

    places = gold.get("places", [])
    # Places with codes first, so a name-matched place cannot take a code another needs.
    places = sorted(places, key=lambda place: not place.get("adcode"))
    pairs = _match_one_to_one(places, found, matches)
    matched_gold = {gi for gi, _ in pairs}
    matched_found = {fi for _, fi in pairs}
    misses = [
        f"{place['name']} {place.get('adcode') or ''}".strip()
        for gi, place in enumerate(places)
        if gi not in matched_gold
    ]
    false_hits = [
        f"{'/'.join(sorted(found_names[code]))} {code}"
        for fi, code in enumerate(found)
        if fi not in matched_found
    ]
    return _Comparison(len(pairs), misses, false_hits)


def _match_programs(gold: dict, article: Article) -> dict[int, int]:
    """Index of each extracted program matched to a gold program → that gold program's index.

    Best pairs first: the same name, then containment, then shared characters.
    """
    candidates = sorted(
        (
            (-program_name_similarity(gold_program["name"], program.name), gi, fi)
            for gi, gold_program in enumerate(gold.get("programs", []))
            for fi, program in enumerate(article.facts.programs)
            if str(gold_program.get("place")) == program.place
        ),
    )
    matched: dict[int, int] = {}
    for negative_score, gi, fi in candidates:
        if -negative_score >= PROGRAM_NAME_SIMILARITY and fi not in matched and gi not in matched.values():
            matched[fi] = gi
    return matched


def _compare_programs(gold: dict, article: Article, matched: dict[int, int]) -> _Comparison:
    gold_programs = gold.get("programs", [])
    matched_gold = set(matched.values())
    misses = [
        f"{program['name']} @{program.get('place')}"
        for gi, program in enumerate(gold_programs)
        if gi not in matched_gold
    ]
    false_hits = [
        f"{program.name} @{program.place}"
        for fi, program in enumerate(article.facts.programs)
        if fi not in matched
    ]
    return _Comparison(len(matched), misses, false_hits)


def _program_key(gold: dict, article: Article, matched: dict[int, int], fi: int) -> str:
    """A matched extracted program is named by its gold name; others keep their own (with a mark)."""
    if fi in matched:
        return gold["programs"][matched[fi]]["name"]
    return f"{article.facts.programs[fi].name} (unmatched)"


def _compare_program_targets(gold: dict, article: Article, matched: dict[int, int]) -> _Comparison:
    gold_pairs = [
        (program["name"], target)
        for program in gold.get("programs", [])
        for target in program.get("targets", [])
    ]
    found_pairs = {
        (_program_key(gold, article, matched, fi), target)
        for fi, program in enumerate(article.facts.programs)
        for target in program.targets
    }
    return _compare_multisets(set(gold_pairs), found_pairs)


def _gold_body_keys(gold: dict) -> dict[str, tuple[str, str]]:
    return {body["name"]: (body["kind"], str(body["place"])) for body in gold.get("bodies", [])}


def _compare_program_bodies(gold: dict, article: Article, matched: dict[int, int]) -> _Comparison:
    body_keys = _gold_body_keys(gold)
    gold_pairs = {
        (program["name"], body_keys.get(name, ("unresolved", name)))
        for program in gold.get("programs", [])
        for name in program.get("by", [])
    }
    found_pairs = {
        (_program_key(gold, article, matched, fi), (kind, place))
        for fi, program in enumerate(article.facts.programs)
        for place, kind in program.bodies
    }
    return _compare_multisets(gold_pairs, found_pairs)


def outcome_attributes(gold: dict, article: Article) -> dict[str, tuple[int, int]]:
    """How often a matched outcome's date and area agree with the gold: (agree, compared).

    Only outcomes whose (value, unit) occurs once in the gold and once in the
    extraction are compared, so that each pairs with the right gold outcome.
    """
    gold_by_key: dict[str, list[dict]] = {}
    for outcome in gold.get("outcomes", []):
        gold_by_key.setdefault(_outcome_key(outcome["value"], outcome["unit"]), []).append(outcome)
    found_by_key: dict[str, list[Any]] = {}
    for fact in article.facts.outcomes:
        found_by_key.setdefault(_outcome_key(fact.value, fact.unit), []).append(fact)
    pairs = [
        (gold_by_key[key][0], facts[0])
        for key, facts in found_by_key.items()
        if len(facts) == 1 and len(gold_by_key.get(key, [])) == 1
    ]
    as_of = sum(fact.as_of == outcome.get("asOf") for outcome, fact in pairs)
    place = sum(fact.place == str(outcome.get("place")) for outcome, fact in pairs)
    return {"outcome asOf": (as_of, len(pairs)), "outcome place": (place, len(pairs))}


def _compare_article(gold: dict, article: Article) -> dict[str, _Comparison]:
    facts = article.facts
    programs = _match_programs(gold, article)
    return {
        "places": _compare_places(gold, article),
        "bodies": _compare_multisets(
            {(body["kind"], str(body["place"])) for body in gold.get("bodies", [])},
            {(body.kind, body.place) for body in facts.bodies},
        ),
        "programs": _compare_programs(gold, article, programs),
        "groups": _compare_multisets(
            set(gold.get("groups", [])), {group.concept for group in facts.groups}
        ),
        "outcomes": _compare_multisets(
            [_outcome_key(o["value"], o["unit"]) for o in gold.get("outcomes", [])],
            [_outcome_key(o.value, o.unit) for o in facts.outcomes],
        ),
        "program→targets": _compare_program_targets(gold, article, programs),
        "program→implementedBy": _compare_program_bodies(gold, article, programs),
    }


# --------------------------------------------------------------------------- public API


def score_article(gold: dict, article: Article) -> ArticleScore:
    """Compare one extracted article with its gold record."""
    comparisons = _compare_article(gold, article)
    return ArticleScore(
        file=gold["file"],
        scores={name: c.score for name, c in comparisons.items()},
        misses={name: c.misses for name, c in comparisons.items() if c.misses},
        false_hits={name: c.false_hits for name, c in comparisons.items() if c.false_hits},
        attributes=outcome_attributes(gold, article),
    )


def gold_keys(article: Article) -> list[str]:
    """The names a gold record's ``file`` may give for this article: its source's file
    name (with ``:LINE`` for a JSONL record), else its id."""
    return [Path(article.source).name, article.id, f"{article.id}.txt"]


def load_gold(gold_path: Path) -> list[dict]:
    return json.loads(Path(gold_path).read_text(encoding="utf-8"))


def evaluate_records(gold_records: list[dict], articles: list[Article]) -> EvalReport:
    """Score extracted articles against gold records already loaded."""
    by_file = {record["file"]: record for record in gold_records}
    article_scores: list[ArticleScore] = []
    unmatched_articles = []
    seen: set[str] = set()
    for article in articles:
        name = next((key for key in gold_keys(article) if key in by_file), None)
        if name is None:
            unmatched_articles.append(article.source)
            continue
        seen.add(name)
        article_scores.append(score_article(by_file[name], article))
    totals = {name: FieldScore() for name in FIELDS}
    attributes: dict[str, tuple[int, int]] = {}
    for article_score in article_scores:
        for name in FIELDS:
            totals[name] = totals[name] + article_score.scores[name]
        for name, (agree, compared) in article_score.attributes.items():
            total_agree, total_compared = attributes.get(name, (0, 0))
            attributes[name] = (total_agree + agree, total_compared + compared)
    return EvalReport(
        fields=totals,
        articles=article_scores,
        unmatched_gold=sorted(set(by_file) - seen),
        unmatched_articles=unmatched_articles,
        attributes=attributes,
    )


def evaluate(gold_path: Path, articles: list[Article]) -> EvalReport:
    """Score extracted articles against the gold file at ``gold_path``."""
    return evaluate_records(load_gold(gold_path), articles)


def report_as_dict(report: EvalReport) -> dict:
    """The report as plain JSON-ready data (for ``kgbuild eval --json``)."""

    def field_dict(score: FieldScore) -> dict:
        return {
            "tp": score.tp,
            "fp": score.fp,
            "fn": score.fn,
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "f1": round(score.f1, 4),
        }

    return {
        "fields": {name: field_dict(score) for name, score in report.fields.items()},
        "macro_f1": round(report.macro_f1, 4),
        "articles": [
            {
                "file": article.file,
                "fields": {name: field_dict(s) for name, s in article.scores.items()},
                "misses": article.misses,
                "false_hits": article.false_hits,
            }
            for article in report.articles
        ],
        "attributes": {
            name: {"agree": agree, "compared": compared} for name, (agree, compared) in report.attributes.items()
        },
        "unmatched_gold": report.unmatched_gold,
        "unmatched_articles": report.unmatched_articles,
    }


def format_report(report: EvalReport, verbose: bool = False) -> str:
    """A plain-text table of the scores; with ``verbose``, each article's misses and false hits."""
    lines = [f"{'field':<24}{'tp':>6}{'fp':>6}{'fn':>6}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, score in report.fields.items():
        lines.append(
            f"{name:<24}{score.tp:>6}{score.fp:>6}{score.fn:>6}"
            f"{score.precision:>8.3f}{score.recall:>8.3f}{score.f1:>8.3f}"
        )
    lines.append(f"{'macro F1':<42}{report.macro_f1:>24.3f}")
    for name, (agree, compared) in report.attributes.items():
        lines.append(f"{name + ' agrees':<42}{f'{agree}/{compared}':>24}")
    lines.append(f"articles scored: {len(report.articles)}")
    if report.unmatched_gold:
        lines.append("gold records without an article: " + ", ".join(report.unmatched_gold))
    if report.unmatched_articles:
        lines.append("articles without a gold record: " + ", ".join(report.unmatched_articles))
    if verbose:
        for article in report.articles:
            lines.append("")
            lines.append(f"== {article.file}")
            for name in FIELDS:
                for item in article.misses.get(name, []):
                    lines.append(f"  miss       {name}: {item}")
                for item in article.false_hits.get(name, []):
                    lines.append(f"  false hit  {name}: {item}")
    return "\n".join(lines)
