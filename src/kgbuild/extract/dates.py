"""Dates in Chinese text, resolved against the article's date, to date reported figures.

``find_dates`` finds absolute dates (2017年8月, 2018年9月21日, 二〇一六年,
2017—2018学年, 2013年底, 1至3月, 今年上半年), dates without a year (截至9月21日: the article's year, or the
year before when that would put the date after the article), relative years
(今年, 去年) and words for "now" (截至目前, 至今) or an undated past (以前).
``date_of`` gives the date a figure at some position refers to: the nearest one
before it in the sentence, else the article's year. Values are "YYYY",
"YYYY-MM" or "YYYY-MM-DD", the forms of ``fp:asOf``. The words are data:
``data/dates.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kgbuild.extract.numbers import parse_spelled
from kgbuild.extract.wordlists import wordlist

_YEAR = r"(?P<{name}>(?<!\d)\d{{4}}|[〇零一二三四五六七八九]{{4}})年"
_MONTH = r"(?P<month>(?<!\d)\d{1,2})月份?"
_DAY = r"(?P<day>\d{1,2})[日号]"
_ISO = r"(?P<iso_year>(?<!\d)\d{4})[-/.](?P<iso_month>\d{1,2})[-/.](?P<iso_day>\d{1,2})(?!\d)"


@dataclass(frozen=True)
class DateMention:
    """A date expression, ``text[start:end]``, and the date it names (None: an undated past)."""

    start: int
    end: int
    text: str
    value: str | None
    adverbial: bool = True  # stands as a time adverbial, dating the clauses after it


@dataclass(frozen=True)
class _Words:
    pattern: re.Pattern[str]
    relative_years: dict[str, int]
    year_parts: dict[str, int]
    leads: tuple[str, ...]
    trails: tuple[str, ...]
    change_from: tuple[str, ...]
    change_to: tuple[str, ...]


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _words() -> _Words:
    data = wordlist("dates")
    relative, current, past = data["relative_years"], data["current"], data["past"]
    parts = data["year_parts"]
    connector = r"[\u2014\u2013\-~\uff5e\uff0d至到]"
    pattern = re.compile(
        rf"(?P<span_from>(?<!\d)\d{{4}})年?{connector}(?P<span_to>\d{{4}})年?(?:{_alternation(data['year_span_suffixes'])})"
        rf"|{_ISO}"
        rf"|(?:{_YEAR.format(name='part_year')}|(?P<part_relative>{_alternation(relative)}))(?P<part>{_alternation(parts)})"
        rf"|(?:{_YEAR.format(name='months_year')})?(?<!\d)\d{{1,2}}月?{connector}(?P<months_to>\d{{1,2}})月"
        rf"|(?:{_YEAR.format(name='year')})?{_MONTH}(?:{_DAY})?"
        rf"|(?P<lone_part>{_alternation(part for part in parts if len(part) > 1)})"
        rf"|{_YEAR.format(name='year_only')}"
        rf"|(?P<relative>{_alternation(relative)})"
        rf"|(?P<current>{_alternation(current)})"
        rf"|(?P<past>{_alternation(past)})"
    )
    return _Words(
        pattern,
        relative,
        parts,
        tuple(data["adverbial_leads"]),
        tuple(data["adverbial_trails"]),
        tuple(data["change_from"]),
        tuple(data["change_to"]),
    )


def _opens_clause(text: str, start: int, leads: tuple[str, ...]) -> bool:
    for lead in ("", *leads):
        at = start - len(lead)
        if at >= 0 and text[at:start] == lead and (at == 0 or not text[at - 1].isalnum()):
            return True
    return False


def _is_adverbial(text: str, start: int, end: int) -> bool:
    words = _words()
    if _opens_clause(text, start, words.leads):
        return True
    return end == len(text) or not text[end].isalnum() or text.startswith(words.trails, end)


def _issued_parts(issued: str | None) -> tuple[int, int, int] | None:
    if not issued or not re.match(r"\d{4}-\d{2}-\d{2}", issued):
        return None
    return int(issued[:4]), int(issued[5:7]), int(issued[8:10])


def _year(text: str) -> int | None:
    if text.isdigit() and text.isascii():
        return int(text)
    value = parse_spelled(text)
    return int(value) if value is not None else None


def _format(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if year is None or not 1900 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _year_for(month: int, day: int | None, issued: tuple[int, int, int] | None) -> int | None:
    """The year of a date written without one: the article's, or the year before
    when the date would otherwise fall after the article."""
    if issued is None:
        return None
    year, issued_month, issued_day = issued
    if (month, day or 1) > (issued_month, issued_day):
        return year - 1
    return year


def _resolve(match: re.Match[str], issued: tuple[int, int, int] | None) -> str | None:
    """The date a match names (None: unknown, or an undated past)."""
    words = _words()
    issued_year = issued[0] if issued else None
    if match["span_to"]:
        return _format(int(match["span_to"]))
    if match["iso_year"]:
        return _format(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
    if match["part"]:
        if match["part_year"]:
            year = _year(match["part_year"])
        else:
            year = issued_year + words.relative_years[match["part_relative"]] if issued_year else None
        return _format(year, words.year_parts[match["part"]])
    if match["months_to"]:
        month = int(match["months_to"])
        year = _year(match["months_year"]) if match["months_year"] else _year_for(month, None, issued)
        return _format(year, month)
    if match["month"]:
        month, day = int(match["month"]), int(match["day"]) if match["day"] else None
        year = _year(match["year"]) if match["year"] else _year_for(month, day, issued)
        return _format(year, month, day)
    if match["lone_part"]:
        return _format(issued_year, words.year_parts[match["lone_part"]])
    if match["year_only"]:
        return _format(_year(match["year_only"]))
    if match["relative"]:
        if issued_year is None:
            return None
        return _format(issued_year + words.relative_years[match["relative"]])
    if match["current"]:
        return _format(issued_year)
    return None  # an undated past


def find_dates(text: str, issued: str | None) -> list[DateMention]:
    """Every date expression of ``text``, resolved against the article's date ``issued``."""
    return list(_dates(text, issued))


@lru_cache(maxsize=1024)  # a sentence's dates are asked for once per figure in it
def _dates(text: str, issued: str | None) -> tuple[DateMention, ...]:
    parts = _issued_parts(issued)
    mentions = []
    for match in _words().pattern.finditer(text):
        value = _resolve(match, parts)
        adverbial = _is_adverbial(text, match.start(), match.end())
        mentions.append(DateMention(match.start(), match.end(), match.group(), value, adverbial))
    return tuple(mentions)


def issued_year(issued: str | None) -> str | None:
    parts = _issued_parts(issued)
    return f"{parts[0]:04d}" if parts else None


def _dates_a_starting_value(text: str, mention: DateMention, position: int) -> bool:
    """由2016年底的11.2%下降到5.8%: the date is the starting value's, not the figure's at ``position``."""
    words = _words()
    after_from = text[: mention.start].endswith(words.change_from)
    return after_from and any(word in text[mention.end : position] for word in words.change_to)


def date_of(text: str, position: int, issued: str | None, clause_start: int = 0) -> str | None:
    """The date a figure at ``position`` of the sentence ``text`` refers to.

    The nearest date expression before it in its clause (which starts at
    ``clause_start``) or standing as a time adverbial earlier in the sentence;
    without one, the year the article was issued (an article reports the state
    of its own time).
    """
    before = [
        mention
        for mention in _dates(text, issued)
        if mention.end <= position
        and (mention.start >= clause_start or mention.adverbial)
        and not _dates_a_starting_value(text, mention, position)
    ]
    if before:
        return before[-1].value
    return issued_year(issued)
