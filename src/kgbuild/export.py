"""Write the store out for other tools: RDF files, or CSV tables for spreadsheets.

- ``ttl``: Turtle of the union of all graphs, with the project's prefixes;
- ``jsonld``: the same union as JSON-LD, compacted with ``ontology/context.jsonld``;
- ``nq`` / ``trig``: every quad, each article in its named graph;
- ``csv``: a folder with one table per class (programs, bodies, outcomes, places,
  measures), one row per node, carrying its IRI, labels, key properties, the
  articles that state it and the sentences that are its evidence.

Output is deterministic: the same store always gives byte-identical files.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .namespaces import PREFIXES
from .resources import ontology_dir
from .store import GraphStore, rdflib_term

FORMATS = ("ttl", "jsonld", "nq", "trig", "csv")
CONTEXT_FILE = "context.jsonld"
MULTI_VALUE_SEPARATOR = " | "


class ExportError(ValueError):
    """An export that cannot be written as asked."""


@dataclass(frozen=True)
class Column:
    """A CSV column: the values reached from a node by a SPARQL property path."""

    name: str
    path: str
    language: str | None = None  # keep only literals in this language


@dataclass(frozen=True)
class Table:
    file: str
    rdf_class: str
    columns: tuple[Column, ...]


_ARTICLE_COLUMNS = (Column("articles", "fp:mentionedIn"), Column("evidence", "fp:evidence"))
TABLES = (
    Table("programs.csv", "fp:Program", (
        Column("label", "rdfs:label", "zh"), Column("area", "fp:area"), Column("implemented_by", "fp:implementedBy"),
        Column("targets", "fp:targets"), Column("sectors", "fp:sector"), Column("measures", "fp:hasMeasure"),
        Column("outcomes", "fp:hasOutcome"), *_ARTICLE_COLUMNS)),
    Table("bodies.csv", "fp:GovernmentBody", (
        Column("label", "rdfs:label", "zh"), Column("kind", "fp:bodyKind"), Column("area", "fp:area"),
        Column("programs", "^fp:implementedBy"), *_ARTICLE_COLUMNS)),
    Table("outcomes.csv", "fp:Outcome", (
        Column("label", "rdfs:label", "zh"), Column("value", "fp:value"), Column("unit", "fp:unit"),
        Column("indicator", "fp:indicator"), Column("as_of", "fp:asOf"), Column("area", "fp:area"),
        Column("sectors", "fp:sector"), Column("programs", "^fp:hasOutcome"), *_ARTICLE_COLUMNS)),
    Table("places.csv", "fp:Place", (
        Column("label", "rdfs:label", "zh"), Column("pinyin", "rdfs:label", "zh-Latn-pinyin"),
        Column("adcode", "fp:adcode"), Column("level", "fp:adminLevel"), Column("within", "fp:within"),
        Column("lat", "wgs84:lat"), Column("long", "wgs84:long"), Column("same_as", "skos:exactMatch"),
        Column("articles", "fp:mentionedIn"))),
    Table("measures.csv", "fp:Measure", (
        Column("label", "rdfs:label", "zh"), Column("area", "fp:area"), Column("sectors", "fp:sector"),
        Column("targets", "fp:targets"), Column("programs", "^fp:hasMeasure"), *_ARTICLE_COLUMNS)),
)


def export_store(store: GraphStore, fmt: str, out: Path | None) -> None:
    """Write the store in ``fmt`` to the file (folder, for csv) ``out``, or to stdout when ``out`` is None."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "csv":
        if out is None:
            raise ExportError("csv export writes a folder of tables; give it with --out DIR")
        write_csv_tables(store, out)
        return
    data = serialize_store(store, fmt)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)


def serialize_store(store: GraphStore, fmt: str) -> bytes:
    """The store as bytes in one of the RDF formats."""
    if fmt == "nq":
        return ox.serialize(sorted_quads(store), format=ox.RdfFormat.N_QUADS)
    if fmt == "trig":
        return ox.serialize(sorted_quads(store), format=ox.RdfFormat.TRIG, prefixes=prefix_map())
    if fmt == "ttl":
        return ox.serialize(union_triples(store), format=ox.RdfFormat.TURTLE, prefixes=prefix_map())
    if fmt == "jsonld":
        return compacted_jsonld(union_triples(store)).encode("utf-8")
    raise ExportError(f"{fmt!r} is not an RDF format")


def prefix_map() -> dict[str, str]:
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def sorted_quads(store: GraphStore) -> list[ox.Quad]:
    """Every quad, blank nodes relabelled canonically, sorted."""
    quads = relabel_blank_nodes(list(store.quads()))
    return sorted(quads, key=lambda quad: (str(quad.graph_name), str(quad.subject), str(quad.predicate),
                                           str(quad.object)))


def union_triples(store: GraphStore) -> list[ox.Triple]:
    """Every distinct triple of every graph (the merge the store keeps), sorted so subjects group together."""
    merged = [ox.Quad(triple.subject, triple.predicate, triple.object) for triple in store.merged_triples()]
    triples = [quad.triple for quad in relabel_blank_nodes(merged)]
    return sorted(triples, key=lambda triple: (str(triple.subject), str(triple.predicate), str(triple.object)))


def relabel_blank_nodes(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Blank nodes renamed by RDF Dataset Canonicalization (W3C RDFC-1.0, labels ``c14nN``), so two builds of
    one corpus export the same bytes.

    Every parse mints new random blank node labels (the ontology's OWL lists and
    restrictions are blank nodes). Only the quads that mention a blank node are
    canonicalised: RDFC-1.0 labels a blank node by those alone, and the article
    quads, which have none, are passed through as they are.
    """
    plain: list[ox.Quad] = []
    with_blanks: list[ox.Quad] = []
    for quad in quads:
        mentions_blank = isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode)
        (with_blanks if mentions_blank else plain).append(quad)
    if not with_blanks:
        return quads
    canonical = ox.Dataset(with_blanks)
    canonical.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return plain + list(canonical)


def jsonld_context() -> dict:
    """The ontology's JSON-LD context, or the project's prefixes when the ontology has none."""
    path = ontology_dir() / CONTEXT_FILE
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8")).get("@context", {})
    return prefix_map()


def compacted_jsonld(triples: list[ox.Triple]) -> str:
    graph = Graph()
    for triple in triples:
        graph.add((rdflib_term(triple.subject), rdflib_term(triple.predicate), rdflib_term(triple.object)))
    document = json.loads(graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True))
    return json.dumps(sorted_arrays(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sorted_arrays(value, key: str = ""):
    """JSON with every unordered array sorted (rdflib emits them in hash order); ``@list`` keeps its order."""
    if isinstance(value, dict):
        return {name: sorted_arrays(item, name) for name, item in value.items()}
    if isinstance(value, list):
        items = [sorted_arrays(item) for item in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
    return value


# --- CSV tables -----------------------------------------------------------------------------------


def write_csv_tables(store: GraphStore, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        rows = table_rows(store, table)
        with (folder / table.file).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["iri", *(column.name for column in table.columns)])
            writer.writerows(rows)


def table_rows(store: GraphStore, table: Table) -> list[list[str]]:
    """One row per node of the table's class; several values of a column joined, sorted."""
    values: dict[str, dict[str, set[str]]] = {}
    for solution in store.query(table_query(table)):
        node = values.setdefault(solution["node"].value, {})
        if solution["column"] is not None:
            node.setdefault(solution["column"].value, set()).add(solution["value"].value)
    return [[iri, *(MULTI_VALUE_SEPARATOR.join(sorted(cells.get(column.name, ()))) for column in table.columns)]
            for iri, cells in sorted(values.items())]


def table_query(table: Table) -> str:
    """A SPARQL query giving (node, column, value) for every column of ``table``."""
    branches = []
    for column in table.columns:
        language = f' FILTER(LANG(?value) = "{column.language}")' if column.language else ""
        branches.append(f'{{ BIND("{column.name}" AS ?column) ?node {column.path} ?value .{language} }}')
    prefixes = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in prefix_map().items())
    return (f"{prefixes}SELECT DISTINCT ?node ?column ?value WHERE {{\n  ?node a {table.rdf_class} .\n"
            f"  OPTIONAL {{\n    {' UNION '.join(branches)}\n  }}\n}}")
