"""What changed since the last build: the builder, and which input files.

A stored article records its input's SHA-256 and the builder that made it
(``fp:contentHash``, ``fp:builtBy``). A file whose hash and builder both match
is not read again. Hashing every file of a large corpus to learn that one
changed would cost more than the rebuild, so the hashes are also kept in a
small cache beside the store, keyed by path, size and modification time (as
git's index does): a file whose size and time are unchanged is not re-read.
The cache only saves reading; the store stays the authority.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from . import __version__
from .ingest.read import HTML_SUFFIXES, TEXT_SUFFIXES, InputFile
from .store import StoredArticle

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
            for line in path.read_text(encoding="utf-8").splitlines():
                name, size, mtime, digest = line.rsplit("\t", 3)
                self.known[name] = (int(size), int(mtime), digest)

    def digest(self, file: Path) -> str:
        status = file.stat()
        key = str(file.resolve())
        size, mtime, digest = self.known.get(key, (-1, -1, ""))
        if (size, mtime) != (status.st_size, status.st_mtime_ns):
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        self.used[key] = (status.st_size, status.st_mtime_ns, digest)
        return digest

    def save(self) -> None:
        """Write the hashes of the files seen in this build (and only those), atomically."""
        if self.path is None:
            return
        lines = "".join(f"{name}\t{size}\t{mtime}\t{digest}\n" for name, (size, mtime, digest) in sorted(self.used.items()))
        partial = self.path.with_name(self.path.name + ".partial")
        partial.write_text(lines, encoding="utf-8")
        os.replace(partial, self.path)


def file_is_unchanged(item: InputFile, stored: dict[str, StoredArticle], builder: str, hashes: FileHashes) -> bool:
    """A one-article file whose bytes and builder match what the store holds for its source."""
    known = stored.get(item.source)
    if known is None or known.builder != builder or item.path.suffix.lower() not in TEXT_SUFFIXES + HTML_SUFFIXES:
        return False
    return item.path.is_file() and hashes.digest(item.path) == known.content_hash
