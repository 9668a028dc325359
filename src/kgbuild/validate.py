"""SHACL validation of graphs against the shapes of ``shapes/``.

``validate_graph`` runs pyshacl without inference (the shapes need none) with
the shapes parsed once per process, and returns the report as plain data:
one :class:`Problem` per result, in a deterministic order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import pyshacl
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.term import Node

from kgbuild.resources import shapes_dir, turtle_folder

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Problem:
    """One SHACL result: which node, which property, what is wrong, and by which rule."""

    focus_node: str
    path: str
    message: str
    severity: str  # Violation | Warning | Info
    shape: str
    value: str = ""

    def describe(self) -> str:
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: <{self.focus_node}> {self.path}: {self.message}{value}"


@dataclass
class ValidationResult:
    conforms: bool
    problems: list[Problem] = field(default_factory=list)

    def describe(self) -> str:
        """The report as text, one problem a line."""
        if self.conforms:
            return "conforms"
        return "\n".join(problem.describe() for problem in self.problems)


@cache
def shapes_graph() -> Graph:
    """Every ``shapes/*.ttl`` in one graph (parsed once; do not modify)."""
    return turtle_folder(shapes_dir())


def validate_graph(graph: Graph) -> ValidationResult:
    """Validate ``graph`` (an article graph, or any union of them) against the shapes."""
    conforms, report, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,
        allow_warnings=False,
    )
    return ValidationResult(conforms=bool(conforms), problems=_problems(report))


def _problems(report: Graph) -> list[Problem]:
    problems = [_problem(report, result) for result in report.subjects(RDF.type, SH.ValidationResult)]
    return sorted(problems, key=lambda p: (p.focus_node, p.path, p.shape, p.message, p.value))


def _problem(report: Graph, result: Node) -> Problem:
    shape = report.value(result, SH.sourceShape)
    return Problem(
        focus_node=_text(report.value(result, SH.focusNode)),
        path=_text(report.value(result, SH.resultPath)),
        message=_text(report.value(result, SH.resultMessage)),
        severity=_text(report.value(result, SH.resultSeverity)).removeprefix(str(SH)),
        shape=_text(shape) if isinstance(shape, URIRef) else "",
        value=_text(report.value(result, SH.value)),
    )


def _text(node: Node | None) -> str:
    return "" if node is None else str(node)
