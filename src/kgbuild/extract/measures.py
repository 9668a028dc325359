"""Measures: the concrete actions a program's text lists, as short phrases.

In each clause a program owns, the object of a cue verb (提供/实施/落实/发放 …) is a
list of actions: ``提供雏鹅繁育、防疫、养殖技术培训和成鹅收购“一条龙”服务`` gives
雏鹅繁育, 防疫, 养殖技术培训, 成鹅收购. A list that ends in a quoted name
(…医疗救助“三重保障线”) is one measure; an item that is itself an action
(免费发放种苗) keeps its verb.
"""

from __future__ import annotations

import re
from functools import cache

from kgbuild.model import MeasureFact, ProgramFact

from .programs import MASK, mask_documents
from .text import CLAUSE_BREAKS, has_digit
from .wordlists import wordlist


def attach_measures(programs: list[ProgramFact], owners: dict, index) -> None:
    """Fill each program's ``measures`` from the sentences its mentions own, leaving out
    phrases that name a program or are only a place."""
    names = [program.name for program in programs]
    for position, program in enumerate(programs):
        seen: set[str] = set()
        for mention in owners[position]:
            for sentence in index.own_sentences(mention):
                places = {place.name for place in index.places.mentions if place.sentence == sentence}
                for phrase in measure_phrases(index.article.sentence_text(sentence), index.lexicon):
                    if phrase in seen or phrase in places or any(name in phrase for name in names):
                        continue
                    seen.add(phrase)
                    program.measures.append(_measure(phrase, sentence, program, index))


def measure_phrases(text: str, lexicon) -> list[str]:
    """The action phrases of a sentence, in order."""
    data = wordlist("measures")
    phrases: list[str] = []
    directives = wordlist("bodies")["directive_openers"]
    for clause in _clauses(_mask_bodies(mask_documents(text), lexicon)):
        verb = _first_cue(clause, data["cue_verbs"])
        if verb is None or any(opener in clause for opener in directives):
            continue
        start, end = verb
        start -= next((len(a) for a in data["kept_adverbs"] if clause[:start].endswith(a)), 0)
        obj = _strip_closers(clause[end:], data["list_closers"])
        for item in _items(clause[start:end], obj):
            if _is_measure(item, data):
                phrases.append(item)
    return phrases


def _is_measure(item: str, data) -> bool:
    if not data["min_chars"] <= len(item) <= data["max_chars"] or has_digit(item):
        return False
    return MASK not in item and not any(item.endswith(word) for word in data["not_measure_endings"])


def _mask_bodies(text: str, lexicon) -> str:
    """The text with the bodies' kind words blanked out, so that 组织部 gives no 组织."""
    for match in lexicon.find("body-kind", text):
        text = text[: match.start] + MASK * (match.end - match.start) + text[match.end:]
    return text


def _measure(phrase: str, sentence: int, program: ProgramFact, index) -> MeasureFact:
    lexicon = index.lexicon
    sectors = tuple(dict.fromkeys(m.concept for m in lexicon.find("sector", phrase))) or tuple(program.sectors)
    targets = tuple(dict.fromkeys(m.concept for m in lexicon.find("group", phrase)))
    return MeasureFact(name=phrase, sentence=sentence, sectors=sectors, targets=targets)


def _items(verb: str, obj: str) -> list[str]:
    split = _separator_pattern()
    if obj.endswith("\u201d") or "\u201c" in obj and split.search(obj.split("\u201c")[0]) is None:
        return [obj]
    parts = [part.strip() for part in split.split(obj) if part.strip()]
    if len(parts) == 1:
        return [verb + parts[0]]
    return parts


@cache
def _separator_pattern() -> re.Pattern[str]:
    separators = sorted(wordlist("measures")["item_separators"], key=len, reverse=True)
    return re.compile("|".join(re.escape(separator) for separator in separators))


def _first_cue(clause: str, verbs: list[str]) -> tuple[int, int] | None:
    found = [(clause.find(verb), -len(verb)) for verb in verbs if verb in clause]
    if not found:
        return None
    start, negative_length = min(found)
    return start, start - negative_length


def _strip_closers(obj: str, closers: list[str]) -> str:
    for closer in sorted(closers, key=len, reverse=True):
        if obj.endswith(closer) and len(obj) > len(closer):
            return obj[: -len(closer)]
    return obj


def _clauses(text: str) -> list[str]:
    clauses, current = [], []
    for char in text:
        if char in CLAUSE_BREAKS:
            clauses.append("".join(current))
            current = []
        else:
            current.append(char)
    clauses.append("".join(current))
    return [c for c in clauses if c]
