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


def test_sigkill_mid_build_leaves_whole_articles_and_rebuild_repairs(samples_dir, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(3):
        for sample in sorted(samples_dir.glob("*.txt")):
            shutil.copy(sample, corpus / f"c{copy}_{sample.name}")
    reference = tmp_path / "reference"
    store = GraphStore(reference)
    pipeline.build([corpus], store)
    del store
    expected = graph_sizes(reference)

    killed = tmp_path / "killed"
    process = subprocess.Popen(
        [sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(killed), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    loaded = 0
    for line in process.stdout:
        loaded += line.startswith("loaded")
        if loaded == 3:
            process.send_signal(signal.SIGKILL)
            break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL

    partial = graph_sizes(killed)
    assert 3 <= len(partial) < len(expected)
    assert all(partial[graph] == expected[graph] for graph in partial)

    store = GraphStore(killed)
    report = pipeline.build([corpus], store)
    del store
    assert report.unchanged == len(partial)
    assert graph_sizes(killed) == expected
