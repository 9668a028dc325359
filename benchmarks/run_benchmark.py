"""Where the build's time and memory go: per stage, end to end, against a naive baseline, and per query.

    python benchmarks/run_benchmark.py --articles /tmp/corpus1k [--json]
    python benchmarks/run_benchmark.py --articles /tmp/corpus100k --no-stages --no-baseline
    python benchmarks/run_benchmark.py --articles /tmp/corpus1k --profile /tmp/build.prof

The STAGED run calls the functions ``kgbuild.pipeline`` chains, one article at a
time in one process: read and normalise → extract → map to triples → validate
(compiled shapes) → serialise N-Triples → load (the bulk loader, into a staging
store), each stage timed separately. The extract stage is split further into
the components ``kgbuild.extract.extract`` calls, and the time spent inside
jieba is measured wherever it is called from. Every article is loaded, whatever
its validation verdict; the number the shapes reject is reported.

The END-TO-END run is ``kgbuild build`` as a researcher runs it (``--workers``
processes): wall and CPU time and the peak memory of the whole process tree;
then a rebuild with nothing changed and one with one article changed; then
every query of ``queries/`` runs ``--query-runs`` times on that store.

The NAIVE BASELINE reuses the staged run's extracted articles (the same
extraction, handed over in a pickle file), then maps them all into ONE rdflib
graph, calls pyshacl ONCE on it, and loads it afterwards in one transaction.
It runs under a memory limit (``--baseline-memory-gb``) so that a corpus too
large for it fails cleanly; the report then gives how far it got.

Each run is a child process, so each peak resident memory is its own.
``--profile`` runs the staged stages under cProfile instead (no baseline, no
queries) and prints the hotspots and the share of each package.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import math
import os
import pickle
import platform
import pstats
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, partial
from importlib import metadata
from pathlib import Path

STAGES = ("read", "extract", "map", "validate", "serialise", "load")
STAGE_TITLES = {
    "read": "read and normalise", "extract": "extract", "map": "map to RDF (triples)",
    "validate": "validate (compiled shapes)", "serialise": "serialise N-Triples", "load": "load (Oxigraph bulk loader)",
}
BASELINE_TITLES = {"map": "map to RDF (one rdflib graph)", "validate": "validate (one pyshacl call)",
                   "serialise": "serialise N-Triples", "load": "load (one transaction)"}
TRIPLE_STAGES = ("map", "validate", "serialise", "load")
PACKAGES = ("kgbuild", "rdflib", "pyshacl", "pyoxigraph", "jieba", "opencc", "cn2an", "charset-normalizer")
SEGMENTATION = "jieba segmentation"
PROGRESS_EVERY = 500  # articles between progress lines on stderr


class Clock:
    """Wall and CPU seconds spent per named stage, accumulated over many calls.

    CPU time is the figure to compare on a shared machine: other processes
    stretch the wall time, not the process's own CPU time.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)

    @contextmanager
    def timing(self, name: str) -> Iterator[None]:
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started
            self.cpu[name] += time.process_time() - started_cpu

    def figures(self) -> dict:
        return {"seconds": dict(self.seconds), "cpu": dict(self.cpu)}

    def timed(self, name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            with self.timing(name):
                return function(*args, **kwargs)
        wrapper.__wrapped__ = function
        return wrapper


def time_extract_components(clock: Clock) -> None:
    """Wrap, in ``kgbuild.extract``'s namespace, each function ``extract`` calls, to time it as a component."""
    import inspect

    import kgbuild.extract as module

    for name in module.extract.__code__.co_names:
        target = getattr(module, name, None)
        if inspect.isfunction(target):
            setattr(module, name, clock.timed(f"extract: {name}", target))


def time_segmentation(clock: Clock, characters: list[int]) -> None:
    """Time every jieba segmentation call, from whichever module it comes (lcut and cut share ``Tokenizer.cut``)."""
    import jieba

    original = jieba.Tokenizer.cut

    def cut(self, sentence, *args, **kwargs):
        with clock.timing(SEGMENTATION):
            words = list(original(self, sentence, *args, **kwargs))
        characters[0] += len(sentence)
        return iter(words)

    jieba.Tokenizer.cut = cut


def nearest_rank(sorted_values: list[float], fraction: float) -> float:
    return sorted_values[max(0, math.ceil(fraction * len(sorted_values)) - 1)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


# --- the staged run (child process) ---------------------------------------------------------------


def staged_run(files: list[Path], store_dir: Path, handoff: Path | None, memory_sample: int) -> dict:
    started = time.perf_counter()
    from kgbuild.extract import extract  # noqa: F401  (imports counted as start-up)
    from kgbuild.incremental import builder_fingerprint
    from kgbuild.lexicon import ontology_graph
    from kgbuild.pipeline import BulkWriter
    from kgbuild.store import GraphStore
    startup = {"imports": time.perf_counter() - started}

    clock = Clock()
    segmented = [0]
    time_extract_components(clock)
    time_segmentation(clock, segmented)
    started = time.perf_counter()
    process_files(files[:1], Clock(), None)  # dictionaries, gazetteer, shapes: loaded once per process
    startup["first article (loads dictionaries, gazetteer, shapes)"] = time.perf_counter() - started
    clock.seconds.clear()
    clock.cpu.clear()
    segmented[0] = 0

    store = GraphStore(store_dir)
    with store.build_in_bulk() as staging:
        started = time.perf_counter()
        staging.load_ontology(ontology_graph(), builder_fingerprint())
        startup["load ontology into store"] = time.perf_counter() - started
        totals = process_files(files, clock, BulkWriter(staging, in_background=False), handoff)
    return {
        "startup": startup, **clock.figures(), **totals,
        "segmented_characters": segmented[0],
        "peak_rss_mb": peak_rss_mb(),
        "peak_traced_mb_per_article": per_stage_peak_memory(files[:memory_sample]),
    }


def process_files(files: list[Path], clock: Clock, writer, handoff: Path | None = None) -> dict:
    """Run the stages over ``files`` one article at a time, timing each stage into ``clock``.

    The stages are the functions ``kgbuild.pipeline`` chains; ``writer`` (a pipeline
    ``BulkWriter`` or ``ArticleWriter``, or None) loads each article's graph.
    """
    from rdflib import Literal

    from kgbuild.extract import extract
    from kgbuild.ingest import read_articles
    from kgbuild.model import InputProblem
    from kgbuild.namespaces import FP
    from kgbuild.incremental import builder_fingerprint
    from kgbuild.pipeline import Processed
    from kgbuild.rdf import article_iri, article_triples
    from kgbuild.rdf.ntriples import ntriples
    from kgbuild.validate import check_triples

    builder = Literal(builder_fingerprint())
    totals = {"articles": 0, "skipped": 0, "rejected": 0, "triples": 0, "characters": 0}
    articles = read_articles(files)
    sink = handoff.open("wb") if handoff else None
    while True:
        with clock.timing("read"):
            article = next(articles, None)
        if article is None:
            break
        if isinstance(article, InputProblem):
            totals["skipped"] += 1
            continue
        with clock.timing("extract"):
            extract(article)
        if sink:
            pickle.dump(article, sink, protocol=pickle.HIGHEST_PROTOCOL)
        with clock.timing("map"):
            iri = article_iri(article)
            triples = article_triples(article) + [(iri, FP.builtBy, builder)]
        with clock.timing("validate"):
            conforms = check_triples(triples).conforms
        with clock.timing("serialise"):
            text = ntriples(triples)
        if writer is not None:
            with clock.timing("load"):
                writer.write(Processed(article.source, str(iri), article.content_hash, str(builder), text,
                                       len(triples)))
        totals["articles"] += 1
        totals["characters"] += len(article.text)
        totals["triples"] += len(triples)
        totals["rejected"] += not conforms
        if totals["articles"] % PROGRESS_EVERY == 0:
            print(f"  {totals['articles']} articles", file=sys.stderr, flush=True)
    if writer is not None:
        with clock.timing("load"):
            writer.finish()
    if sink:
        sink.close()
    return totals


def per_stage_peak_memory(files: list[Path]) -> dict[str, float]:
    """The largest Python allocation peak (tracemalloc) one article causes in each stage, in MB.

    Run apart from the timed pass: tracing slows Python several times. Oxigraph's
    own (Rust) memory is not traced; the process's peak RSS covers it.
    """
    from kgbuild.extract import extract
    from kgbuild.ingest import read_articles
    from kgbuild.model import InputProblem
    from kgbuild.rdf import article_triples
    from kgbuild.validate import check_triples

    peaks = dict.fromkeys(("read", "extract", "map", "validate"), 0.0)

    def traced(stage: str, function: Callable, *args):
        tracemalloc.reset_peak()
        baseline = tracemalloc.get_traced_memory()[0]
        result = function(*args)
        peaks[stage] = max(peaks[stage], (tracemalloc.get_traced_memory()[1] - baseline) / 1e6)
        return result

    tracemalloc.start()
    try:
        articles = read_articles(files)
        while (article := traced("read", next, articles, None)) is not None:
            if isinstance(article, InputProblem):
                continue
            traced("extract", extract, article)
            triples = traced("map", article_triples, article)
            traced("validate", check_triples, triples)
    finally:
        tracemalloc.stop()
    return peaks


def query_latencies(store, runs: int, budget: float, skip: frozenset[str] = frozenset()) -> dict[str, dict]:
    """p50 and p95 of each named query, with its default parameters, after one warm-up run.

    A place parameter is bound to the province the corpus mentions most (the
    defaults name sample places a generated corpus may not have). A query whose
    warm-up run shows that ``runs`` runs would take longer than ``budget``
    seconds gets as many runs as fit (its row says how many), and one slower
    than the whole budget is measured by its warm-up run alone.
    """
    from kgbuild.query import available_queries, load_named_query, run_query

    latencies = {}
    province = cache(partial(busiest_province, store))  # a query of its own: asked only if a timed query needs it
    for name in available_queries():
        query = load_named_query(name)
        if needs_network(query.sparql):
            latencies[name] = {"error": "skipped: SERVICE needs the network"}
            continue
        if name in skip:
            latencies[name] = {"error": "skipped (--skip-queries)"}
            continue
        params = {param.name: province() for param in query.params if param.kind == "iri-fpp" and province()}
        try:
            started = time.perf_counter()
            rows = len(run_query(store, query, params).rows)
            warm_up = time.perf_counter() - started
        except Exception as error:  # noqa: BLE001  (a broken query file must not cost the other figures)
            latencies[name] = {"error": f"{type(error).__name__}: {error}"}
            continue
        seconds = [] if warm_up < budget else [warm_up]  # too slow to repeat: the warm-up run is the figure
        for _ in range(min(runs, int(budget / max(warm_up, 1e-6)))):
            started = time.perf_counter()
            run_query(store, query, params)
            seconds.append(time.perf_counter() - started)
        seconds.sort()
        print(f"  query {name}: {len(seconds)} runs, median {nearest_rank(seconds, 0.5):.3f} s",
              file=sys.stderr, flush=True)
        latencies[name] = {"rows": rows, "p50_ms": 1000 * nearest_rank(seconds, 0.5),
                           "p95_ms": 1000 * nearest_rank(seconds, 0.95), "runs": len(seconds),
                           "params": params}
    return latencies


def busiest_province(store) -> str | None:
    """The GB/T 2260 code of the province mentioned by the most articles."""
    from kgbuild.namespaces import FP

    solutions = store.query(f"""SELECT ?place (COUNT(DISTINCT ?article) AS ?articles) WHERE {{
        ?place <{FP.adminLevel}> "province" ; <{FP.mentionedIn}> ?article }}
        GROUP BY ?place ORDER BY DESC(?articles) ?place LIMIT 1""")
    return next((solution["place"].value.rsplit("/", 1)[-1] for solution in solutions), None)


def needs_network(sparql: str) -> bool:
    code = (line.split("#", 1)[0] for line in sparql.splitlines())
    return any(re.search(r"\bSERVICE\b", line, re.IGNORECASE) for line in code)


# --- the end-to-end run (child process) ----------------------------------------------------------

CHANGE = "\n全县共有贫困户100户。"  # appended to one article for the incremental rebuild


def end_to_end_run(corpus: Path, store_dir: Path, workers: int, query_runs: int, query_budget: float,
                   skip_queries: frozenset[str]) -> dict:
    """``kgbuild build`` on the corpus, then again unchanged, then with one article changed; then the queries."""
    from kgbuild.store import GraphStore

    command = [sys.executable, "-m", "kgbuild", "build", str(corpus), "--store", str(store_dir),
               "--workers", str(workers), "--quiet"]
    result = {"workers": workers, "first": timed_command(command), "unchanged": timed_command(command)}
    changed = min(path for path in corpus.iterdir() if path.suffix == ".txt")
    original = changed.read_bytes()
    try:
        changed.write_bytes(original + CHANGE.encode("utf-8"))
        result["one changed"] = timed_command(command)
    finally:
        changed.write_bytes(original)
    result["store_mb"] = sum(path.stat().st_size for path in store_dir.rglob("*") if path.is_file()) / 1e6
    store = GraphStore(store_dir, read_only=True)
    result["quads"] = len(store)
    result["queries"] = query_latencies(store, query_runs, query_budget, skip_queries)
    return result


def timed_command(command: list[str]) -> dict:
    """Wall and CPU seconds of a command (its children included), the peak memory of its process tree, its summary."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    output = process.stdout.read().strip().splitlines()
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"wall_s": wall, "cpu_s": cpu, "peak_tree_rss_mb": peak, "returncode": process.returncode,
            "summary": output[-1] if output else ""}


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")) / 1024
            pending += [int(child) for child in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except (OSError, StopIteration):
            continue  # the process ended meanwhile
    return total


# --- the naive baseline (child process) -----------------------------------------------------------


def baseline_run(handoff: Path, store_dir: Path, memory_gb: float) -> dict:
    from rdflib import Graph

    from kgbuild.rdf import article_graph
    from kgbuild.store import GraphStore
    from kgbuild.validate import validate_graph

    limit = int(memory_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    clock = Clock()
    corpus = Graph()
    figures = {"articles": 0}
    try:
        with handoff.open("rb") as source:
            for article in unpickled(source):
                with clock.timing("map"):
                    corpus += article_graph(article)
                figures["articles"] += 1
        figures["triples"] = len(corpus)
        with clock.timing("validate"):
            verdict = validate_graph(corpus)
        figures.update(conforms=verdict.conforms, problems=len(verdict.problems))
        with clock.timing("serialise"):
            ntriples = corpus.serialize(format="nt")
        store = GraphStore(store_dir)
        with clock.timing("load"):
            store.replace_graph("urn:kgbuild:benchmark:baseline", ntriples)
            store.flush()
    except MemoryError:
        stage = BASELINE_TITLES[list(clock.cpu)[-1]]  # the stage being timed when memory ran out
        figures["failed"] = (f"out of memory (limit {memory_gb:g} GB) in {stage}, after {sum(clock.cpu.values()):.0f} "
                             f"CPU s, {figures['articles']} articles mapped")
    return {**clock.figures(), **figures, "peak_rss_mb": peak_rss_mb()}


def unpickled(source) -> Iterator:
    while True:
        try:
            yield pickle.load(source)
        except EOFError:
            return


# --- the profile ----------------------------------------------------------------------------------


def profile_run(files: list[Path], out: Path, top: int) -> str:
    """cProfile of the stages, and apart of the first article (start-up); returns a Markdown report."""
    startup = cProfile.Profile()
    startup.runcall(process_files, files[:1], Clock(), None)
    profiler = cProfile.Profile()
    profiler.runcall(process_files, files, Clock(), None)
    profiler.dump_stats(out)
    stats = pstats.Stats(str(out))
    return "\n\n".join([hotspots_markdown(stats, top), package_shares_markdown(stats),
                        "Start-up (the first article, dictionaries and shapes loaded):",
                        hotspots_markdown(pstats.Stats(startup), 10)])


def short_location(filename: str, line: int, function: str) -> str:
    where = re.split(r"site-packages/|/src/|/lib/python3\.\d+/", filename, maxsplit=1)[-1]
    return f"{where}:{line}({function})"


def hotspots_markdown(stats: pstats.Stats, top: int) -> str:
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
    total = stats.total_tt
    lines = [f"Top {top} functions by own time (of {total:.1f} s profiled):", "",
             "| own s | share | cumulative s | calls | function |", "|---:|---:|---:|---:|---|"]
    for (filename, line, function), (_, calls, own, cumulative, _) in rows:
        lines.append(f"| {own:.2f} | {own / total:.1%} | {cumulative:.2f} | {calls} | "
                     f"`{short_location(filename, line, function)}` |")
    return "\n".join(lines)


def package_of(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "/src/kgbuild/" in filename:
        return "kgbuild/" + filename.split("/src/kgbuild/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if filename.startswith("~") or "<" in filename:
        return "built-ins (C)"
    return "standard library"


def package_shares_markdown(stats: pstats.Stats) -> str:
    own: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, seconds, _, _) in stats.stats.items():
        own[package_of(filename)] += seconds
    total = sum(own.values())
    lines = ["Own time by package (C built-ins counted apart):", "", "| package | own s | share |", "|---|---:|---:|"]
    for package, seconds in sorted(own.items(), key=lambda item: item[1], reverse=True):
        lines.append(f"| {package} | {seconds:.2f} | {seconds / total:.1%} |")
    return "\n".join(lines)


# --- orchestration and report ---------------------------------------------------------------------


def article_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.suffix.lower() in {".txt", ".html", ".htm", ".jsonl"})


def run_child(role: str, arguments: list[str]) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    try:
        if subprocess.run([sys.executable, __file__, "--role", role, "--result", str(result), *arguments], check=False).returncode:
            raise SystemExit(f"the {role} run failed (its traceback is above)")
        return json.loads(result.read_text(encoding="utf-8"))
    finally:
        result.unlink(missing_ok=True)


def machine() -> dict:
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    memory = next((line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), "?")
    return {"python": platform.python_version(), "platform": platform.platform(),
            "cpus": len(os.sched_getaffinity(0)), "memory_gb": round(int(memory) / 1024**2, 1),
            "packages": versions}


def benchmark(args: argparse.Namespace) -> dict:
    files = article_files(args.articles)
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="kgbuild-bench-"))
    listing = work / "files.txt"
    listing.write_text("\n".join(str(path) for path in files), encoding="utf-8")
    handoff = work / "articles.pickle"
    staged = baseline = None
    try:
        if not args.no_stages:
            staged = run_child("staged", ["--files", str(listing), "--store", str(work / "staged-store"),
                                          "--handoff", str(handoff), "--memory-sample", str(args.memory_sample)])
        if not (args.no_baseline or args.no_stages):
            baseline = run_child("baseline", ["--handoff", str(handoff), "--store", str(work / "baseline-store"),
                                              "--baseline-memory-gb", str(args.baseline_memory_gb)])
        handoff.unlink(missing_ok=True)
        end_to_end = run_child("end-to-end", ["--articles", str(args.articles),
                                              "--store", str(args.keep_store or work / "store"),
                                              "--workers", str(args.workers), "--query-runs", str(args.query_runs),
                                              "--query-budget", str(args.query_budget),
                                              "--skip-queries", args.skip_queries])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"machine": machine(), "load_average": [load_before, os.getloadavg()[0]],
            "corpus": str(args.articles), "files": len(files),
            "bytes": sum(path.stat().st_size for path in files), "staged": staged, "baseline": baseline,
            "end_to_end": end_to_end}


def rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "–"


def stages_markdown(staged: dict) -> list[str]:
    cpu, wall, articles, triples = staged["cpu"], staged["seconds"], staged["articles"], staged["triples"]
    total, total_wall = sum(cpu[stage] for stage in STAGES), sum(wall[stage] for stage in STAGES)
    memory = staged["peak_traced_mb_per_article"]
    lines = ["| stage | CPU s | wall s | share (CPU) | articles / CPU s | triples / CPU s | peak alloc / article (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for stage in STAGES:
        triple_rate = rate(triples, cpu[stage]) if stage in TRIPLE_STAGES else ""
        peak = f"{memory[stage]:.2f}" if stage in memory else ""
        lines.append(f"| {STAGE_TITLES[stage]} | {cpu[stage]:.2f} | {wall[stage]:.2f} | {cpu[stage] / total:.1%} | "
                     f"{rate(articles, cpu[stage])} | {triple_rate} | {peak} |")
    lines.append(f"| **total** | {total:.2f} | {total_wall:.2f} | 100% | {rate(articles, total)} | "
                 f"{rate(triples, total)} | |")
    return lines


def components_markdown(staged: dict) -> list[str]:
    cpu = staged["cpu"]
    extract_total = cpu["extract"]
    parts = sorted(((name, value) for name, value in cpu.items() if name.startswith("extract: ")),
                   key=lambda item: item[1], reverse=True)
    lines = ["| extract component | CPU s | share of extract |", "|---|---:|---:|"]
    for name, value in parts:
        lines.append(f"| `{name.removeprefix('extract: ')}` | {value:.2f} | {value / extract_total:.1%} |")
    segmentation = cpu.get(SEGMENTATION, 0.0)
    mb = staged["segmented_characters"] * 3 / 1e6  # UTF-8 bytes of CJK text
    speed = f", {mb / segmentation:.2f} MB per CPU s" if segmentation else ""
    total = sum(cpu[stage] for stage in STAGES)
    lines.append(f"| *of which inside jieba (any caller)* | {segmentation:.2f} | {segmentation / extract_total:.1%} "
                 f"({segmentation / total:.1%} of the build{speed}) |")
    return lines


def baseline_markdown(staged: dict, baseline: dict) -> list[str]:
    """Naive against staged, stage by stage; a naive run that ran out of memory is compared up to that stage."""
    failed = baseline.get("failed")
    finished = [stage for stage in TRIPLE_STAGES if stage in baseline["cpu"]][:-1 if failed else None]
    shared = staged["cpu"]["read"] + staged["cpu"]["extract"]
    lines = ["| stage (staged / naive) | staged CPU s | naive CPU s | naive / staged |", "|---|---:|---:|---:|"]
    staged_back = naive_back = 0.0
    for stage in finished:
        ours, theirs = staged["cpu"][stage], baseline["cpu"][stage]
        staged_back, naive_back = staged_back + ours, naive_back + theirs
        lines.append(f"| {STAGE_TITLES[stage]} / {BASELINE_TITLES[stage]} | {ours:.2f} | {theirs:.2f} | "
                     f"{theirs / ours:.1f}× |")
    span = f"{finished[0]} to {finished[-1]}" if finished else "nothing"
    lines.append(f"| {span} | {staged_back:.2f} | {naive_back:.2f} | {naive_back / max(staged_back, 1e-9):.1f}× |")
    if failed:
        lines += ["", f"The naive baseline did not finish: {failed} (peak RSS {baseline['peak_rss_mb']:.0f} MB). "
                      f"The staged run built the same articles, read to load, in "
                      f"{sum(staged['cpu'][stage] for stage in STAGES):.0f} CPU s."]
        return lines
    lines.append(f"| end to end (read and extract shared: {shared:.2f} s) | {shared + staged_back:.2f} | "
                 f"{shared + naive_back:.2f} | {(shared + naive_back) / (shared + staged_back):.1f}× |")
    lines += ["", (f"Peak RSS: staged {staged['peak_rss_mb']:.0f} MB, naive {baseline['peak_rss_mb']:.0f} MB. "
              f"The naive single validation {'conforms' if baseline['conforms'] else 'does not conform'} "
              f"({baseline['problems']} problems over {baseline['triples']:,} distinct triples).")]
    return lines


def end_to_end_markdown(run: dict, files: int) -> list[str]:
    lines = [f"`kgbuild build --workers {run['workers']}` (a child process; CPU includes its worker processes):", "",
             "| build | wall s | CPU s | articles / wall s | peak memory, process tree (MB) | summary |",
             "|---|---:|---:|---:|---:|---|"]
    for name in ("first", "unchanged", "one changed"):
        figures = run[name]
        speed = f"{files / figures['wall_s']:,.0f}" if name == "first" else ""
        lines.append(f"| {name} | {figures['wall_s']:.1f} | {figures['cpu_s']:.1f} | {speed} | "
                     f"{figures['peak_tree_rss_mb']:.0f} | {figures['summary']} |")
    lines += ["", f"Store on disk: {run['store_mb']:,.0f} MB, {run['quads']:,} quads in the article graphs "
              f"(the merge in the default graph comes on top)."]
    return lines


def queries_markdown(queries: dict) -> list[str]:
    lines = ["| query | parameters | rows | p50 ms | p95 ms | runs |", "|---|---|---:|---:|---:|---:|"]
    for name, figures in queries.items():
        if "error" in figures:
            lines.append(f"| {name} | | {figures['error'][:80]} | | | |")
            continue
        params = ", ".join(f"{key}={value}" for key, value in figures["params"].items())
        lines.append(f"| {name} | {params} | {figures['rows']} | {figures['p50_ms']:.1f} | {figures['p95_ms']:.1f} | "
                     f"{figures['runs']} |")
    return lines


def report_markdown(result: dict) -> str:
    box = result["machine"]
    lines = [
        f"Corpus {result['corpus']}: {result['files']} files, {result['bytes'] / 1e6:.1f} MB.",
        f"Machine: {box['cpus']} CPUs, {box['memory_gb']} GB, Python {box['python']}; "
        + ", ".join(f"{name} {version}" for name, version in box["packages"].items()) + ".",
        (f"Load average before/after: {result['load_average'][0]:.1f} / {result['load_average'][1]:.1f}."), "",
        "### End to end", "", *end_to_end_markdown(result["end_to_end"], result["files"]), "",
    ]
    if staged := result["staged"]:
        startup = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in staged["startup"].items())
        lines += [
            "### Stages (one process, one article at a time)", "",
            (f"{staged['articles']} articles, {staged['skipped']} skipped, {staged['triples']:,} triples, "
             f"{staged['rejected']} rejected by the shapes (loaded anyway). Start-up (once per process): {startup}."),
            "", *stages_markdown(staged), "",
            (f"Peak RSS of the staged process: {staged['peak_rss_mb']:.0f} MB "
             f"(peak alloc / article: tracemalloc over the first articles)."), "",
            "### Extract, by component", "", *components_markdown(staged), "",
        ]
    if result["baseline"]:
        lines += ["### Naive baseline (one graph, one pyshacl call, loaded afterwards)", "",
                  *baseline_markdown(staged, result["baseline"]), ""]
    lines += ["### Queries on the built store (wall time after one warm-up run; place = the province most mentioned)", "",
              *queries_markdown(result["end_to_end"]["queries"])]
    return "\n".join(lines)


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, help="folder of articles (e.g. from generate_corpus.py)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="the end-to-end build's --workers")
    parser.add_argument("--query-runs", type=int, default=20, help="timed runs of each query (at least 20)")
    parser.add_argument("--query-budget", type=float, default=30,
                        help="seconds one query's runs may take; a slower query gets fewer runs")
    parser.add_argument("--skip-queries", default="", help="comma-separated query names not to run")
    parser.add_argument("--memory-sample", type=int, default=30, help="articles traced for per-stage memory")
    parser.add_argument("--no-stages", action="store_true", help="skip the staged run (and so the baseline)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the naive baseline")
    parser.add_argument("--baseline-memory-gb", type=float, default=16, help="address-space limit of the baseline")
    parser.add_argument("--keep-store", type=Path, help="build the end-to-end store in this new folder and keep it")
    parser.add_argument("--queries-on", type=Path, help="only time the queries on this built store (JSON), and stop")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--report", type=Path, help="print the Markdown report of a saved --json result, and stop")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the stages here and print its hotspots")
    parser.add_argument("--top", type=int, default=25, help="hotspots to print with --profile")
    # Internal: the parent runs each measured build in a child process with these.
    parser.add_argument("--role", choices=("staged", "baseline", "end-to-end"), help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--handoff", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not (args.role or args.articles or args.report or args.queries_on):
        parser.error("--articles is required")
    if args.query_runs < 20:
        parser.error("--query-runs must be at least 20 for a p95")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)
    skip = frozenset(filter(None, args.skip_queries.split(",")))
    if args.role == "staged":
        files = [Path(line) for line in args.files.read_text(encoding="utf-8").splitlines()]
        result = staged_run(files, args.store, args.handoff, args.memory_sample)
    elif args.role == "baseline":
        result = baseline_run(args.handoff, args.store, args.baseline_memory_gb)
    elif args.role == "end-to-end":
        result = end_to_end_run(args.articles, args.store, args.workers, args.query_runs, args.query_budget, skip)
    elif args.queries_on:
        from kgbuild.store import GraphStore

        store = GraphStore(args.queries_on, read_only=True)
        print(json.dumps(query_latencies(store, args.query_runs, args.query_budget, skip), ensure_ascii=False, indent=2))
        return
    elif args.report:
        print(report_markdown(json.loads(args.report.read_text(encoding="utf-8"))))
        return
    elif args.profile:
        print(profile_run(article_files(args.articles), args.profile, args.top))
        return
    else:
        result = benchmark(args)
        print(json.dumps(result, ensure_ascii=False, indent=2) if args.json else report_markdown(result))
        return
    args.result.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
