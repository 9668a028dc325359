"""The N-Triples written without rdflib's serializer parse back to the same triples."""

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

from kgbuild.rdf.ntriples import nquads, ntriples

EX = "https://example.org/"

AWKWARD = [
    (URIRef(EX + "a"), RDFS.label, Literal('引号"与\\反斜杠', lang="zh")),
    (URIRef(EX + "a"), RDFS.comment, Literal("两行\n文字\r以及\u2028分隔符")),
    (URIRef(EX + "a"), URIRef(EX + "value"), Literal("12.50", datatype=XSD.decimal)),
    (URIRef(EX + "a"), URIRef(EX + "code"), Literal("130000", datatype=XSD.string)),
    (URIRef(EX + "a"), URIRef(EX + "when"), Literal("2019-05", datatype=XSD.gYearMonth)),
    (BNode("b1"), URIRef(EX + "p"), Literal("pinyin", lang="zh-Latn-pinyin")),
]


def oxigraph_triples(text: str) -> set:
    return set(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))


def test_ntriples_mean_what_rdflib_serialises():
    expected = Graph()
    for triple in AWKWARD:
        expected.add(triple)
    assert oxigraph_triples(ntriples(AWKWARD)) == oxigraph_triples(expected.serialize(format="nt"))


def test_characters_an_iri_may_not_hold_are_escaped_so_the_line_stays_whole():
    text = ntriples([(URIRef(EX + "a b>"), RDFS.label, Literal("x"))])
    assert text.startswith("<https://example.org/a\\u0020b\\u003E> ")


def test_nquads_puts_every_line_in_the_graph():
    graph = EX + "article/1"
    quads = list(ox.parse(nquads(ntriples(AWKWARD), graph), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(AWKWARD)
    assert {quad.graph_name.value for quad in quads} == {graph}
    assert any("\u2028" in quad.object.value for quad in quads)
