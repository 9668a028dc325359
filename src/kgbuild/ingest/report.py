"""A human-readable account of what ingestion made of one file (``kgbuild inspect FILE``)."""

from __future__ import annotations

from pathlib import Path

from kgbuild.ingest.read import read_articles
from kgbuild.model import Article, InputProblem

_FIELDS = ("id", "source", "title", "issued", "publisher", "author", "editor", "url", "script", "content_hash")


def inspect_report(path: Path | str) -> str:
    """Metadata, cleaned text (sentence by sentence) and every removal with its reason, for each article of ``path``."""
    blocks = [_describe(result) for result in read_articles([path])]
    return "\n\n".join(blocks) if blocks else f"{path}: no articles"


def _describe(result: Article | InputProblem) -> str:
    if isinstance(result, InputProblem):
        return f"PROBLEM {result.problem}"
    lines = ["== metadata"]
    lines += [f"{name}: {getattr(result, name)}" for name in _FIELDS]
    lines.append(f"== text ({len(result.sentences)} sentences)")
    lines += [f"[{s.paragraph}.{s.index}] {s.text}" for s in result.sentences]
    lines.append(f"== removed ({len(result.removed)})")
    lines += [f"- {removal.kind}: {removal.text!r} ({removal.reason})" for removal in result.removed]
    return "\n".join(lines)
