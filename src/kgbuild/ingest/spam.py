"""Spam injected into hacked pages: whole spam lines and tokens sprinkled into the text.

Spam tokens are found by repetition, not by a list: a short run of characters
that recurs across the text in places where it breaks a number (``2.6包养9万人``)
or a word (its two neighbours make a word, which it does not extend).
Spam lines need both spam vocabulary (``data/cues.toml``) and little in common
with the article they sit in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from kgbuild.ingest.cues import cues
from kgbuild.model import Removal

_TOKEN_LENGTHS = range(2, 7)
_MIN_BREAKING = 3  # occurrences that break a word or number
_MIN_BREAKING_SHARE = 0.2
_MAX_SHARED_BIGRAMS = 0.3  # of a spam line's bigrams also found in the rest of the article
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_IS_CJK_RUN = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f]+")  # as decode.is_cjk
_LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,12}(?![A-Za-z])")


@cache
def two_character_words() -> frozenset[str]:
    """The two-character words of jieba's dictionary: what a split word looks like
    (``data/two_character_words.txt``, written by ``scripts/build_jieba_data.py``)."""
    text = files(__package__).joinpath("data", "two_character_words.txt").read_text("utf-8")
    return frozenset(text.split("\n")) - {""}


def _token_places(text: str, after: list[bool]) -> Iterator[tuple[int, range]]:
    """Every place a token may sit right after a character marked in ``after``, as a start
    and its possible ends: short CJK runs inside a CJK stretch, and Latin words."""
    for run in _CJK_RUN.finditer(text):
        run_end = run.end()
        for start in range(max(run.start(), 1), run_end):
            if after[start - 1]:
                yield start, range(start + _TOKEN_LENGTHS.start, min(start + _TOKEN_LENGTHS.stop, run_end + 1))
    for word in _LATIN_WORD.finditer(text):
        if word.start() > 0 and after[word.start() - 1]:
            yield word.start(), range(word.end(), word.end() + 1)


def _breaking_spans(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, splits_word) of every place where a token breaks a number (``2.6包养9``) or a
    word: ``脱包养贫``, its neighbours make a word, and it makes none with either of them."""
    words = two_character_words()
    joins = [text[i : i + 2] in words for i in range(len(text))]  # a word starts at i
    digits = [char.isdigit() for char in text]
    # A token that begins a word with its left neighbour breaks no word, nor a number unless that is a digit.
    breakable = [digit or not join for digit, join in zip(digits, joins)]
    for start, ends in _token_places(text, breakable):
        left = start - 1
        for end in ends:
            if end >= len(text):
                break
            splits_word = not joins[left] and not joins[end - 1] and text[left] + text[end] in words
            if splits_word or digits[left] and digits[end]:
                yield start, end, splits_word


def find_spam_tokens(text: str) -> list[str]:
    """Injected tokens, longest first; a token inside an accepted one is not reported again.

    A token must break words or numbers at least three times, in at least a
    fifth of its occurrences, with at least three different neighbours on each
    side: a real word that splits a fixed phrase (两不愁三保障) always has the
    same neighbours, an injected token does not. It must split a word at least
    once: words that only ever sit between numbers (``3月至5月``) are connectors.
    """
    befores: dict[str, set[str]] = defaultdict(set)
    afters: dict[str, set[str]] = defaultdict(set)
    breaking: Counter[str] = Counter()
    splits_words: set[str] = set()
    for start, end, in_word in _breaking_spans(text):
        token = text[start:end]
        breaking[token] += 1
        befores[token].add(text[start - 1])
        afters[token].add(text[end])
        if in_word:
            splits_words.add(token)
    found: list[str] = []
    for token in sorted(splits_words, key=lambda token: (-len(token), token)):
        if any(token in accepted for accepted in found):
            continue
        varied = min(len(befores[token]), len(afters[token])) >= _MIN_BREAKING
        if varied and breaking[token] >= _MIN_BREAKING_SHARE * text.count(token):
            found.append(token)
    return found


def remove_spam_tokens(text: str) -> tuple[str, list[Removal]]:
    removals = []
    for token in find_spam_tokens(text):
        count = text.count(token)
        text = text.replace(token, "")
        removals.append(Removal("spam-token", token, f"recurs {count} times inside words or numbers (injected spam)"))
    return text, removals


def bigram_counts(text: str) -> Counter[str]:
    """The pairs of adjacent CJK characters (``decode.is_cjk``) of ``text``, counted."""
    return Counter(run[i : i + 2] for run in _IS_CJK_RUN.findall(text) for i in range(len(run) - 1))


def spam_words_in(line: str) -> list[str]:
    lowered = line.lower()
    return [word for word in cues().spam_words if word in lowered]


def is_spam_line(line: str, article_bigrams: Counter[str]) -> bool:
    """Whether ``line`` has spam vocabulary and shares little of its wording with the rest of the
    article (``article_bigrams``: the bigram counts of the whole text, the line included)."""
    if not spam_words_in(line):
        return False
    own = bigram_counts(line)
    if not own:
        return True
    shared = [bigram for bigram, count in own.items() if article_bigrams[bigram] > count]
    return len(shared) / len(own) <= _MAX_SHARED_BIGRAMS
