"""Map one extracted article onto the ontology: the triples of its named graph.

The build works on the plain list of triples (``article_triples``); an rdflib
``Graph`` (``article_graph``) is made only where one is wanted, since indexing
every triple costs more than making it.

Every extracted node carries ``fp:evidence`` (the sentence that states it) and
``fp:mentionedIn`` (the article), so each fact can be traced to its source.
Places come with their ancestors up to the province; an ancestor that the
article does not name is described but not marked as mentioned. A place the
gazetteer links to GeoNames carries that link as ``skos:exactMatch``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef

from ..gazetteer import Area, Gazetteer
from ..gazetteer.links import geonames_iri
from ..model import Article, BodyFact, MeasureFact, OutcomeFact, ProgramFact
from .ntriples import Triple
from .mint import (
    article_iri,
    body_iri,
    geometry_iri,
    measure_iri,
    outcome_iri,
    place_iri,
    program_iri,
)
from ..namespaces import DCTERMS, FP, FPG, FPK, FPS, FPU, GEOSPARQL, RDF, RDFS, SCHEMA, SKOS, WGS84, XSD, bind_prefixes

LEVEL_BY_CODE_LENGTH = {9: "township", 12: "village"}


# Literals are immutable and rdflib's constructor is slow: an article repeats its
# sentences, dates and values, and a corpus its places, so they are made once.
@lru_cache(maxsize=4096)
def zh(text: str) -> Literal:
    return Literal(text, lang="zh")


@lru_cache(maxsize=4096)
def decimal_literal(text: str) -> Literal:
    return Literal(text, datatype=XSD.decimal)


@lru_cache(maxsize=4096)
def date_literal(value: str) -> Literal:
    """An ISO date of the precision given: YYYY, YYYY-MM, YYYY-MM-DD or a date-time."""
    if "T" in value:
        return Literal(value, datatype=XSD.dateTime)
    datatype = {4: XSD.gYear, 7: XSD.gYearMonth}.get(len(value), XSD.date)
    return Literal(value, datatype=datatype)


def decimal_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


class ArticleGraphBuilder:
    """Collects the triples of one article's graph."""

    def __init__(self, article: Article, gazetteer: Gazetteer):
        self.article = article
        self.gazetteer = gazetteer
        self.triples: dict[Triple, None] = {}  # an ordered set
        self.source = article_iri(article)
        self.place_names: dict[str, tuple[str, str]] = {}  # code -> (name in text, level)

    def add(self, subject, predicate, obj) -> None:
        self.triples[subject, predicate, obj] = None

    def evidence(self, node: URIRef, sentence: int) -> None:
        self.add(node, FP.evidence, zh(self.article.sentence_text(sentence)))
        self.add(node, FP.mentionedIn, self.source)

    def build(self) -> list[Triple]:
        self.add_article()
        facts = self.article.facts
        for mention in facts.places:
            self.place_names.setdefault(mention.code, (mention.name, mention.level))
        bodies = {(body.place, body.kind): self.add_body(body) for body in facts.bodies}
        outcomes = [self.add_outcome(outcome) for outcome in facts.outcomes]
        for program in facts.programs:
            self.add_program(program, bodies, outcomes)
        for group in facts.groups:
            self.add(FPG[group.concept], FP.mentionedIn, self.source)
        self.add_places()
        return list(self.triples)

    def add_article(self) -> None:
        article, node = self.article, self.source
        self.add(node, RDF.type, FP.Article)
        self.add(node, RDFS.label, zh(article.title or article.id))
        self.add(node, DCTERMS.source, Literal(article.source))
        self.add(node, FP.script, Literal(article.script))
        optional = [
            (FP.contentHash, article.content_hash, Literal),
            (DCTERMS.title, article.title, zh),
            (DCTERMS.issued, article.issued, date_literal),
            (DCTERMS.publisher, article.publisher, zh),
            (SCHEMA.author, article.author, zh),
            (SCHEMA.editor, article.editor, zh),
            (SCHEMA.url, article.url, lambda url: Literal(url, datatype=XSD.anyURI)),
        ]
        for predicate, value, literal in optional:
            if value:
                self.add(node, predicate, literal(value))

    def area(self, node: URIRef, code: str | None) -> None:
        if code:
            self.add(node, FP.area, place_iri(code))
            self.place_names.setdefault(code, ("", ""))

    def add_body(self, body: BodyFact) -> URIRef:
        node = body_iri(body.place, body.kind, body.name)
        self.add(node, RDF.type, FP.GovernmentBody)
        self.add(node, RDFS.label, zh(body.name))
        self.add(node, FP.bodyKind, FPK[body.kind])
        self.area(node, body.place)
        self.evidence(node, body.sentence)
        return node

    def add_outcome(self, outcome: OutcomeFact) -> URIRef:
        value = decimal_text(outcome.value)
        sentence = self.article.sentence_text(outcome.sentence)
        node = outcome_iri(self.article.id, sentence, value, outcome.unit, outcome.indicator, outcome.place)
        self.add(node, RDF.type, FP.Outcome)
        self.add(node, RDFS.label, zh(f"{outcome.indicator} {value} {outcome.unit}"))
        self.add(node, FP.value, decimal_literal(value))
        self.add(node, FP.unit, FPU[outcome.unit])
        self.add(node, FP.indicator, zh(outcome.indicator))
        if outcome.as_of:
            self.add(node, FP.asOf, date_literal(outcome.as_of))
        for sector in outcome.sectors:
            self.add(node, FP.sector, FPS[sector])
        self.area(node, outcome.place)
        self.evidence(node, outcome.sentence)
        return node

    def add_program(self, program: ProgramFact, bodies: dict, outcomes: list[URIRef]) -> None:
        node = program_iri(program.place, program.name)
        self.add(node, RDF.type, FP.Program)
        self.add(node, RDFS.label, zh(program.name))
        self.area(node, program.place)
        self.evidence(node, program.sentence)
        for key in program.bodies:
            if key in bodies:
                self.add(node, FP.implementedBy, bodies[key])
        for group in program.targets:
            self.add(node, FP.targets, FPG[group])
            self.add(FPG[group], FP.mentionedIn, self.source)
        for sector in program.sectors:
            self.add(node, FP.sector, FPS[sector])
        for measure in program.measures:
            self.add(node, FP.hasMeasure, self.add_measure(node, program.place, measure))
        for index in program.outcomes:
            self.add(node, FP.hasOutcome, outcomes[index])

    def add_measure(self, program: URIRef, place: str, measure: MeasureFact) -> URIRef:
        node = measure_iri(program, measure.name)
        self.add(node, RDF.type, FP.Measure)
        self.add(node, RDFS.label, zh(measure.name))
        for sector in measure.sectors:
            self.add(node, FP.sector, FPS[sector])
        for group in measure.targets:
            self.add(node, FP.targets, FPG[group])
        self.area(node, place)
        self.evidence(node, measure.sentence)
        return node

    def add_places(self) -> None:
        mentioned = set(self.place_names)
        codes = set(mentioned)
        for code in mentioned:
            codes.update(ancestor.code for ancestor in self.gazetteer.ancestors(code))
        for code in sorted(codes):
            self.add_place(code, mentioned=code in mentioned, described=codes)

    def add_place(self, code: str, mentioned: bool, described: set[str]) -> None:
        """A place node; ``fp:within`` links it to its parent when the chain (up to the province) has it."""
        node = place_iri(code)
        area = self.gazetteer.area(code)
        if mentioned:
            self.add(node, FP.mentionedIn, self.source)
        if area is None:
            name, level = self.place_names.get(code, ("", ""))
            self.add(node, RDF.type, FP.Place)
            self.add(node, FP.adcode, Literal(code))
            self.add(node, RDFS.label, zh(name or code))
            self.add(node, FP.adminLevel, Literal(level or LEVEL_BY_CODE_LENGTH.get(len(code), "county")))
            return
        for triple in area_triples(area):
            self.add(*triple)
        if area.parent in described:
            self.add(node, FP.within, place_iri(area.parent))


@lru_cache(maxsize=8192)
def area_triples(area: Area) -> tuple[Triple, ...]:
    """What the gazetteer says of an area: the same in every article that names it."""
    node = place_iri(area.code)
    triples = [
        (node, RDF.type, FP.Place),
        (node, FP.adcode, Literal(area.code)),
        (node, RDFS.label, zh(area.name)),
    ]
    if area.pinyin:
        triples.append((node, RDFS.label, Literal(area.pinyin, lang="zh-Latn-pinyin")))
    triples.append((node, FP.adminLevel, Literal(area.level)))
    if area.lat is not None and area.lon is not None:
        triples += coordinate_triples(node, area.code, area.lat, area.lon)
    if link := geonames_iri(area.code):
        triples.append((node, SKOS.exactMatch, URIRef(link)))
    return tuple(triples)


def coordinate_triples(node: URIRef, code: str, lat: Decimal, lon: Decimal) -> list[Triple]:
    geometry = geometry_iri(code)
    return [
        (node, WGS84.lat, decimal_literal(decimal_text(lat))),
        (node, WGS84.long, decimal_literal(decimal_text(lon))),
        (node, GEOSPARQL.hasGeometry, geometry),
        (geometry, RDF.type, GEOSPARQL.Geometry),
        (geometry, GEOSPARQL.asWKT, Literal(f"POINT({lon} {lat})", datatype=GEOSPARQL.wktLiteral)),
    ]


def article_triples(article: Article, gazetteer: Gazetteer | None = None) -> list[Triple]:
    """The triples of the article's named graph (its IRI is ``article_iri(article)``), each once."""
    return ArticleGraphBuilder(article, gazetteer or Gazetteer.default()).build()


def article_graph(article: Article, gazetteer: Gazetteer | None = None) -> Graph:
    """The article's named graph as an rdflib Graph, with the contract's prefixes bound."""
    return graph_of(article_triples(article, gazetteer))


def graph_of(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph of ``triples``, with the contract's prefixes bound."""
    graph = bind_prefixes(Graph())
    for triple in triples:
        graph.add(triple)
    return graph
