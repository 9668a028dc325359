"""A build killed mid-load leaves whole articles only, and the next build completes the store."""

import os
import shutil
import signal
import subprocess
import sys

from kgbuild import pipeline
from kgbuild.store import GraphStore


def graph_sizes(path) -> dict[str, int]:
    store = GraphStore(path, read_only=True)
    return {graph: len(store.graph_triples(graph)) for graph in store.article_graphs()}


def corpus_and_expected_store(samples_dir, tmp_path) -> tuple:
    """Fifteen articles (the samples three times over), and the graph sizes of their store built undisturbed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(3):
        for sample in sorted(samples_dir.glob("*.txt")):
            shutil.copy(sample, corpus / f"c{copy}_{sample.name}")
    reference = tmp_path / "reference"
    store = GraphStore(reference)
    pipeline.build([corpus], store)
    store.close()
    return corpus, graph_sizes(reference)


def kill_after_three_articles(command: list[str]) -> None:
    """Run ``command`` and SIGKILL it as soon as it reports its third loaded article."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    loaded = 0
    for line in process.stdout:
        loaded += line.startswith("loaded")
        if loaded == 3:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


def test_sigkill_mid_build_leaves_whole_articles_and_rebuild_repairs(samples_dir, tmp_path):
    corpus, expected = corpus_and_expected_store(samples_dir, tmp_path)
    killed = tmp_path / "killed"
    kill_after_three_articles([sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(killed),
                               "--workers", "1"])

    partial = graph_sizes(killed)
    assert 3 <= len(partial) < len(expected)
    assert all(partial[graph] == expected[graph] for graph in partial)

    store = GraphStore(killed)
    report = pipeline.build([corpus], store)
    del store
    assert report.unchanged == len(partial)
    assert graph_sizes(killed) == expected


BULK_BUILD = """
import sys
from kgbuild import pipeline
from kgbuild.store import GraphStore
pipeline.BULK_MINIMUM_FILES, pipeline.BULK_BATCH_TRIPLES = 1, 1000
pipeline.build([sys.argv[1]], GraphStore(sys.argv[2]), log=lambda line: print(line, flush=True))
"""


def test_sigkill_mid_bulk_build_leaves_the_store_as_it_was_and_rebuild_completes(samples_dir, tmp_path):
    corpus, expected = corpus_and_expected_store(samples_dir, tmp_path)
    killed = tmp_path / "killed"
    GraphStore(killed).close()
    kill_after_three_articles([sys.executable, "-c", BULK_BUILD, str(corpus), str(killed)])
    assert (tmp_path / "killed.staging").exists()

    assert graph_sizes(killed) == {}
    store = GraphStore(killed)
    report = pipeline.build([corpus], store)
    store.close()
    assert report.loaded == len(expected)
    assert graph_sizes(killed) == expected
    assert not (tmp_path / "killed.staging").exists()
