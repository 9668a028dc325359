"""Map extracted facts onto the ontology: minting IRIs and building each article's graph."""

from .mapping import article_graph, article_triples, graph_of
from .mint import article_iri

__all__ = ["article_graph", "article_iri", "article_triples", "graph_of"]
