"""The article graph: what each fact becomes, with evidence and provenance."""

from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kgbuild.gazetteer import Area
from kgbuild.gazetteer.links import geonames_iri
from kgbuild.model import (
    Article,
    BodyFact,
    Facts,
    GroupMention,
    MeasureFact,
    OutcomeFact,
    PlaceMention,
    ProgramFact,
    Sentence,
)
from kgbuild.rdf import article_graph, article_iri
from kgbuild.rdf.mint import body_iri, program_iri
from kgbuild.namespaces import FP, FPG, FPK, FPP, FPS, FPU, WGS84

SENTENCES = ["安次区残联针对贫困残疾人实施“养鹅脱贫”工程,提供雏鹅繁育服务。", "全区现有贫困人口2071户。"]


class TinyGazetteer:
    """Three areas of a hierarchy, enough to map one article."""

    areas = {
        "130000": Area("130000", "河北省", ("河北",), "province", None, None, None, "Héběi Shěng"),
        "131000": Area("131000", "廊坊市", ("廊坊",), "prefecture", "130000", Decimal("39.52"), Decimal("116.70"), "Lángfáng Shì"),
        "131002": Area("131002", "安次区", ("安次",), "county", "131000", Decimal("39.50"), Decimal("116.69"), "Āncì Qū"),
    }

    def area(self, code):
        return self.areas.get(code)

    def ancestors(self, code):
        chain, area = [], self.areas[code]
        while area.parent:
            area = self.areas[area.parent]
            chain.append(area)
        return chain


def make_article() -> Article:
    text = "\n".join(SENTENCES)
    sentences, offset = [], 0
    for index, sentence in enumerate(SENTENCES):
        sentences.append(Sentence(index, sentence, offset, offset + len(sentence), index))
        offset += len(sentence) + 1
    body = BodyFact("安次区残联", "disabled-federation", "131002", 0)
    program = ProgramFact(
        name="“养鹅脱贫”工程", place="131002", sentence=0,
        bodies=[("131002", "disabled-federation")], targets=["disabled"], sectors=["industry"],
        measures=[MeasureFact("雏鹅繁育", 0, ("industry",))], outcomes=[0],
    )
    facts = Facts(
        places=[PlaceMention("131002", "安次区", "county", 0, 0, "full name")],
        bodies=[body], programs=[program],
        groups=[GroupMention("disabled", "贫困残疾人", 0)],
        outcomes=[OutcomeFact(Decimal("2071"), "household", "现有贫困人口", 1, "131002", "2018-09-21")],
    )
    return Article(id="t1", source="t1.txt", text=text, sentences=sentences, title="标题",
                   issued="2018-10-21", publisher="河北网", content_hash="abc", facts=facts)


@pytest.fixture(scope="module")
def graph():
    return article_graph(make_article(), TinyGazetteer())


def test_mapping_describes_article_metadata(graph):
    article = article_iri(make_article())
    assert (article, RDF.type, FP.Article) in graph
    assert (article, DCTERMS.issued, Literal("2018-10-21", datatype=XSD.date)) in graph
    assert (article, DCTERMS.source, Literal("t1.txt")) in graph
    assert (article, DCTERMS.publisher, Literal("河北网", lang="zh")) in graph


def test_mapping_links_program_to_body_group_sector_measure_and_outcome(graph):
    program = program_iri("131002", "“养鹅脱贫”工程")
    body = body_iri("131002", "disabled-federation", "安次区残联")
    assert (program, FP.implementedBy, body) in graph
    assert (program, FP.targets, FPG.disabled) in graph
    assert (program, FP.sector, FPS.industry) in graph
    assert (program, FP.area, FPP["131002"]) in graph
    assert (body, FP.bodyKind, FPK["disabled-federation"]) in graph
    measures = list(graph.objects(program, FP.hasMeasure))
    assert [graph.value(m, RDFS.label) for m in measures] == [Literal("雏鹅繁育", lang="zh")]
    outcome = graph.value(program, FP.hasOutcome)
    assert graph.value(outcome, FP.value) == Literal("2071", datatype=XSD.decimal)
    assert graph.value(outcome, FP.unit) == FPU.household
    assert graph.value(outcome, FP.asOf) == Literal("2018-09-21", datatype=XSD.date)


def test_every_extracted_node_carries_its_sentence_and_article(graph):
    article = article_iri(make_article())
    for cls in (FP.GovernmentBody, FP.Program, FP.Measure, FP.Outcome):
        for node in graph.subjects(RDF.type, cls):
            evidence = {str(e) for e in graph.objects(node, FP.evidence)}
            assert evidence and evidence <= set(SENTENCES), node
            assert (node, FP.mentionedIn, article) in graph


def test_places_carry_hierarchy_but_ancestors_are_not_mentioned(graph):
    article = article_iri(make_article())
    assert (FPP["131002"], FP.within, FPP["131000"]) in graph
    assert (FPP["131000"], FP.within, FPP["130000"]) in graph
    assert (FPP["131002"], FP.mentionedIn, article) in graph
    assert (FPP["130000"], FP.mentionedIn, article) not in graph
    assert graph.value(FPP["131002"], WGS84.lat) == Literal("39.5", datatype=XSD.decimal)
    assert (FPP["131002"], RDFS.label, Literal("Āncì Qū", lang="zh-Latn-pinyin")) in graph


def test_places_link_to_geonames_only_where_the_gazetteer_confirmed_a_feature(graph):
    links = {(place, str(link)) for place, link in graph.subject_objects(SKOS.exactMatch)}
    expected = {(FPP[code], geonames_iri(code)) for code in TinyGazetteer.areas if geonames_iri(code)}
    assert links == expected
    assert (FPP["130000"], geonames_iri("130000")) in links  # a province: its GeoNames ADM1 division
    assert geonames_iri("131002") is None  # a district: GeoNames has only its seat town, not the area


def test_mapping_is_deterministic():
    first = article_graph(make_article(), TinyGazetteer()).serialize(format="nt", encoding="utf-8")
    second = article_graph(make_article(), TinyGazetteer()).serialize(format="nt", encoding="utf-8")
    assert sorted(first.splitlines()) == sorted(second.splitlines())


def test_asof_precision_picks_the_datatype():
    article = make_article()
    article.facts.outcomes = [OutcomeFact(Decimal("5"), "village", "出列贫困村", 1, None, "2017-08")]
    article.facts.programs = []
    graph = article_graph(article, TinyGazetteer())
    outcome = next(graph.subjects(RDF.type, FP.Outcome))
    assert graph.value(outcome, FP.asOf) == Literal("2017-08", datatype=XSD.gYearMonth)
    assert graph.value(outcome, FP.area) is None
