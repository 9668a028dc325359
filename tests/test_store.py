"""The store keeps one named graph per article and replaces it whole."""

import pytest
from rdflib import Graph, Literal, URIRef

from kgbuild.store import GraphStore, StoreError

EX = "http://example.org/"


def graph_of(*labels: str) -> str:
    """N-Triples of one triple per label."""
    graph = Graph()
    for label in labels:
        graph.add((URIRef(EX + label), URIRef(EX + "label"), Literal(label, lang="zh")))
    return graph.serialize(format="nt")


def count(store: GraphStore, graph_iri: str) -> int:
    result = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    return int(next(iter(result))["n"].value)


def test_replace_graph_replaces_only_that_article(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.replace_graph(EX + "a1", graph_of("甲", "乙"))
    store.replace_graph(EX + "a2", graph_of("丙"))
    store.replace_graph(EX + "a1", graph_of("丁"))
    assert count(store, EX + "a1") == 1
    assert count(store, EX + "a2") == 1
    assert store.article_graphs() == [EX + "a1", EX + "a2"]


def test_default_graph_is_the_union_of_article_graphs():
    store = GraphStore(None)
    store.replace_graph(EX + "a1", graph_of("甲"))
    store.replace_graph(EX + "a2", graph_of("乙"))
    labels = sorted(s["l"].value for s in store.query(f"SELECT ?l WHERE {{ ?s <{EX}label> ?l }}"))
    assert labels == ["乙", "甲"]


def test_store_persists_and_opens_read_only(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.replace_graph(EX + "a1", graph_of("甲"))
    store.flush()
    del store
    reopened = GraphStore(tmp_path / "store", read_only=True)
    assert len(reopened) == 1  # named-graph quads; the merge is derived
    assert len(reopened.graph_triples(EX + "a1")) == 1


def test_read_only_store_that_does_not_exist_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="kgbuild build"):
        GraphStore(tmp_path / "missing", read_only=True)


def test_the_default_graph_holds_each_shared_triple_once():
    store = GraphStore(None)
    store.replace_graph(EX + "a1", graph_of("甲", "乙"))
    store.replace_graph(EX + "a2", graph_of("甲"))
    rows = list(store.query(f"SELECT ?s WHERE {{ ?s <{EX}label> ?l }}"))
    assert sorted(row["s"].value for row in rows) == [EX + "乙", EX + "甲"]


def test_replacing_or_removing_a_graph_keeps_triples_other_graphs_state():
    store = GraphStore(None)
    store.replace_graph(EX + "a1", graph_of("甲", "乙"))
    store.replace_graph(EX + "a2", graph_of("甲"))
    store.replace_graph(EX + "a1", graph_of("丙"))
    assert sorted(t.subject.value for t in store.merged_triples()) == [EX + "丙", EX + "甲"]
    store.remove_graph(EX + "a2")
    assert [t.subject.value for t in store.merged_triples()] == [EX + "丙"]
    assert len(store) == 1


def stored_quads(store: GraphStore) -> set:
    return set(store._store)


def test_bulk_added_graphs_equal_graphs_replaced_one_by_one():
    one_by_one, bulk = GraphStore(None), GraphStore(None)
    graphs = [(EX + "a1", graph_of("甲", "乙")), (EX + "a2", graph_of("乙", "丙"))]
    for graph_iri, ntriples in graphs:
        one_by_one.replace_graph(graph_iri, ntriples)
    bulk.add_graphs_in_bulk(graphs)
    assert stored_quads(bulk) == stored_quads(one_by_one)


def test_build_in_bulk_replaces_the_store_only_when_the_block_completes(tmp_path):
    path = tmp_path / "store"
    store = GraphStore(path)
    store.replace_graph(EX + "old", graph_of("旧"))
    with pytest.raises(RuntimeError):
        with store.build_in_bulk() as staging:
            staging.add_graphs_in_bulk([(EX + "new", graph_of("新"))])
            raise RuntimeError("the build died")
    assert store.article_graphs() == [EX + "old"]
    with store.build_in_bulk() as staging:
        staging.add_graphs_in_bulk([(EX + "new", graph_of("新"))])
    assert store.article_graphs() == [EX + "new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def staged(tmp_path, complete: bool) -> GraphStore:
    """A store holding "old", and a staging store holding "new" left beside it by a build that stopped."""
    store = GraphStore(tmp_path / "store")
    store.replace_graph(EX + "old", graph_of("旧"))
    staging = GraphStore(tmp_path / "store.staging")
    staging.add_graphs_in_bulk([(EX + "new", graph_of("新"))])
    staging.flush()
    if complete:
        (tmp_path / "store.staging" / "kgbuild-staging-complete").touch()
    return store


def test_opening_a_store_drops_an_incomplete_staging_store(tmp_path):
    store, staging = staged(tmp_path, complete=False), None
    del store, staging
    assert GraphStore(tmp_path / "store").article_graphs() == [EX + "old"]
    assert not (tmp_path / "store.staging").exists()


def test_opening_a_store_finishes_a_swap_cut_short_between_its_renames(tmp_path):
    store = staged(tmp_path, complete=True)
    del store
    (tmp_path / "store").rename(tmp_path / "store.retired")
    assert GraphStore(tmp_path / "store").article_graphs() == [EX + "new"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store"]


def test_opening_a_store_undoes_a_swap_whose_staging_store_is_gone(tmp_path):
    store = GraphStore(tmp_path / "store")
    store.replace_graph(EX + "old", graph_of("旧"))
    del store
    (tmp_path / "store").rename(tmp_path / "store.retired")
    assert GraphStore(tmp_path / "store").article_graphs() == [EX + "old"]


def test_the_generation_changes_with_each_new_one_and_stays_out_of_the_graph(tmp_path):
    store = GraphStore(tmp_path / "store")
    assert store.generation() is None and store.ontology_builder() is None
    first = store.new_generation()
    second = store.new_generation()
    assert first != second and store.generation() == second
    store.load_ontology(Graph(), "kgbuild 1 x")
    assert store.ontology_builder() == "kgbuild 1 x"
    assert store.article_graphs() == [] and len(store) == 0 and not list(store.merged_triples())
    store.close()
    assert GraphStore(tmp_path / "store", read_only=True).generation() == second
