"""Files and folders to Articles: ``.txt``, ``.html``/``.htm`` and ``.jsonl``.

Articles come out in a deterministic order: the paths given, sorted; each
folder's files sorted by relative path; JSONL records in line order. A file
that cannot be read becomes an :class:`InputProblem` and reading goes on.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from kgbuild.ingest.article import article_from_text
from kgbuild.ingest.decode import UndecodableInput, decode_bytes
from kgbuild.ingest.html import page_text
from kgbuild.model import Article, InputProblem

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
_JSONL_FIELDS = ("title", "date", "issued", "url", "publisher", "author", "editor")
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class InputFile:
    location: str  # the file's path as given or found
    source: str  # relative to the folder given, POSIX; the file name when named directly

    @cached_property
    def path(self) -> Path:
        # Made on demand: a rebuild lists 100,000 files and opens only the changed ones.
        return Path(self.location)


def read_articles(paths: Iterable[Path | str], *, max_bytes: int = 5_000_000) -> Iterator[Article | InputProblem]:
    """Every article in ``paths`` (files or folders, recursively), or the problem that stopped one."""
    ids: set[str] = set()
    for item in input_files(paths):
        for result in read_file(item, max_bytes=max_bytes):
            if isinstance(result, Article):
                result.id = _unique_id(result.id, result.source, ids)
            yield result


def input_files(paths: Iterable[Path | str]) -> Iterator[InputFile]:
    """The files to read: named files as given (whatever their type), folders' supported files."""
    for path in sorted({Path(path) for path in paths}, key=lambda path: path.as_posix()):
        if path.is_dir():
            for source, file in sorted(_supported_files(path)):
                yield InputFile(file, source)
        else:
            yield InputFile(str(path), path.name)


def _supported_files(folder: Path) -> Iterator[tuple[str, str]]:
    """(path relative to ``folder``, in POSIX form; path) of each supported file at any depth.

    ``os.scandir`` rather than ``Path.rglob``: a corpus of 100,000 files is listed in a
    fraction of a second instead of seconds. Links to folders are not followed (no cycles).
    """
    pending = [("", os.path.abspath(folder))]
    while pending:
        prefix, directory = pending.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.name.lower().endswith(SUFFIXES) and entry.is_file():
                    yield prefix + entry.name, entry.path


def read_file(item: InputFile, *, max_bytes: int) -> Iterator[Article | InputProblem]:
    """The article(s) of one file (several for JSONL), or the problems met reading it."""
    suffix = item.path.suffix.lower()
    if not item.path.exists():
        yield InputProblem(item.source, f"{item.source}: no such file or folder")
        return
    if suffix not in SUFFIXES:
        yield InputProblem(
            item.source, f"{item.source}: unsupported file type '{suffix}' (expected {', '.join(SUFFIXES)})"
        )
        return
    size = item.path.stat().st_size
    if size > max_bytes:
        yield InputProblem(item.source, f"{item.source}: file is {size} bytes, over the limit of {max_bytes}")
        return
    raw = item.path.read_bytes()
    problem = _unreadable(raw)
    if problem:
        yield InputProblem(item.source, f"{item.source}: {problem}")
        return
    try:
        text, encoding = decode_bytes(raw)
    except UndecodableInput as error:
        yield InputProblem(item.source, f"{item.source}: undecodable bytes, {error}")
        return
    stem = safe_id(item.path.stem)
    digest = hashlib.sha256(raw).hexdigest()
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_articles(raw, text, encoding, item.source, stem)
    elif suffix in HTML_SUFFIXES:
        yield _checked(_html_article(text, stem, item.source, digest))
    else:
        yield _checked(article_from_text(text, id=stem, source=item.source, content_hash=digest))


def _unreadable(raw: bytes) -> str | None:
    if not raw.strip():
        return "empty file"
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if not utf16 and b"\x00" in raw:
        return "binary file (contains NUL bytes)"
    return None


def _checked(article: Article) -> Article | InputProblem:
    if not article.text.strip():
        return InputProblem(article.source, f"{article.source}: no article text left after cleaning")
    return article


def _html_article(html: str, id: str, source: str, digest: str, **given: str | None) -> Article:
    page = page_text(html, url=given.get("url"))
    metadata = {
        "title": given.get("title") or page.title,
        "issued": given.get("issued") or page.issued,
        "author": given.get("author") or page.author,
        "publisher": given.get("publisher") or page.publisher,
        "url": given.get("url") or page.url,
        "editor": given.get("editor"),
    }
    return article_from_text(page.text, id=id, source=source, content_hash=digest, **metadata)


def _jsonl_lines(raw: bytes, text: str, encoding: str) -> list[bytes]:
    """The raw bytes of each line (for its content hash)."""
    if encoding.startswith("utf-8") or encoding == "utf_8":
        return raw.removeprefix(codecs.BOM_UTF8).split(b"\n")
    return [line.encode("utf-8") for line in text.split("\n")]


def _jsonl_articles(raw: bytes, text: str, encoding: str, source: str, stem: str) -> Iterator[Article | InputProblem]:
    for number, line_bytes in enumerate(_jsonl_lines(raw, text, encoding), start=1):
        line = line_bytes.decode("utf-8", errors="replace")
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputProblem(where, f"{where}: not valid JSON ({error.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text") or record.get("html"), str):
            yield InputProblem(where, f"{where}: a record needs a 'text' or 'html' string")
            continue
        yield _checked(
            _record_article(record, where, stem, number, hashlib.sha256(line_bytes.rstrip(b"\r")).hexdigest())
        )


def _record_article(record: dict, where: str, stem: str, number: int, digest: str) -> Article:
    given = {name: str(record[name]) for name in _JSONL_FIELDS if record.get(name) not in (None, "")}
    if "date" in given:
        given.setdefault("issued", given.pop("date"))
    id = safe_id(str(record["id"])) if record.get("id") not in (None, "") else f"{stem}-{number}"
    if isinstance(record.get("text"), str) and record["text"].strip():
        return article_from_text(record["text"], id=id, source=where, content_hash=digest, **given)
    return _html_article(record["html"], id, where, digest, **given)


def safe_id(name: str) -> str:
    """An IRI-safe id: ``[A-Za-z0-9_.-]`` only, with a short hash when non-ASCII had to go."""
    ascii_part = _UNSAFE_ID.sub("_", name).strip("_")
    if name.isascii() and ascii_part:
        return ascii_part
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{ascii_part}-{digest}" if ascii_part else digest


def _unique_id(id: str, source: str, seen: set[str]) -> str:
    """The same stem in two folders must not give two articles one IRI."""
    if id in seen:
        id = f"{id}-{hashlib.sha1(source.encode('utf-8')).hexdigest()[:8]}"
    seen.add(id)
    return id
