"""Place resolution on the sample articles, scored against the gold places, and the places report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgbuild.gazetteer import Gazetteer, places_report, resolve_places
from kgbuild.ingest import read_articles

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "seeds.gold.json"


@pytest.fixture(scope="module")
def articles(samples_dir):
    return {article.source: article for article in read_articles([samples_dir])}


@pytest.fixture(scope="module")
def resolutions(articles):
    gazetteer = Gazetteer.default()
    return {source: resolve_places(article, gazetteer) for source, article in articles.items()}


def score(resolution, gold_places) -> tuple[int, int, int]:
    """(right, wrong, missed): gold places match by code, or by name where the gold code is null."""
    names_by_code: dict[str, set[str]] = {}
    for mention in resolution.mentions:
        names_by_code.setdefault(mention.code, set()).add(mention.name)
    gold_codes = {place["adcode"] for place in gold_places if place["adcode"]}
    gold_names = {place["name"] for place in gold_places if not place["adcode"]}
    found_names = set().union(*names_by_code.values()) if names_by_code else set()
    missed = [p for p in gold_places if not (p["adcode"] in names_by_code if p["adcode"] else p["name"] in found_names)]
    wrong = [code for code, names in names_by_code.items() if code not in gold_codes and not names & gold_names]
    return len(gold_places) - len(missed), len(wrong), len(missed)


@pytest.mark.skipif(not GOLD.exists(), reason="the gold file lives in the shared folder beside the checkout")
def test_gazetteer_samples_precision_and_recall(resolutions):
    gold = {entry["file"]: entry["places"] for entry in json.loads(GOLD.read_text(encoding="utf-8"))}
    right = wrong = missed = 0
    for source, resolution in resolutions.items():
        r, w, m = score(resolution, gold[source])
        right, wrong, missed = right + r, wrong + w, missed + m
    precision, recall = right / (right + wrong), right / (right + missed)
    assert precision >= 0.95, (precision, recall)
    assert recall >= 0.9, (precision, recall)


def test_gazetteer_samples_home_areas(resolutions):
    homes = {source[:3]: resolution.home for source, resolution in resolutions.items()}
    assert homes == {"000": "131000", "001": "130700", "002": "130302", "003": "340402", "004": "120119"}


def test_gazetteer_samples_mentions_are_in_text_order_with_reasons(articles, resolutions):
    for source, resolution in resolutions.items():
        keys = [(m.sentence, m.start) for m in resolution.mentions]
        assert keys == sorted(keys)
        for mention in resolution.mentions:
            sentence = articles[source].sentences[mention.sentence].text
            assert sentence[mention.start : mention.start + len(mention.name)] == mention.name
            assert mention.reason


def test_gazetteer_samples_resolve_in_milliseconds(articles, resolutions):
    """Once the data is loaded (the first article pays for reading the villages), an article takes milliseconds."""
    again = [resolve_places(article).seconds for article in articles.values()]
    assert max(again) < 0.5  # 10-50 ms on an idle developer machine
    assert all(resolution.seconds > 0 for resolution in resolutions.values())


def test_gazetteer_places_report_lists_each_mention_with_its_reason(articles):
    article = next(a for source, a in articles.items() if source.startswith("004"))
    report = places_report(article)
    assert report.splitlines()[1] == "home: 120119 蓟州区"
    assert "本市 → 120000 province 天津市" in report
    assert "西九户村 → 120119106211 village" in report
