"""Rebuild the files derived from jieba's dictionary (``jieba/dict.txt`` of the installed jieba).

jieba's dictionary is data every process would otherwise derive again on start:

- ``src/kgbuild/extract/data/jieba_prefixes.tsv.gz``: jieba's prefix dictionary (every word
  and every prefix of one, with its frequency; 0 for a prefix only), as jieba builds it,
  one row per first character so that it can be read a character at a time
  (``kgbuild.extract.segment``). The first line is jieba's total frequency; then
  ``character<TAB>words<TAB>frequencies``, words and frequencies separated by spaces,
  rows by character, words sorted.
- ``src/kgbuild/ingest/data/two_character_words.txt``: the two-character words of the
  dictionary (``kgbuild.ingest.spam``), sorted, one a line.

Usage: ``python scripts/build_jieba_data.py``. Run it again when the jieba dependency
changes; the tests check that the files still match the installed dictionary.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import jieba

SRC = Path(__file__).resolve().parents[1] / "src" / "kgbuild"
PREFIXES = SRC / "extract" / "data" / "jieba_prefixes.tsv.gz"
TWO_CHARACTER_WORDS = SRC / "ingest" / "data" / "two_character_words.txt"


def dictionary_path() -> Path:
    return Path(jieba.__file__).parent / "dict.txt"


def prefix_dictionary() -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary and total frequency, built by jieba itself from its dictionary."""
    tokenizer = jieba.Tokenizer()
    with dictionary_path().open("rb") as dictionary:
        return tokenizer.gen_pfdict(dictionary)


def prefix_rows(frequencies: dict[str, int], total: int) -> str:
    """The text of ``jieba_prefixes.tsv``: the total, then one row per first character."""
    by_first: dict[str, list[str]] = {}
    for word in frequencies:
        if not word or any(separator in word for separator in " \t\n"):
            raise ValueError(f"a dictionary word the file cannot hold: {word!r}")
        by_first.setdefault(word[0], []).append(word)
    lines = [str(total)]
    for first in sorted(by_first):
        words = sorted(by_first[first])
        lines.append(f"{first}\t{' '.join(words)}\t{' '.join(str(frequencies[word]) for word in words)}")
    return "\n".join(lines) + "\n"


def two_character_words() -> list[str]:
    """The two-character words of jieba's dictionary, sorted: what a split word looks like."""
    with dictionary_path().open(encoding="utf-8") as dictionary:
        return sorted({word for line in dictionary if len(word := line.split(" ", 1)[0]) == 2})


def main() -> None:
    # mtime=0: the same dictionary gives the same bytes
    PREFIXES.write_bytes(gzip.compress(prefix_rows(*prefix_dictionary()).encode("utf-8"), compresslevel=9, mtime=0))
    TWO_CHARACTER_WORDS.write_text("".join(f"{word}\n" for word in two_character_words()), encoding="utf-8")
    print(f"wrote {PREFIXES} and {TWO_CHARACTER_WORDS}")


if __name__ == "__main__":
    main()
