"""The ``kgbuild`` command line: parse arguments, call the library, print.

Every command is a thin shell over a library function of the same stage, so
anything the CLI does can be done from Python.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from .store import DEFAULT_STORE, GraphStore, StoreError

app = typer.Typer(
    help="Build and query a knowledge graph of China's targeted poverty alleviation campaign (精准扶贫).",
    no_args_is_help=True,
    add_completion=False,
)

DEFAULT_ARTICLES = Path("data/articles")
StoreOption = Annotated[Path, typer.Option("--store", help="The Oxigraph store directory.")]


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"kgbuild: {message}", err=True)
    raise typer.Exit(code)


def open_store(path: Path, read_only: bool = True) -> GraphStore:
    try:
        return GraphStore(path, read_only=read_only)
    except StoreError as error:
        fail(str(error))


def parse_params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            fail(f"--param takes NAME=VALUE, not {pair!r}", 2)
        params[name.strip()] = value.strip()
    return params


class Progress:
    """Files done, rate and time left: one self-updating line on a terminal, else a plain log line
    every ``every`` seconds."""

    def __init__(self, stream, terminal: bool, every: float = 10.0, clock=time.monotonic):
        self.stream, self.terminal, self.every, self.clock = stream, terminal, every, clock
        self.started = self.last = clock()

    def update(self, done: int, total: int) -> None:
        now = self.clock()
        if not self.terminal and now - self.last < self.every:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        left = f"about {(total - done) / rate:.0f} s left" if rate else "time left unknown"
        line = f"{done}/{total} files, {rate:.1f} files/s, {left}"
        self.stream.write(f"\r{line}\033[K" if self.terminal else f"progress: {line}\n")
        self.stream.flush()

    def interrupt(self) -> None:
        """Clear the terminal line, so that a message can be printed above the next update."""
        if self.terminal:
            self.stream.write("\r\033[K")

    def close(self) -> None:
        self.interrupt()


@app.command()
def build(
    paths: Annotated[Optional[list[Path]], typer.Argument(help="Article files or folders (.txt, .html, .jsonl).")] = None,
    store: StoreOption = DEFAULT_STORE,
    workers: Annotated[int, typer.Option(help="Worker processes (default: all cores).")] = os.cpu_count() or 1,
    executor: Annotated[str, typer.Option(help="local (worker processes) or dask (a running cluster).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="The dask scheduler's address, with --executor dask.")] = None,
    prune: Annotated[bool, typer.Option(help="Drop the graphs of articles whose inputs are gone.")] = False,
    force: Annotated[bool, typer.Option(help="Rebuild every article, even unchanged ones.")] = False,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input is skipped or rejected.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems and the summary.")] = False,
) -> None:
    """Read articles, extract facts, validate each article's graph and load it into the store.

    On a terminal a progress line shows files done, rate and time left; otherwise each loaded
    article is logged, with a progress line every ten seconds.
    """
    from .pipeline import build as build_graph

    terminal = sys.stderr.isatty()
    progress = Progress(sys.stderr, terminal)

    def log(line: str) -> None:
        if not line.startswith("loaded"):
            progress.interrupt()
            typer.echo(line, err=True)
        elif not (quiet or terminal):
            typer.echo(line)

    if executor not in ("local", "dask") or (executor == "dask") != bool(scheduler):
        fail("use --executor local, or --executor dask with --scheduler ADDRESS", 2)
    try:
        graph_store = GraphStore(store)
    except StoreError as error:
        fail(str(error))
    report = build_graph(paths or [DEFAULT_ARTICLES], graph_store, log=log, workers=workers, scheduler=scheduler,
                         prune=prune, force=force, progress=(lambda done, total: None) if quiet else progress.update)
    progress.close()
    typer.echo(report.summary())
    if report.loaded + report.unchanged == 0 or (strict and report.failed):
        raise typer.Exit(1)


@app.command()
def validate(
    store: StoreOption = DEFAULT_STORE,
    pyshacl: Annotated[bool, typer.Option("--pyshacl", help="Check with pySHACL itself (slower; the same results).")] = False,
) -> None:
    """Validate every article graph in the store against the SHACL shapes; exit 1 on violations."""
    from .pipeline import validate_store

    graph_store = open_store(store)
    failures = validate_store(graph_store, reference=pyshacl)
    for graph_iri, problems in failures.items():
        for problem in problems:
            typer.echo(f"{graph_iri}: {problem}")
    checked = len(graph_store.article_graphs())
    typer.echo(f"{checked} article graphs checked, {len(failures)} with violations")
    if failures:
        raise typer.Exit(1)


@app.command()
def query(
    query_file_or_name: Annotated[str, typer.Argument(metavar="FILE_OR_NAME", help="A .rq file or a name from queries/.")],
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="NAME=VALUE, repeatable.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Run a SPARQL query over the union of all article graphs."""
    from .query import QueryError, format_result, load_named_query, run_query

    try:
        named = load_named_query(query_file_or_name)
        result = run_query(open_store(store), named, parse_params(param or []))
        typer.echo(format_result(result, fmt))
    except QueryError as error:
        fail(str(error), 2)


@app.command()
def queries() -> None:
    """List the named queries of queries/ with their parameters."""
    from .query import available_queries, load_named_query

    for name in available_queries():
        named = load_named_query(name)
        params = " ".join(f"--param {p.name}={p.default or '…'}" for p in named.params)
        typer.echo(f"{name}: {named.title}" + (f"\n    {params}" if params else ""))


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="A question in Chinese or English.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Answer a plain-language question through a query template, printing the SPARQL it ran."""
    from .ask import CannotAnswer, answer
    from .query import format_result

    try:
        result = answer(question, open_store(store))
    except CannotAnswer as error:
        fail(str(error))
    typer.echo(f"# template: {result.template}  params: {json.dumps(result.params, ensure_ascii=False)}")
    typer.echo(result.sparql.rstrip())
    typer.echo("")
    typer.echo(format_result(result.result, fmt))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="ttl, jsonld, nq, trig or csv.")] = "trig",
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Output file (a folder for csv); stdout if absent.")] = None,
    store: StoreOption = DEFAULT_STORE,
) -> None:
    """Export the graph: Turtle (union), JSON-LD, N-Quads or TriG (named graphs), or CSV tables."""
    from .export import ExportError, export_store

    try:
        export_store(open_store(store), fmt, out)
    except ExportError as error:
        fail(str(error), 2)


@app.command()
def serve(
    store: StoreOption = DEFAULT_STORE,
    port: Annotated[int, typer.Option(help="TCP port.")] = 7878,
    host: Annotated[str, typer.Option(help="Address to bind (loopback by default).")] = "127.0.0.1",
    timeout: Annotated[float, typer.Option(help="Query timeout in seconds.")] = 30.0,
    cors: Annotated[bool, typer.Option(help="Allow cross-origin requests.")] = False,
) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint with a query editor at /."""
    from .serve import ServeError, serve as serve_store

    if not store.is_dir():
        fail(f"no store at {store}; run `kgbuild build` first")
    try:
        serve_store(store, host=host, port=port, timeout_s=timeout, cors=cors)
    except ServeError as error:
        fail(str(error))


@app.command()
def inspect(file: Annotated[Path, typer.Argument(help="An article file.")]) -> None:
    """Show the cleaned text, the metadata and everything the normaliser removed, with reasons."""
    from .ingest import inspect_report

    typer.echo(inspect_report(file))


@app.command()
def places(file: Annotated[Path, typer.Argument(help="An article file.")]) -> None:
    """Show each place mention of an article, what it resolved to, and why."""
    from .gazetteer import places_report
    from .ingest import read_articles
    from .model import InputProblem

    for item in read_articles([file]):
        if isinstance(item, InputProblem):
            fail(f"{item.source}: {item.problem}")
        typer.echo(places_report(item))


@app.command(name="eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="A gold file (see GOLD.md).")],
    paths: Annotated[Optional[list[Path]], typer.Argument(help="The articles the gold annotates.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and false hits per article.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score extraction against a gold file: precision, recall and F1 per field."""
    from .eval import evaluate as score, format_report, report_as_dict
    from .model import Article
    from .pipeline import analyse

    articles = [item for item in analyse(paths or [DEFAULT_ARTICLES]) if isinstance(item, Article)]
    report = score(gold, articles)
    if as_json:
        typer.echo(json.dumps(report_as_dict(report), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_report(report, verbose=verbose))
