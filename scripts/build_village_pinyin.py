"""Rebuild ``src/kgbuild/gazetteer/data/villages_pinyin.tsv.gz`` from ``villages.tsv.gz``.

The pinyin of a village's name (stem and 村 as two words: 朱村 → ``Zhū Cūn``) comes from
``pypinyin``, whose dictionaries take a third of a second to load: the runtime reads
it from this file instead. One row per row of ``villages.tsv.gz``, in the same order:
the township's code, then the pinyin of each of its villages, in the same order,
separated by ``|``.

Usage: ``python scripts/build_village_pinyin.py``, after ``scripts/build_gazetteer.py``
or an edit of the village word in ``naming.toml``; the tests check that the file still
matches the villages.
"""

from __future__ import annotations

import gzip
import tomllib
from pathlib import Path

from pypinyin import Style, lazy_pinyin

DATA = Path(__file__).resolve().parents[1] / "src" / "kgbuild" / "gazetteer" / "data"
VILLAGES = DATA / "villages.tsv.gz"
VILLAGE_PINYIN = DATA / "villages_pinyin.tsv.gz"


def village_pinyin(name: str, village_word: str) -> str:
    """The pinyin of a village's name: its stem and the village word as two words (朱村 → Zhū Cūn)."""
    stem = name.removesuffix(village_word) or name
    return " ".join("".join(lazy_pinyin(part, style=Style.TONE)).capitalize() for part in (stem, village_word))


def pinyin_row(township: str, villages: str, village_word: str) -> str:
    """The row of ``villages_pinyin.tsv`` for a row of ``villages.tsv`` (``NNN:name|…``)."""
    names = [item.split(":", 1)[1] for item in villages.split("|")] if villages else []
    return township + "\t" + "|".join(village_pinyin(name, village_word) for name in names)


def pinyin_text(villages_text: str, village_word: str) -> str:
    """The whole of ``villages_pinyin.tsv`` for the text of ``villages.tsv``."""
    rows = [line.split("\t") for line in villages_text.splitlines()[1:]]
    return "township\tpinyin\n" + "".join(pinyin_row(*row, village_word) + "\n" for row in rows)


def main() -> None:
    village_word = tomllib.loads((DATA / "naming.toml").read_text(encoding="utf-8"))["villages"]["village_word"]
    text = pinyin_text(gzip.decompress(VILLAGES.read_bytes()).decode("utf-8"), village_word)
    # mtime=0: the same villages give the same bytes
    VILLAGE_PINYIN.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {VILLAGE_PINYIN}")


if __name__ == "__main__":
    main()
