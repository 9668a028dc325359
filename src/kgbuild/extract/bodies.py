"""Government bodies: the lexicon's kind words (教育局, 残联, 区委 …) and the place before them.

A kind word names a body when the place it belongs to can be told: a place name
right before it (安次区残联, 蓟州区驻村帮扶工作组), a bare level word resolved in
context (区人社局, 市委, 我区), a body it is part of (区委组织部,
区农业农村局扶贫办), or, for kinds that are named without a place (驻村工作队),
the article's own area. Generic phrases (各级扶贫办), companies and the issuers
of relayed directives (贯彻落实党中央和省、市委…部署) are not bodies. Mentions are
merged per (place, kind), keeping the fullest name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kgbuild.gazetteer import Gazetteer
from kgbuild.model import Article, BodyFact

from .text import clause_bounds, has_digit, has_punctuation, is_cjk, occurrences
from .wordlists import wordlist

OTHER_KIND = "other"


@dataclass(frozen=True)
class BodyMention:
    """One place in the text that names a body."""

    place: str
    kind: str
    name: str
    sentence: int
    start: int  # offsets of the whole name in the sentence
    end: int
    word: str = ""  # the kind word itself (统计局)

    @property
    def key(self) -> tuple[str, str]:
        return (self.place, self.kind)

    @property
    def identity(self) -> tuple[str, ...]:
        """What makes two mentions one body: place and kind, and for bodies of no listed kind
        (统计局, 林业局) also the kind word."""
        return self.key + ((self.word,) if self.kind == OTHER_KIND else ())


@dataclass(frozen=True)
class _KindWord:
    kind: str
    start: int
    end: int
    level_prefixed: bool = False  # the label begins with its place's level word (市委, 镇政府)


def find_body_mentions(article: Article, places, lexicon) -> list[BodyMention]:
    """Every mention of a government body, in text order."""
    mentions: list[BodyMention] = []
    bare: list[tuple[int, _KindWord]] = []
    for sentence in article.sentences:
        found, unplaced = _sentence_bodies(sentence.index, sentence.text, places, lexicon)
        mentions.extend(found)
        bare.extend((sentence.index, word) for word in unplaced)
    mentions.extend(_place_bare_words(article, bare, mentions, places))
    return sorted(mentions, key=lambda m: (m.sentence, m.start, m.end))


def merge_bodies(mentions: list[BodyMention]) -> list[BodyFact]:
    """One fact per body (see BodyMention.identity), with the fullest name, in order of first mention."""
    best: dict[tuple[str, ...], BodyMention] = {}
    for mention in mentions:
        current = best.get(mention.identity)
        if current is None or len(mention.name) > len(current.name):
            best[mention.identity] = mention
    first_seen = {m.identity: m.sentence for m in reversed(mentions)}
    ordered = sorted(best.values(), key=lambda m: (first_seen[m.identity], m.identity))
    return [BodyFact(name=m.name, kind=m.kind, place=m.place, sentence=m.sentence) for m in ordered]


def _sentence_bodies(index: int, text: str, places, lexicon) -> tuple[list[BodyMention], list[_KindWord]]:
    data = wordlist("bodies")
    prefixed = _level_prefixed_labels(lexicon)
    words = [_KindWord(m.concept, m.start, m.end, m.text in prefixed) for m in lexicon.find("body-kind", text)]
    place_mentions = [p for p in places.mentions if p.sentence == index and p.start >= 0]
    silenced = _directive_spans(text, data["directive_openers"])
    found: list[BodyMention] = []
    unplaced: list[_KindWord] = []
    for word in words:
        if any(start <= word.start < end for start, end in silenced) or _continues_as_non_body(text, word):
            continue
        mention = _place_kind_word(index, text, word, place_mentions, found, places)
        if mention is not None:
            found.append(mention)
        elif not _generic_before(text, word.start):
            unplaced.append(word)
    return found, unplaced


def _place_kind_word(index, text, word, place_mentions, earlier, places) -> BodyMention | None:
    """The body a kind word names, with its place, or None when no place can be told."""
    level_end = _level_end(text, word)
    adjacent = [p for p in place_mentions if p.start + len(p.name) == level_end]
    if adjacent:
        place = max(adjacent, key=lambda p: len(p.name))
        if _generic_before(text, place.start):
            return None
        name = text[place.start:word.end]
        return BodyMention(place.code, word.kind, name, index, place.start, word.end, _word(text, word))
    level = _bare_level(text, word)
    if level is not None:
        if _generic_before(text, level):
            return None
        code = _resolve_level(text[level:level_end], index, level, place_mentions, places)
        return None if code is None else _named_by_level(index, text, word, code, level, level_end)
    return _anchored(index, text, word, place_mentions, earlier) or _level_before_gap(
        index, text, word, place_mentions, places
    )


def _anchored(index, text, word, place_mentions, earlier) -> BodyMention | None:
    """A kind word a few characters after a place name (蓟州区驻村帮扶工作组) or after the body it
    belongs to (区委组织部, 区农业农村局扶贫办)."""
    data = wordlist("bodies")
    anchors: list[tuple[int, int, BodyMention | None, str]] = []  # (end, -start, body, code)
    for place in place_mentions:
        end = place.start + len(place.name)
        if end <= word.start and _gap_allowed(text[end:word.start], data):
            anchors.append((end, -place.start, None, place.code))
    for body in earlier:
        if body.end <= word.start and _gap_allowed(text[body.end:word.start], data):
            anchors.append((body.end, -body.start, body, body.place))
    if not anchors:
        return None
    end, negative_start, body, code = max(anchors, key=lambda a: (a[0], a[1]))
    start = -negative_start
    if _generic_before(text, start):
        return None
    name = (body.name + text[body.end:word.end]) if body else text[start:word.end]
    return BodyMention(code, word.kind, name, index, start, word.end, _word(text, word))


def _resolve_level(words: str, index: int, position: int, place_mentions, places) -> str | None:
    """The area a bare level word stands for: the last area of that level named before it in
    its sentence (在景阳镇，镇党委…), else what the gazetteer resolves in context."""
    level = wordlist("bodies")["level_of"].get(words[-1])
    earlier = [p for p in place_mentions if p.start < position and p.level == level]
    return earlier[-1].code if earlier else places.resolve_name(words, index)


def _level_before_gap(index, text, word, place_mentions, places) -> BodyMention | None:
    """A bare level word a few characters before the kind word, at the start of a phrase
    (区产业扶贫工作领导小组, 县扶贫开发领导小组)."""
    data = wordlist("bodies")
    for level in range(word.start - 2, max(-1, word.start - 2 - data["max_gap_chars"]), -1):
        if text[level] in data["level_chars"] and _phrase_starts_at(text, level, data):
            if not _gap_allowed(text[level + 1:word.start], data):
                return None
            code = _resolve_level(text[level], index, level, place_mentions, places)
            return None if code is None else _named_by_level(index, text, word, code, level, level + 1)
    return None


def _phrase_starts_at(text: str, position: int, data) -> bool:
    if position == 0:
        return True
    before = text[position - 1]
    single_breakers = {word for word in data["gap_breakers"] if len(word) == 1}
    return not is_cjk(before) or before in single_breakers


def _named_by_level(index, text, word, code, prefix_start, prefix_end) -> BodyMention:
    """A mention whose place was written as a bare level word: name it with the place's name."""
    area = Gazetteer.default().area(code)
    name = (area.name if area else text[prefix_start:prefix_end]) + text[prefix_end:word.end]
    return BodyMention(code, word.kind, name, index, prefix_start, word.end, _word(text, word))


def _bare_level(text: str, word: _KindWord) -> int | None:
    """Where a bare level word (区, 我区, 全市) before or at the kind word starts, if there is one."""
    data = wordlist("bodies")
    level_end = _level_end(text, word)
    if level_end == 0 or text[level_end - 1] not in data["level_chars"]:
        return None
    start = level_end - 1
    if start > 0 and text[start - 1] in data["deictic_prefixes"]:
        return start - 1
    if start > 0 and text[start - 1] in data["level_chars"]:
        return None  # part of a longer name such as 市区, 县市
    return start


def _word(text: str, word: _KindWord) -> str:
    return text[word.start:word.end]


def _level_end(text: str, word: _KindWord) -> int:
    """End of the level character that belongs to the place: inside the kind word (市委) or before it."""
    return word.start + 1 if word.level_prefixed else word.start


@cache
def _level_prefixed_labels(lexicon) -> frozenset[str]:
    """Labels made of a level word and a kind word (市委, 县政府, 镇党委), not words that merely
    start with a level character (乡村振兴局)."""
    labels = lexicon.labels("body-kind")
    levels = wordlist("bodies")["level_chars"]
    return frozenset(
        label for label in labels
        if label[0] in levels and (len(label) == 2 or label[1:] in labels)
    )


def _gap_allowed(gap: str, data) -> bool:
    if len(gap) > data["max_gap_chars"] or has_punctuation(gap) or has_digit(gap):
        return False
    return not any(word in gap for word in data["gap_breakers"] + data["generic_prefixes"])


def _generic_before(text: str, position: int) -> bool:
    before = text[max(0, position - 3):position]
    return any(before.endswith(prefix) for prefix in wordlist("bodies")["generic_prefixes"])


def _continues_as_non_body(text: str, word: _KindWord) -> bool:
    """A company's or medium's name, or a count (定点医院199家), rather than a body."""
    after = text[word.end:word.end + 4]
    if after[:1].isdigit():
        return True
    return any(after.startswith(suffix) for suffix in wordlist("bodies")["non_body_continuations"])


def _directive_spans(text: str, openers: list[str]) -> list[tuple[int, int]]:
    return [
        (start, clause_bounds(text, start)[1])
        for opener in openers
        for start, _ in occurrences(opener, text)
    ]


def _place_bare_words(article, bare, mentions, places) -> list[BodyMention]:
    """Kind words without any place: the article's area for kinds named that way, else the
    body of that kind the article names at its own area (住建部门 after 海港区住建局)."""
    home_kinds = set(wordlist("bodies")["home_area_kinds"])
    own_area = _own_area(places)
    known = {(m.kind, m.place) for m in mentions}
    placed = []
    for index, word in bare:
        at_home = sorted(code for kind, code in known if kind == word.kind and code in own_area)
        if len(at_home) == 1:
            code = at_home[0]
        elif not at_home and word.kind in home_kinds and places.home:
            code = places.home
        else:
            continue
        text = article.sentences[index].text
        kind_word = _word(text, word)
        placed.append(BodyMention(code, word.kind, kind_word, index, word.start, word.end, kind_word))
    return placed


def _own_area(places) -> set[str]:
    """The article's area and the areas that contain it."""
    if not places.home:
        return set()
    return {places.home} | {area.code for area in Gazetteer.default().ancestors(places.home)}
