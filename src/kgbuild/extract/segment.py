"""jieba's word segmentation, its dictionary read a first character at a time.

jieba loads its whole prefix dictionary (half a million entries) before it segments
anything, most of a second. Segmenting a text only ever looks up strings of the text
itself, each starting with one of its characters, so the tokenizer here starts with an
empty dictionary and adds the entries of a character the first time a text holds it: the
same words and frequencies for everything the text can ask about, hence the same
segmentation, for a fraction of the loading.

The entries come from ``data/jieba_prefixes.tsv.gz``, jieba's own prefix dictionary
written by ``scripts/build_jieba_data.py``, one row per first character.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib.resources import files

import jieba

from kgbuild.lexicon import FirstCharacterRows

PREFIXES_FILE = "jieba_prefixes.tsv.gz"


class PrefixDictionary:
    """jieba's prefix dictionary (``frequencies``), filled a first character at a time."""

    def __init__(self, text: str):
        """``text``: the prefix file's contents (the total frequency, then a row per first character)."""
        total, _, rows = text.partition("\n")
        self.total = int(total)
        self.frequencies: dict[str, int] = {}
        first_characters = dict(row.split("\t", 1) for row in rows.split("\n") if row)
        self._rows = FirstCharacterRows(first_characters, self._add)

    def cover(self, text: str) -> None:
        """Add the entries of every character of ``text`` not added yet."""
        self._rows.cover(text)

    def _add(self, row: str) -> None:
        words, counts = row.split("\t")
        self.frequencies.update(zip(words.split(" "), map(int, counts.split(" "))))


def read_prefix_dictionary() -> PrefixDictionary:
    """The prefix dictionary of the file, empty until texts are covered."""
    data = files(__package__).joinpath("data", PREFIXES_FILE).read_bytes()
    return PrefixDictionary(gzip.decompress(data).decode("utf-8"))


@cache
def _segmenter() -> tuple[PrefixDictionary, jieba.Tokenizer]:
    """A prefix dictionary, and a jieba tokenizer that looks words up in it instead of loading its own."""
    dictionary = read_prefix_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dictionary.frequencies, dictionary.total
    tokenizer.initialized = True
    return dictionary, tokenizer


def segment(text: str) -> list[str]:
    """The words of ``text``, as ``jieba.lcut(text)`` gives them."""
    dictionary, tokenizer = _segmenter()
    dictionary.cover(text)
    return tokenizer.lcut(text)
