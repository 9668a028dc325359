"""kgbuild.export: RDF files that round-trip into rdflib, and CSV tables per class."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from fixtures.graph.loader import small_store
from rdflib import OWL, RDF, Dataset, Graph
from rdflib.collection import Collection

from kgbuild.export import TABLES, ExportError, export_store, relabel_blank_nodes

# rdflib's own N-Quads, TriG and JSON-LD parsers call its deprecated Dataset API.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


@pytest.fixture(scope="module")
def store():
    return small_store()


def count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


def union_triple_count(store) -> int:
    return count(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("nq", "nquads"), ("trig", "trig")])
def test_export_quads_round_trip_with_named_graphs(store, tmp_path, fmt, rdflib_format):
    out = tmp_path / f"graph.{fmt}"
    export_store(store, fmt, out)
    dataset = Dataset()
    dataset.parse(out, format=rdflib_format)
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(store)
    # every quad keeps its article's graph (or the ontology's); none falls into the default graph
    assert {str(graph) for _, _, _, graph in dataset.quads((None, None, None, None))} == set(
        store.article_graphs()) | {"https://w3id.org/fupin/ontology"}


def test_export_turtle_is_the_union_with_prefixes(store, tmp_path):
    out = tmp_path / "graph.ttl"
    export_store(store, "ttl", out)
    text = out.read_text(encoding="utf-8")
    assert "@prefix fp: <https://w3id.org/fupin/ontology#> ." in text
    assert len(Graph().parse(out, format="turtle")) == union_triple_count(store) < len(store)


def test_export_jsonld_is_compacted_and_parses_back(store, tmp_path):
    out = tmp_path / "graph.jsonld"
    export_store(store, "jsonld", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert "@context" in document
    graph = Graph().parse(out, format="json-ld")
    assert len(graph) == union_triple_count(store)
    union = next(graph.objects(None, OWL.unionOf))
    assert [str(member).rsplit("#", 1)[1] for member in Collection(graph, union)] == [
        "Program", "Measure", "Outcome", "GovernmentBody"]  # an RDF list keeps its order


def test_export_is_deterministic_across_processes(store, tmp_path):
    """Byte-identical files from another interpreter (another hash seed) loading the same store."""
    formats = ("ttl", "jsonld", "trig")
    script = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
              "from fixtures.graph.loader import small_store; from kgbuild.export import export_store; "
              f"[export_store(small_store(), fmt, Path(sys.argv[2]) / fmt) for fmt in {formats!r}]")
    subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent), str(tmp_path / "other")],
                   check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    for fmt in formats:
        export_store(store, fmt, tmp_path / "here" / fmt)
        assert (tmp_path / "here" / fmt).read_bytes() == (tmp_path / "other" / fmt).read_bytes(), fmt


def test_export_csv_has_one_row_per_node_of_each_class(store, tmp_path):
    export_store(store, "csv", tmp_path / "tables")
    for table in TABLES:
        with (tmp_path / "tables" / table.file).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        expected = count(store, f"PREFIX fp: <https://w3id.org/fupin/ontology#> "
                                f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {table.rdf_class} }}")
        assert len(rows) == expected, table.file
        assert all(row["iri"].startswith("https://w3id.org/fupin/") for row in rows)


def test_export_csv_rows_carry_properties_articles_and_evidence(store, tmp_path):
    export_store(store, "csv", tmp_path)
    with (tmp_path / "programs.csv").open(encoding="utf-8", newline="") as handle:
        programs = {row["label"]: row for row in csv.DictReader(handle)}
    goose = programs["养鹅帮扶工程"]
    assert goose["targets"] == "https://w3id.org/fupin/group/disabled"
    assert goose["articles"].split(" | ") == ["https://w3id.org/fupin/article/a001",
                                              "https://w3id.org/fupin/article/c001"]
    assert len(goose["evidence"].split(" | ")) == 2  # one sentence from each article


def test_export_refuses_unknown_format_and_csv_to_stdout(store):
    with pytest.raises(ExportError):
        export_store(store, "xml", None)
    with pytest.raises(ExportError):
        export_store(store, "csv", None)


def test_blank_nodes_are_labelled_by_what_they_state_whatever_labels_the_store_gave_them():
    """Two equal RDF lists under two classes (as OWL unions are): the labels a parse happened to mint must
    not decide which list is which in the export."""
    def quads(labels):
        first, rest, nil, union = (ox.NamedNode(str(term)) for term in (RDF.first, RDF.rest, RDF.nil, OWL.unionOf))
        graph = ox.NamedNode("https://w3id.org/fupin/ontology")
        made = []
        for owner, (head, tail) in zip(("A", "B"), labels):
            head, tail = ox.BlankNode(head), ox.BlankNode(tail)
            made += [ox.Quad(ox.NamedNode(f"https://example.org/{owner}"), union, head, graph),
                     ox.Quad(head, first, ox.NamedNode("https://example.org/X"), graph),
                     ox.Quad(head, rest, tail, graph),
                     ox.Quad(tail, first, ox.NamedNode("https://example.org/Y"), graph),
                     ox.Quad(tail, rest, nil, graph)]
        return made

    exports = {tuple(sorted(str(quad) for quad in relabel_blank_nodes(quads(labels))))
               for labels in ((("a", "b"), ("c", "d")), (("a", "d"), ("c", "b")), (("d", "a"), ("b", "c")))}
    assert len(exports) == 1
    (export,) = exports
    assert all("_:c14n" in line for line in export)
