"""Tricky place mentions (short names, renamed areas, same names, words containing names, deixis),
from the data file fixtures/gazetteer/place_cases.tsv."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kgbuild.gazetteer import Gazetteer, resolve_places
from kgbuild.model import Article, Sentence

CASES = Path(__file__).parent / "fixtures" / "gazetteer" / "place_cases.tsv"


def article_of(text: str) -> Article:
    """An Article from a snippet: paragraphs split at " / ", sentences after 。！？."""
    paragraphs = text.split(" / ")
    full = "\n".join(paragraphs)
    sentences = []
    offset = 0
    for number, paragraph in enumerate(paragraphs):
        for match in re.finditer(r"[^。！？]+[。！？]?", paragraph):
            sentences.append(
                Sentence(len(sentences), match.group(), offset + match.start(), offset + match.end(), number)
            )
        offset += len(paragraph) + 1
    return Article(id="case", source="case.txt", text=full, sentences=sentences)


def load_cases() -> list:
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    return [pytest.param(row, id=f"{row['kind']}-{row['name']}-{n}") for n, row in enumerate(rows)]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.default()


def test_gazetteer_cases_are_many_and_well_formed():
    cases = load_cases()
    assert len(cases) >= 60
    for case in cases:
        row = case.values[0]
        assert row["kind"] in ("mention", "name")
        assert row["name"] in row["text"].replace(" / ", "")
        assert row["expected"] == "none" or row["expected"].isdigit()


@pytest.mark.parametrize("case", load_cases())
def test_gazetteer_case(case, gazetteer):
    article = article_of(case["text"])
    resolution = resolve_places(article, gazetteer)
    expected = None if case["expected"] == "none" else case["expected"]
    if case["kind"] == "mention":
        found = [m for m in resolution.mentions if m.name == case["name"]]
        got = found[0].code if found else None
        assert got == expected, f"{case['note']}: {[(m.name, m.code, m.reason) for m in resolution.mentions]}"
        if found:
            assert found[0].reason
    else:
        got = resolution.resolve_name(case["name"], len(article.sentences) - 1)
        assert got == expected, case["note"]
