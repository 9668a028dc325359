"""What a rebuild costs at the scale of a large corpus: nothing changed, and one article changed.

    python benchmarks/rebuild_at_scale.py --articles /tmp/corpus100k [--runs 3] [--json]

A real store of 100,000 generated articles takes the better part of two hours
to build on two cores. What a rebuild does for every *file* (list the corpus,
check each file's size and time against the hash cache, look its source up in
the article index) does not need the articles' graphs, so this script makes a
store that holds only the ontology and the bookkeeping of a build of every
file: the index beside it records every file as stored, under the store's
generation. It then times ``kgbuild build`` on it as a researcher runs it:
with nothing changed, and with one file changed, whose article is read,
extracted, validated and written in full. What the store's size adds (opening
it, replacing a graph among many) is measured by ``run_benchmark.py`` on real
stores.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run_benchmark import CHANGE, timed_command


def index_only_store(corpus: Path, store_dir: Path) -> int:
    """A store whose article index claims every file of ``corpus``, as a build of them all would leave it."""
    from kgbuild.incremental import ArticleIndex, FileHashes, Inputs, builder_fingerprint
    from kgbuild.ingest.read import input_files
    from kgbuild.lexicon import ontology_graph
    from kgbuild.namespaces import FPA
    from kgbuild.store import GraphStore, StoredArticle, sibling

    store = GraphStore(store_dir)
    builder = builder_fingerprint()
    store.load_ontology(ontology_graph(), builder)
    hashes = FileHashes(sibling(store_dir, "hashes.tsv"))
    inputs = Inputs({item.source: StoredArticle(str(FPA[Path(item.source).stem]), hashes.digest(item.location), builder)
                     for item in input_files([corpus])})
    hashes.save()
    ArticleIndex(sibling(store_dir, "articles.tsv")).save(inputs, store.new_generation())
    store.close()
    return len(inputs.articles)


def rebuilds(corpus: Path, store_dir: Path, runs: int) -> dict:
    command = [sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(store_dir), "--quiet"]
    changed = min(path for path in corpus.iterdir() if path.suffix == ".txt")
    original = changed.read_bytes()
    timings: dict[str, list[dict]] = {"unchanged": [], "one changed": []}
    try:
        for run in range(runs):
            timings["unchanged"].append(timed_command(command))
            changed.write_bytes(original + (CHANGE * (run + 1)).encode("utf-8"))
            timings["one changed"].append(timed_command(command))
    finally:
        changed.write_bytes(original)
    return timings


def summary(timings: dict[str, list[dict]]) -> dict:
    return {name: {"wall_s_median": statistics.median(run["wall_s"] for run in runs),
                   "cpu_s_median": statistics.median(run["cpu_s"] for run in runs),
                   "peak_tree_rss_mb": max(run["peak_tree_rss_mb"] for run in runs),
                   "summary": runs[-1]["summary"], "runs": len(runs)}
            for name, runs in timings.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, required=True, help="folder of articles (e.g. from generate_corpus.py)")
    parser.add_argument("--runs", type=int, default=3, help="timed rebuilds of each kind")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kgbuild-rebuild-"))
    try:
        files = index_only_store(args.articles, work / "store")
        result = {"corpus": str(args.articles), "files": files,
                  **summary(rebuilds(args.articles, work / "store", args.runs))}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"Rebuilds of {files} files ({args.articles}), index-only store; median of {args.runs} runs:\n")
    print("| rebuild | wall s | CPU s | peak memory, process tree (MB) | summary |\n|---|---:|---:|---:|---|")
    for name in ("unchanged", "one changed"):
        row = result[name]
        print(f"| {name} | {row['wall_s_median']:.2f} | {row['cpu_s_median']:.2f} | {row['peak_tree_rss_mb']:.0f} "
              f"| {row['summary']} |")


if __name__ == "__main__":
    main()
