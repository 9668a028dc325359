"""validate_graph: pyshacl with the project's shapes, its report as plain data.

check_triples: the shapes compiled, with pyshacl's result."""

import re
from decimal import Decimal
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib import BNode, Graph, Literal, Namespace, URIRef

from kgbuild.lexicon import ontology_graph
from kgbuild.namespaces import PREFIXES as CONTRACT_PREFIXES
from kgbuild.model import Article
from kgbuild.pipeline import analyse
from kgbuild.rdf import article_graph as map_article
from kgbuild.rdf import article_iri
from kgbuild.validate import (
    CompiledShapes,
    Problem,
    UnsupportedShape,
    ValidationResult,
    _problems,
    check_triples,
    shapes_graph,
    validate_graph,
)

FIXTURE = Path(__file__).parent / "fixtures" / "validate" / "article.ttl"
FP = Namespace("https://w3id.org/fupin/ontology#")
OUTCOME = URIRef("https://w3id.org/fupin/id/outcome/t01/fedcba987654")


def article_graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


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


# ---------------------------------------------------------------- compiled checks (check_triples)
# The compiled checks must give exactly pyshacl's result: the same problems, messages and order.

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "data" / "articles").iterdir()) + sorted((ROOT / "data" / "dev" / "articles").glob("*.txt"))
PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in CONTRACT_PREFIXES.items()) + """
PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX ex: <http://example.org/>
"""
FPSH = "https://w3id.org/fupin/shapes#"
EX = Namespace("http://example.org/")


def same_result(graph: Graph) -> ValidationResult:
    """pyshacl's result on ``graph``, asserted equal to the compiled checks' on its triples."""
    expected = validate_graph(graph)
    assert check_triples(list(graph)) == expected
    return expected


def corpus_graphs() -> list[Graph]:
    """The graphs of the sample and dev articles, as the build makes them."""
    graphs = []
    for article in analyse(CORPUS):
        assert isinstance(article, Article), article
        graph = map_article(article)
        graph.add((article_iri(article), FP.builtBy, Literal("kgbuild test")))
        graphs.append(graph)
    return graphs


def test_check_triples_matches_pyshacl_on_the_sample_and_dev_articles():
    graphs = corpus_graphs()
    assert len(graphs) == len(CORPUS) == 29
    for graph in graphs:
        assert same_result(graph).conforms


def test_check_triples_matches_pyshacl_on_the_concept_schemes():
    graph = ontology_graph()
    assert same_result(graph).conforms
    graph.update(
        PREFIXES
        + """DELETE { fpg:disabled skos:inScheme fpg: } INSERT { fpg:disabled skos:inScheme fps: ;
                 skos:prefLabel "残障人士"@zh ; skos:broader fps:health } WHERE {}"""
    )
    shapes = {problem.shape for problem in same_result(graph).problems}
    assert {FPSH + name for name in ("BeneficiaryGroup-inScheme", "Concept-prefLabel-zh", "Concept-broader")} <= shapes


def without(cls: str, prop: str) -> str:
    """An update that removes every ``prop`` of the nodes of class ``cls``."""
    return f"DELETE {{ ?node {prop} ?value }} WHERE {{ ?node a {cls} ; {prop} ?value }}"


def replaced(prop: str, value: str) -> str:
    """An update that gives every node with ``prop`` the one value ``value`` instead."""
    return f"DELETE {{ ?node {prop} ?old }} INSERT {{ ?node {prop} {value} }} WHERE {{ ?node {prop} ?old }}"


# (what is broken, SPARQL Update on the well-formed fixture, a shape that must report it, or None: conforms)
MUTATIONS = [
    ("article without source (minCount)", without("fp:Article", "dcterms:source"), "Article-source"),
    ("two sources (maxCount)", 'INSERT { ?a dcterms:source "b" } WHERE { ?a a fp:Article }', "Article-source"),
    ("article source tagged (xsd:string)", replaced("dcterms:source", '"t01.txt"@zh'), "Article-source"),
    ("article title untagged (rdf:langString)", replaced("dcterms:title", '"某县"'), "Article-title"),
    ("article issued as a year (sh:or)", replaced("dcterms:issued", '"2018"^^xsd:gYear'), "Article-issued"),
    ("article issued on no day (ill-typed)", replaced("dcterms:issued", '"2018-13-45"^^xsd:date'), "Article-issued"),
    ("article in an unknown script (sh:in)", replaced("fp:script", '"klingon"'), "Article-script"),
    ("article script typed xsd:string (sh:in)", replaced("fp:script", '"simplified"^^xsd:string'), "Article-script"),
    ("article hash in upper case (pattern)", replaced("fp:contentHash", f'"{"9F" * 32}"'), "Article-contentHash"),
    (
        "article IRI not fpa:{id} (node pattern)",
        'INSERT DATA { <https://w3id.org/fupin/article/a/b> a fp:Article ; dcterms:source "b" ; rdfs:label "b"@zh }',
        "ArticleShape",
    ),
    (
        "article a blank node (node kind and pattern)",
        'INSERT DATA { [] a fp:Article ; dcterms:source "b" ; rdfs:label "b"@zh }',
        "ArticleShape",
    ),
    ("place with a 5-digit adcode (pattern)", replaced("fp:adcode", '"13100"'), "Place-adcode"),
    ("place of an unknown level (sh:in)", replaced("fp:adminLevel", '"city"'), "Place-adminLevel"),
    (
        "place labelled only in English (qualifiedMinCount)",
        (
            'DELETE { fpp:131000 rdfs:label ?l } INSERT { fpp:131000 rdfs:label "Langfang"@en } '
            "WHERE { fpp:131000 rdfs:label ?l }"
        ),
        "Place-label",
    ),
    ("place within two places (maxCount)", "INSERT DATA { fpp:131002 fp:within fpp:130000 }", "Place-within"),
    ("place linked to a literal (nodeKind)", 'INSERT DATA { fpp:131000 skos:exactMatch "1808773" }', "Place-exactMatch"),
    (
        "place within an undescribed place (sh:class)",
        "INSERT DATA { fpp:130000 fp:within fpp:100000 }",
        "Place-within-class",
    ),
    ("place latitude as a string (datatype, range)", replaced("wgs84:lat", '"39.5"'), "Place-lat"),
    ("place latitude ill-typed (datatype, range)", replaced("wgs84:lat", '"north"^^xsd:decimal'), "Place-lat"),
    ("place latitude above 90 (maxInclusive)", replaced("wgs84:lat", "90.5"), "Place-lat"),
    ("place latitude 90 (maxInclusive bound)", replaced("wgs84:lat", "90.0"), None),
    ("place longitude below -180 (minInclusive)", replaced("wgs84:long", '"-180.5"^^xsd:decimal'), "Place-long"),
    (
        "place typed by a subclass (targetClass)",
        "INSERT DATA { ex:County rdfs:subClassOf fp:Place . fpp:131003 a ex:County }",
        "Place-adcode",
    ),
    (
        "body in a place typed by a subclass (sh:class)",
        (
            "DELETE { ?b fp:area ?a } INSERT { ?b fp:area ex:zone . ex:zone a ex:Zone . "
            "ex:Zone rdfs:subClassOf fp:Place } WHERE { ?b a fp:GovernmentBody ; fp:area ?a }"
        ),
        "PlaceShape",
    ),
    ("body kind outside fpk: (pattern)", replaced("fp:bodyKind", "fps:health"), "GovernmentBody-bodyKind"),
    ("body kind a literal (nodeKind)", replaced("fp:bodyKind", '"education"'), "GovernmentBody-bodyKind"),
    ("body without area (minCount)", without("fp:GovernmentBody", "fp:area"), "GovernmentBody-area"),
    (
        "body evidence tagged @zh-Hans (languageIn)",
        'INSERT { ?b fp:evidence "一句。"@zh-Hans } WHERE { ?b a fp:GovernmentBody }',
        None,
    ),
    (
        "body evidence in English (languageIn)",
        'INSERT { ?b fp:evidence "A sentence."@en } WHERE { ?b a fp:GovernmentBody }',
        "GovernmentBody-evidence",
    ),
    ("body not mentioned (minCount)", without("fp:GovernmentBody", "fp:mentionedIn"), "GovernmentBody-mentionedIn"),
    (
        "program implemented by a place (sh:class)",
        "INSERT { ?p fp:implementedBy fpp:131002 } WHERE { ?p a fp:Program }",
        "Program-implementedBy",
    ),
    ("program measure of no class (sh:class)", "DELETE WHERE { ?m a fp:Measure }", "Program-hasMeasure"),
    ("outcome value as a string (datatype)", replaced("fp:value", '"2071"'), "Outcome-value"),
    ("outcome with two values (maxCount)", "INSERT { ?o fp:value 12.0 } WHERE { ?o a fp:Outcome }", "Outcome-value"),
    ("outcome in a scaled unit (pattern)", replaced("fp:unit", "fpu:yuan-x10000"), "Outcome-unit"),
    ("outcome as of a plain string (sh:or)", replaced("fp:asOf", '"2018-09-21"'), "Outcome-asOf"),
    (
        "group mentioned in a place (targetSubjectsOf)",
        "INSERT DATA { fpg:disabled fp:mentionedIn fpp:131002 }",
        "Mention-mentionedIn",
    ),
    (
        "place mentioned in a literal (nodeKind, sh:class)",
        'INSERT DATA { fpp:131002 fp:mentionedIn "t01" }',
        "Place-mentionedIn",
    ),
    (
        "concept with two Chinese labels (qualifiedMaxCount, hasValue)",
        'INSERT DATA { fpg:disabled a fp:BeneficiaryGroup ; skos:inScheme fps: ; skos:prefLabel "甲"@zh , "乙"@zh }',
        "Concept-prefLabel-zh",
    ),
]


@pytest.mark.parametrize(("what", "update", "shape"), MUTATIONS, ids=[case[0] for case in MUTATIONS])
def test_check_triples_matches_pyshacl_on_a_broken_graph(what, update, shape):
    graph = article_graph()
    graph.update(PREFIXES + update)
    result = same_result(graph)
    if shape is None:
        assert result.conforms, what
    else:
        assert FPSH + shape in {problem.shape for problem in result.problems}, what


def test_check_triples_treats_duplicate_triples_as_one():
    graph = article_graph()
    graph.update(PREFIXES + "INSERT { ?o fp:value 12.0 } WHERE { ?o a fp:Outcome }")
    expected = same_result(graph)
    assert check_triples(list(graph) + list(graph)) == expected
    assert len(expected.problems) == 1


def test_check_triples_leaves_an_empty_graph_conforming():
    assert check_triples([]) == ValidationResult(conforms=True, problems=[])


def from_turtle(text: str) -> Graph:
    return Graph().parse(data=PREFIXES.replace("PREFIX", "@prefix").replace(">\n", "> .\n") + text, format="turtle")


def pyshacl_result(data: Graph, shapes: Graph) -> ValidationResult:
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=False)
    return ValidationResult(conforms=bool(conforms), problems=_problems(report))


def test_compiled_shapes_follow_severity_and_deactivated_as_pyshacl():
    shapes = from_turtle(
        """
        ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property ex:warned , ex:off .
        ex:warned sh:path ex:p ; sh:minCount 1 ; sh:severity sh:Warning ; sh:message "p is wanted"@en .
        ex:off sh:path ex:q ; sh:minCount 1 ; sh:deactivated true ; sh:message "q is off"@en .
        ex:OffShape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:nodeKind sh:BlankNode ; sh:deactivated true ;
            sh:message "off"@en .
        """
    )
    data = from_turtle("ex:a a ex:Thing .")
    result = CompiledShapes(shapes).check(data)
    assert result == pyshacl_result(data, shapes)
    assert result.problems == [
        Problem("http://example.org/a", "http://example.org/p", "p is wanted", "Warning", "http://example.org/warned")
    ]


def test_compiled_shapes_follow_pyshacl_at_the_edges_of_each_constraint():
    shapes = from_turtle(
        """
        ex:S sh:targetClass ex:T ; sh:property ex:pattern , ex:string , ex:byte , ex:lang , ex:min , ex:max ,
            ex:class , ex:in , ex:has .
        ex:pattern sh:path ex:pattern ; sh:pattern "." ; sh:message "pattern" .
        ex:string sh:path ex:string ; sh:datatype xsd:string ; sh:message "string" .
        ex:byte sh:path ex:byte ; sh:datatype xsd:byte ; sh:message "byte" .
        ex:lang sh:path ex:lang ; sh:languageIn ( "zh" "en-GB" ) ; sh:message "lang" .
        ex:min sh:path ex:min ; sh:minInclusive 0 ; sh:message "min" .
        ex:max sh:path ex:max ; sh:maxInclusive "m" ; sh:message "max" .
        ex:class sh:path ex:class ; sh:class ex:C ; sh:message "class" .
        ex:in sh:path ex:in ; sh:in ( "a" 1 ex:a ) ; sh:message "in" .
        ex:has sh:path ex:has ; sh:hasValue ex:a ; sh:message "has" .
        """
    )
    data = from_turtle(
        """
        ex:x a ex:T ; ex:pattern [] , "a" , ex:a ;
            ex:string "plain" , "typed"^^xsd:string , "token"^^xsd:normalizedString , "tagged"@zh , 1 ;
            ex:byte "300"^^xsd:byte , "12"^^xsd:byte ;
            ex:lang "a"@zh , "b"@zh-Hans , "c"@ZH , "d"@en , "e"@en-GB , "f"@en-gb-x-y , "g" ;
            ex:min 0 , -1 , 0.5 , "0" , "2020-01-01"^^xsd:date , ex:a ;
            ex:max "a" , "m" , "z" , 5 ;
            ex:class ex:typed , ex:subtyped , ex:untyped , "typed" ;
            ex:in "a" , "b" , 1 , "1" , 1.0 , ex:a , ex:b ;
            ex:has ex:b .
        ex:typed a ex:C . ex:subtyped a ex:D . ex:D rdfs:subClassOf ex:C .
        ex:y a ex:T ; ex:has ex:a .
        """
    )
    result = CompiledShapes(shapes).check(data)
    assert result == pyshacl_result(data, shapes)
    [blank] = [value for value in data.objects(EX.x, EX.pattern) if isinstance(value, BNode)]
    failed = {(problem.message, problem.value) for problem in result.problems if problem.message != "pattern"}
    assert failed == {
        ("byte", "300"),  # ill-typed
        ("class", "http://example.org/untyped"), ("class", "typed"),
        ("has", ""),  # only ex:x, and without sh:value
        ("in", "b"), ("in", "1"), ("in", "1.0"), ("in", "http://example.org/b"),
        ("lang", "d"), ("lang", "f"), ("lang", "g"),  # pyshacl: the whole tag or its first subtag, any case
        ("max", "z"), ("max", "5"),  # a number is not comparable with a string
        ("min", "-1"), ("min", "0"), ("min", "2020-01-01"), ("min", "http://example.org/a"),  # "0": a string
        ("string", "token"), ("string", "tagged"), ("string", "1"),
    }
    assert [p.value for p in result.problems if p.message == "pattern"] == [str(blank)]


# (the construct, the node the error names, shapes that use it)
UNSUPPORTED = [
    ("sh:closed", "ex:S", "ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:closed true ."),
    ("sh:sparql", "ex:S", 'ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:sparql [ sh:select "SELECT $this {}" ] .'),
    ("sh:targetNode", "ex:S", 'ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:nodeKind sh:IRI ; sh:message "m" .'),
    ("sh:node", "ex:S", "ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:node ex:Other ."),
    ("sh:inversePath", "_:", "ex:S sh:targetClass ex:T ; sh:property ex:P . ex:P sh:path [ sh:inversePath ex:p ] ."),
    (
        "sh:qualifiedValueShapesDisjoint",
        "ex:S-p",
        (
            "ex:S sh:targetClass ex:T ; sh:property ex:S-p . ex:S-p sh:path ex:p ; sh:qualifiedMinCount 1 ; "
            "sh:qualifiedValueShape [ sh:nodeKind sh:IRI ] ; sh:qualifiedValueShapesDisjoint true ."
        ),
    ),
    ("sh:ConstraintComponent", "ex:C", "ex:C a sh:ConstraintComponent ."),
    ("rdfs:Class", "ex:T", 'ex:T a rdfs:Class , sh:NodeShape ; sh:nodeKind sh:IRI ; sh:message "m" .'),
    (
        "complex sh:path",
        "ex:S-p",
        'ex:S sh:targetClass ex:T ; sh:property ex:S-p . ex:S-p sh:path ( ex:p ex:q ) ; sh:minCount 1 .',
    ),
    ("2 sh:message", "ex:S", 'ex:S sh:targetClass ex:T ; sh:nodeKind sh:IRI ; sh:message "m"@en , "消息"@zh .'),
    ("0 sh:message", "ex:S", "ex:S sh:targetClass ex:T ; sh:nodeKind sh:IRI ."),
    ("recursive", "ex:S", 'ex:S sh:targetClass ex:T ; sh:or ( ex:S ) ; sh:message "m" .'),
    ("unknown sh:nodeKind", "ex:S", 'ex:S sh:targetClass ex:T ; sh:nodeKind sh:Thing ; sh:message "m" .'),
    ("2 values of sh:datatype", "ex:S", 'ex:S sh:targetClass ex:T ; sh:datatype xsd:string , xsd:date .'),
]


@pytest.mark.parametrize(("construct", "shape", "turtle"), UNSUPPORTED, ids=[case[0] for case in UNSUPPORTED])
def test_compiled_shapes_fail_loudly_on_what_they_do_not_support(construct, shape, turtle):
    with pytest.raises(UnsupportedShape, match=re.escape(construct)) as failure:
        CompiledShapes(from_turtle(turtle))
    assert shape in str(failure.value)
