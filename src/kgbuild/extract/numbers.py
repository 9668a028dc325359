"""Figures in Chinese text: Arabic and spelled-out numerals as exact decimals.

``find_figures`` finds every numeral with what belongs to the number itself: the
power of ten written after it (88.79万 → 887900, 3.68亿 → 368000000), the marks
of an approximation (430多, 20余: the figure is a lower bound and is kept as it
is) and the 百分之 of a spelled percentage. Units, and whether a figure is worth
reporting, are the outcome extractor's business. The syntax (numeral
characters, multipliers, markers) is data: ``data/numbers.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import cn2an

from kgbuild.extract.wordlists import wordlist

_PERCENT_PREFIX = "百分之"


@dataclass(frozen=True)
class Figure:
    """A numeral of the text, ``text[start:end]``, with its value normalised."""

    value: Decimal
    start: int
    end: int  # after the numeral and its multiplier and approximation marks
    text: str
    spelled: bool = False  # written in Chinese numerals
    approximate: bool = False  # 多/余: the value is a lower bound
    percent: bool = False  # 百分之…


@dataclass(frozen=True)
class _Syntax:
    pattern: re.Pattern[str]
    multipliers: dict[str, Decimal]
    markers: str
    range_connectors: tuple[str, ...]


@cache
def _syntax() -> _Syntax:
    data = wordlist("numbers")
    multipliers = {word: Decimal(value) for word, value in data["multipliers"].items()}
    markers = "".join(data["approximation"]["markers"])
    numerals = re.escape(data["numeral_characters"])
    scale = "|".join(re.escape(word) for word in sorted(multipliers, key=len, reverse=True))
    pattern = re.compile(
        # An Arabic figure not glued to Latin letters or other digits (冀ICP备09014245号).
        rf"(?P<arabic>(?<![0-9A-Za-z.])\d{{1,3}}(?:,\d{{3}})+(?![\d.])|(?<![0-9A-Za-z.,])\d+(?:\.\d+)?)"
        rf"(?![A-Za-z])"
        rf"(?P<a_mark1>[{markers}])?(?P<scale>{scale})?(?P<a_mark2>[{markers}])?"
        # 百分之九十八, or a spelled numeral with an optional 多/余 before its last power.
        rf"|(?P<percent>{_PERCENT_PREFIX})?(?P<spelled>[{numerals}]+(?:[{markers}][{numerals}]*)?)"
    )
    return _Syntax(pattern, multipliers, markers, tuple(data["approximation"]["range_connectors"]))


def plain(value: Decimal) -> Decimal:
    """``value`` without exponent or trailing zeros: 1.3E+6 → 1300000, 7.350 → 7.35."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@lru_cache(maxsize=4096)
def parse_spelled(numeral: str) -> Decimal | None:
    """The value of a Chinese numeral (九万八千一百五十七 → 98157, 二〇一六 → 2016), or None."""
    try:
        return Decimal(str(cn2an.cn2an(numeral, "smart")))
    except (ValueError, KeyError, IndexError, InvalidOperation):
        return None


def _arabic_figure(match: re.Match[str], syntax: _Syntax) -> Figure:
    value = Decimal(match["arabic"].replace(",", ""))
    if match["scale"]:
        value *= syntax.multipliers[match["scale"]]
    return Figure(
        value=plain(value),
        start=match.start(),
        end=match.end(),
        text=match.group(),
        approximate=bool(match["a_mark1"] or match["a_mark2"]),
    )


def _spelled_figure(match: re.Match[str], syntax: _Syntax) -> Figure | None:
    spelled = match["spelled"]
    numeral = spelled.translate({ord(mark): None for mark in syntax.markers})
    value = parse_spelled(numeral)
    if value is None:
        return None
    return Figure(
        value=plain(value),
        start=match.start(),
        end=match.end(),
        text=match.group(),
        spelled=True,
        approximate=numeral != spelled,
        percent=bool(match["percent"]),
    )


def find_figures(text: str) -> list[Figure]:
    """Every numeral of ``text``, in order, with 万/亿 multiplied out."""
    syntax = _syntax()
    figures = []
    for match in syntax.pattern.finditer(text):
        figure = _arabic_figure(match, syntax) if match["arabic"] else _spelled_figure(match, syntax)
        if figure is not None:
            figures.append(figure)
    return figures


def is_range_upper_bound(text: str, figure: Figure, previous: Figure | None) -> bool:
    """Whether ``figure`` closes a range opened by ``previous`` (6元—8元, 16至65周岁).

    The range counts as its lower bound, so the upper figure is not reported. At
    most two characters (a unit) may stand between the first figure and the
    connector, so that 由300元提高到600元 is no range.
    """
    if previous is None:
        return False
    between = text[previous.end : figure.start]
    return any(
        between.endswith(connector) and len(between) - len(connector) <= 2
        for connector in _syntax().range_connectors
    )
