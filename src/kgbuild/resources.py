"""Where the project's data folders are: ontology/, shapes/ and queries/.

In a source checkout (and an editable install) they are the top-level folders of
the repository; an installed wheel carries copies under ``kgbuild/_resources``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir(name: str) -> Path:
    """The folder ``name`` (``ontology``, ``shapes`` or ``queries``)."""
    for candidate in (_PACKAGE.parents[1] / name, _PACKAGE / "_resources" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kgbuild resource folder {name!r} not found")


def ontology_dir() -> Path:
    return resource_dir("ontology")


def shapes_dir() -> Path:
    return resource_dir("shapes")


def queries_dir() -> Path:
    return resource_dir("queries")


def turtle_folder(folder: Path) -> Graph:
    """Every ``*.ttl`` file of ``folder`` parsed into one graph, in file-name order."""
    graph = Graph()
    for path in sorted(folder.glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph
