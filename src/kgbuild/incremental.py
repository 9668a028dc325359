"""What changed since the last build: the builder, and which input files.

A stored article records its input's SHA-256 and the builder that made it
(``fp:contentHash``, ``fp:builtBy``). A file whose hash and builder both match
is not read again. Hashing every file of a large corpus to learn that one
changed would cost more than the rebuild, so the hashes are also kept in a
small cache beside the store, keyed by path, size and modification time (as
git's index does): a file whose size and time are unchanged is not re-read.
The cache only saves reading; the store stays the authority.

Learning what the store holds of each article means decoding three terms per
article from the store (about 30 µs an article), so that too is kept beside the
store (``ArticleIndex``), under the store's generation token: a build changes
the token before its first write and records the index under the new token
after its last, so an index is only ever read for the store state it describes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import __version__
from .ingest.read import HTML_SUFFIXES, TEXT_SUFFIXES, InputFile
from .store import StoredArticle

ONE_ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES

_PACKAGE = Path(__file__).resolve().parent


@cache
def builder_fingerprint() -> str:
    """The version and a hash of the code and language data that make the graphs."""
    digest = hashlib.sha256()
    for root in (_PACKAGE, _PACKAGE.parents[1] / "ontology", _PACKAGE.parents[1] / "shapes"):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return f"kgbuild {__version__} {digest.hexdigest()[:16]}"


class FileHashes:
    """SHA-256 of input files, remembered by (path, size, mtime) in a TSV file; in memory only if ``path`` is None."""

    def __init__(self, path: Path | None):
        self.path = path
        self.known: dict[str, tuple[int, int, str]] = {}
        self.used: dict[str, tuple[int, int, str]] = {}
        if path is not None and path.is_file():
            try:
                for line in path.read_text(encoding="utf-8").splitlines():
                    name, size, mtime, digest = line.rsplit("\t", 3)
                    self.known[name] = (int(size), int(mtime), digest)
            except ValueError:  # not a file this version wrote: start afresh, it only saves reading
                self.known.clear()

    def digest(self, file: Path | str) -> str:
        status = os.stat(file)
        key = file if isinstance(file, str) and os.path.isabs(file) else os.path.abspath(file)
        size, mtime, digest = self.known.get(key, (-1, -1, ""))
        if (size, mtime) != (status.st_size, status.st_mtime_ns):
            with open(file, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        self.used[key] = (status.st_size, status.st_mtime_ns, digest)
        return digest

    def save(self) -> None:
        """Write the hashes of the files seen in this build (and only those), atomically, if they changed."""
        if self.path is None or self.used == self.known:
            return
        lines = "".join(f"{name}\t{size}\t{mtime}\t{digest}\n" for name, (size, mtime, digest) in sorted(self.used.items()))
        write_atomically(self.path, lines)


@dataclass(frozen=True)
class FailedInput:
    """A one-article file that, with these bytes and this builder, gave no loadable article, and why.

    Reading, extraction and validation are deterministic, so the same bytes would fail the same way.
    """

    content_hash: str
    builder: str
    rejected: bool  # by the shapes; else skipped (unreadable, or the extractor failed on it)
    problems: tuple[str, ...]


@dataclass
class Inputs:
    """What the last builds made of each input, by source: the articles stored, the files that failed."""

    articles: dict[str, StoredArticle] = field(default_factory=dict)
    failures: dict[str, FailedInput] = field(default_factory=dict)


class ArticleIndex:
    """``Inputs`` in a TSV file beside the store, valid for one store generation (see the module's docstring)."""

    def __init__(self, path: Path | None):
        self.path = path

    def read(self, generation: str | None) -> Inputs | None:
        """The index recorded under ``generation``, or None if there is none for it."""
        if self.path is None or generation is None or not self.path.is_file():
            return None
        try:
            header, _, body = self.path.read_text(encoding="utf-8").partition("\n")
            return self._parse(body) if header == f"{_INDEX_HEADER}\t{generation}" else None
        except ValueError:  # not an index this version wrote: the store will be read instead
            return None

    @staticmethod
    def _parse(body: str) -> Inputs:
        inputs = Inputs()
        for line in body.splitlines():
            kind, rest = line.split("\t", 1)
            if kind == "stored":
                source, article_iri, content_hash, builder = rest.rsplit("\t", 3)
                inputs.articles[source] = StoredArticle(article_iri, content_hash, builder)
            else:
                source, content_hash, builder, problems = rest.rsplit("\t", 3)
                inputs.failures[source] = FailedInput(content_hash, builder, kind == "rejected",
                                                      tuple(json.loads(problems)))
        return inputs

    def save(self, inputs: Inputs, generation: str) -> None:
        if self.path is None:
            return
        lines = [f"{_INDEX_HEADER}\t{generation}\n"]
        lines += [f"stored\t{source}\t{known.article_iri}\t{known.content_hash}\t{known.builder}\n"
                  for source, known in sorted(inputs.articles.items())]
        lines += [f"{'rejected' if failed.rejected else 'skipped'}\t{source}\t{failed.content_hash}\t{failed.builder}"
                  f"\t{json.dumps(failed.problems, ensure_ascii=False)}\n"
                  for source, failed in sorted(inputs.failures.items())]
        write_atomically(self.path, "".join(lines))


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` whole: a reader sees the old file or the new one, never a part."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


_INDEX_HEADER = "# kgbuild article index, store generation"


def file_is_unchanged(item: InputFile, stored: dict[str, StoredArticle], builder: str, hashes: FileHashes) -> bool:
    """A one-article file whose bytes and builder match what the store holds for its source."""
    return same_input(item, stored.get(item.source), builder, hashes)


def failed_before(item: InputFile, failures: dict[str, FailedInput], builder: str,
                  hashes: FileHashes) -> FailedInput | None:
    """How a one-article file failed in an earlier build, if its bytes and the builder are the same now."""
    failed = failures.get(item.source)
    return failed if same_input(item, failed, builder, hashes) else None


def same_input(item: InputFile, recorded: StoredArticle | FailedInput | None, builder: str,
               hashes: FileHashes) -> bool:
    if recorded is None or recorded.builder != builder or not holds_one_article(item):
        return False
    try:
        return hashes.digest(item.location) == recorded.content_hash
    except OSError:  # gone since it was listed: reading it will report why
        return False


def holds_one_article(item: InputFile) -> bool:
    """A file that gives one article (text or HTML), whose bytes therefore stand for that article."""
    return item.location.lower().endswith(ONE_ARTICLE_SUFFIXES)
