"""From files to a validated graph in the store, one article at a time.

    read and normalise (ingest) → extract facts (extract) → map to RDF (rdf)
    → validate (validate) → replace the article's named graph (store)

An input that cannot be read, an article whose extraction fails, and an
article whose graph fails validation are reported and skipped; the others are
loaded. Each article's graph is written in one transaction, so the store only
ever holds whole articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .extract import extract
from .ingest import read_articles
from .lexicon import ontology_graph
from .model import Article, InputProblem
from .rdf import article_graph, article_iri
from .store import GraphStore
from .validate import validate_graph


@dataclass(frozen=True)
class Rejected:
    """An article whose graph failed validation, with the shapes' messages."""

    source: str
    problems: list[str]


@dataclass
class BuildReport:
    read: int = 0
    loaded: int = 0
    triples: int = 0
    skipped: list[InputProblem] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.skipped or self.rejected)

    def summary(self) -> str:
        return (f"read {self.read}, loaded {self.loaded} ({self.triples} triples), "
                f"skipped {len(self.skipped)}, rejected by validation {len(self.rejected)}")


def analyse(paths: Iterable[Path | str]) -> Iterator[Article | InputProblem]:
    """Read each input and extract its facts; problems come out in the stream, in order."""
    seen: set[str] = set()
    for item in read_articles(paths):
        if isinstance(item, InputProblem):
            yield item
        elif item.id in seen:
            yield InputProblem(item.source, f"another input already has the article id {item.id!r}")
        else:
            seen.add(item.id)
            yield extract_or_report(item)


def extract_or_report(article: Article) -> Article | InputProblem:
    # Any defect the extractor has on one odd article must not cost the rest of the corpus.
    try:
        return extract(article)
    except Exception as error:  # noqa: BLE001
        return InputProblem(article.source, f"extraction failed: {type(error).__name__}: {error}")


def build(
    paths: Iterable[Path | str],
    store: GraphStore,
    log: Callable[[str], None] = lambda line: None,
) -> BuildReport:
    """Build every readable article of ``paths`` into ``store``."""
    report = BuildReport()
    store.load_ontology(ontology_graph())
    for item in analyse(paths):
        if isinstance(item, InputProblem):
            report.skipped.append(item)
            log(f"skipped {item.source}: {item.problem}")
            continue
        report.read += 1
        graph = article_graph(item)
        verdict = validate_graph(graph)
        if not verdict.conforms:
            problems = [f"{problem.focus_node}: {problem.message}" for problem in verdict.problems]
            report.rejected.append(Rejected(item.source, problems))
            log(f"rejected {item.source}: " + "; ".join(problems))
            continue
        store.replace_graph(str(article_iri(item)), graph)
        report.loaded += 1
        report.triples += len(graph)
        log(f"loaded {item.source}: {len(graph)} triples")
    store.flush()
    return report


def validate_store(store: GraphStore) -> dict[str, list[str]]:
    """Every stored article graph that fails the shapes now, with the messages."""
    failures = {}
    for graph_iri in store.article_graphs():
        verdict = validate_graph(store.graph_triples(graph_iri))
        if not verdict.conforms:
            failures[graph_iri] = [f"{problem.focus_node}: {problem.message}" for problem in verdict.problems]
    return failures
