"""From files to a validated graph in the store, one article at a time.

    read and normalise (ingest) → extract facts (extract) → map to RDF (rdf)
    → validate (validate) → replace the article's named graph (store)

Files are processed independently — in this process, or spread over worker
processes — and their graphs are written by this process alone, in input
order. An input that cannot be read, an article whose extraction fails, and an
article whose graph fails validation are reported and skipped; the others are
loaded. Each article's graph is written in one transaction, so the store only
ever holds whole articles. A file whose bytes and builder are unchanged since
its graph was stored is not read again.

The first build of a large corpus into an empty store goes through Oxigraph's
bulk loader instead, into a staging store that replaces the empty one only when
every article is in (``GraphStore.build_in_bulk``).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rdflib import Literal

from .incremental import (ArticleIndex, FailedInput, FileHashes, Inputs, builder_fingerprint, failed_before,
                          file_is_unchanged, holds_one_article)
from .ingest import read_articles
from .ingest.read import InputFile, input_files, read_file
from .lexicon import ontology_graph
from .model import Article, InputProblem
from .namespaces import FP
from .rdf import article_iri, article_triples, graph_of
from .rdf.ntriples import ntriples
from .store import GraphStore, StoredArticle, sibling
from .validate import check_triples, validate_graph

MAX_INPUT_BYTES = 5_000_000
FILES_PER_WORKER_MINIMUM = 8  # below this, starting worker processes costs more than it saves
DASK_BATCH_FILES = 16
LOCAL_BATCH_FILES = 16
BULK_MINIMUM_FILES = 200  # below this, the staging store and the swap cost more than the bulk loader saves
BULK_BATCH_TRIPLES = 500_000  # an article graph is written twice: in its named graph and in the merge
GC_THRESHOLDS = (50_000, 20, 100)  # see fewer_collections
WARM_UP_ARTICLE = Path(__file__).resolve().parent / "extract" / "data" / "warm_up.txt"
WORKER_DIED = "the worker process reading it died (out of memory, or a crash)"


@dataclass(frozen=True)
class Processed:
    """One article ready to load (its graph as N-Triples), or rejected by validation."""

    source: str
    article_iri: str
    content_hash: str
    builder: str
    ntriples: str
    triples: int
    problems: tuple[str, ...] = ()

    @property
    def stored(self) -> StoredArticle:
        return StoredArticle(self.article_iri, self.content_hash, self.builder)


@dataclass(frozen=True)
class Rejected:
    """An article whose graph failed validation, with the shapes' messages."""

    source: str
    problems: list[str]


@dataclass
class BuildReport:
    read: int = 0
    loaded: int = 0
    unchanged: int = 0
    pruned: int = 0
    triples: int = 0
    skipped: list[InputProblem] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.skipped or self.rejected)

    def summary(self) -> str:
        text = (f"read {self.read}, loaded {self.loaded} ({self.triples} triples), unchanged {self.unchanged}, "
                f"skipped {len(self.skipped)}, rejected by validation {len(self.rejected)}")
        return text + (f", pruned {self.pruned}" if self.pruned else "")


def analyse(paths: Iterable[Path | str]) -> Iterator[Article | InputProblem]:
    """Read each input and extract its facts; problems come out in the stream, in order."""
    for item in read_articles(paths, max_bytes=MAX_INPUT_BYTES):
        yield item if isinstance(item, InputProblem) else extract_or_report(item)


def extract_or_report(article: Article) -> Article | InputProblem:
    # Imported on first use: the extractor's word lists and patterns take a second to load, which a
    # rebuild that finds nothing changed need not pay.
    from .extract import extract

    # Any defect the extractor has on one odd article must not cost the rest of the corpus.
    try:
        return extract(article)
    except Exception as error:  # noqa: BLE001
        return InputProblem(article.source, f"extraction failed: {type(error).__name__}: {error}")


def process_article(article: Article, builder: str) -> Processed:
    """Map one extracted article to its graph and validate it."""
    iri = article_iri(article)
    triples = article_triples(article) + [(iri, FP.builtBy, Literal(builder))]
    verdict = check_triples(triples)
    problems = tuple(f"{problem.focus_node}: {problem.message}" for problem in verdict.problems)
    return Processed(article.source, str(iri), article.content_hash, builder, ntriples(triples), len(triples), problems)


def process_file(item: InputFile, builder: str) -> list[Processed | InputProblem]:
    """Everything one input file gives: its articles' graphs, or the problems met."""
    results: list[Processed | InputProblem] = []
    with fewer_collections():
        for read in read_file(item, max_bytes=MAX_INPUT_BYTES):
            article = read if isinstance(read, InputProblem) else extract_or_report(read)
            results.append(article if isinstance(article, InputProblem) else process_article(article, builder))
    return results


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Let Python's cycle collector run less often, for as long as the block runs.

    An article's processing makes hundreds of thousands of short-lived objects; at the default
    threshold (a young collection every 700 allocations) the collector took 4.7 ms an article,
    11 % of reading to serialising, at 1,500 articles; at this one, 0.7 ms.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def process_batch(items: list[InputFile], builder: str) -> list[list[Processed | InputProblem]]:
    """Each file's results, for a batch of files handed to one worker."""
    return [process_file(item, builder) for item in items]


def in_order(submit: Callable[[list[InputFile]], Future], items: list[InputFile], batch_files: int,
             window: int) -> Iterator[list[Processed | InputProblem]]:
    """Each file's results, in input order, from batches handed to ``submit`` (a pool's or a cluster's).

    At most ``window`` batches are in flight, so memory stays flat however large the
    corpus and however far the workers run ahead of the loading.
    """
    pending: deque[Future] = deque()
    for start in range(0, len(items), batch_files):
        pending.append(submit(items[start:start + batch_files]))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def processed_on_dask(items: list[InputFile], builder: str, scheduler: str) -> Iterator[list[Processed | InputProblem]]:
    """Each file's results, computed by the workers of a running dask cluster (who must see the same paths)."""
    from distributed import Client  # the optional `cluster` extra

    with Client(scheduler) as client:
        window = max(2, 4 * len(client.scheduler_info()["workers"]))
        yield from in_order(lambda batch: client.submit(process_batch, batch, builder, pure=False),
                            items, DASK_BATCH_FILES, window)


def processed_files(items: list[InputFile], builder: str, workers: int, scheduler: str | None = None,
                    ready: ReadyWorker | None = None) -> Iterator[list[Processed | InputProblem]]:
    """Each file's results, in input order: computed here, by a ``ready`` worker, by ``workers`` processes,
    or on a dask cluster."""
    few = len(items) < FILES_PER_WORKER_MINIMUM * 2
    if scheduler:
        yield from processed_on_dask(items, builder, scheduler)
    elif ready is not None and few:
        yield from ready.processed(items)
    elif workers <= 1 or few:
        yield from (process_file(item, builder) for item in items)
    else:
        if ready is not None:
            ready.close()  # the pool's workers load the extractor themselves
        yield from processed_by_workers(items, partial(process_batch, builder=builder), workers)


def processed_by_workers(items: list[InputFile], work: Callable[[list[InputFile]], list],
                         workers: int) -> Iterator[list[Processed | InputProblem]]:
    """``work`` over batches of ``items`` in worker processes, each file's results in input order.

    A worker that dies (killed for memory, a crash in native code) takes its pool down.
    The files that were in flight are then run one at a time in a worker of their own
    until one kills it too: that file is reported as a problem, and a fresh pool goes
    on with the files after it.
    """
    # spawn, not fork: the parent holds the store's open files and background threads.
    context = multiprocessing.get_context("spawn")
    batch_files = max(1, min(LOCAL_BATCH_FILES, len(items) // (workers * 4)))
    window = 4 * workers
    done = 0
    while done < len(items):
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                for results in in_order(partial(pool.submit, work), items[done:], batch_files, window):
                    yield results
                    done += 1
        except BrokenProcessPool:
            for results in one_at_a_time(items[done:done + batch_files * window], work, context):
                yield results
                done += 1


def one_at_a_time(items: list[InputFile], work: Callable[[list[InputFile]], list],
                  context) -> Iterator[list[Processed | InputProblem]]:
    """Each file's results from one worker process, until a file kills it: that one is reported, and the rest left."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        for item in items:
            try:
                yield pool.submit(work, [item]).result()[0]
            except BrokenProcessPool:
                yield [InputProblem(item.source, WORKER_DIED, transient=True)]
                return


def warm_up() -> None:
    """Load what the first article would: the extractor's modules, word lists, gazetteer and shapes."""
    process_file(InputFile(str(WARM_UP_ARTICLE), WARM_UP_ARTICLE.name), "warm-up")


def serve(connection, work: Callable[[list[InputFile]], list], warm: Callable[[], None]) -> None:
    """A ready worker's loop: warm up, then reply to each list of files with ``work``'s results or its error."""
    try:
        warm()
    except Exception:  # noqa: BLE001 - a warm-up only saves time; the files' own work reports their problems
        pass
    while True:
        try:
            items = connection.recv()
        except EOFError:  # the build is done with this worker
            return
        try:
            reply = (work(items), None)
        except Exception as error:  # noqa: BLE001 - raised again in the building process
            reply = (None, error)
        connection.send(reply)


class ReadyWorker:
    """A worker process, started as a rebuild begins, that loads the extractor while the build checks its files.

    Checking 100,000 files against the index takes about a second, and so does loading the
    extractor (imports, word lists, the gazetteer); in two processes the two overlap, and a
    rebuild of a few changed articles waits for the longer, not for both in turn.
    """

    def __init__(self, work: Callable[[list[InputFile]], list], warm: Callable[[], None] = warm_up):
        context = multiprocessing.get_context("spawn")
        self._work = work
        self._connection, child = context.Pipe()
        self._process = context.Process(target=serve, args=(child, work, warm), daemon=True)
        self._process.start()
        child.close()

    def processed(self, items: list[InputFile]) -> Iterator[list[Processed | InputProblem]]:
        """Each file's results, in input order; a file the worker dies on is reported, and a pool does the rest."""
        for done, item in enumerate(items):
            try:
                self._connection.send([item])
                results, error = self._connection.recv()
            except (EOFError, OSError):
                self.close()
                yield [InputProblem(item.source, WORKER_DIED, transient=True)]
                yield from processed_by_workers(items[done + 1:], self._work, workers=1)
                return
            if error is not None:
                raise error
            yield results[0]

    def close(self) -> None:
        """Stop the worker, warmed up or not."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._connection.close()

    @property
    def exit_code(self) -> int | None:
        """The worker's exit code once it has stopped (negative: the signal that stopped it)."""
        return self._process.exitcode


def build(
    paths: Iterable[Path | str],
    store: GraphStore,
    log: Callable[[str], None] = lambda line: None,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    prune: bool = False,
    force: bool = False,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> BuildReport:
    """Build every readable article of ``paths`` into ``store``.

    ``scheduler`` (a dask scheduler address) runs the work on a cluster instead of
    ``workers`` local processes; ``progress`` hears (files done, files to do).
    """
    builder = builder_fingerprint()
    with ready_worker(store, builder, workers, scheduler) as ready:
        return build_with(paths, store, builder, log, ready, workers=workers, scheduler=scheduler, prune=prune,
                          force=force, progress=progress)


@contextmanager
def ready_worker(store: GraphStore, builder: str, workers: int, scheduler: str | None) -> Iterator[ReadyWorker | None]:
    """A ``ReadyWorker`` for a rebuild on local workers (the store was built before), else None."""
    if workers <= 1 or scheduler or store.generation() is None:
        yield None
        return
    ready = ReadyWorker(partial(process_batch, builder=builder))
    try:
        yield ready
    finally:
        ready.close()


def build_with(paths: Iterable[Path | str], store: GraphStore, builder: str, log: Callable[[str], None],
               ready: ReadyWorker | None, *, workers: int, scheduler: str | None, prune: bool, force: bool,
               progress: Callable[[int, int], None]) -> BuildReport:
    """``build`` with its builder and its ready worker."""
    report = BuildReport()
    index = ArticleIndex(sibling(store.path, "articles.tsv") if store.path else None)
    earlier = index.read(store.generation()) or Inputs(store.stored_articles())
    items = list(input_files(paths))
    hashes = FileHashes(sibling(store.path, "hashes.tsv") if store.path else None)
    unchanged = [] if force else [item for item in items if file_is_unchanged(item, earlier.articles, builder, hashes)]
    unchanged_sources = {item.source for item in unchanged}
    failures = {} if force else {item.source: failed for item in items if item.source not in unchanged_sources
                                 and (failed := failed_before(item, earlier.failures, builder, hashes))}
    hashes.save()
    changed = [item for item in items if item.source not in unchanged_sources and item.source not in failures]
    report.unchanged = len(unchanged)
    for source, failed in failures.items():
        report_failure_again(source, failed, report, log)
    if not changed and not prune:
        return report  # nothing to write: the store, and the index beside it, stay as they are
    written: set[str] = set()

    def load_all(writer: ArticleWriter) -> None:
        if writer.store.ontology_builder() != builder:
            writer.store.load_ontology(ontology_graph(), builder)
        files = zip(changed, processed_files(changed, builder, workers, scheduler, ready))
        for done, (item, results) in enumerate(files, start=1):
            for result in results:
                load_result(result, writer, report, written, log)
            if failed := lasting_failure(item, results, builder, hashes):
                failures[item.source] = failed
            progress(done, len(changed))
        writer.finish()

    if len(changed) >= BULK_MINIMUM_FILES and not earlier.articles:
        with store.build_in_bulk() as staging, BulkWriter(staging) as writer:
            generation = staging.new_generation()
            load_all(writer)
    else:
        writer = ArticleWriter(store)
        generation = store.new_generation()
        load_all(writer)
    now = Inputs(earlier.articles | writer.written, failures)
    if prune:
        # An input that could not be rebuilt keeps its earlier graph; only inputs that are gone lose theirs.
        failed = [problem.source for problem in report.skipped] + [rejected.source for rejected in report.rejected]
        kept = written | {earlier.articles[source].article_iri for source in [*unchanged_sources, *failed]
                          if source in earlier.articles}
        gone = prune_graphs(store, kept, log)
        report.pruned = len(gone)
        now.articles = {source: known for source, known in now.articles.items() if known.article_iri not in gone}
        store.flush()
    index.save(now, generation)
    return report


def lasting_failure(item: InputFile, results: list[Processed | InputProblem], builder: str,
                    hashes: FileHashes) -> FailedInput | None:
    """How a one-article file failed, if it did for a reason its bytes will give again (not a dying worker)."""
    if len(results) != 1 or not holds_one_article(item):
        return None
    (result,) = results
    if isinstance(result, Processed):
        return FailedInput(result.content_hash, builder, True, result.problems) if result.problems else None
    if result.transient:
        return None
    try:
        return FailedInput(hashes.digest(item.location), builder, False, (result.problem,))
    except OSError:
        return None


def report_failure_again(source: str, failed: FailedInput, report: BuildReport, log: Callable[[str], None]) -> None:
    if failed.rejected:
        report.rejected.append(Rejected(source, list(failed.problems)))
        log(f"rejected {source} (unchanged since an earlier build): " + "; ".join(failed.problems))
    else:
        report.skipped.extend(InputProblem(source, problem) for problem in failed.problems)
        log(f"skipped {source} (unchanged since an earlier build): " + "; ".join(failed.problems))


class ArticleWriter:
    """Writes each article's graph into the store in a transaction of its own."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.written: dict[str, StoredArticle] = {}  # by source

    def write(self, processed: Processed) -> None:
        self.written[processed.source] = processed.stored
        self.add(processed)

    def add(self, processed: Processed) -> None:
        self.store.replace_graph(processed.article_iri, processed.ntriples)

    def finish(self) -> None:
        self.store.flush()


class BulkWriter(ArticleWriter):
    """Collects article graphs and hands them to the bulk loader in batches (for a staging store).

    A batch loads in a thread of its own (Oxigraph releases the GIL) while the next is
    collected, so the workers are kept fed instead of waiting for each load: at most
    one batch loads and one fills. ``in_background=False`` loads each batch before
    ``write`` returns (the staged benchmark times the load as a stage of its own).
    Use it as a context manager: leaving the block waits for the batch still loading.
    """

    def __init__(self, store: GraphStore, in_background: bool = True):
        super().__init__(store)
        self.batch: list[tuple[str, str]] = []
        self.batch_triples = 0
        self._loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-load") if in_background else None
        self._loading: Future | None = None

    def add(self, processed: Processed) -> None:
        self.batch.append((processed.article_iri, processed.ntriples))
        self.batch_triples += 2 * processed.triples
        if self.batch_triples >= BULK_BATCH_TRIPLES:
            self.write_batch()

    def write_batch(self) -> None:
        batch, self.batch, self.batch_triples = self.batch, [], 0
        self.wait_for_load()
        if self._loader is None:
            self.store.add_graphs_in_bulk(batch)
        else:
            self._loading = self._loader.submit(self.store.add_graphs_in_bulk, batch)

    def wait_for_load(self) -> None:
        """Wait for the batch that is loading, if any; its error, if it failed, is raised here."""
        loading, self._loading = self._loading, None
        if loading is not None:
            loading.result()

    def finish(self) -> None:
        self.write_batch()
        self.wait_for_load()
        super().finish()

    def __enter__(self) -> BulkWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        # On an error, the staging store is about to be thrown away: its last load need only end, not succeed.
        if self._loader is not None:
            self._loader.shutdown(wait=True)


def load_result(result: Processed | InputProblem, writer: ArticleWriter, report: BuildReport,
                written: set[str], log: Callable[[str], None]) -> None:
    if isinstance(result, InputProblem):
        report.skipped.append(result)
        log(f"skipped {result.source}: {result.problem}")
        return
    report.read += 1
    if result.article_iri in written:
        report.skipped.append(InputProblem(result.source, f"another input already has the article {result.article_iri}"))
        log(f"skipped {result.source}: another input already has the article {result.article_iri}")
    elif result.problems:
        report.rejected.append(Rejected(result.source, list(result.problems)))
        log(f"rejected {result.source}: " + "; ".join(result.problems))
    else:
        writer.write(result)
        written.add(result.article_iri)
        report.loaded += 1
        report.triples += result.triples
        log(f"loaded {result.source}: {result.triples} triples")


def prune_graphs(store: GraphStore, kept: set[str], log: Callable[[str], None]) -> set[str]:
    """Drop the graphs of articles that none of this build's inputs gave; returns their IRIs."""
    gone = [graph for graph in store.article_graphs() if graph not in kept]
    for graph in gone:
        store.remove_graph(graph)
        log(f"pruned {graph}")
    return set(gone)


def validate_store(store: GraphStore, reference: bool = False) -> dict[str, list[str]]:
    """Every stored article graph that fails the shapes now, with the messages.

    The compiled checks of the build, or with ``reference`` pyshacl itself (slower, the same results).
    """
    failures = {}
    for graph_iri in store.article_graphs():
        triples = store.graph_triples(graph_iri)
        verdict = validate_graph(graph_of(triples)) if reference else check_triples(triples)
        if not verdict.conforms:
            failures[graph_iri] = [f"{problem.focus_node}: {problem.message}" for problem in verdict.problems]
    return failures
