"""The benchmark's corpus generator: seeded, counted, and about real places of the gazetteer."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AREAS = ROOT / "src" / "kgbuild" / "gazetteer" / "data" / "areas.tsv.gz"


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "benchmarks" / "generate_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and forked workers look the module up by name
    spec.loader.exec_module(module)
    return module


generator = load_generator()


@pytest.fixture(scope="module")
def world():
    return generator.load_world()


@pytest.fixture(scope="module")
def patterns():
    return generator.load_patterns()


@pytest.fixture(scope="module")
def gazetteer_rows() -> dict[str, dict[str, str]]:
    with gzip.open(AREAS, "rt", encoding="utf-8") as rows:
        return {row["code"]: row for row in csv.DictReader(rows, delimiter="\t")}


def test_benchmarks_generator_same_seed_same_files(tmp_path, world, patterns):
    first, second = tmp_path / "a", tmp_path / "b"
    generator.generate(12, 5, first, world=world, patterns=patterns)
    generator.generate(12, 5, second, world=world, patterns=patterns)
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir())
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in names)


def test_benchmarks_generator_other_seed_other_text(world, patterns):
    texts = {generator.render_article(world, patterns, seed, 0).text for seed in (1, 2, 3)}
    assert len(texts) == 3


def test_benchmarks_generator_writes_the_requested_count(tmp_path, world, patterns):
    generator.generate(7, 1, tmp_path, world=world, patterns=patterns)
    files = list(tmp_path.glob("*.txt"))
    assert len(files) == 7
    assert all(path.stat().st_size > 500 for path in files)


def test_benchmarks_generator_article_does_not_depend_on_count_or_workers(tmp_path, world, patterns, monkeypatch):
    # Chunks of the parallel writer must give the same text as a single pass.
    monkeypatch.setattr(generator, "CHUNK", 4)
    generator.generate(11, 9, tmp_path, jobs=2, world=world, patterns=patterns)
    assert len(list(tmp_path.glob("*.txt"))) == 11
    for index in (0, 5, 10):
        article = generator.render_article(world, patterns, 9, index)
        assert (tmp_path / article.name).read_text(encoding="utf-8") == article.text


def test_benchmarks_generator_places_form_one_gazetteer_hierarchy(world, patterns, gazetteer_rows):
    for index in range(40):
        article = generator.render_article(world, patterns, 11, index)
        places = article.places
        assert gazetteer_rows[places.county.code]["parent"] == places.prefecture.code
        assert gazetteer_rows[places.prefecture.code]["parent"] == places.province.code
        assert gazetteer_rows[places.province.code]["level"] == "province"
        for township in places.townships:
            assert gazetteer_rows[township.code]["parent"] == places.county.code
            assert gazetteer_rows[township.code]["name"] == township.name


def test_benchmarks_generator_text_names_its_places_and_date(world, patterns):
    for index in range(40):
        article = generator.render_article(world, patterns, 3, index)
        written = generator.to_traditional if article.script == "traditional" else str
        county = article.places.county
        assert written(county.name) in article.text or written(county.short) in article.text
        assert re.search("^" + written("时间:") + article.issued, article.text, re.MULTILINE)


def test_benchmarks_generator_fills_every_slot(world, patterns):
    for index in range(60):
        text = generator.render_article(world, patterns, 4, index).text
        assert "{" not in text and "}" not in text


def test_benchmarks_generator_paired_figures_have_more_people_than_households(world, patterns):
    pairs = []
    for index in range(40):
        text = generator.render_article(world, patterns, 6, index).text
        pairs += re.findall(r"(\d+)户、?(\d+)[名]?(?:贫困人口|人)", text)
    assert len(pairs) > 10
    assert all(int(people) > int(households) for households, people in pairs if households != people)


def test_benchmarks_generator_writes_some_articles_in_traditional_script(world, patterns):
    share = patterns["article"]["traditional_share"]
    articles = [generator.render_article(world, patterns, 8, index) for index in range(80)]
    traditional = [article for article in articles if article.script == "traditional"]
    assert 0 < len(traditional) < len(articles) if share else not traditional
    assert all("時間:" in article.text and "时间:" not in article.text for article in traditional)
