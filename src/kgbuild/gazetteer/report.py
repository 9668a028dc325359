"""``kgbuild places FILE``: each place mention of an article, what it resolved to, and why."""

from __future__ import annotations

from kgbuild.gazetteer.gazetteer import Gazetteer
from kgbuild.gazetteer.resolve import resolve_places
from kgbuild.model import Article


def places_report(article: Article, gazetteer: Gazetteer | None = None) -> str:
    """A plain-text table of the article's place mentions, its home area and the time taken."""
    gazetteer = gazetteer or Gazetteer.default()
    resolution = resolve_places(article, gazetteer)
    home = gazetteer.area(resolution.home) if resolution.home else None
    lines = [
        f"article {article.id}: {len(resolution.mentions)} place mentions in {resolution.seconds * 1000:.1f} ms",
        f"home: {home.code} {home.name}" if home else "home: none",
    ]
    for mention in resolution.mentions:
        area = gazetteer.area(mention.code)
        chain = " < ".join(a.name for a in gazetteer.ancestors(mention.code))
        where = f"{area.name} ({chain})" if area and chain else (area.name if area else "?")
        resolved = f"{mention.code} {mention.level} {where}"
        lines.append(f"[{mention.sentence}:{mention.start}] {mention.name} → {resolved} — {mention.reason}")
    return "\n".join(lines)
