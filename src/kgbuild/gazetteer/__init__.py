"""The gazetteer (vendored GB/T 2260 data) and place resolution in context."""

from kgbuild.gazetteer.gazetteer import Area, Gazetteer
from kgbuild.gazetteer.links import GEONAMES_IRI, geonames_id, geonames_iri
from kgbuild.gazetteer.report import places_report
from kgbuild.gazetteer.resolve import PlaceResolution, resolve_places

__all__ = [
    "GEONAMES_IRI",
    "Area",
    "Gazetteer",
    "PlaceResolution",
    "geonames_id",
    "geonames_iri",
    "places_report",
    "resolve_places",
]
