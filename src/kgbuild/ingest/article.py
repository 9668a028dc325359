"""Text (and whatever metadata came with it) to an :class:`Article`."""

from __future__ import annotations

import hashlib

from kgbuild.ingest.clean import clean
from kgbuild.ingest.metadata import Metadata, date_from_url, find_date
from kgbuild.ingest.sentences import split_sentences
from kgbuild.model import Article

_GIVEN_FIELDS = ("title", "issued", "publisher", "author", "editor", "url")


def article_from_text(text: str, id: str = "snippet", source: str = "snippet.txt", **metadata: str | None) -> Article:
    """Clean ``text`` into an Article.

    ``metadata`` may give ``title``, ``issued`` (any date format the cleaner
    knows), ``publisher``, ``author``, ``editor``, ``url`` and ``content_hash``;
    given values win over what the text says, missing ones are harvested from
    the text, and what neither states stays ``None``.
    """
    unknown = set(metadata) - set(_GIVEN_FIELDS) - {"content_hash"}
    if unknown:
        raise TypeError(f"unknown metadata: {', '.join(sorted(unknown))}")
    given = Metadata(**{name: _given_value(name, metadata.get(name)) for name in _GIVEN_FIELDS})
    cleaned = clean(text, given)
    found = cleaned.metadata
    if found.issued is None and found.url:
        found.issued = date_from_url(found.url)
    return Article(
        id=id,
        source=source,
        text=cleaned.text,
        sentences=split_sentences(cleaned.text),
        title=found.title,
        issued=found.issued,
        publisher=found.best_publisher(),
        author=found.author,
        editor=found.editor,
        url=found.url,
        script=cleaned.script,
        removed=cleaned.removed,
        content_hash=metadata.get("content_hash") or hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def _given_value(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    if name == "issued":
        return find_date(value)
    return value or None
