"""Deterministic IRIs for the nodes the builder mints (docs/ARCHITECTURE.md, "Identifiers").

The same facts always give the same IRIs, so the same corpus gives the same graph.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from ..model import Article
from ..namespaces import FPA, FPID, FPP

_NAME_NOISE = re.compile(r"[\s“”\"'‘’「」『』《》〈〉·•]")


def short_hash(*parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8"))
    return digest.hexdigest()[:12]


def normalise_name(name: str) -> str:
    """The identity form of a name: NFKC, without quotes, brackets of titles or spaces."""
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", name))


def article_iri(article: Article) -> URIRef:
    return FPA[article.id]


def place_iri(code: str) -> URIRef:
    return FPP[code]


def geometry_iri(code: str) -> URIRef:
    return FPID[f"geometry/{code}"]


def body_iri(place: str, kind: str, name: str) -> URIRef:
    if kind == "other":
        return FPID[f"body/{place}/other-{short_hash(normalise_name(name))}"]
    return FPID[f"body/{place}/{kind}"]


def program_iri(place: str, name: str) -> URIRef:
    return FPID[f"program/{place}/{short_hash(normalise_name(name))}"]


def measure_iri(program: URIRef, name: str) -> URIRef:
    return FPID[f"measure/{short_hash(str(program), normalise_name(name))}"]


def outcome_iri(article_id: str, sentence: str, value: str, unit: str, indicator: str, place: str | None) -> URIRef:
    # The place counts: one sentence may give the same figure for two areas (甲县、乙县各有贫困户100户).
    return FPID[f"outcome/{article_id}/{short_hash(sentence, value, unit, indicator, place or '')}"]
