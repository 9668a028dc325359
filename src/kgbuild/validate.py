"""SHACL validation of graphs against the shapes of ``shapes/``.

``validate_graph`` runs pyshacl without inference (the shapes need none) with
the shapes parsed once per process, and returns the report as plain data:
one :class:`Problem` per result, in a deterministic order. It is the reference
(``kgbuild validate``).

``check_triples`` gives the same result for one article's triples, much faster:
the shapes are compiled once per process into plain checks over an index of
the triples (:class:`CompiledShapes`). The shapes file stays the single source
of truth; compiling fails with :class:`UnsupportedShape` on any SHACL construct
the checks do not implement, so an edit of the shapes is never silently ignored.
Where SHACL leaves room, the checks follow pyshacl (datatype, language and
range tests, which results carry ``sh:value``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

from kgbuild.resources import shapes_dir, turtle_folder

SH = Namespace("http://www.w3.org/ns/shacl#")

Triple = tuple[Node, Node, Node]


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
    import pyshacl  # the reference validator: a build uses the compiled checks, and need not import it

    conforms, report, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=False,
        allow_warnings=False,
    )
    return ValidationResult(conforms=bool(conforms), problems=_problems(report))


def check_triples(triples: Iterable[Triple]) -> ValidationResult:
    """Validate one graph given as triples (duplicates allowed) with the compiled shapes.

    The result equals ``validate_graph`` on a graph of the same triples.
    """
    return compiled_shapes().check(triples)


@cache
def compiled_shapes() -> CompiledShapes:
    """The project's shapes, compiled once per process."""
    return CompiledShapes(shapes_graph())


def _problems(report: Graph) -> list[Problem]:
    return _in_order(_problem(report, result) for result in report.subjects(RDF.type, SH.ValidationResult))


def _in_order(problems: Iterable[Problem]) -> list[Problem]:
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


# ---------------------------------------------------------------- compiled shapes


class UnsupportedShape(ValueError):
    """The shapes use SHACL that the compiled checks do not implement (or use it ill-formed)."""


_TARGETS = (SH.targetClass, SH.targetSubjectsOf)
_SUPPORTED = frozenset(
    {
        *_TARGETS,
        *(SH[name] for name in ("property", "path", "message", "severity", "deactivated")),
        *(SH[name] for name in ("nodeKind", "datatype", "pattern", "languageIn", "in", "class", "hasValue", "or")),
        *(SH[name] for name in ("minCount", "maxCount", "minInclusive", "maxInclusive")),
        *(SH[name] for name in ("qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount")),
        *(SH[name] for name in ("name", "description", "order", "group")),  # non-validating
    }
)
_SHAPE_TYPES = frozenset({SH.NodeShape, SH.PropertyShape})
_NODE_KINDS = {
    SH.IRI: (URIRef,),
    SH.BlankNode: (BNode,),
    SH.Literal: (Literal,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}
# The Python value a well-formed literal of these datatypes has (pyshacl checks it; other datatypes pass)
_PYTHON_VALUES: dict[Node, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}
_NOTHING: frozenset[Node] = frozenset()
_NO_VALUES: dict[Node, set[Node]] = {}


class _Data:
    """One graph's triples, indexed for the checks (a set: duplicates collapse)."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        columns: dict[Node, dict[Node, set[Node]]] = {}  # predicate -> subject -> objects
        for subject, predicate, obj in triples:
            column = columns.get(predicate)
            if column is None:
                columns[predicate] = {subject: {obj}}
                continue
            objects = column.get(subject)
            if objects is None:
                column[subject] = {obj}
            else:
                objects.add(obj)
        self._columns = columns
        self._parents = columns.get(RDFS.subClassOf, _NO_VALUES)
        self._instances: dict[Node, set[Node]] = {}
        for node, classes in columns.get(RDF.type, _NO_VALUES).items():
            for cls in classes:
                for ancestor in self._superclasses(cls) if self._parents else (cls,):
                    self._instances.setdefault(ancestor, set()).add(node)

    def column(self, predicate: Node) -> dict[Node, set[Node]]:
        """Each subject's objects of ``predicate``."""
        return self._columns.get(predicate, _NO_VALUES)

    def instances(self, cls: Node) -> set[Node] | frozenset[Node]:
        """SHACL instances of ``cls``: typed with it or a subclass (rdfs:subClassOf in this graph)."""
        return self._instances.get(cls, _NOTHING)

    def is_instance(self, node: Node, cls: Node) -> bool:
        return node in self._instances.get(cls, _NOTHING)

    def _superclasses(self, cls: Node) -> set[Node]:
        """``cls`` and its ancestors by rdfs:subClassOf in this graph."""
        found, todo = {cls}, [cls]
        while todo:
            for parent in self._parents.get(todo.pop(), _NOTHING):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found


ValueTest = Callable[[Node, _Data], bool]
FocusValues = list[tuple[Node, Collection[Node]]]  # each focus node with its value nodes
Result = tuple["_Shape", Node, "Node | None"]  # shape, focus node, value: made a Problem only if reported


@dataclass(frozen=True)
class _EachValue:
    """A condition on each value node: one result per failing value, with it as sh:value."""

    test: ValueTest

    def report(self, shape: _Shape, focus_values: FocusValues, data: _Data, results: list[Result]) -> None:
        test = self.test
        for focus, values in focus_values:
            for value in values:
                if not test(value, data):
                    results.append((shape, focus, value))


@dataclass(frozen=True)
class _Count:
    """A bound on the number of value nodes (or of those conforming to ``counted``): one result, no sh:value."""

    accepts: Callable[[int], bool]
    counted: _Shape | None = None

    def report(self, shape: _Shape, focus_values: FocusValues, data: _Data, results: list[Result]) -> None:
        for focus, values in focus_values:
            if self.counted is None:
                count = len(values)
            else:
                count = sum(1 for value in values if self.counted.conforms(value, data))
            if not self.accepts(count):
                results.append((shape, focus, None))


@dataclass(frozen=True)
class _HasValue:
    """sh:hasValue: one result, no sh:value, when the term is not among the value nodes."""

    term: Node

    def report(self, shape: _Shape, focus_values: FocusValues, data: _Data, results: list[Result]) -> None:
        for focus, values in focus_values:
            if self.term not in values:
                results.append((shape, focus, None))


Check = _EachValue | _Count | _HasValue


@dataclass(frozen=True)
class _Shape:
    """A node shape (``path`` None) or property shape, compiled; deactivated ones have no checks."""

    node: Node
    path: URIRef | None
    checks: tuple[Check, ...]
    properties: tuple[_Shape, ...]
    message: str
    severity: str

    def report(self, focus_nodes: Iterable[Node], data: _Data, results: list[Result]) -> None:
        """Add the results of validating ``focus_nodes`` to ``results``."""
        if self.path is None:
            focus_values: FocusValues = [(focus, (focus,)) for focus in focus_nodes]
        else:
            column = data.column(self.path)
            focus_values = [(focus, column.get(focus, _NOTHING)) for focus in focus_nodes]
        for check in self.checks:
            check.report(self, focus_values, data, results)
        if self.properties:
            inner = [value for _, values in focus_values for value in values]  # the property shapes' focus nodes
            for prop in self.properties:
                prop.report(inner, data, results)

    def conforms(self, node: Node, data: _Data) -> bool:
        results: list[Result] = []
        self.report((node,), data, results)
        return not results

    def problem(self, focus: Node, value: Node | None) -> Problem:
        return Problem(
            focus_node=str(focus),
            path=_text(self.path),
            message=self.message,
            severity=self.severity,
            shape=str(self.node) if isinstance(self.node, URIRef) else "",
            value=_text(value),
        )


@dataclass(frozen=True)
class _Target:
    """A shape with its targets."""

    shape: _Shape
    classes: tuple[Node, ...]
    subjects_of: tuple[Node, ...]

    def focus_nodes(self, data: _Data) -> set[Node]:
        nodes: set[Node] = set()
        for cls in self.classes:
            nodes |= data.instances(cls)
        for predicate in self.subjects_of:
            nodes.update(data.column(predicate))
        return nodes


class CompiledShapes:
    """A shapes graph compiled into plain checks; ``check`` gives pyshacl's results for a graph's triples."""

    def __init__(self, shapes: Graph) -> None:
        self._graph = shapes
        _reject_unsupported(shapes)
        targeted = sorted({node for target in _TARGETS for node in shapes.subjects(target, None)})
        self._targets = tuple(
            _Target(
                self._shape(node, reported=True, within=()),
                tuple(shapes.objects(node, SH.targetClass)),
                tuple(shapes.objects(node, SH.targetSubjectsOf)),
            )
            for node in targeted
        )

    def check(self, triples: Iterable[Triple]) -> ValidationResult:
        """Validate one graph's triples (duplicates allowed): the result pyshacl gives for them."""
        data = _Data(triples)
        results: list[Result] = []
        for target in self._targets:
            target.shape.report(target.focus_nodes(data), data, results)
        problems = [shape.problem(focus, value) for shape, focus, value in results]
        return ValidationResult(conforms=not problems, problems=_in_order(problems))

    # -- compiling

    def _shape(self, node: Node, reported: bool, within: tuple[Node, ...]) -> _Shape:
        """Compile ``node``; ``reported``: its results are reported (not only its conformance used)."""
        if node in within:
            raise UnsupportedShape(f"shape {self._name(node)} refers to itself: recursive shapes are not supported")
        within = (*within, node)
        path = self._one(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise UnsupportedShape(f"shape {self._name(node)} has a complex sh:path: only a property is supported")
        severity = str(self._one(node, SH.severity) or SH.Violation).removeprefix(str(SH))
        if self._deactivated(node):
            return _Shape(node, path, (), (), "", severity)
        checks = tuple(self._checks(node, path, within))
        properties = tuple(self._property(prop, reported, within) for prop in self._graph.objects(node, SH.property))
        message = self._message(node) if reported and checks else ""
        return _Shape(node, path, checks, properties, message, severity)

    def _property(self, node: Node, reported: bool, within: tuple[Node, ...]) -> _Shape:
        if self._one(node, SH.path) is None:
            raise UnsupportedShape(f"sh:property {self._name(node)} of {self._name(within[-1])} has no sh:path")
        return self._shape(node, reported, within)

    def _checks(self, node: Node, path: URIRef | None, within: tuple[Node, ...]) -> Iterator[Check]:
        """The shape's constraints, one check per constraint (per value of a repeatable parameter)."""
        kind = self._one(node, SH.nodeKind)
        if kind is not None:
            if kind not in _NODE_KINDS:
                raise UnsupportedShape(f"shape {self._name(node)} has an unknown sh:nodeKind {self._name(kind)}")
            yield _EachValue(_is_of_kind(_NODE_KINDS[kind]))
        datatype = self._one(node, SH.datatype)
        if datatype is not None:
            yield _EachValue(_has_datatype(datatype))
        for pattern in self._literals(node, SH.pattern):
            yield _EachValue(_matches(str(pattern)))
        languages = self._list(node, SH.languageIn)
        if languages is not None:
            yield _EachValue(_in_languages(self._languages(node, languages)))
        members = self._list(node, SH["in"])
        if members is not None:
            yield _EachValue(_is_member(frozenset(members)))
        for cls in self._graph.objects(node, SH["class"]):
            yield _EachValue(_is_instance(cls))
        for bound in self._literals(node, SH.minInclusive):
            yield _EachValue(_in_range(bound, lambda order: order >= 0))
        for bound in self._literals(node, SH.maxInclusive):
            yield _EachValue(_in_range(bound, lambda order: order <= 0))
        for alternatives in self._graph.objects(node, SH["or"]):
            shapes = tuple(self._shape(item, reported=False, within=within) for item in self._items(alternatives))
            if not shapes:
                raise UnsupportedShape(f"shape {self._name(node)} has an empty sh:or")
            yield _EachValue(_conforms_to_any(shapes))
        for term in self._graph.objects(node, SH.hasValue):
            yield _HasValue(term)
        yield from self._counts(node, None, SH.minCount, SH.maxCount)
        yield from self._qualified(node, path, within)

    def _qualified(self, node: Node, path: URIRef | None, within: tuple[Node, ...]) -> tuple[_Count, ...]:
        qualified = self._one(node, SH.qualifiedValueShape)
        if qualified is None:
            return ()
        if path is None:
            raise UnsupportedShape(f"node shape {self._name(node)} has sh:qualifiedValueShape (property shapes only)")
        counted = self._shape(qualified, reported=False, within=within)
        counts = tuple(self._counts(node, counted, SH.qualifiedMinCount, SH.qualifiedMaxCount))
        if not counts:
            raise UnsupportedShape(f"shape {self._name(node)} has sh:qualifiedValueShape without a count")
        return counts

    def _counts(self, node: Node, counted: _Shape | None, minimum: URIRef, maximum: URIRef) -> Iterator[_Count]:
        low, high = self._int(node, minimum), self._int(node, maximum)
        if low is not None:
            yield _Count(lambda count: count >= low, counted)
        if high is not None:
            yield _Count(lambda count: count <= high, counted)

    def _deactivated(self, node: Node) -> bool:
        flag = self._one(node, SH.deactivated)
        if flag is not None and not isinstance(flag, Literal):
            raise UnsupportedShape(f"shape {self._name(node)} has a sh:deactivated that is not a literal")
        return flag is not None and bool(flag.value)

    def _message(self, node: Node) -> str:
        messages = list(self._graph.objects(node, SH.message))
        if len(messages) != 1:
            raise UnsupportedShape(
                f"shape {self._name(node)} has {len(messages)} sh:message: the compiled checks need exactly one "
                "(pyshacl's default messages and its choice among several are not reproduced)"
            )
        return str(messages[0])

    def _one(self, node: Node, parameter: URIRef) -> Node | None:
        values = list(self._graph.objects(node, parameter))
        if len(values) > 1:
            raise UnsupportedShape(f"shape {self._name(node)} has {len(values)} values of {self._name(parameter)}")
        return values[0] if values else None

    def _int(self, node: Node, parameter: URIRef) -> int | None:
        value = self._one(node, parameter)
        if value is None:
            return None
        if not isinstance(value, Literal) or type(value.value) is not int:
            raise UnsupportedShape(f"shape {self._name(node)}: {self._name(parameter)} is not an integer")
        return value.value

    def _literals(self, node: Node, parameter: URIRef) -> list[Literal]:
        values = list(self._graph.objects(node, parameter))
        if not all(isinstance(value, Literal) for value in values):
            raise UnsupportedShape(f"shape {self._name(node)}: {self._name(parameter)} is not a literal")
        return values

    def _list(self, node: Node, parameter: URIRef) -> list[Node] | None:
        head = self._one(node, parameter)
        return None if head is None else self._items(head)

    def _items(self, head: Node) -> list[Node]:
        return list(self._graph.items(head))

    def _languages(self, node: Node, tags: list[Node]) -> frozenset[str]:
        if not all(isinstance(tag, Literal) and isinstance(tag.value, str) for tag in tags):
            raise UnsupportedShape(f"shape {self._name(node)}: sh:languageIn holds a value that is not a string")
        return frozenset(str(tag).lower() for tag in tags)

    def _name(self, node: Node) -> str:
        return node.n3(self._graph.namespace_manager)


def _reject_unsupported(shapes: Graph) -> None:
    """Fail on any SHACL the compiled checks do not implement: an sh: term they do not know (SPARQL,
    sh:closed, other targets, constraint components...) or a shape of another type (implicit targets)."""
    names = shapes.namespace_manager
    found = sorted(
        f"{subject.n3(names)} uses {(predicate if _is_shacl(predicate) else obj).n3(names)}"
        for subject, predicate, obj in shapes
        if (_is_shacl(predicate) and predicate not in _SUPPORTED)
        or (predicate == RDF.type and obj not in _SHAPE_TYPES and (_is_shacl(obj) or _is_shape(shapes, subject)))
    )
    if found:
        raise UnsupportedShape("the compiled checks do not support: " + "; ".join(found))


def _is_shacl(term: Node) -> bool:
    return isinstance(term, URIRef) and term.startswith(str(SH))


def _is_shape(shapes: Graph, node: Node) -> bool:
    return any(_is_shacl(predicate) for predicate in shapes.predicates(node))


# ---------------------------------------------------------------- value tests (pyshacl's semantics)


def _is_of_kind(kinds: tuple[type, ...]) -> ValueTest:
    return lambda value, data: isinstance(value, kinds)


def _has_datatype(datatype: Node) -> ValueTest:
    """sh:datatype: a literal of that datatype and, for the common XSD types, well-formed.

    pyshacl's rule, with its special cases decided once for the datatype: every literal is an
    rdfs:Literal, a typed one an rdfs:Datatype, a plain one an xsd:string, a tagged one an rdf:langString.
    """
    python_type = _PYTHON_VALUES.get(datatype)

    def well_formed(value: Literal) -> bool:
        return value.ill_typed is not True and (python_type is None or isinstance(value.value, python_type))

    special: Callable[[Literal], bool] = {
        RDFS.Literal: lambda value: True,
        RDFS.Datatype: lambda value: value.datatype is not None,
        XSD.string: lambda value: value.datatype is None and value.language is None and well_formed(value),
        RDF.langString: lambda value: bool(value.language) and well_formed(value),
    }.get(datatype, lambda value: False)

    def test(value: Node, data: _Data) -> bool:
        if not isinstance(value, Literal):
            return False
        actual = value.datatype
        return well_formed(value) if actual is not None and actual == datatype else special(value)

    return test


def _matches(pattern: str) -> ValueTest:
    regex = re.compile(pattern)
    return lambda value, data: not isinstance(value, BNode) and regex.search(value) is not None


def _in_languages(wanted: frozenset[str]) -> ValueTest:
    """sh:languageIn: a language-tagged literal whose tag, or its primary subtag, is listed."""

    def test(value: Node, data: _Data) -> bool:
        if not isinstance(value, Literal) or not value.language:
            return False
        tag = value.language.lower()
        return "*" in wanted or tag in wanted or tag.split("-")[0] in wanted

    return test


def _is_member(members: frozenset[Node]) -> ValueTest:
    return lambda value, data: value in members


def _is_instance(cls: Node) -> ValueTest:
    return lambda value, data: not isinstance(value, Literal) and data.is_instance(value, cls)


def _in_range(bound: Literal, accepts: Callable[[int], bool]) -> ValueTest:
    """sh:minInclusive / sh:maxInclusive: a literal comparable with the bound, on the right side of it."""

    def test(value: Node, data: _Data) -> bool:
        if not isinstance(value, Literal):
            return False
        if isinstance(value.value, str) != isinstance(bound.value, str):
            return False
        try:
            return accepts(_order(value, bound))
        except (TypeError, NotImplementedError):
            return False

    return test


def _order(value: Literal, bound: Literal) -> int:
    """-1, 0 or 1 as ``value`` is below, equal to or above ``bound`` (raises TypeError if incomparable)."""
    if value.eq(bound):
        return 0
    if type(value.value) in (datetime, time):  # compare the values: rdflib's literal order forces one on them
        return 0 if value.value == bound.value else 1 if value.value > bound.value else -1
    return 1 if value > bound else -1


def _conforms_to_any(shapes: tuple[_Shape, ...]) -> ValueTest:
    return lambda value, data: any(shape.conforms(value, data) for shape in shapes)
