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
from pathlib import Path

import jieba

from kgbuild.ingest.cues import cues
from kgbuild.ingest.decode import is_cjk
from kgbuild.model import Removal

_TOKEN_LENGTHS = range(2, 7)
_MIN_BREAKING = 3  # occurrences that break a word or number
_MIN_BREAKING_SHARE = 0.2
_MAX_SHARED_BIGRAMS = 0.3  # of a spam line's bigrams also found in the rest of the article
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,12}(?![A-Za-z])")


@cache
def two_character_words() -> frozenset[str]:
    """The two-character words of jieba's dictionary (a dependency already): what a split word looks like."""
    words = set()
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as dictionary:
        for line in dictionary:
            word = line.split(" ", 1)[0]
            if len(word) == 2:
                words.add(word)
    return frozenset(words)


def _splits_number(before: str, after: str) -> bool:
    return before.isdigit() and after.isdigit()


def _splits_word(before: str, token: str, after: str) -> bool:
    """``脱包养贫``: the neighbours make a word, and the token makes none with either of them."""
    words = two_character_words()
    return before + after in words and before + token[0] not in words and token[-1] + after not in words


def _token_spans(text: str) -> Iterator[tuple[int, int]]:
    """Every place a token may sit: short CJK runs inside a CJK stretch, and Latin words."""
    for run in _CJK_RUN.finditer(text):
        for start in range(max(run.start(), 1), run.end()):
            for end in range(start + _TOKEN_LENGTHS.start, min(start + _TOKEN_LENGTHS.stop, run.end() + 1)):
                yield start, end
    for word in _LATIN_WORD.finditer(text):
        yield word.start(), word.end()


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
    for start, end in _token_spans(text):
        if start == 0 or end >= len(text):
            continue
        token, before, after = text[start:end], text[start - 1], text[end]
        in_word = _splits_word(before, token, after)
        if in_word or _splits_number(before, after):
            breaking[token] += 1
            befores[token].add(before)
            afters[token].add(after)
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
    return Counter(text[i : i + 2] for i in range(len(text) - 1) if is_cjk(text[i]) and is_cjk(text[i + 1]))


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
