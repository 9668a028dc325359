"""The embedded Oxigraph store: one named graph per article, plus the ontology's graph.

Writing an article replaces its whole graph in one transaction, so a build that
dies leaves whole articles only. The store's default graph is kept, in that same
transaction, as the RDF merge of all named graphs: each triple once, however
many articles state it. Queries read it as the contract's "union of all graphs".
(Oxigraph's own union-default-graph mode returns a triple once per graph that
holds it, so joins over shared nodes such as places multiply rows: counts go
wrong and queries slow down with every article that repeats a place.)

A first build of many articles goes faster through Oxigraph's bulk loader,
which gives no transactions. It therefore writes a *staging* store beside this
one and swaps the folders when the staging store is complete (``build_in_bulk``);
a build killed before the swap leaves this store as it was, and the next open
finishes or undoes a swap that was cut short.

The store's own bookkeeping (its generation token, the builder of its ontology)
lives in a graph of its own, ``STATE_GRAPH``, that is neither merged nor exported.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from .namespaces import FP, ONTOLOGY_GRAPH
from .rdf.ntriples import Triple, nquads

DEFAULT_STORE = Path(".kgbuild/store")
COMPLETE_MARK = "kgbuild-staging-complete"
# The store's own bookkeeping, in a graph of its own that is neither merged nor exported.
STATE_GRAPH = ox.NamedNode("urn:kgbuild:store")
_GENERATION = ox.NamedNode("urn:kgbuild:store:generation")
_ONTOLOGY_BUILDER = ox.NamedNode("urn:kgbuild:store:ontology-built-by")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _forget_graph(graph_iri: str) -> str:
    """SPARQL Update: drop a named graph, and from the merge the triples no other graph states."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != <{graph_iri}>) }} }} ;\n"
            f"DROP SILENT GRAPH <{graph_iri}>")


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
        if not self.path.exists():
            settle_swap(self.path)  # a swap cut short between its two renames
        self.path.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(self.path))  # the write lock: no other build is running from here on
        if swap_left_over(self.path):
            del store
            settle_swap(self.path)
            store = ox.Store(str(self.path))
        return store

    def replace_graph(self, graph_iri: str, ntriples: str) -> None:
        """Replace the named graph ``graph_iri`` by the triples of ``ntriples``, and the merge with it, atomically."""
        self._store.update(f"{_forget_graph(graph_iri)} ;\nINSERT DATA {{ GRAPH <{graph_iri}> {{\n{ntriples}}}\n{ntriples}}}")

    def add_graphs_in_bulk(self, graphs: Iterable[tuple[str, str]]) -> None:
        """Add named graphs that are not in the store yet, each ``(graph IRI, N-Triples)``, and the merge with them.

        Oxigraph's bulk loader: several times faster than ``replace_graph``, and not atomic.
        Use it on a store nobody reads until it is complete (``build_in_bulk``).
        The parser is lenient (it does not check IRIs again): the text is the build's own N-Triples
        writer's, of IRIs it minted, and the checks were 17 % of the load's CPU time.
        """
        data = "".join(nquads(ntriples, graph_iri) + ntriples for graph_iri, ntriples in graphs)
        self._store.bulk_load(data.encode("utf-8"), format=ox.RdfFormat.N_QUADS, lenient=True)

    @contextmanager
    def build_in_bulk(self) -> Iterator[GraphStore]:
        """A new, empty staging store that replaces this one, whole, when the ``with`` block completes.

        If the block raises (or the process dies), this store stays as it was. In memory,
        the staging store is this store itself.
        """
        if self.path is None:
            yield self
            return
        staging = sibling(self.path, "staging")
        shutil.rmtree(staging, ignore_errors=True)
        staged = GraphStore(staging)
        try:
            yield staged
            staged.flush()
            # The bulk loader leaves many overlapping table files; merging them once makes every later
            # lookup cheaper (on 10k articles: 37 s, and queries 1.1–3× faster).
            staged._store.optimize()
        finally:
            staged.close()
        (staging / COMPLETE_MARK).touch()
        _fsync_dir(staging)
        self.close()
        settle_swap(self.path)
        self._store = self._open(read_only=False)

    def remove_graph(self, graph_iri: str) -> None:
        self._store.update(_forget_graph(graph_iri))

    def load_ontology(self, ontology: Graph, builder: str) -> None:
        self.replace_graph(ONTOLOGY_GRAPH, ontology.serialize(format="nt"))
        self._set_state(_ONTOLOGY_BUILDER, builder)

    def ontology_builder(self) -> str | None:
        """The builder whose ontology the store holds (None: none, or one older than this bookkeeping)."""
        return self._state(_ONTOLOGY_BUILDER)

    def generation(self) -> str | None:
        """A token that changes whenever a build writes the store (see ``new_generation``)."""
        return self._state(_GENERATION)

    def new_generation(self) -> str:
        """Mark the store as changing: a new random token, committed before a build's first write.

        Whatever was recorded beside the store under the old token no longer describes it,
        even if the build is killed before it finishes.
        """
        token = uuid.uuid4().hex
        self._set_state(_GENERATION, token)
        return token

    def _state(self, key: ox.NamedNode) -> str | None:
        values = self._store.quads_for_pattern(STATE_GRAPH, key, None, STATE_GRAPH)
        return next((quad.object.value for quad in values), None)

    def _set_state(self, key: ox.NamedNode, value: str) -> None:
        self._store.update(f"DELETE WHERE {{ GRAPH {STATE_GRAPH} {{ {STATE_GRAPH} {key} ?value }} }} ;\n"
                           f"INSERT DATA {{ GRAPH {STATE_GRAPH} {{ {STATE_GRAPH} {key} {ox.Literal(value)} }} }}")

    def article_graphs(self) -> list[str]:
        """The IRIs of the article graphs, sorted."""
        return sorted(name.value for name in self._store.named_graphs()
                      if name.value != ONTOLOGY_GRAPH and name != STATE_GRAPH)

    def stored_articles(self) -> dict[str, StoredArticle]:
        """What the store knows of each article it holds, by the article's source."""
        sources, hashes, builders = (self._said_by_articles(predicate)
                                     for predicate in (DCTERMS.source, FP.contentHash, FP.builtBy))
        return {source: StoredArticle(article, hashes[article], builders[article])
                for article, source in sources.items() if article in hashes and article in builders}

    def _said_by_articles(self, predicate: str) -> dict[str, str]:
        """Each subject's value of ``predicate`` in the merge (an index scan: no SPARQL, each triple once)."""
        quads = self._store.quads_for_pattern(None, ox.NamedNode(predicate), None, ox.DefaultGraph())
        return {quad.subject.value: quad.object.value for quad in quads}

    def graph_triples(self, graph_iri: str) -> list[Triple]:
        """The triples of one named graph, as rdflib terms (for validation and inspection)."""
        quads = self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))
        return [(rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)) for quad in quads]

    def query(self, sparql: str):
        """Run a SPARQL query; its default graph is the merge of all graphs."""
        return self._store.query(sparql)

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the named graphs (the merge in the default graph is derived from them)."""
        return (quad for quad in self._store
                if not isinstance(quad.graph_name, ox.DefaultGraph) and quad.graph_name != STATE_GRAPH)

    def merged_triples(self) -> Iterator[ox.Triple]:
        """The default graph: each triple of any named graph, once."""
        return (quad.triple for quad in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def __len__(self) -> int:
        """How many quads ``quads()`` gives, counted by the store (decoding them all took 16+ min at 100k articles)."""
        solutions = self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {STATE_GRAPH}) }}")
        return int(next(iter(solutions))["n"].value)

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Release the store's files and lock now, whoever still holds this object."""
        self._store = None


def sibling(path: Path, role: str) -> Path:
    return path.with_name(f"{path.name}.{role}")


def swap_left_over(path: Path) -> bool:
    return sibling(path, "staging").exists() or sibling(path, "retired").exists()


def settle_swap(path: Path) -> None:
    """Finish a staging swap that is complete, or undo one that is not.

    A complete staging folder (it holds ``COMPLETE_MARK``) replaces ``path``, which is
    kept as ``path.retired`` until the new one is in place; an incomplete one is removed.
    """
    staging, retired = sibling(path, "staging"), sibling(path, "retired")
    if (staging / COMPLETE_MARK).exists():
        if path.exists() and not retired.exists():
            path.rename(retired)
        staging.rename(path)
        (path / COMPLETE_MARK).unlink()
        _fsync_dir(path.parent)
    if retired.exists() and not path.exists():
        retired.rename(path)
    shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> URIRef | BNode | Literal:
    """The rdflib term for an Oxigraph term: blank node labels kept (a parser would mint new, random ones), and an
    xsd:string literal a plain one, as the mapping makes it."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
