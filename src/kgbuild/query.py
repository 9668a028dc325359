"""Run the SPARQL questions of ``queries/`` (or any query file) and format their answers.

A query file starts with a header of comment lines::

    # title: 覆盖某类帮扶对象的项目 / Programs covering a beneficiary group
    # description: …
    # param: group  iri-fpg  default=disabled

Parameters are bound by variable name in a ``VALUES`` block opening each WHERE
group, each value written as an RDF term (IRI or escaped literal), so a parameter value can
never change the query's shape. (Oxigraph's SEP-0007 substitutions would do
the same, but only bind variables the query projects.)
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .namespaces import FPG, FPK, FPP, FPS, FPU, PREFIXES
from .resources import queries_dir
from .store import GraphStore

_COMMENT_LINE = re.compile(r"^\s*#.*$", re.MULTILINE)
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_IRI_KINDS = {"iri-fpg": FPG, "iri-fps": FPS, "iri-fpk": FPK, "iri-fpp": FPP, "iri-fpu": FPU}
_XSD = "http://www.w3.org/2001/XMLSchema#"
TABLE_CELL_WIDTH = 60


class QueryError(ValueError):
    """A query that cannot be found, or a parameter that does not fit it."""


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    default: str | None = None


@dataclass
class NamedQuery:
    name: str
    path: Path | None
    sparql: str
    title: str = ""
    description: str = ""
    params: list[Param] = field(default_factory=list)


@dataclass
class QueryResult:
    variables: list[str]
    rows: list[dict[str, object]]  # variable -> pyoxigraph term (absent when unbound)
    boolean: bool | None = None  # the answer of an ASK query


def parse_query_text(sparql: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    query = NamedQuery(name=name, path=path, sparql=sparql)
    for line in sparql.splitlines():
        match = _HEADER.match(line.strip())
        if not match:
            continue
        key, value = match.groups()
        if key == "param":
            query.params.append(parse_param(value, name))
        elif key == "title":
            query.title = value.strip()
        else:
            query.description = " ".join(filter(None, [query.description, value.strip()]))
    return query


def parse_param(declaration: str, query_name: str) -> Param:
    words = declaration.split()
    if len(words) < 2 or not (words[1] in _IRI_KINDS or words[1] in {"iri", "literal", "date", "year"}):
        raise QueryError(f"{query_name}: cannot read parameter declaration {declaration!r}")
    default = next((word.removeprefix("default=") for word in words[2:] if word.startswith("default=")), None)
    return Param(words[0], words[1], default)


def available_queries() -> dict[str, Path]:
    return {path.stem: path for path in sorted(queries_dir().glob("*.rq"))}


def load_named_query(name_or_path: str) -> NamedQuery:
    """A query from a file path, or by name from ``queries/``."""
    path = Path(name_or_path)
    if not path.is_file():
        path = available_queries().get(name_or_path.removesuffix(".rq"))
        if path is None:
            names = ", ".join(available_queries())
            raise QueryError(f"no query file or named query {name_or_path!r}; named queries: {names}")
    return parse_query_text(path.read_text(encoding="utf-8"), name=path.stem, path=path)


def term_for(param: Param, value: str) -> ox.NamedNode | ox.Literal:
    if param.kind in _IRI_KINDS:
        return ox.NamedNode(str(_IRI_KINDS[param.kind][value]))
    if param.kind == "iri":
        return ox.NamedNode(value)
    if param.kind == "date":
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "date"))
    if param.kind == "year":
        if not value.isdigit():
            raise QueryError(f"parameter {param.name} takes a year, not {value!r}")
        return ox.Literal(value, datatype=ox.NamedNode(_XSD + "integer"))
    return ox.Literal(value)


def bind_params(query: NamedQuery, given: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    declared = {param.name: param for param in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryError(f"{query.name} has no parameter {', '.join(unknown)}; it takes: {', '.join(declared) or 'none'}")
    bound = {}
    for param in query.params:
        value = given.get(param.name, param.default)
        if value is not None:
            bound[param.name] = term_for(param, value)
    return bound


def with_bindings(sparql: str, bound: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with an inline VALUES block binding each parameter at the opening of every WHERE group.

    SPARQL evaluates subqueries before the query around them, so a binding made
    only in the outer group would not reach a FILTER inside a subquery.
    """
    if not bound:
        return sparql
    without_comments = _COMMENT_LINE.sub(lambda line: " " * len(line.group()), sparql)
    openings = [match.end() for match in _WHERE.finditer(without_comments)]
    if not openings:
        raise QueryError("a query that takes parameters needs a WHERE { … } clause")
    names = " ".join(f"?{name}" for name in bound)
    terms = " ".join(str(term) for term in bound.values())
    values = f"\n  VALUES ({names}) {{ ({terms}) }}"
    pieces = [sparql[start:end] for start, end in zip([0, *openings], [*openings, len(sparql)])]
    return values.join(pieces)


def run_query(store: GraphStore, query: NamedQuery, params: dict[str, str] | None = None) -> QueryResult:
    try:
        solutions = store.query(with_bindings(query.sparql, bind_params(query, params or {})))
    except SyntaxError as error:
        raise QueryError(f"{query.name}: {error}") from error
    if isinstance(solutions, ox.QueryBoolean):
        return QueryResult(variables=[], rows=[], boolean=bool(solutions))
    if not isinstance(solutions, ox.QuerySolutions):
        raise QueryError(f"{query.name}: only SELECT and ASK queries are tabulated; use export for graphs")
    variables = [variable.value for variable in solutions.variables]
    rows = [{name: solution[name] for name in variables if solution[name] is not None} for solution in solutions]
    return QueryResult(variables=variables, rows=rows)


# --- formatting -----------------------------------------------------------------------------------


def term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    cell = {"type": "literal", "value": term.value}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype.value != _XSD + "string":
        cell["datatype"] = term.datatype.value
    return cell


def as_sparql_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.boolean is not None:
        return json.dumps({"head": {}, "boolean": result.boolean}, indent=2)
    bindings = [{name: term_json(term) for name, term in row.items()} for row in result.rows]
    document = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2)


def as_csv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, IRIs in full."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([row[name].value if name in row else "" for name in result.variables])
    return buffer.getvalue()


def as_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results TSV: terms in their N-Triples form."""
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join(str(row[name]) if name in row else "" for name in result.variables) for row in result.rows]
    return "\n".join(lines) + "\n"


def compact(term) -> str:
    """A term as a person reads it: prefixed IRIs, plain literal values."""
    if isinstance(term, ox.NamedNode):
        for prefix, namespace in PREFIXES.items():
            if term.value.startswith(str(namespace)) and prefix.startswith("fp"):
                return f"{prefix}:{term.value[len(str(namespace)):]}"
        return term.value
    return term.value


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += display_width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + "…"


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def as_table(result: QueryResult) -> str:
    """An aligned text table; East Asian wide characters count as two columns."""
    if result.boolean is not None:
        return "yes" if result.boolean else "no"
    cells = [[clip(compact(row[name]), TABLE_CELL_WIDTH) if name in row else "" for name in result.variables]
             for row in result.rows]
    widths = [max([display_width(name)] + [display_width(row[i]) for row in cells])
              for i, name in enumerate(result.variables)]
    lines = [" | ".join(pad(name, width) for name, width in zip(result.variables, widths)).rstrip()]
    lines.append("-+-".join("-" * width for width in widths))
    lines += [" | ".join(pad(cell, width) for cell, width in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)


FORMATTERS = {"table": as_table, "csv": as_csv, "tsv": as_tsv, "json": as_sparql_json}


def format_result(result: QueryResult, fmt: str = "table") -> str:
    if fmt not in FORMATTERS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATTERS)}")
    return FORMATTERS[fmt](result)
