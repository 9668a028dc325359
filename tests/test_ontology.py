"""The ontology files: every term of the graph contract declared, labelled and aligned."""

import json

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from kgbuild.lexicon import ontology_graph
from kgbuild.resources import ontology_dir

FP = Namespace("https://w3id.org/fupin/ontology#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
VANN = Namespace("http://purl.org/vocab/vann/")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
QB = Namespace("http://purl.org/linked-data/cube#")
ONTOLOGY = URIRef("https://w3id.org/fupin/ontology")

CONTRACT_CLASSES = ["GovernmentBody", "Program", "BeneficiaryGroup", "Measure", "Outcome", "Place", "Article"]
# property: the classes of its domain as the contract gives them (empty: any node)
CONTRACT_PROPERTIES = {
    "implementedBy": {"Program"},
    "targets": {"Program", "Measure"},
    "sector": {"Program", "Measure", "Outcome"},
    "hasMeasure": {"Program"},
    "hasOutcome": {"Program"},
    "bodyKind": {"GovernmentBody"},
    "area": {"Program", "Measure", "Outcome", "GovernmentBody"},
    "value": {"Outcome"},
    "unit": {"Outcome"},
    "indicator": {"Outcome"},
    "asOf": {"Outcome"},
    "adcode": {"Place"},
    "adminLevel": {"Place"},
    "within": {"Place"},
    "mentionedIn": set(),
    "evidence": {"Program", "Measure", "Outcome", "GovernmentBody"},
    "script": {"Article"},
    "contentHash": {"Article"},
}
# id: (broader, en) from the contract's table of beneficiary groups
CONTRACT_GROUPS = {
    "poor-population": (None, "poor population"),
    "registered-poor": ("poor-population", "registered poor households"),
    "disabled": ("poor-population", "disabled people and their households"),
    "students": ("poor-population", "students from poor families"),
    "ill": ("poor-population", "people impoverished by illness"),
    "no-labor": ("poor-population", "people unable to work"),
    "labor-capable": ("poor-population", "poor people able to work"),
    "relocated": ("poor-population", "relocated households"),
    "low-income": ("poor-population", "low-income households"),
    "dibao": ("poor-population", "minimum-living-allowance recipients"),
    "wubao": ("poor-population", "extreme-poverty supported persons"),
    "elderly": ("poor-population", "elderly people"),
    "children": ("poor-population", "left-behind and vulnerable children"),
    "women": ("poor-population", "women, pregnant women"),
    "unsafe-housing": ("poor-population", "households in unsafe housing"),
    "at-risk": (None, "households at risk of (re)impoverishment"),
    "poor-villages": (None, "poor villages"),
    "poor-counties": (None, "poor counties"),
}
CONTRACT_SECTORS = [
    "industry",
    "employment",
    "health",
    "education",
    "housing",
    "social-security",
    "finance",
    "relocation",
    "photovoltaic",
    "infrastructure",
    "drinking-water",
    "ecommerce",
    "tourism",
    "ecological",
    "disability",
    "insurance",
    "pairing",
    "social",
    "capacity",
    "governance",
]
CONTRACT_BODY_KINDS = [
    "party-committee",
    "government",
    "poverty-office",
    "leading-group",
    "work-team",
    "civil-affairs",
    "education",
    "health",
    "medical-security",
    "housing",
    "human-resources",
    "agriculture",
    "disabled-federation",
    "women-federation",
    "finance",
    "organization-dept",
    "tourism",
    "commerce",
    "water",
    "transport",
    "natural-resources",
    "development-reform",
    "hospital",
    "school",
    "other",
]
CONTRACT_UNITS = [
    "household",
    "person",
    "person-time",
    "yuan",
    "percent",
    "village",
    "county",
    "project",
    "enterprise",
    "kilowatt",
    "mu",
    "km",
    "square-metre",
    "ton",
    "item",
]
SCHEME_CLASS = {
    "https://w3id.org/fupin/group/": FP.BeneficiaryGroup,
    "https://w3id.org/fupin/sector/": FP.Sector,
    "https://w3id.org/fupin/body-kind/": FP.BodyKind,
    "https://w3id.org/fupin/unit/": FP.Unit,
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return ontology_graph()


def languages(graph: Graph, node, predicate) -> set[str]:
    return {obj.language for obj in graph.objects(node, predicate) if isinstance(obj, Literal)}


def domain_classes(graph: Graph, prop) -> set[str]:
    domain = graph.value(prop, RDFS.domain)
    if domain is None:
        return set()
    union = graph.value(domain, OWL.unionOf)
    members = list(Collection(graph, union)) if union is not None else [domain]
    return {str(member).removeprefix(str(FP)) for member in members}


def test_ontology_header(graph):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in graph
    assert str(graph.value(ONTOLOGY, OWL.versionInfo)) == "0.1.0"
    assert graph.value(ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(graph.value(ONTOLOGY, VANN.preferredNamespacePrefix)) == "fp"
    assert {"en", "zh"} <= languages(graph, ONTOLOGY, DCTERMS.title)
    assert {"en", "zh"} <= languages(graph, ONTOLOGY, DCTERMS.description)


@pytest.mark.parametrize("name", CONTRACT_CLASSES + ["Sector", "BodyKind", "Unit", "ScaledUnit"])
def test_ontology_declares_class_with_labels(graph, name):
    cls = FP[name]
    assert (cls, RDF.type, OWL.Class) in graph
    assert {"en", "zh"} <= languages(graph, cls, RDFS.label)
    assert {"en", "zh"} <= languages(graph, cls, RDFS.comment)


@pytest.mark.parametrize("name", sorted(CONTRACT_PROPERTIES))
def test_ontology_declares_property_with_domain_range_and_labels(graph, name):
    prop = FP[name]
    kinds = set(graph.objects(prop, RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}
    assert {"en", "zh"} <= languages(graph, prop, RDFS.label)
    assert {"en", "zh"} <= languages(graph, prop, RDFS.comment)
    assert graph.value(prop, RDFS.range) is not None
    assert domain_classes(graph, prop) == CONTRACT_PROPERTIES[name]


@pytest.mark.parametrize(
    ("sub", "supers"),
    [
        (FP.GovernmentBody, {ORG.Organization, SCHEMA.GovernmentOrganization}),
        (FP.Program, {PROV.Plan, SCHEMA.GovernmentService}),
        (FP.Measure, {PROV.Activity}),
        (FP.Outcome, {QB.Observation}),
        (FP.Place, {SCHEMA.AdministrativeArea}),
        (FP.Article, {SCHEMA.NewsArticle, PROV.Entity}),
        (FP.BeneficiaryGroup, {SKOS.Concept}),
        (FP.Sector, {SKOS.Concept}),
        (FP.BodyKind, {SKOS.Concept}),
        (FP.Unit, {SKOS.Concept}),
    ],
)
def test_ontology_class_alignment(graph, sub, supers):
    assert supers <= set(graph.objects(sub, RDFS.subClassOf))


def test_ontology_property_alignment(graph):
    assert (FP.within, RDF.type, OWL.TransitiveProperty) in graph
    assert (FP.implementedBy, RDFS.subPropertyOf, PROV.wasAttributedTo) in graph
    assert graph.value(FP.targets, RDFS.range) == FP.BeneficiaryGroup
    assert graph.value(FP.mentionedIn, RDFS.range) == FP.Article


def test_ontology_groups_match_the_contract(graph):
    fpg = Namespace("https://w3id.org/fupin/group/")
    declared = {str(c).removeprefix(str(fpg)) for c in graph.subjects(SKOS.inScheme, URIRef(fpg))}
    assert set(CONTRACT_GROUPS) <= declared
    for group, (broader, en) in CONTRACT_GROUPS.items():
        node = fpg[group]
        assert (node, RDF.type, FP.BeneficiaryGroup) in graph
        assert set(graph.objects(node, SKOS.broader)) == ({fpg[broader]} if broader else set())
        assert Literal(en, lang="en") in set(graph.objects(node, SKOS.prefLabel))


@pytest.mark.parametrize(
    ("namespace", "ids"),
    [
        ("https://w3id.org/fupin/sector/", CONTRACT_SECTORS),
        ("https://w3id.org/fupin/body-kind/", CONTRACT_BODY_KINDS),
        ("https://w3id.org/fupin/unit/", CONTRACT_UNITS),
    ],
)
def test_ontology_schemes_hold_the_contract_concepts(graph, namespace, ids):
    declared = {str(c).removeprefix(namespace) for c in graph.subjects(SKOS.inScheme, URIRef(namespace))}
    assert set(ids) <= declared


def test_ontology_every_concept_is_typed_and_labelled_in_both_languages(graph):
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= len(CONTRACT_GROUPS) + len(CONTRACT_SECTORS) + len(CONTRACT_BODY_KINDS) + len(
        CONTRACT_UNITS
    )
    for concept in concepts:
        scheme = graph.value(concept, SKOS.inScheme)
        assert (scheme, RDF.type, SKOS.ConceptScheme) in graph, concept
        assert str(concept).startswith(str(scheme)), concept
        assert (concept, RDF.type, SCHEME_CLASS[str(scheme)]) in graph, concept
        assert languages(graph, concept, SKOS.prefLabel) == {"en", "zh"}, concept
        assert {"en", "zh"} <= languages(graph, concept, RDFS.label), concept


def test_ontology_scaled_units_point_to_unit_concepts(graph):
    scaled = list(graph.subjects(RDF.type, FP.ScaledUnit))
    assert scaled
    for node in scaled:
        assert (graph.value(node, FP.baseUnit), RDF.type, FP.Unit) in graph
        assert graph.value(node, FP.multiplier).toPython() not in (0, 1)


def test_ontology_context_defines_prefixes_and_terms(graph):
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    for prefix in [
        "fp",
        "fpg",
        "fps",
        "fpu",
        "fpp",
        "fpa",
        "fpk",
        "fpid",
        "rdfs",
        "skos",
        "dcterms",
        "schema",
        "prov",
        "org",
        "wgs84",
        "geosparql",
        "qb",
        "xsd",
    ]:
        assert prefix in context
    assert context["fp"] == str(FP)
    for term, definition in context.items():
        if isinstance(definition, dict) and definition["@id"].startswith("fp:"):
            prop = FP[definition["@id"].removeprefix("fp:")]
            assert (prop, RDF.type, None) in graph, term
            if definition.get("@type") == "@id":
                assert (prop, RDF.type, OWL.ObjectProperty) in graph, term


def test_ontology_context_compacts_an_article_graph():
    data = Graph().parse(
        data="""
        @prefix fp: <https://w3id.org/fupin/ontology#> .
        <https://w3id.org/fupin/id/body/131002/education> a fp:GovernmentBody ;
            fp:bodyKind <https://w3id.org/fupin/body-kind/education> ;
            fp:area <https://w3id.org/fupin/place/131002> .
        """,
        format="turtle",
    )
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    compacted = json.loads(data.serialize(format="json-ld", context=context))
    assert compacted["bodyKind"] == "fpk:education"
    assert compacted["area"] == "fpp:131002"
    assert compacted["@type"] == "GovernmentBody"
