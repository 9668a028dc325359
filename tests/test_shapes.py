"""The SHACL shapes: a well-formed article graph conforms, and each broken variant is caught."""

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kgbuild.lexicon import Lexicon, ontology_graph
from kgbuild.namespaces import PREFIXES as CONTRACT_PREFIXES
from kgbuild.validate import SH, shapes_graph, validate_graph

FIXTURE = Path(__file__).parent / "fixtures" / "validate" / "article.ttl"
FPSH = "https://w3id.org/fupin/shapes#"
PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in CONTRACT_PREFIXES.items())


def article_graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


def broken(update: str) -> Graph:
    graph = article_graph()
    graph.update(PREFIXES + update)
    return graph


def without(cls: str, prop: str) -> str:
    """An update that removes every ``prop`` of the nodes of class ``cls``."""
    return f"DELETE {{ ?node {prop} ?value }} WHERE {{ ?node a {cls} ; {prop} ?value }}"


def test_shapes_well_formed_article_graph_conforms():
    result = validate_graph(article_graph())
    assert result.problems == []
    assert result.conforms


# (what is broken, SPARQL Update that breaks it, the property shape that must report it)
BROKEN = [
    ("article without source", without("fp:Article", "dcterms:source"), "Article-source"),
    ("article with two titles", 'INSERT { ?a dcterms:title "另一个"@zh } WHERE { ?a a fp:Article }', "Article-title"),
    (
        "article issued as a year",
        (
            'DELETE { ?a dcterms:issued ?d } INSERT { ?a dcterms:issued "2018"^^xsd:gYear } '
            "WHERE { ?a a fp:Article ; dcterms:issued ?d }"
        ),
        "Article-issued",
    ),
    (
        "article in an unknown script",
        'DELETE { ?a fp:script ?s } INSERT { ?a fp:script "klingon" } WHERE { ?a fp:script ?s }',
        "Article-script",
    ),
    (
        "place with a 5-digit adcode",
        'DELETE { fpp:131002 fp:adcode ?c } INSERT { fpp:131002 fp:adcode "13100" } WHERE { fpp:131002 fp:adcode ?c }',
        "Place-adcode",
    ),
    (
        "place with an unknown level",
        (
            'DELETE { fpp:131002 fp:adminLevel ?l } INSERT { fpp:131002 fp:adminLevel "city" } '
            "WHERE { fpp:131002 fp:adminLevel ?l }"
        ),
        "Place-adminLevel",
    ),
    (
        "place labelled only in English",
        (
            'DELETE { fpp:131000 rdfs:label ?l } INSERT { fpp:131000 rdfs:label "Langfang"@en } '
            "WHERE { fpp:131000 rdfs:label ?l }"
        ),
        "Place-label",
    ),
    ("place within two places", "INSERT DATA { fpp:131002 fp:within fpp:130000 }", "Place-within"),
    ("place within a non-place", "INSERT DATA { fpp:130000 fp:within fpa:t01 }", "Place-within-class"),
    ("place within an undescribed place", "INSERT DATA { fpp:130000 fp:within fpp:100000 }", "Place-within-class"),
    (
        "place latitude as a string",
        'DELETE { fpp:131002 wgs84:lat ?v } INSERT { fpp:131002 wgs84:lat "39.5" } WHERE { fpp:131002 wgs84:lat ?v }',
        "Place-lat",
    ),
    (
        "place IRI not a code",
        'INSERT DATA { fpp:anci a fp:Place ; fp:adcode "131002" ; fp:adminLevel "county" ; rdfs:label "安次"@zh }',
        "PlaceShape",
    ),
    (
        "body with two kinds",
        "INSERT { ?b fp:bodyKind fpk:education } WHERE { ?b a fp:GovernmentBody }",
        "GovernmentBody-bodyKind",
    ),
    (
        "body kind outside fpk:",
        "DELETE { ?b fp:bodyKind ?k } INSERT { ?b fp:bodyKind fps:health } WHERE { ?b fp:bodyKind ?k }",
        "GovernmentBody-bodyKind",
    ),
    ("body without area", without("fp:GovernmentBody", "fp:area"), "GovernmentBody-area"),
    ("body without evidence", without("fp:GovernmentBody", "fp:evidence"), "GovernmentBody-evidence"),
    (
        "body not mentioned in an article",
        without("fp:GovernmentBody", "fp:mentionedIn"),
        "GovernmentBody-mentionedIn",
    ),
    ("program without evidence", without("fp:Program", "fp:evidence"), "Program-evidence"),
    ("program without label", without("fp:Program", "rdfs:label"), "Program-label"),
    ("program with two areas", "INSERT { ?p fp:area fpp:131000 } WHERE { ?p a fp:Program }", "Program-area"),
    ("program target outside fpg:", "INSERT { ?p fp:targets fps:health } WHERE { ?p a fp:Program }", "Program-targets"),
    ("program target a literal", 'INSERT { ?p fp:targets "残疾人"@zh } WHERE { ?p a fp:Program }', "Program-targets"),
    ("program sector outside fps:", "INSERT { ?p fp:sector fpg:disabled } WHERE { ?p a fp:Program }", "Program-sector"),
    (
        "program implemented by a place",
        "INSERT { ?p fp:implementedBy fpp:131002 } WHERE { ?p a fp:Program }",
        "Program-implementedBy",
    ),
    ("program measure of no class", "DELETE WHERE { ?m a fp:Measure }", "Program-hasMeasure"),
    ("program outcome of no class", "DELETE WHERE { ?o a fp:Outcome }", "Program-hasOutcome"),
    ("measure without label", without("fp:Measure", "rdfs:label"), "Measure-label"),
    ("measure without evidence", without("fp:Measure", "fp:evidence"), "Measure-evidence"),
    ("measure sector outside fps:", "INSERT { ?m fp:sector fpu:yuan } WHERE { ?m a fp:Measure }", "Measure-sector"),
    (
        "outcome value as a string",
        'DELETE { ?o fp:value ?v } INSERT { ?o fp:value "2071" } WHERE { ?o fp:value ?v }',
        "Outcome-value",
    ),
    ("outcome with two values", "INSERT { ?o fp:value 12.0 } WHERE { ?o a fp:Outcome }", "Outcome-value"),
    ("outcome without unit", without("fp:Outcome", "fp:unit"), "Outcome-unit"),
    (
        "outcome in a scaled unit",
        "DELETE { ?o fp:unit ?u } INSERT { ?o fp:unit fpu:yuan-x10000 } WHERE { ?o fp:unit ?u }",
        "Outcome-unit",
    ),
    (
        "outcome indicator in English",
        'DELETE { ?o fp:indicator ?i } INSERT { ?o fp:indicator "poor population"@en } WHERE { ?o fp:indicator ?i }',
        "Outcome-indicator",
    ),
    (
        "outcome date as a plain string",
        'DELETE { ?o fp:asOf ?d } INSERT { ?o fp:asOf "2018-09-21" } WHERE { ?o fp:asOf ?d }',
        "Outcome-asOf",
    ),
    ("outcome in two areas", "INSERT { ?o fp:area fpp:131002 } WHERE { ?o a fp:Outcome }", "Outcome-area"),
    ("outcome without evidence", without("fp:Outcome", "fp:evidence"), "Outcome-evidence"),
    (
        "group mentioned in a non-article",
        "INSERT DATA { fpg:disabled fp:mentionedIn fpp:131002 }",
        "Mention-mentionedIn",
    ),
]


@pytest.mark.parametrize(("what", "update", "shape"), BROKEN, ids=[case[0] for case in BROKEN])
def test_shapes_reject_broken_graph(what, update, shape):
    result = validate_graph(broken(update))
    assert not result.conforms, what
    assert FPSH + shape in {problem.shape for problem in result.problems}


def test_shapes_every_constraint_has_an_english_message():
    shapes = shapes_graph()
    constrained = set(shapes.subjects(SH.path, None)) | set(shapes.subjects(SH.targetClass, None))
    for shape in constrained:
        if (shape, SH.property, None) in shapes and (shape, SH.pattern, None) not in shapes:
            continue  # a node shape that only groups property shapes
        messages = [m for m in shapes.objects(shape, SH.message) if m.language == "en"]
        assert messages, shape


def _concept_patterns() -> dict[str, str]:
    """The sh:pattern the shapes use for each concept-valued property."""
    shapes = shapes_graph()
    ns = "https://w3id.org/fupin/ontology#"
    patterns = {}
    for prop in ("targets", "sector", "bodyKind", "unit"):
        for shape in shapes.subjects(SH.path, URIRef(ns + prop)):
            patterns[prop] = str(shapes.value(shape, SH.pattern))
    return patterns


def test_shapes_concept_patterns_accept_every_concept_of_the_scheme():
    lexicon = Lexicon.default()
    patterns = _concept_patterns()
    for prop, scheme in (("targets", "group"), ("sector", "sector"), ("bodyKind", "body-kind"), ("unit", "unit")):
        for concept in lexicon.concepts(scheme):
            assert re.search(patterns[prop], concept.iri), concept.iri


def test_shapes_concept_schemes_conform():
    assert validate_graph(ontology_graph()).conforms


def test_shapes_concept_in_the_wrong_scheme_is_caught():
    graph = ontology_graph()
    graph.update(
        PREFIXES + "DELETE { fpg:disabled skos:inScheme fpg: } INSERT { fpg:disabled skos:inScheme fps: } WHERE {}"
    )
    result = validate_graph(graph)
    assert FPSH + "BeneficiaryGroup-inScheme" in {p.shape for p in result.problems}
