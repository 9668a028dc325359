"""The namespaces of the graph contract, and the prefixes every serialisation binds."""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, QB, RDF, RDFS, SKOS, XSD

FP = Namespace("https://w3id.org/fupin/ontology#")
FPG = Namespace("https://w3id.org/fupin/group/")
FPS = Namespace("https://w3id.org/fupin/sector/")
FPU = Namespace("https://w3id.org/fupin/unit/")
FPP = Namespace("https://w3id.org/fupin/place/")
FPA = Namespace("https://w3id.org/fupin/article/")
FPK = Namespace("https://w3id.org/fupin/body-kind/")
FPID = Namespace("https://w3id.org/fupin/id/")

ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
WGS84 = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEOSPARQL = Namespace("http://www.opengis.net/ont/geosparql#")

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
