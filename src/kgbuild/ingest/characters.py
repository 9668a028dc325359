"""Character-level cleaning: pinyin artifacts, script, widths, punctuation.

The cleaned text uses full-width Chinese punctuation (U+FF0C ，, 。, U+FF1B ；,
U+FF1A ：, U+FF08/U+FF09 （）, U+FF1F ？, U+FF01 ！) wherever a
mark touches Chinese text, and half-width digits and Latin letters, so that
sentence splitting and extraction see one punctuation system. ASCII marks
between digits or Latin words (``21:15``, ``12,600``, ``Co.,Ltd``) stay ASCII.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache

import opencc

from kgbuild.ingest.decode import is_cjk
from kgbuild.model import Removal

# A parenthesised pinyin syllable run right after a CJK character, e.g. 經(jīng).
# At least one tone mark, so that (C), (a) and real brackets stay.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(
    rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(\uff08](?=[a-zü{_TONED} ]*[{_TONED}])[a-zü{_TONED}]+(?: [a-zü{_TONED}]+)*[)\uff09]"
)
# The same gloss whose character and opening bracket were lost to a broken encoding: 因?qū)W.
_ORPHAN_PINYIN = re.compile(rf"(?<=[?\uff1f\ufffd])[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*[)\uff09]")
_TRADITIONAL_SHARE = 0.08  # of CJK characters changed by t2s; simplified text changes ~0
_SIMPLIFIED_SHARE = 0.005

_ASCII_TO_FULL = {ascii: chr(ord(ascii) + 0xFEE0) for ascii in ",;:?!()"}
_KEEP_FULL_WIDTH = set(_ASCII_TO_FULL.values())
_FULL_TO_ASCII_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULL_WIDTH}
_ASCII_MARK = re.compile(f"[{re.escape(''.join(_ASCII_TO_FULL))}]")
_BRACKET_OR_LINE = re.compile(r"[()\n]")
_SENTENCE_END = "。\uff01\uff1f"
_RUN_PUNCTUATION = "\uff0c、\uff1b\uff1a。\uff01\uff1f"
_PUNCTUATION_RUN = re.compile(rf"[{_RUN_PUNCTUATION}](?:\s*[{_RUN_PUNCTUATION}])+")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d) (?=\d{3}(?![\d:]))|(?<=\d)\s*\.\s+(?=\d)|(?<=\d)\s+\.\s*(?=\d)")
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def remove_pinyin(text: str) -> tuple[str, list[Removal]]:
    """Drop pinyin glosses glued to characters (``經(jīng)過`` → ``經過``)."""
    removals = []
    for pattern, reason in (
        (_PINYIN, "pinyin gloss after a character (page artifact)"),
        (_ORPHAN_PINYIN, "pinyin gloss left after a character lost to a broken encoding"),
    ):
        removals += [Removal("pinyin", match.group(), reason) for match in pattern.finditer(text)]
        text = pattern.sub("", text)
    return text, removals


def to_simplified(text: str) -> tuple[str, str]:
    """The text in simplified script, and the script it came in (simplified, traditional or mixed)."""
    converted = _t2s().convert(text)
    if converted == text:
        return converted, "simplified"
    cjk = sum(map(is_cjk, text))
    if not cjk:
        return converted, "simplified"
    changed = _changed_characters(text, converted)
    share = changed / cjk
    if share >= _TRADITIONAL_SHARE:
        script = "traditional"
    elif share <= _SIMPLIFIED_SHARE:
        script = "simplified"
    else:
        script = "mixed"
    return converted, script


def _changed_characters(before: str, after: str) -> int:
    if len(before) == len(after):
        return sum(1 for old, new in zip(before, after, strict=True) if old != new)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    return len(before) - sum(block.size for block in matcher.get_matching_blocks())


def _is_chinese_context(char: str) -> bool:
    return is_cjk(char) or char in "“”‘’《》【】、。" or char in _KEEP_FULL_WIDTH


def _widen_ascii_punctuation(text: str) -> str:
    """ASCII , ; : ? ! ( ) next to Chinese text become full-width; brackets convert as pairs."""
    widened = _widen_once(text)
    while widened != text:  # a widened mark is Chinese context for its neighbours (",,2")
        text, widened = widened, _widen_once(widened)
    return widened


def _widen_once(text: str) -> str:
    chars = list(text)
    pairs = _bracket_pairs(text)
    for mark in _ASCII_MARK.finditer(text):
        index, char = mark.start(), mark.group()
        if char in "()" and index in pairs:
            opening, closing = sorted((index, pairs[index]))
            neighbours = (
                text[opening - 1 : opening]
                + text[opening + 1 : opening + 2]
                + text[closing - 1 : closing]
                + text[closing + 1 : closing + 2]
            )
        else:
            before, after = text[index - 1 : index], text[index + 1 : index + 2]
            if before.isdigit() and after.isdigit():
                continue
            neighbours = before + after
        if any(map(_is_chinese_context, neighbours)):
            chars[index] = _ASCII_TO_FULL[char]
    return "".join(chars)


def _bracket_pairs(text: str) -> dict[int, int]:
    """Positions of matching ASCII parentheses, both ways."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for found in _BRACKET_OR_LINE.finditer(text):
        index, char = found.start(), found.group()
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            opening = stack.pop()
            pairs[opening], pairs[index] = index, opening
        elif char == "\n":
            stack.clear()
    return pairs


def _collapse_punctuation_run(match: re.Match[str]) -> str:
    marks = [char for char in match.group() if not char.isspace()]
    for mark in marks:
        if mark in _SENTENCE_END:
            return mark
    return marks[-1]


def normalise_characters(text: str) -> tuple[str, list[Removal]]:
    """Widths, spaces, invisible characters and punctuation, in one idempotent pass."""
    text = _INVISIBLE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_FULL_TO_ASCII_WIDTH)
    text = _SPACES.sub(" ", text)
    text = _SPACE_IN_NUMBER.sub(lambda match: "." if "." in match.group() else "", text)
    text = _widen_ascii_punctuation(text)
    removals = [
        Removal("punctuation", match.group(), "repeated or mixed punctuation marks collapsed to one")
        for match in _PUNCTUATION_RUN.finditer(text)
    ]
    text = _PUNCTUATION_RUN.sub(_collapse_punctuation_run, text)
    return text, removals
