"""Generate a synthetic corpus of 精准扶贫 news articles for the benchmark.

Each article recombines the sentence patterns of ``patterns.toml`` (a title, a
``时间:YYYY-MM-DD`` byline, boilerplate, paragraphs with headers, bodies,
programs in quotes, groups, paired and 万/亿 figures, percentages, 截至… dates;
some articles in traditional script)
around one real place hierarchy drawn from the vendored GB/T 2260 gazetteer:
a province, one of its prefectures, one of that prefecture's counties, and
townships and villages of that county. Figures are random.

Generation is deterministic: article ``i`` of seed ``s`` is always the same
text, whatever ``--count`` is, and articles are streamed to disk one by one::

    python benchmarks/generate_corpus.py --count 10000 --seed 7 --out /tmp/corpus10k
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import math
import multiprocessing
import os
import random
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PATTERNS = Path(__file__).with_name("patterns.toml")
GAZETTEER_DATA = Path(__file__).resolve().parent.parent / "src" / "kgbuild" / "gazetteer" / "data"
COUNTY_WORDS = "县区市旗"  # the word an article uses for its own county: 全县, 区委
PREFECTURE_WORDS = ("地区", "州", "盟")  # otherwise 市
CHUNK = 2000  # articles per task when writing in parallel


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    short: str
    parent: str


@dataclass(frozen=True)
class Places:
    """The place hierarchy one article is about."""

    province: Area
    prefecture: Area
    county: Area
    townships: tuple[Area, Area]
    villages: tuple[str, str]


@dataclass(frozen=True)
class GeneratedArticle:
    name: str  # file name
    text: str
    places: Places
    issued: str  # YYYY-MM-DD
    script: str  # simplified | traditional


@dataclass
class World:
    """The gazetteer as the generator needs it: counties to choose from, and what lies in and above them."""

    areas: dict[str, Area]
    counties: list[Area]  # counties under a prefecture with at least two townships
    townships: dict[str, list[Area]]  # by county code
    villages: dict[str, list[str]]  # by township code

    def places(self, rng: random.Random) -> Places:
        county = rng.choice(self.counties)
        prefecture = self.areas[county.parent]
        province = self.areas[prefecture.parent]
        first, second = rng.sample(self.townships[county.code], 2)
        return Places(province, prefecture, county, (first, second),
                      (self.village(rng, first), self.village(rng, second)))

    def village(self, rng: random.Random, township: Area) -> str:
        names = self.villages.get(township.code)
        # A township without vendored villages still has a seat village in the text's eyes.
        return rng.choice(names) if names else township.short + "村"


def load_world(data_dir: Path = GAZETTEER_DATA) -> World:
    """Read the vendored areas and villages tables."""
    areas: dict[str, Area] = {}
    levels: dict[str, str] = {}
    townships: dict[str, list[Area]] = defaultdict(list)
    with gzip.open(data_dir / "areas.tsv.gz", "rt", encoding="utf-8") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            short = (row["short_names"] or row["name"]).split("|")[0]
            area = Area(row["code"], row["name"], short, row["parent"])
            areas[area.code] = area
            levels[area.code] = row["level"]
            if row["level"] == "township":
                townships[area.parent].append(area)
    counties = [area for code, area in areas.items()
                if levels[code] == "county" and levels.get(area.parent) == "prefecture"
                and len(townships[code]) >= 2]
    villages: dict[str, list[str]] = defaultdict(list)
    with gzip.open(data_dir / "villages.tsv.gz", "rt", encoding="utf-8") as rows:
        next(rows)
        for line in rows:
            code, name = line.rstrip("\n").split("\t")
            villages[code[:9]].append(name)
    return World(areas, counties, dict(townships), dict(villages))


def load_patterns(path: Path = PATTERNS) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def own_word(name: str, words: str | tuple[str, ...], default: str) -> str:
    """The generic word an area's name ends in (县, 区, 州, 地区…), as the text refers to it."""
    return next((word for word in words if name.endswith(word)), default)


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


class Slots(dict):
    """The values of one article's pattern slots: fixed ones stored, random ones drawn on each use."""

    def __init__(self, rng: random.Random, words: dict[str, list[str]], fixed: dict[str, str], month: int):
        super().__init__(fixed)
        self.rng = rng
        self.words = words
        self.month = month
        self.last_households = 100

    def __missing__(self, key: str) -> str:
        return DRAWS[key](self)

    def pick(self, list_name: str) -> str:
        return self.rng.choice(self.words[list_name])

    def households(self) -> str:
        self.last_households = round(log_uniform(self.rng, 10, 30000))
        return str(self.last_households)

    def people(self) -> str:
        # People of the households just named: a household has two to four members.
        return str(round(self.last_households * self.rng.uniform(1.6, 3.6)))

    def person(self) -> str:
        given = "".join(self.rng.choices(self.words["given"], k=self.rng.randint(1, 2)))
        return self.pick("surname") + given

    def program_name(self) -> str:
        return self.pick("program_head") + self.pick("program_tail")


DRAWS: dict[str, Callable[[Slots], str]] = {
    "body": lambda s: s.pick("body"),
    "group": lambda s: s.pick("group"),
    "measure": lambda s: s.pick("measure"),
    "sector": lambda s: s.pick("sector"),
    "goal": lambda s: s.pick("goal"),
    "n_cn": lambda s: s.pick("numerals"),
    "program_name": Slots.program_name,
    "program": lambda s: f"“{s.program_name()}”",
    "person": Slots.person,
    "editor": Slots.person,
    "hh": Slots.households,
    "ppl": Slots.people,
    "n": lambda s: str(s.rng.randint(2, 300)),
    "big": lambda s: str(round(log_uniform(s.rng, 100, 99999))),
    "dec": lambda s: f"{log_uniform(s.rng, 1, 9999):.2f}",
    "dec1": lambda s: f"{s.rng.uniform(0.5, 99.9):.1f}",
    "pct": lambda s: "100" if s.rng.random() < 0.3 else f"{s.rng.uniform(85, 99.9):.1f}",
    "rate": lambda s: f"{s.rng.uniform(0.5, 60):.1f}",
    "yuan": lambda s: str(s.rng.randint(500, 30000)),
    "wage": lambda s: str(s.rng.randint(8, 40) * 100),
    "month": lambda s: str(s.rng.randint(1, s.month)),
    "late_month": lambda s: str(s.rng.randint(3, 12)),
    "day": lambda s: str(s.rng.randint(1, 28)),
    "clock": lambda s: f"{s.rng.randint(6, 22):02d}:{s.rng.randint(0, 59):02d}",
}


def fixed_slots(places: Places, rng: random.Random, words: dict[str, list[str]], year: int, issued: str) -> dict:
    publisher_place = rng.choice((places.prefecture.short, places.province.short, places.county.short))
    return {
        "province": places.province.name, "province_short": places.province.short,
        "prefecture": places.prefecture.name, "prefecture_short": places.prefecture.short,
        "county": places.county.name, "county_short": places.county.short,
        "township": places.townships[0].name, "township_b": places.townships[1].name,
        "village": places.villages[0], "village_b": places.villages[1],
        "cw": own_word(places.county.name, COUNTY_WORDS, "县"),
        "pw": own_word(places.prefecture.name, PREFECTURE_WORDS, "市"),
        "date": issued, "year": str(year), "last_year": str(year - 1), "next_year": str(year + 1),
        "since_year": str(year - rng.randint(2, 5)),
        "publisher": publisher_place + rng.choice(words["publisher_suffix"]),
    }


def between(rng: random.Random, bounds: list[int]) -> int:
    return rng.randint(bounds[0], bounds[1])


def paragraph(rng: random.Random, patterns: dict, slots: Slots) -> str:
    shape, text = patterns["article"], patterns["text"]
    sentences = [rng.choice(text["body"]) for _ in range(between(rng, shape["sentences_per_paragraph"]))]
    if rng.random() < shape["header_probability"]:
        sentences.insert(0, rng.choice(text["headers"]))
    return "".join(sentences).format_map(slots)


def lines_of(rng: random.Random, choices: list[str], bounds: list[int], slots: Slots) -> list[str]:
    return [line.format_map(slots) for line in rng.sample(choices, between(rng, bounds))]


def render_article(world: World, patterns: dict, seed: int, index: int, prefix: str = "bench_") -> GeneratedArticle:
    """Article ``index`` of the corpus of ``seed``: the same text on every call."""
    rng = random.Random(f"{seed}/{index}")
    places = world.places(rng)
    year, month, day = rng.randint(2014, 2020), rng.randint(1, 12), rng.randint(1, 28)
    issued = f"{year}-{month:02d}-{day:02d}"
    words, text, shape = patterns["words"], patterns["text"], patterns["article"]
    slots = Slots(rng, words, fixed_slots(places, rng, words, year, issued), month)
    lines = lines_of(rng, text["head_boilerplate"], shape["head_boilerplate_lines"], slots)
    lines.append(rng.choice(text["titles"]).format_map(slots))
    lines.append(rng.choice(text["bylines"]).format_map(slots))
    lines.append(rng.choice(text["leads"]).format_map(slots))
    lines.extend(paragraph(rng, patterns, slots) for _ in range(between(rng, shape["paragraphs"])))
    lines.append(rng.choice(text["closing"]).format_map(slots))
    lines.extend(lines_of(rng, text["tail_boilerplate"], shape["tail_boilerplate_lines"], slots))
    text = rng.choice(("\n\n", "\n")).join(lines) + "\n"
    script = "traditional" if rng.random() < shape["traditional_share"] else "simplified"
    if script == "traditional":
        text = to_traditional(text)
    return GeneratedArticle(f"{prefix}{index:06d}.txt", text, places, issued, script)


@functools.cache
def traditional_converter():
    import opencc  # a dependency of kgbuild's ingest

    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    return traditional_converter().convert(text)


def write_range(world: World, patterns: dict, seed: int, out: Path, indexes: range) -> int:
    written = 0
    for index in indexes:
        article = render_article(world, patterns, seed, index)
        (out / article.name).write_text(article.text, encoding="utf-8")
        written += len(article.text)
    return written


_FORKED: dict = {}  # what forked workers inherit instead of receiving it pickled with every task


def write_forked_range(task: tuple[int, Path, range]) -> int:
    return write_range(_FORKED["world"], _FORKED["patterns"], *task)


def generate(count: int, seed: int, out: Path, jobs: int = 1, world: World | None = None,
             patterns: dict | None = None) -> int:
    """Write ``count`` articles of ``seed`` into ``out``; returns the number of characters written.

    With ``jobs`` > 1 the index range is split into chunks written by forked
    workers; every article depends only on (seed, index), so the files are the same.
    """
    world = world or load_world()
    patterns = patterns or load_patterns()
    out.mkdir(parents=True, exist_ok=True)
    chunks = [range(start, min(start + CHUNK, count)) for start in range(0, count, CHUNK)]
    if jobs <= 1 or len(chunks) <= 1:
        return sum(write_range(world, patterns, seed, out, chunk) for chunk in chunks)
    _FORKED.update(world=world, patterns=patterns)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return sum(pool.imap_unordered(write_forked_range, [(seed, out, chunk) for chunk in chunks]))
    finally:
        _FORKED.clear()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="the corpus's seed")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the .txt articles into")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    characters = generate(args.count, args.seed, args.out, args.jobs)
    print(f"wrote {args.count} articles ({characters / 1e6:.1f} M characters) to {args.out} "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
