"""The embedded Oxigraph store: one named graph per article, plus the ontology's graph.

Writing an article replaces its whole graph in one transaction, so a build that
dies leaves whole articles only. Queries see the default graph as the union of
all graphs, as the contract requires.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import DCTERMS

from .namespaces import FP, ONTOLOGY_GRAPH

DEFAULT_STORE = Path(".kgbuild/store")


_STORED_ARTICLES = f"""
SELECT ?article ?source ?hash ?builder WHERE {{
  GRAPH ?article {{
    ?article <{DCTERMS.source}> ?source ; <{FP.contentHash}> ?hash ; <{FP.builtBy}> ?builder .
  }}
}}"""


@dataclass(frozen=True)
class StoredArticle:
    """An article graph in the store: enough to tell whether its input changed since."""

    article_iri: str
    content_hash: str
    builder: str


class StoreError(RuntimeError):
    """The store could not be opened or written."""


class GraphStore:
    """An Oxigraph store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: Path | str | None = DEFAULT_STORE, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        try:
            self._store = self._open(read_only)
        except OSError as error:
            raise StoreError(f"cannot open the store at {self.path}: {error}") from error

    def _open(self, read_only: bool) -> ox.Store:
        if self.path is None:
            return ox.Store()
        if read_only:
            if not self.path.is_dir():
                raise OSError("no store there; run `kgbuild build` first")
            return ox.Store.read_only(str(self.path))
        self.path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(self.path))

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace the named graph ``graph_iri`` by the triples of ``ntriples``, atomically."""
        self._store.update(f"DROP SILENT GRAPH <{graph_iri}> ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}}} }}")

    def remove_graph(self, graph_iri: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def load_ontology(self, ontology: Graph) -> None:
        self.replace_graph(ONTOLOGY_GRAPH, ontology.serialize(format="nt"))

    def article_graphs(self) -> list[str]:
        """The IRIs of the article graphs, sorted."""
        return sorted(name.value for name in self._store.named_graphs() if name.value != ONTOLOGY_GRAPH)

    def stored_articles(self) -> dict[str, StoredArticle]:
        """What the store knows of each article it holds, by the article's source."""
        solutions = self._store.query(_STORED_ARTICLES)
        return {row["source"].value: StoredArticle(row["article"].value, row["hash"].value, row["builder"].value)
                for row in solutions}

    def graph_triples(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib Graph (for validation and inspection)."""
        data = ox.serialize(
            (quad.triple for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))),
            format=ox.RdfFormat.N_TRIPLES,
        )
        return Graph().parse(data=data or b"", format="nt")

    def query(self, sparql: str):
        """Run a SPARQL query with the union of all graphs as the default graph."""
        return self._store.query(sparql, use_default_graph_as_union=True)

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)

    def dump(self, output, rdf_format: ox.RdfFormat) -> None:
        self._store.dump(output, format=rdf_format)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()
