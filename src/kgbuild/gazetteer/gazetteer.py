"""The vendored GB/T 2260 gazetteer: areas by code, their ancestors, and areas by name.

Data (see ``data/README.md``): provinces, prefectures and counties with
coordinates, townships (NBS 2023), former names of renamed counties and
prefectures, and village committees with their pinyin. Codes are 6 digits down to county level,
9 for townships, 12 for villages; ``100000`` is the country. Municipalities
(北京, 天津, 上海, 重庆) are provinces whose districts and counties are counties
directly within them: the intermediate 1101/1102 ("市辖区"/"县") layer of the
code is not an area here.

Loading is kept fast by reading the rows as plain strings and making an
:class:`Area` only when one is asked for; villages (and their pinyin) are
decoded and split out per township only when a township's villages are needed;
names (``data/names.tsv.gz``, derived from the areas by
``scripts/build_gazetteer_names.py``) are read and indexed a first character at
a time, when a text or a lookup holds that character.
"""

from __future__ import annotations

import gzip
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

from kgbuild.lexicon import FirstCharacterRows, WordIndex

DATA = Path(__file__).resolve().parent / "data"
COUNTRY = "100000"
LEVELS = ("country", "province", "prefecture", "county", "township", "village")
AREA_COLUMNS = ("code", "name", "level", "parent", "lon", "lat", "short_names", "variants", "pinyin")
COUNTRY_ROW = (COUNTRY, "中华人民共和国", "country", "", "", "", "中国", "", "Zhōnghuá Rénmín Gònghéguó")


@dataclass(frozen=True)
class Area:
    """One administrative area."""

    code: str
    name: str
    short_names: tuple[str, ...]
    level: str
    parent: str | None
    lat: Decimal | None
    lon: Decimal | None
    pinyin: str


@dataclass(frozen=True)
class NameEntry:
    """How a name leads to an area: its full name, a short name, a former name, or a 乡/镇 variant."""

    code: str
    kind: str  # full | variant | former | suffixed | short | former-short


# "suffixed": a short name written with its own level word (青龙县 for 青龙满族自治县), found in text only
KIND_ORDER = {"full": 0, "variant": 1, "former": 2, "suffixed": 3, "short": 4, "former-short": 5}


def read_rows(path: Path) -> Iterator[list[str]]:
    """The rows of a vendored TSV (plain or gzip; no quoting), header line skipped."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    for line in lines[1:]:
        yield line.split("\t")


def read_packed_rows(path: Path) -> dict[bytes, bytes]:
    """The rows of a vendored two-column TSV (gzip) by their first column, header skipped, as UTF-8
    bytes: nothing is decoded until a row is asked for (the village files hold 500,000 villages)."""
    lines = gzip.decompress(path.read_bytes()).split(b"\n")[1:]
    return dict(line.split(b"\t", 1) for line in lines if line)


def read_name_rows(path: Path) -> dict[str, str]:
    """names.tsv: each first character's row of names (``name_rows``)."""
    return {first.decode("utf-8"): row.decode("utf-8") for first, row in read_packed_rows(path).items()}


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a vendored TSV as dicts keyed by its header."""
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        yield dict(zip(header, line.split("\t"), strict=True))


@cache
def naming() -> dict:
    """naming.toml: suffixes, township suffix classes, village suffixes."""
    return tomllib.loads((DATA / "naming.toml").read_text(encoding="utf-8"))


def _split(field: str) -> tuple[str, ...]:
    return tuple(field.split("|")) if field else ()


class Gazetteer:
    """Areas by code and by name, with their enclosing areas."""

    def __init__(
        self,
        rows: Iterable[list[str]],
        renames: Iterable[dict[str, str]] = (),
        villages: Path | None = None,
        village_pinyin: Path | None = None,
        names: dict[str, str] | None = None,
    ):
        """``rows`` as in areas.tsv (AREA_COLUMNS); ``villages``: a villages.tsv file (township, 'NNN:name|…'),
        and ``village_pinyin`` its villages' pinyin (villages_pinyin.tsv), read the first time villages are
        asked for; ``names``: the rows of names.tsv (``name_rows``), else the names are derived here."""
        self._rows = area_rows(rows)
        renames = list(renames)
        self._areas: dict[str, Area] = {}
        self._ancestors: dict[str, tuple[Area, ...]] = {}
        self._ancestor_codes: dict[str, tuple[str, ...]] = {}
        self._village_cache: dict[str, dict[str, list[str]]] = {}
        self._villages_path = villages
        self._village_pinyin_path = village_pinyin
        self._village_pinyin: dict[str, str] = {}  # village code → pinyin, for the townships read
        self._children: dict[str, list[str]] = {}
        children = self._children  # a local name: this loop runs 45,000 times
        for code, _, _, parent, *_ in self._rows.values():
            children.setdefault(parent, []).append(code)
        self._formers = {rename["old_code"]: rename["code"] for rename in renames if rename["code"] in self._rows}
        # Names are read a first character at a time, when a text or a lookup holds it.
        self._names: dict[str, str] = {}  # name → its entries, packed as in name_rows
        self._name_index = WordIndex()
        self._name_rows = FirstCharacterRows(
            names if names is not None else name_rows(name_entries(self._rows.values(), renames)), self._add_names)

    @classmethod
    @cache
    def default(cls) -> Gazetteer:
        """The vendored gazetteer (cached: built once per process)."""
        return cls(
            read_rows(DATA / "areas.tsv.gz"),
            list(read_tsv(DATA / "renames.tsv")),
            DATA / "villages.tsv.gz",
            DATA / "villages_pinyin.tsv.gz",
            read_name_rows(DATA / "names.tsv.gz"),
        )

    def _add_names(self, row: str) -> None:
        """One first character's row of names.tsv (``name_rows``)."""
        fields = row.split("\t")
        names = dict(zip(fields[0::2], fields[1::2], strict=True))
        self._names.update(names)
        self._name_index.add(names)

    # -- by code -------------------------------------------------------------

    def area(self, code: str) -> Area | None:
        """The area of a code (6, 9 or 12 digits; trailing zero groups allowed). A former code that
        no current area reuses leads to the area that took it over (120225 → 蓟州区 120119)."""
        area = self._areas.get(code)  # asked for before (the cache is keyed by normalised codes)
        if area is None:
            code = normalise_code(code)
            if code not in self._rows:
                code = self._formers.get(code, code)
            area = self._areas.get(code) or self._new_area(code)
            if area is not None:
                self._areas[code] = area
        return area

    def _new_area(self, code: str) -> Area | None:
        if code in self._rows:
            return area_of_row(self._rows[code])
        if len(code) == 12:
            names = self.village_codes_within(code[:9])
            return next((self._village_area(code, name) for name, codes in names.items() if code in codes), None)
        return None

    def ancestors(self, code: str) -> list[Area]:
        """The enclosing areas, parent first, up to the province (the country is not included)."""
        if code not in self._ancestors:
            chain = []
            area = self.area(code)
            while area is not None and area.parent and area.parent != COUNTRY:
                area = self.area(area.parent)
                if area is not None:
                    chain.append(area)
            self._ancestors[code] = tuple(chain)
        return list(self._ancestors[code])

    def ancestor_codes(self, code: str) -> tuple[str, ...]:
        """The codes of :meth:`ancestors`."""
        if code not in self._ancestor_codes:
            self._ancestor_codes[code] = tuple(area.code for area in self.ancestors(code))
        return self._ancestor_codes[code]

    def children(self, code: str) -> list[Area]:
        """The areas directly within ``code`` (villages excepted), in the order of the data (by code)."""
        return [self.area(child) for child in self._children.get(normalise_code(code), ())]

    # -- by name -------------------------------------------------------------

    def lookup(self, name: str) -> list[Area]:
        """Candidate areas for a full, short, former or 乡/镇-variant name: full-name matches first."""
        return [self.area(entry.code) for entry in self.entries(name)]

    def entries(self, name: str) -> list[NameEntry]:
        """The index entries of a name, full names first, then by code."""
        self._name_rows.cover(name[:1])
        found = self._names.get(name)
        if not found:
            return []
        return sorted(
            (NameEntry(*entry.split(":")) for entry in found.split("|")), key=lambda e: (KIND_ORDER[e.kind], e.code)
        )

    def has_name(self, name: str) -> bool:
        self._name_rows.cover(name[:1])
        return name in self._names

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of every name in running text (``WordIndex.spans``)."""
        self._name_rows.cover(text)
        return self._name_index.spans(text)

    @cached_property
    def name_lengths(self) -> dict[str, tuple[int, ...]]:
        """For each first character, the lengths of the names starting with it, longest first."""
        self._name_rows.cover_all()
        lengths: dict[str, set[int]] = {}
        for name in self._names:
            lengths.setdefault(name[0], set()).add(len(name))
        return {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}

    # -- villages ------------------------------------------------------------

    def villages_within(self, code: str) -> dict[str, list[Area]]:
        """Villages within a township or county, by name."""
        return {
            name: [self._village_area(village, name) for village in villages]
            for name, villages in self.village_codes_within(code).items()
        }

    def _village_area(self, code: str, name: str) -> Area:
        """A village of a township whose villages have been read."""
        return Area(code, name, (), "village", code[:9], None, None, self._village_pinyin.get(code, ""))

    @cached_property
    def _village_rows(self) -> dict[bytes, bytes]:
        """Each township's villages, packed as in the file."""
        return read_packed_rows(self._villages_path) if self._villages_path else {}

    @cached_property
    def _village_pinyin_rows(self) -> dict[bytes, bytes]:
        """Each township's villages' pinyin, packed as in the file (in the order of ``_village_rows``)."""
        return read_packed_rows(self._village_pinyin_path) if self._village_pinyin_path else {}

    def village_codes_within(self, code: str) -> dict[str, list[str]]:
        """Codes of the villages within a township or county, by name (cheaper than villages_within)."""
        code = normalise_code(code)
        if code not in self._village_cache:
            found: dict[str, list[str]] = {}
            if len(code) == 9:
                villages = _packed_items(self._village_rows, code)
                pinyin = _packed_items(self._village_pinyin_rows, code) or ("",) * len(villages)
                for item, reading in zip(villages, pinyin, strict=True):
                    suffix, name = item.split(":", 1)
                    found.setdefault(name, []).append(code + suffix)
                    self._village_pinyin[code + suffix] = reading
            else:
                for child in self._children.get(code, ()):
                    for name, villages in self.village_codes_within(child).items():
                        found.setdefault(name, []).extend(villages)
            self._village_cache[code] = found
        return self._village_cache[code]


def area_rows(rows: Iterable[list[str]]) -> dict[str, list[str]]:
    """The rows of areas.tsv (AREA_COLUMNS) by code, the country's included."""
    by_code = {row[0]: row for row in rows}
    by_code.setdefault(COUNTRY, list(COUNTRY_ROW))
    return by_code


def name_entries(rows: Iterable[list[str]], renames: Iterable[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Every name of the areas of ``rows`` (AREA_COLUMNS) → {code: kind}: full names, short names and
    variants, then the former names of ``renames`` whose area is in ``rows``. A name and code keep the
    first kind met."""
    names: dict[str, dict[str, str]] = {}
    codes = set()
    for code, name, _, _, _, _, shorts, variants, _ in rows:
        codes.add(code)
        names.setdefault(name, {}).setdefault(code, "full")
        for short in _split(shorts):
            names.setdefault(short, {}).setdefault(code, "short")
        for variant in _split(variants):
            names.setdefault(variant, {}).setdefault(code, "variant")
    for rename in renames:
        if rename["code"] in codes:
            names.setdefault(rename["old_name"], {}).setdefault(rename["code"], "former")
            for short in _split(rename["short_names"]):
                names.setdefault(short, {}).setdefault(rename["code"], "former-short")
    return names


def name_rows(entries: dict[str, dict[str, str]]) -> dict[str, str]:
    """The names grouped by first character, as in names.tsv: the character → ``name<TAB>entries<TAB>…``,
    names sorted, a name's entries as ``code:kind|…``."""
    rows: dict[str, list[str]] = {}
    for name in sorted(entries):
        packed = "|".join(f"{code}:{kind}" for code, kind in entries[name].items())
        rows.setdefault(name[0], []).extend((name, packed))
    return {first: "\t".join(fields) for first, fields in rows.items()}


def _packed_items(rows: dict[bytes, bytes], code: str) -> tuple[str, ...]:
    """The items of a township's packed row (its villages, or their pinyin)."""
    return _split(rows.get(code.encode(), b"").decode("utf-8"))


def area_of_row(row: list[str]) -> Area:
    code, name, level, parent, lon, lat, shorts, _, pinyin = row
    return Area(
        code,
        name,
        _split(shorts),
        level,
        parent or None,
        Decimal(lat) if lat else None,
        Decimal(lon) if lon else None,
        pinyin,
    )


def normalise_code(code: str) -> str:
    """131002000000 → 131002; 131002106000 → 131002106; other codes unchanged."""
    if len(code) == 12 and code.endswith("000"):
        code = code[:9]
    if len(code) == 9 and code.endswith("000"):
        code = code[:6]
    return code
