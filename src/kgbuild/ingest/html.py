"""The main text and metadata of an HTML page, by trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

from kgbuild.ingest.decode import is_cjk
from kgbuild.ingest.metadata import strip_site_suffix


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None = None
    issued: str | None = None
    author: str | None = None
    publisher: str | None = None
    url: str | None = None


def page_text(html: str, url: str | None = None) -> PageText:
    """The article text of ``html`` (paragraphs on their own lines) and the metadata trafilatura finds."""
    import trafilatura  # slow to import, and only HTML inputs need it

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
    )
    if document is None:
        return PageText("")
    sitename = document.sitename if document.sitename and any(map(is_cjk, document.sitename)) else None
    return PageText(
        text=document.text or "",
        title=strip_site_suffix(document.title) if document.title else None,
        issued=document.date or None,
        author=document.author or None,
        publisher=sitename,
        url=document.url or url,
    )
