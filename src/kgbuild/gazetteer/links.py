"""Links from gazetteer areas to GeoNames features (``data/geonames.tsv``).

A link is a confirmed one-to-one match (see ``data/README.md``): a province to its
GeoNames ADM1 division, a prefecture to its ADM2, a county-level city to the
populated place of its name, each matched by name, distance and code. Areas
without a confirmed feature (districts, counties, unconfirmed matches) have no link.
"""

from __future__ import annotations

from functools import cache

from kgbuild.gazetteer.gazetteer import DATA, read_tsv

GEONAMES = DATA / "geonames.tsv"
GEONAMES_IRI = "https://sws.geonames.org/{id}/"  # the GeoNames linked-data IRI of a feature


@cache
def geonames_links() -> dict[str, dict[str, str]]:
    """The rows of geonames.tsv by area code: geonames_id, name, feature, km, matched, admin_code."""
    return {row["code"]: row for row in read_tsv(GEONAMES)}


def geonames_id(code: str) -> str | None:
    """The GeoNames id confirmed for the area ``code``, or None."""
    link = geonames_links().get(code)
    return link["geonames_id"] if link else None


def geonames_iri(code: str) -> str | None:
    """The GeoNames IRI (``https://sws.geonames.org/{id}/``) for the area ``code``, or None."""
    feature = geonames_id(code)
    return GEONAMES_IRI.format(id=feature) if feature else None
