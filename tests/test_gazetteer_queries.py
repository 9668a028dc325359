"""The gazetteer's queries: sums by province and county over fp:within, and the Wikidata federation's shape."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kgbuild.query import load_named_query, run_query
from kgbuild.store import GraphStore

GRAPH = """
@prefix fp: <https://w3id.org/fupin/ontology#> .
@prefix fpp: <https://w3id.org/fupin/place/> .
@prefix fpu: <https://w3id.org/fupin/unit/> .
@prefix fpa: <https://w3id.org/fupin/article/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
fpp:130000 fp:adminLevel "province" ; rdfs:label "河北省"@zh ; fp:adcode "130000" .
fpp:131000 fp:adminLevel "prefecture" ; rdfs:label "廊坊市"@zh ; fp:within fpp:130000 ; fp:adcode "131000" .
fpp:131002 fp:adminLevel "county" ; rdfs:label "安次区"@zh ; fp:within fpp:131000 ; fp:adcode "131002" .
fpp:131002104 fp:adminLevel "township" ; rdfs:label "调河头镇"@zh ; fp:within fpp:131002 ; fp:adcode "131002104" .
fpp:120000 fp:adminLevel "province" ; rdfs:label "天津市"@zh ; fp:adcode "120000" .
fpp:120119 fp:adminLevel "county" ; rdfs:label "蓟州区"@zh ; fp:within fpp:120000 ; fp:adcode "120119" .
<https://w3id.org/fupin/id/outcome/a/1> a fp:Outcome ; fp:indicator "现有贫困人口"@zh ; fp:value 100.0 ;
    fp:unit fpu:household ; fp:area fpp:131000 ; fp:mentionedIn fpa:a .
<https://w3id.org/fupin/id/outcome/a/2> a fp:Outcome ; fp:indicator "贫困人口"@zh ; fp:value 20.0 ;
    fp:unit fpu:household ; fp:area fpp:131002 ; fp:mentionedIn fpa:a .
<https://w3id.org/fupin/id/outcome/b/3> a fp:Outcome ; fp:indicator "贫困人口脱贫"@zh ; fp:value 5.0 ;
    fp:unit fpu:household ; fp:area fpp:131002104 ; fp:mentionedIn fpa:b .
<https://w3id.org/fupin/id/outcome/b/4> a fp:Outcome ; fp:indicator "贫困人口"@zh ; fp:value 7.0 ;
    fp:unit fpu:household ; fp:area fpp:120119 ; fp:mentionedIn fpa:b .
<https://w3id.org/fupin/id/outcome/b/6> a fp:Outcome ; fp:indicator "贫困人口发生率"@zh ; fp:value 3.5 ;
    fp:unit fpu:percent ; fp:area fpp:131002 ; fp:mentionedIn fpa:b .
<https://w3id.org/fupin/id/outcome/b/5> a fp:Outcome ; fp:indicator "电商销售额"@zh ; fp:value 9.0 ;
    fp:unit fpu:yuan ; fp:area fpp:120119 ; fp:mentionedIn fpa:b .
"""


@pytest.fixture(scope="module")
def store() -> GraphStore:
    store = GraphStore(None)
    triples = ox.serialize(ox.parse(GRAPH.encode("utf-8"), format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
    store.replace_graph("https://w3id.org/fupin/article/a", triples.decode("utf-8"))
    return store


def run(store: GraphStore, name: str, **params: str) -> list[dict[str, str]]:
    result = run_query(store, load_named_query(name), params)
    return [{name: term.value for name, term in row.items()} for row in result.rows]


def test_gazetteer_query_outcomes_by_province_sums_every_area_within_but_not_rates(store):
    rows = run(store, "outcomes-by-province")
    totals = {row["provinceLabel"]: (float(row["total"]), int(row["outcomes"]), int(row["articles"])) for row in rows}
    assert totals == {"河北省": (125.0, 3, 2), "天津市": (7.0, 1, 1)}


def test_gazetteer_query_outcomes_by_province_filters_by_indicator(store):
    rows = run(store, "outcomes-by-province", indicator="销售额")
    assert [(row["provinceLabel"], float(row["total"])) for row in rows] == [("天津市", 9.0)]


def test_gazetteer_query_outcomes_by_county_leaves_prefecture_figures_out(store):
    rows = run(store, "outcomes-by-county")
    totals = {
        row["countyLabel"]: (float(row["total"]), row.get("prefectureLabel"), row["provinceLabel"]) for row in rows
    }
    assert totals == {"安次区": (25.0, "廊坊市", "河北省"), "蓟州区": (7.0, None, "天津市")}


def test_gazetteer_query_federate_wikidata_joins_on_p442_through_service():
    query = load_named_query("federate-wikidata")
    assert "SERVICE <https://query.wikidata.org/sparql>" in query.sparql
    assert "wdt:P442" in query.sparql
    assert [p.name for p in query.params] == ["place"]
    assert query.title and query.description


def test_gazetteer_query_federate_wikidata_writes_codes_as_p442_does():
    sparql = load_named_query("federate-wikidata").sparql
    bind = re.search(r"BIND\((CONCAT\(.*?\)) AS \?p442\)", sparql, re.DOTALL).group(1)
    probe = f'SELECT ?adcode ?p442 WHERE {{ VALUES ?adcode {{ "130000" "131000" "131002" "120119" "131024103" }} BIND({bind} AS ?p442) }}'
    rows = {row["adcode"].value: row["p442"].value for row in ox.Store().query(probe)}
    assert rows == {"130000": "13", "131000": "13 10", "131002": "13 10 02", "120119": "12 01 19",
                    "131024103": "13 10 24 103"}
