"""The vendored GB/T 2260 gazetteer: areas by code, their ancestors, and areas by name.

Data (see ``data/README.md``): provinces, prefectures and counties with
coordinates, townships (NBS 2023), former names of renamed counties and
prefectures, and village committees. Codes are 6 digits down to county level,
9 for townships, 12 for villages; ``100000`` is the country. Municipalities
(北京, 天津, 上海, 重庆) are provinces whose districts and counties are counties
directly within them: the intermediate 1101/1102 ("市辖区"/"县") layer of the
code is not an area here.

Loading is kept fast by reading the rows as plain strings and making an
:class:`Area` only when one is asked for; villages are split out per township
only when a township's villages are needed.
"""

from __future__ import annotations

import gzip
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path

from kgbuild.lexicon import WordIndex

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
    ):
        """``rows`` as in areas.tsv (AREA_COLUMNS); ``villages``: a villages.tsv file (township, 'NNN:name|…'),
        read the first time villages are asked for."""
        self._rows: dict[str, list[str]] = {row[0]: row for row in rows}
        self._rows.setdefault(COUNTRY, list(COUNTRY_ROW))
        self._areas: dict[str, Area] = {}
        self._ancestors: dict[str, tuple[Area, ...]] = {}
        self._ancestor_codes: dict[str, tuple[str, ...]] = {}
        self._village_cache: dict[str, dict[str, list[str]]] = {}
        self._villages_path = villages
        self._names: dict[str, dict[str, str]] = {}
        self._children: dict[str, list[str]] = {}
        names, children = self._names, self._children  # local names: this loop runs 45,000 times
        for code, name, _, parent, _, _, shorts, variants, _ in self._rows.values():
            children.setdefault(parent, []).append(code)
            names.setdefault(name, {}).setdefault(code, "full")
            if shorts:
                for short in shorts.split("|"):
                    names.setdefault(short, {}).setdefault(code, "short")
            if variants:
                for variant in variants.split("|"):
                    names.setdefault(variant, {}).setdefault(code, "variant")
        self._formers: dict[str, str] = {}
        for rename in renames:
            if rename["code"] in self._rows:
                self._formers[rename["old_code"]] = rename["code"]
                self._add_name(rename["old_name"], rename["code"], "former")
                for short in _split(rename["short_names"]):
                    self._add_name(short, rename["code"], "former-short")

    @classmethod
    @cache
    def default(cls) -> Gazetteer:
        """The vendored gazetteer (cached: built once per process)."""
        return cls(
            read_rows(DATA / "areas.tsv.gz"),
            list(read_tsv(DATA / "renames.tsv")),
            DATA / "villages.tsv.gz",
        )

    def _add_name(self, name: str, code: str, kind: str) -> None:
        self._names.setdefault(name, {}).setdefault(code, kind)

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
            return next((village_area(code, name) for name, codes in names.items() if code in codes), None)
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
        found = self._names.get(name)
        if not found:
            return []
        return sorted(
            (NameEntry(code, kind) for code, kind in found.items()), key=lambda e: (KIND_ORDER[e.kind], e.code)
        )

    def has_name(self, name: str) -> bool:
        return name in self._names

    @cached_property
    def name_index(self) -> WordIndex:
        """Every name, to find in running text."""
        return WordIndex(self._names)

    @cached_property
    def name_lengths(self) -> dict[str, tuple[int, ...]]:
        """For each first character, the lengths of the names starting with it, longest first."""
        lengths: dict[str, set[int]] = {}
        for name in self._names:
            lengths.setdefault(name[0], set()).add(len(name))
        return {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}

    # -- villages ------------------------------------------------------------

    def villages_within(self, code: str) -> dict[str, list[Area]]:
        """Villages within a township or county, by name."""
        return {
            name: [village_area(village, name) for village in villages]
            for name, villages in self.village_codes_within(code).items()
        }

    @cached_property
    def _village_rows(self) -> dict[str, str]:
        """Each township's villages, packed as in the file."""
        return dict(read_rows(self._villages_path)) if self._villages_path else {}

    def village_codes_within(self, code: str) -> dict[str, list[str]]:
        """Codes of the villages within a township or county, by name (cheaper than villages_within)."""
        code = normalise_code(code)
        if code not in self._village_cache:
            found: dict[str, list[str]] = {}
            if len(code) == 9:
                for item in _split(self._village_rows.get(code, "")):
                    suffix, name = item.split(":", 1)
                    found.setdefault(name, []).append(code + suffix)
            else:
                for child in self._children.get(code, ()):
                    for name, villages in self.village_codes_within(child).items():
                        found.setdefault(name, []).extend(villages)
            self._village_cache[code] = found
        return self._village_cache[code]


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


@cache
def village_area(code: str, name: str) -> Area:
    # pypinyin loads large dictionaries on import: only pay for it when a village is resolved
    from pypinyin import Style, lazy_pinyin

    village_word = naming()["villages"]["village_word"]
    stem = name.removesuffix(village_word) or name
    pinyin = " ".join("".join(lazy_pinyin(part, style=Style.TONE)).capitalize() for part in (stem, village_word))
    return Area(code, name, (), "village", code[:9], None, None, pinyin)


def normalise_code(code: str) -> str:
    """131002000000 → 131002; 131002106000 → 131002106; other codes unchanged."""
    if len(code) == 12 and code.endswith("000"):
        code = code[:9]
    if len(code) == 9 and code.endswith("000"):
        code = code[:6]
    return code
