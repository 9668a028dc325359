"""The whole path on the sample corpus: read, extract, map, validate, load."""

import gc
import os
import shutil
import signal
import threading
import time

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kgbuild import pipeline
from kgbuild.incremental import FailedInput, FileHashes
from kgbuild.ingest.read import InputFile
from kgbuild.model import InputProblem
from kgbuild.query import load_named_query, run_query
from kgbuild.store import GraphStore


def sorted_nquads(path) -> list[str]:
    """The store's quads, the merge in the default graph included, blank nodes labelled by RDFC-1.0, sorted."""
    store = GraphStore(path, read_only=True)
    merge = (ox.Quad(triple.subject, triple.predicate, triple.object) for triple in store.merged_triples())
    dataset = ox.Dataset([*store.quads(), *merge])
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return sorted(str(quad) for quad in dataset)


def test_samples_all_load(built_store, samples_dir):
    _, report = built_store
    assert report.read == len(list(samples_dir.glob("*.txt"))) == report.loaded
    assert not report.skipped and not report.rejected
    assert report.triples > 500


def test_disabled_households_question_finds_the_goose_and_disability_programs(built_store):
    path, _ = built_store
    result = run_query(GraphStore(path, read_only=True), load_named_query("programs-for-group"), {"group": "disabled"})
    labels = {row["label"].value for row in result.rows}
    assert any("养鹅" in label for label in labels)
    assert any("助残" in label for label in labels)
    for row in result.rows:
        assert row["evidence"].value.strip() and row["source"].value.endswith(".txt")


def test_narrower_groups_answer_broader_questions(built_store):
    path, _ = built_store
    store = GraphStore(path, read_only=True)
    poor = {row["program"].value for row in run_query(store, load_named_query("programs-for-group"), {"group": "poor-population"}).rows}
    disabled = {row["program"].value for row in run_query(store, load_named_query("programs-for-group"), {"group": "disabled"}).rows}
    assert disabled and disabled <= poor


def test_every_evidence_sentence_occurs_in_its_article(built_store, samples_dir):
    from kgbuild.ingest import read_articles

    texts = {article.source: article.text for article in read_articles([samples_dir])}
    path, _ = built_store
    store = GraphStore(path, read_only=True)
    rows = store.query("""PREFIX fp: <https://w3id.org/fupin/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?source ?evidence WHERE { GRAPH ?g { ?n fp:evidence ?evidence } ?g dcterms:source ?source }""")
    checked = 0
    for row in rows:
        assert row["evidence"].value in texts[row["source"].value]
        checked += 1
    assert checked > 50


def test_building_twice_gives_the_same_store(built_store, samples_dir, tmp_path):
    path, _ = built_store
    copy = tmp_path / "again"
    shutil.copytree(path, copy)
    store = GraphStore(copy)
    pipeline.build([samples_dir], store)
    del store
    assert sorted_nquads(copy) == sorted_nquads(path)


def test_a_broken_input_is_reported_and_the_others_load(samples_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(next(samples_dir.glob("000_*.txt")), corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    report = pipeline.build([corpus], GraphStore(None))
    assert report.loaded == 1
    assert sorted(problem.source for problem in report.skipped) == ["binary.txt", "empty.txt"]


def give_a_bad_outcome_to(source, monkeypatch):
    """Make the mapping add an outcome the shapes reject to the article from ``source``."""
    real_article_triples = pipeline.article_triples

    def triples_with_a_bad_outcome(article):
        triples = real_article_triples(article)
        if article.source == source:
            outcome = URIRef("https://w3id.org/fupin/id/outcome/broken")
            triples += [(outcome, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         URIRef("https://w3id.org/fupin/ontology#Outcome")),
                        (outcome, URIRef("https://w3id.org/fupin/ontology#value"), Literal("many"))]
        return triples

    monkeypatch.setattr(pipeline, "article_triples", triples_with_a_bad_outcome)


def test_an_article_failing_validation_is_not_loaded(samples_dir, tmp_path, monkeypatch):
    corpus = corpus_copy(samples_dir, tmp_path, 2)
    broken_source = sorted(p.name for p in corpus.iterdir())[0]
    give_a_bad_outcome_to(broken_source, monkeypatch)
    store = GraphStore(None)
    report = pipeline.build([corpus], store)
    assert [rejected.source for rejected in report.rejected] == [broken_source]
    assert any("outcome/broken" in problem for problem in report.rejected[0].problems)
    assert report.loaded == 1 and len(store.article_graphs()) == 1


def test_an_unchanged_failed_file_is_reported_again_without_being_read(samples_dir, tmp_path, monkeypatch):
    corpus = corpus_copy(samples_dir, tmp_path, 2)
    (corpus / "empty.txt").write_bytes(b"")
    broken_source = sorted(p.name for p in corpus.iterdir())[0]
    give_a_bad_outcome_to(broken_source, monkeypatch)
    store = GraphStore(tmp_path / "store")
    first = pipeline.build([corpus], store)

    def no_extraction(article):
        raise AssertionError(f"{article.source} was read again")

    monkeypatch.setattr(pipeline, "extract_or_report", no_extraction)
    again = pipeline.build([corpus], store)
    assert (again.loaded, again.unchanged) == (0, 1)
    assert again.rejected == first.rejected and again.skipped == first.skipped
    assert [problem.source for problem in again.skipped] == ["empty.txt"]

    (corpus / "empty.txt").write_text("全县共有贫困户100户。", encoding="utf-8")
    with pytest.raises(AssertionError, match="empty.txt was read again"):
        pipeline.build([corpus], store)


def test_a_dying_worker_is_not_remembered_as_the_file_s_failure(tmp_path):
    (tmp_path / "a.txt").write_text("甲", encoding="utf-8")
    item = InputFile(str(tmp_path / "a.txt"), "a.txt")
    hashes = FileHashes(None)
    died = InputProblem("a.txt", "the worker process reading it died", transient=True)
    assert pipeline.lasting_failure(item, [died], "kgbuild 1 x", hashes) is None
    unreadable = InputProblem("a.txt", "a.txt: no article text left after cleaning")
    failed = pipeline.lasting_failure(item, [unreadable], "kgbuild 1 x", hashes)
    assert failed == FailedInput(hashes.digest(item.location), "kgbuild 1 x", False, (unreadable.problem,))


def test_validate_store_finds_no_violations_in_a_fresh_build(built_store):
    path, _ = built_store
    assert pipeline.validate_store(GraphStore(path, read_only=True)) == {}


def test_validate_store_reports_a_broken_graph_alike_with_compiled_checks_and_pyshacl(samples_dir):
    (article,) = [item for item in pipeline.analyse(sorted(samples_dir.glob("*.txt"))[:1])]
    processed = pipeline.process_article(article, "kgbuild test")
    store = GraphStore(None)
    broken = ("<https://w3id.org/fupin/id/outcome/broken> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
              "<https://w3id.org/fupin/ontology#Outcome> .\n"
              '<https://w3id.org/fupin/id/outcome/broken> <https://w3id.org/fupin/ontology#value> "many" .\n')
    store.replace_graph(processed.article_iri, processed.ntriples + broken)
    compiled = pipeline.validate_store(store)
    assert list(compiled) == [processed.article_iri]
    assert any("outcome/broken" in problem for problem in compiled[processed.article_iri])
    assert pipeline.validate_store(store, reference=True) == compiled


def corpus_copy(samples_dir, tmp_path, count=5):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for sample in sorted(samples_dir.glob("*.txt"))[:count]:
        shutil.copy(sample, corpus)
    return corpus


def test_rebuild_skips_unchanged_files_and_redoes_changed_ones(samples_dir, tmp_path):
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    store = GraphStore(tmp_path / "store")
    assert pipeline.build([corpus], store).loaded == 3
    again = pipeline.build([corpus], store)
    assert (again.loaded, again.unchanged) == (0, 3)
    changed = sorted(corpus.iterdir())[0]
    changed.write_text(changed.read_text("utf-8") + "\n全县共有贫困户100户。", "utf-8")
    third = pipeline.build([corpus], store)
    assert (third.loaded, third.unchanged) == (1, 2)
    assert pipeline.build([corpus], store, force=True).loaded == 3


def test_an_unchanged_rebuild_reads_the_index_and_writes_nothing(samples_dir, tmp_path, monkeypatch):
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    store = GraphStore(tmp_path / "store")
    pipeline.build([corpus], store)
    generation = store.generation()

    def no_scan():
        raise AssertionError("the store was scanned although its index is current")

    monkeypatch.setattr(store, "stored_articles", no_scan)
    again = pipeline.build([corpus], store)
    assert (again.loaded, again.unchanged) == (0, 3)
    assert store.generation() == generation


def test_an_index_that_no_longer_describes_the_store_is_not_trusted(samples_dir, tmp_path):
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    store = GraphStore(tmp_path / "store")
    pipeline.build([corpus], store)
    index = tmp_path / "store.articles.tsv"
    first_index = index.read_text("utf-8")
    changed = sorted(corpus.iterdir())[0]
    original = changed.read_text("utf-8")
    changed.write_text(original + "\n全县共有贫困户100户。", "utf-8")
    pipeline.build([corpus], store)
    # As if this second build had died after writing the store and before writing its index:
    index.write_text(first_index, "utf-8")
    changed.write_text(original, "utf-8")
    report = pipeline.build([corpus], store)
    assert (report.loaded, report.unchanged) == (1, 2)
    assert "全县共有贫困户100户" not in "".join(str(quad.object) for quad in store.quads())


def test_a_store_deleted_beside_its_index_is_built_again(samples_dir, tmp_path):
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    store = GraphStore(tmp_path / "store")
    pipeline.build([corpus], store)
    store.close()
    shutil.rmtree(tmp_path / "store")
    assert (tmp_path / "store.articles.tsv").exists()
    store = GraphStore(tmp_path / "store")
    assert pipeline.build([corpus], store).loaded == 3
    assert len(store.article_graphs()) == 3


def test_prune_drops_articles_whose_files_are_gone(samples_dir, tmp_path):
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    store = GraphStore(tmp_path / "store")
    pipeline.build([corpus], store)
    removed = sorted(corpus.iterdir())[0]
    removed.unlink()
    kept = pipeline.build([corpus], store)
    assert kept.pruned == 0 and len(store.article_graphs()) == 3
    pruned = pipeline.build([corpus], store, prune=True)
    assert pruned.pruned == 1
    assert not any(removed.stem in graph for graph in store.article_graphs())
    assert len(store.article_graphs()) == 2


def test_worker_processes_build_the_same_store_as_one_process(samples_dir, tmp_path, monkeypatch):
    corpus = corpus_copy(samples_dir, tmp_path, 4)
    monkeypatch.setattr(pipeline, "FILES_PER_WORKER_MINIMUM", 1)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    for path, workers in [(serial, 1), (parallel, 2)]:
        store = GraphStore(path)
        assert pipeline.build([corpus], store, workers=workers).loaded == 4
        del store
    assert sorted_nquads(serial) == sorted_nquads(parallel)


def test_a_dask_cluster_builds_the_same_store_as_one_process(samples_dir, tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    serial, clustered = tmp_path / "serial", tmp_path / "clustered"
    store = GraphStore(serial)
    pipeline.build([corpus], store)
    del store
    # Workers on loopback only: the test never opens another address.
    with distributed.LocalCluster(n_workers=2, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        store = GraphStore(clustered)
        report = pipeline.build([corpus], store, scheduler=cluster.scheduler_address)
        del store
    assert report.loaded == 3
    assert sorted_nquads(serial) == sorted_nquads(clustered)


def test_a_first_build_through_the_bulk_loader_equals_one_through_transactions(samples_dir, tmp_path, monkeypatch):
    corpus = corpus_copy(samples_dir, tmp_path, 4)
    transactional, bulk = tmp_path / "transactional", tmp_path / "bulk"
    store = GraphStore(transactional)
    pipeline.build([corpus], store)
    store.close()
    monkeypatch.setattr(pipeline, "BULK_MINIMUM_FILES", 1)
    monkeypatch.setattr(pipeline, "BULK_BATCH_TRIPLES", 1000)  # several batches
    store = GraphStore(bulk)
    report = pipeline.build([corpus], store)
    assert report.loaded == 4 and len(store.article_graphs()) == 4
    store.close()
    assert sorted_nquads(transactional) == sorted_nquads(bulk)
    assert not list(tmp_path.glob("*.staging")) and not list(tmp_path.glob("*.retired"))


class SlowStore:
    """Stands for a staging store whose bulk loads wait for ``release`` (and fail if ``fail`` is set)."""

    def __init__(self, fail: bool = False):
        self.release, self.fail, self.loaded = threading.Event(), fail, []

    def add_graphs_in_bulk(self, graphs):
        assert self.release.wait(10)
        if self.fail:
            raise OSError("disk full")
        self.loaded.extend(graph for graph, _ in graphs)

    def flush(self):
        pass


def processed(name: str, triples: int = 1) -> pipeline.Processed:
    return pipeline.Processed(name, f"https://w3id.org/fupin/article/{name}", "hash", "builder", "", triples)


def test_a_bulk_batch_loads_while_the_next_is_collected_and_finish_waits_for_it(monkeypatch):
    monkeypatch.setattr(pipeline, "BULK_BATCH_TRIPLES", 4)  # a graph is written twice: 2 triples fill a batch
    store = SlowStore()
    with pipeline.BulkWriter(store) as writer:
        writer.write(processed("a", triples=2))  # a batch: its load starts, and waits
        writer.write(processed("b"))  # collected meanwhile
        assert store.loaded == []
        store.release.set()
        writer.finish()
        assert store.loaded == ["https://w3id.org/fupin/article/a", "https://w3id.org/fupin/article/b"]


def test_a_bulk_load_that_fails_in_the_background_fails_the_build(monkeypatch):
    monkeypatch.setattr(pipeline, "BULK_BATCH_TRIPLES", 2)
    store = SlowStore(fail=True)
    store.release.set()
    with pipeline.BulkWriter(store) as writer:
        writer.write(processed("a"))
        with pytest.raises(OSError, match="disk full"):
            writer.finish()


def test_a_failed_bulk_build_leaves_the_store_as_it_was(samples_dir, tmp_path, monkeypatch):
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    store = GraphStore(tmp_path / "store")
    monkeypatch.setattr(pipeline, "BULK_MINIMUM_FILES", 1)
    monkeypatch.setattr(pipeline, "BULK_BATCH_TRIPLES", 1000)
    loads = []

    def second_load_fails(self, graphs):
        loads.append(len(graphs))
        if len(loads) == 2:
            raise OSError("disk full")
        return original(self, graphs)

    original = GraphStore.add_graphs_in_bulk
    monkeypatch.setattr(GraphStore, "add_graphs_in_bulk", second_load_fails)
    with pytest.raises(OSError, match="disk full"):
        pipeline.build([corpus], store)
    assert len(loads) >= 2
    assert store.article_graphs() == [] and store.generation() is None
    store.close()
    assert GraphStore(tmp_path / "store").article_graphs() == []  # and the half-built staging store is gone
    assert not list(tmp_path.glob("*.staging")) and not list(tmp_path.glob("*.retired"))


def test_the_bulk_loader_is_only_used_on_an_empty_store(samples_dir, tmp_path, monkeypatch):
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    store = GraphStore(tmp_path / "store")
    pipeline.build([sorted(corpus.iterdir())[0]], store)
    monkeypatch.setattr(pipeline, "BULK_MINIMUM_FILES", 1)
    report = pipeline.build([corpus], store)
    assert (report.loaded, report.unchanged) == (2, 1)
    assert len(store.article_graphs()) == 3


def sources_unless_a_crash(items):
    """Stands for a worker's work: each file's source; a file named crash* kills the worker outright."""
    if any(item.source.startswith("crash") for item in items):
        os._exit(1)
    return [[item.source] for item in items]


def test_a_worker_that_dies_costs_only_the_file_it_died_on(tmp_path):
    names = [f"a{index:02}.txt" for index in range(20)] + ["crash.txt"] + [f"b{index:02}.txt" for index in range(20)]
    items = [InputFile(str(tmp_path / name), name) for name in names]
    results = list(pipeline.processed_by_workers(items, sources_unless_a_crash, workers=2))
    assert len(results) == len(names)
    assert [result[0] for result in results if isinstance(result[0], str)] == [n for n in names if n != "crash.txt"]
    (died,) = [result[0] for result in results if isinstance(result[0], InputProblem)]
    assert died.source == "crash.txt" and "died" in died.problem


def test_a_rebuild_hands_its_few_changed_files_to_the_worker_it_readied_at_the_start(samples_dir, tmp_path,
                                                                                     monkeypatch):
    corpus = corpus_copy(samples_dir, tmp_path, 3)
    changed = sorted(corpus.iterdir())[1]
    stores = {workers: GraphStore(tmp_path / f"store{workers}") for workers in (1, 2)}
    for store in stores.values():
        pipeline.build([corpus], store)
    with changed.open("a", encoding="utf-8") as text:
        text.write("\n全县共有贫困户100户。")
    assert pipeline.build([corpus], stores[1]).loaded == 1

    def not_here(item, builder):
        raise AssertionError(f"{item.source} was processed by the building process")

    monkeypatch.setattr(pipeline, "process_file", not_here)  # the worker, a process of its own, keeps the real one
    report = pipeline.build([corpus], stores[2], workers=2)
    assert (report.loaded, report.unchanged) == (1, 2)
    for store in stores.values():
        store.close()
    assert sorted_nquads(tmp_path / "store1") == sorted_nquads(tmp_path / "store2")


def no_warm_up():
    """Stands for loading the extractor."""


def test_a_ready_worker_that_dies_costs_only_the_file_it_died_on(tmp_path):
    names = ["a.txt", "crash.txt", "b.txt", "c.txt"]
    items = [InputFile(str(tmp_path / name), name) for name in names]
    ready = pipeline.ReadyWorker(sources_unless_a_crash, warm=no_warm_up)
    try:
        results = [result[0] for result in ready.processed(items)]
    finally:
        ready.close()
    assert results[0] == "a.txt" and results[2:] == ["b.txt", "c.txt"]
    assert results[1].source == "crash.txt" and "died" in results[1].problem


def fails_to_warm_up():
    raise RuntimeError("no word lists")


def test_a_ready_worker_whose_warm_up_fails_still_does_the_work(tmp_path):
    ready = pipeline.ReadyWorker(sources_unless_a_crash, warm=fails_to_warm_up)
    try:
        assert list(ready.processed([InputFile(str(tmp_path / "a.txt"), "a.txt")])) == [["a.txt"]]
    finally:
        ready.close()


def fails(items):
    raise ValueError(f"cannot process {items[0].source}")


def test_an_error_in_a_ready_worker_is_raised_in_the_building_process(tmp_path):
    ready = pipeline.ReadyWorker(fails, warm=no_warm_up)
    try:
        with pytest.raises(ValueError, match="cannot process a.txt"):
            list(ready.processed([InputFile(str(tmp_path / "a.txt"), "a.txt")]))
    finally:
        ready.close()


def warms_up_for_ever():
    time.sleep(3600)


def test_a_ready_worker_not_needed_is_stopped_without_waiting_for_its_warm_up():
    ready = pipeline.ReadyWorker(fails, warm=warms_up_for_ever)
    ready.close()
    assert ready.exit_code == -signal.SIGTERM


def test_articles_are_processed_with_fewer_garbage_collections(samples_dir, monkeypatch):
    seen = []
    real_extract_or_report = pipeline.extract_or_report

    def recording(article):
        seen.append(gc.get_threshold())
        return real_extract_or_report(article)

    monkeypatch.setattr(pipeline, "extract_or_report", recording)
    before = gc.get_threshold()
    sample = next(samples_dir.glob("*.txt"))
    (result,) = pipeline.process_file(InputFile(str(sample), sample.name), "kgbuild 1 x")
    assert result.triples > 100
    assert seen == [pipeline.GC_THRESHOLDS] and gc.get_threshold() == before
