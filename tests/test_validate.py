"""validate_graph: pyshacl with the project's shapes, its report as plain data."""

import time
from decimal import Decimal
from pathlib import Path

import rdflib
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from kgbuild.validate import ValidationResult, shapes_graph, validate_graph

FIXTURE = Path(__file__).parent / "fixtures" / "validate" / "article.ttl"
FP = Namespace("https://w3id.org/fupin/ontology#")
OUTCOME = URIRef("https://w3id.org/fupin/id/outcome/t01/fedcba987654")


def article_graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


def with_outcomes(graph: Graph, count: int) -> Graph:
    """The article graph with ``count`` more outcomes, each a well-formed copy of the first."""
    template = list(graph.predicate_objects(OUTCOME))
    for index in range(count):
        node = URIRef(f"https://w3id.org/fupin/id/outcome/t01/{index:012x}")
        for predicate, obj in template:
            graph.add((node, predicate, obj))
    return graph


def test_validate_well_formed_graph_conforms():
    result = validate_graph(article_graph())
    assert result == ValidationResult(conforms=True, problems=[])
    assert result.describe() == "conforms"


def test_validate_problem_names_node_path_shape_and_value():
    graph = article_graph()
    graph.set((OUTCOME, FP.value, Literal("2071")))
    result = validate_graph(graph)
    assert not result.conforms
    [problem] = result.problems
    assert problem.focus_node == str(OUTCOME)
    assert problem.path == str(FP.value)
    assert problem.shape == "https://w3id.org/fupin/shapes#Outcome-value"
    assert problem.severity == "Violation"
    assert problem.value == "2071"
    assert "xsd:decimal" in problem.message
    assert str(OUTCOME) in result.describe()


def test_validate_problems_are_in_a_stable_order():
    graph = article_graph()
    graph.remove((None, FP.evidence, None))
    first, second = validate_graph(graph).problems, validate_graph(graph).problems
    assert len(first) == 4  # body, program, measure, outcome
    assert first == second
    assert first == sorted(first, key=lambda p: (p.focus_node, p.path, p.shape, p.message, p.value))


def test_validate_leaves_the_graph_unchanged():
    graph = article_graph()
    before = set(graph)
    validate_graph(graph)
    assert set(graph) == before


def test_validate_shapes_are_parsed_once():
    assert shapes_graph() is shapes_graph()
    assert len(shapes_graph()) > 100


def test_validate_value_decimal_literal_conforms():
    graph = article_graph()
    graph.set((OUTCOME, FP.value, Literal(Decimal("2.5"), datatype=rdflib.XSD.decimal)))
    assert validate_graph(graph).conforms


def test_validate_graph_of_300_triples_is_fast():
    graph = with_outcomes(article_graph(), 25)
    assert 280 <= len(graph) <= 340
    validate_graph(graph)  # warm-up: imports and shape harvest
    start = time.perf_counter()
    result = validate_graph(graph)
    elapsed = time.perf_counter() - start
    assert result.conforms
    assert (None, RDF.type, FP.Outcome) in graph
    assert elapsed < 1.0, f"validating {len(graph)} triples took {elapsed:.3f} s"
