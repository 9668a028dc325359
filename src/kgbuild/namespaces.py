"""The namespaces of the graph contract, and the prefixes every serialisation binds."""

from __future__ import annotations

from functools import cache

from rdflib import Graph, Namespace, URIRef
from rdflib import namespace as rdflib_namespaces


class Vocabulary(Namespace):
    """A namespace of a fixed vocabulary: each term is made once.

    rdflib makes, and checks, a new URIRef on every ``NS.term`` access, which the
    mapping of a large corpus does millions of times. Minted identifiers (places,
    articles, facts) stay in plain ``Namespace`` objects: they are not cached.
    """

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):  # copy, pickle and friends probe for dunder methods
            raise AttributeError(name)
        return _term(str(self), name)

    def __getitem__(self, name: str) -> URIRef:
        return _term(str(self), name)


@cache
def _term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


FP = Vocabulary("https://w3id.org/fupin/ontology#")
FPG = Vocabulary("https://w3id.org/fupin/group/")
FPS = Vocabulary("https://w3id.org/fupin/sector/")
FPU = Vocabulary("https://w3id.org/fupin/unit/")
FPK = Vocabulary("https://w3id.org/fupin/body-kind/")
FPP = Namespace("https://w3id.org/fupin/place/")
FPA = Namespace("https://w3id.org/fupin/article/")
FPID = Namespace("https://w3id.org/fupin/id/")

RDF = Vocabulary(rdflib_namespaces.RDF)
RDFS = Vocabulary(rdflib_namespaces.RDFS)
OWL = Vocabulary(rdflib_namespaces.OWL)
XSD = Vocabulary(rdflib_namespaces.XSD)
SKOS = Vocabulary(rdflib_namespaces.SKOS)
DCTERMS = Vocabulary(rdflib_namespaces.DCTERMS)
PROV = Vocabulary(rdflib_namespaces.PROV)
QB = Vocabulary(rdflib_namespaces.QB)
ORG = Vocabulary("http://www.w3.org/ns/org#")
SCHEMA = Vocabulary("https://schema.org/")
WGS84 = Vocabulary("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEOSPARQL = Vocabulary("http://www.opengis.net/ont/geosparql#")

ONTOLOGY_GRAPH = "https://w3id.org/fupin/ontology"

PREFIXES: dict[str, Namespace] = {
    "fp": FP,
    "fpg": FPG,
    "fps": FPS,
    "fpu": FPU,
    "fpp": FPP,
    "fpa": FPA,
    "fpk": FPK,
    "fpid": FPID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "qb": QB,
    "org": ORG,
    "schema": SCHEMA,
    "wgs84": WGS84,
    "geosparql": GEOSPARQL,
}

# Concept schemes by the names the lexicon uses for them.
SCHEME_NAMESPACES: dict[str, Namespace] = {
    "group": FPG,
    "sector": FPS,
    "body-kind": FPK,
    "unit": FPU,
}


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph
