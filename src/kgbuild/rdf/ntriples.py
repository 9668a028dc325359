"""N-Triples and N-Quads text for triples of rdflib terms, written directly.

rdflib's serializer goes through a Graph; the build has plain lists of triples
and only needs each term's canonical N-Triples form (W3C RDF 1.1 N-Triples,
section 2.5: escapes in IRIs and strings).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

Triple = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal]

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _uchar(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04X}"


@lru_cache(maxsize=65536)
def iri_term(iri: str) -> str:
    return f"<{_IRI_FORBIDDEN.sub(_uchar, iri)}>"


def literal_term(literal: Literal) -> str:
    text = f'"{str(literal).translate(_STRING_ESCAPES)}"'
    if literal.language:
        return f"{text}@{literal.language}"
    if literal.datatype is not None and literal.datatype != XSD.string:
        return f"{text}^^{iri_term(literal.datatype)}"
    return text


def term(node: URIRef | BNode | Literal) -> str:
    kind = type(node)  # the exact classes first: a million terms for a thousand articles
    if kind is URIRef:
        return iri_term(node)
    if kind is Literal or isinstance(node, Literal):
        return literal_term(node)
    if isinstance(node, BNode):
        return f"_:{node}"
    return iri_term(node)


def ntriples(triples: Iterable[Triple]) -> str:
    """One ``s p o .`` line per triple."""
    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in triples)


def nquads(ntriples_text: str, graph_iri: str) -> str:
    """The lines of ``ntriples_text`` placed in the named graph ``graph_iri``."""
    graph = f" {iri_term(graph_iri)} .\n"
    # split on "\n" only: str.splitlines would also split inside literals holding U+2028 and the like
    return "".join(line[:-2] + graph for line in ntriples_text.split("\n") if line)
