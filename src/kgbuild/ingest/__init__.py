"""Ingestion: files to clean, simplified, sentence-split Articles with metadata.

``read_articles`` reads ``.txt``, ``.html``/``.htm`` and ``.jsonl`` files and
folders; ``article_from_text`` cleans one text; ``inspect_report`` shows what
cleaning did to one file.
"""

from kgbuild.ingest.article import article_from_text
from kgbuild.ingest.read import read_articles
from kgbuild.ingest.report import inspect_report

__all__ = ["article_from_text", "inspect_report", "read_articles"]
