"""Named queries: headers, parameters bound by variable, and the output formats."""

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, URIRef

from kgbuild.query import (
    QueryError,
    as_table,
    display_width,
    format_result,
    load_named_query,
    parse_query_text,
    run_query,
)
from kgbuild.store import GraphStore

FP = "https://w3id.org/fupin/ontology#"
FPG = "https://w3id.org/fupin/group/"

QUERY = """# title: 测试 / Test
# description: programs for a group
# param: group  iri-fpg  default=disabled
SELECT ?p ?label WHERE { ?p <%stargets> ?group ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label
""" % FP


@pytest.fixture
def store():
    graph = Graph()
    for name, group in [("养鹅工程", "disabled"), ("助学行动", "students"), ("助残行动", "disabled")]:
        node = URIRef("http://example.org/" + name)
        graph.add((node, URIRef(FP + "targets"), URIRef(FPG + group)))
        graph.add((node, URIRef("http://www.w3.org/2000/01/rdf-schema#label"), Literal(name, lang="zh")))
    store = GraphStore(None)
    store.replace_graph("http://example.org/a1", graph.serialize(format="nt"))
    return store


def test_header_declares_title_and_parameters():
    query = parse_query_text(QUERY, "t")
    assert query.title == "测试 / Test"
    assert [(p.name, p.kind, p.default) for p in query.params] == [("group", "iri-fpg", "disabled")]


def test_default_parameter_applies(store):
    result = run_query(store, parse_query_text(QUERY, "t"))
    assert [row["label"].value for row in result.rows] == ["养鹅工程", "助残行动"]


def test_given_parameter_overrides_default(store):
    result = run_query(store, parse_query_text(QUERY, "t"), {"group": "students"})
    assert [row["label"].value for row in result.rows] == ["助学行动"]


def test_a_literal_parameter_cannot_inject_query_text(store):
    query = parse_query_text("""# param: label  literal
SELECT ?p WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?l . FILTER(STR(?l) = ?label) }""", "t")
    assert run_query(store, query, {"label": "养鹅工程"}).rows
    assert run_query(store, query, {"label": '养鹅工程" || true || "'}).rows == []


def test_unknown_parameter_is_refused(store):
    with pytest.raises(QueryError, match="no parameter sector"):
        run_query(store, parse_query_text(QUERY, "t"), {"sector": "health"})


def test_unknown_named_query_lists_the_known_ones():
    with pytest.raises(QueryError, match="programs-for-group"):
        load_named_query("no-such-query")


def test_json_is_sparql_results_json(store):
    document = json.loads(format_result(run_query(store, parse_query_text(QUERY, "t")), "json"))
    assert document["head"]["vars"] == ["p", "label"]
    first = document["results"]["bindings"][0]
    assert first["label"] == {"type": "literal", "value": "养鹅工程", "xml:lang": "zh"}
    assert first["p"]["type"] == "uri"


def test_csv_has_header_and_plain_values(store):
    rows = list(csv.reader(io.StringIO(format_result(run_query(store, parse_query_text(QUERY, "t")), "csv"))))
    assert rows[0] == ["p", "label"]
    assert rows[1][1] == "养鹅工程"


def test_table_aligns_wide_characters(store):
    lines = as_table(run_query(store, parse_query_text(QUERY, "t"))).splitlines()
    separator = lines[1].index("+")
    assert all(display_width(line[: line.index("|")]) == separator for line in lines[2:4])
    assert lines[-1] == "(2 rows)"


def test_every_named_query_parses():
    query = load_named_query("programs-for-group")
    assert query.title and query.params


def test_parameters_reach_filters_inside_subqueries(store):
    query = parse_query_text("""# param: group  iri-fpg  default=disabled
SELECT (COUNT(?p) AS ?n) WHERE {
  { SELECT DISTINCT ?p WHERE { ?p <https://w3id.org/fupin/ontology#targets> ?g . FILTER(?g = ?group) } }
}""", "t")
    assert run_query(store, query).rows[0]["n"].value == "2"
    assert run_query(store, query, {"group": "students"}).rows[0]["n"].value == "1"
