"""The research questions of queries/: headers, defaults that run, answers on the fixture, documentation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fixtures.graph.loader import small_store

from kgbuild.query import available_queries, load_named_query, run_query

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "GUIDE.md"
# Queries other engineers own are checked by their own tests; all are checked for headers and docs here.
THIS_LIBRARY = sorted(set(available_queries()) - {
    "programs-for-group", "federate-wikidata", "outcomes-by-province", "outcomes-by-county"})


@pytest.fixture(scope="module")
def store():
    return small_store()


def test_library_has_at_least_twelve_questions():
    assert len(THIS_LIBRARY) >= 12


@pytest.mark.parametrize("name", sorted(available_queries()))
def test_every_query_has_title_description_and_defaults(name):
    query = load_named_query(name)
    assert " / " in query.title, "title: 中文 / English"
    assert query.description
    assert all(param.default for param in query.params), "every parameter runs with its default"


@pytest.mark.parametrize("name", sorted(available_queries()))
def test_every_query_is_documented_in_the_guide(name):
    guide = GUIDE.read_text(encoding="utf-8")
    assert re.search(rf"^#+\s+`{re.escape(name)}`", guide, re.MULTILINE), f"docs/GUIDE.md has no section for {name}"


@pytest.mark.parametrize("name", THIS_LIBRARY)
def test_query_answers_with_its_defaults_without_duplicates(store, name):
    result = run_query(store, load_named_query(name))
    assert result.rows, f"{name} finds nothing on the fixture with its defaults"
    keys = [tuple(str(row.get(variable)) for variable in result.variables) for row in result.rows]
    assert len(keys) == len(set(keys)), "a triple stated in two article graphs must not double a row"


def column(result, variable):
    return [row[variable].value for row in result.rows]


def test_bodies_for_sector_follow_places_within_the_province(store):
    query = load_named_query("bodies-for-sector-in-place")
    assert column(run_query(store, query, {"sector": "health", "place": "620000"}), "bodyLabel") == ["定西市卫健委"]
    assert run_query(store, query, {"sector": "health", "place": "130000"}).rows == []


def test_outcomes_between_dates_reads_years_and_months_from_their_first_day(store):
    query = load_named_query("outcomes-between-dates")
    may = run_query(store, query, {"from": "2019-05-01", "to": "2019-05-31"})
    assert column(may, "value") == ["12000"]
    year_2017 = run_query(store, query, {"from": "2017-01-01", "to": "2017-12-31"})
    assert column(year_2017, "indicator") == ["贫困人口脱贫"]


def test_places_with_most_programs_roll_up_to_the_level_asked(store):
    result = run_query(store, load_named_query("places-with-most-programs"), {"level": "prefecture"})
    assert dict(zip(column(result, "placeLabel"), column(result, "programs"))) == {"定西市": "2", "廊坊市": "1"}


def test_evidence_names_the_article_of_each_sentence(store):
    result = run_query(store, load_named_query("evidence"))
    by_article = {(row["label"].value, row["article"].value.rsplit("/", 1)[1]) for row in result.rows}
    assert {("养鹅帮扶工程", "a001"), ("养鹅帮扶工程", "c001")} <= by_article


def test_outcomes_by_indicator_keyword_in_place(store):
    query = load_named_query("outcomes-by-indicator-in-place")
    assert column(run_query(store, query, {"keyword": "签约率", "place": "620000"}), "value") == ["100"]
    assert run_query(store, query, {"keyword": "签约率", "place": "130000"}).rows == []


def test_measures_for_group_include_those_of_programs_targeting_it(store):
    result = run_query(store, load_named_query("measures-for-group"), {"group": "registered-poor"})
    assert column(result, "measureLabel") == ["建设村级光伏电站"]  # targeted only through its program
