"""Programs: named initiatives, found where the text names or heads them.

These phrasings name a program:

- a quoted name with a head noun (“精准帮扶、养鹅脱贫”工程, “十项帮扶行动”), or a quoted
  phrase about poverty alleviation that a launch verb governs (开展“创业帮扶”);
- an unquoted name ending in a head noun (健康脱贫行动, 光伏扶贫项目), cut on the left at a
  verb, function word, number or place (着力推进|农村住房安全保障工作);
- the object of a launch verb, or the content of a frame, that is quoted, ends in a head
  noun or is a line of work of the sector lexicon (推行“路长制”, 开展电商技能培训,
  在技能培训方面), split at conjunctions;
- a paragraph's header naming a line of work (狠抓教育扶贫, 一是抓康复救助) or a part of a
  campaign in its own wording (一是发展生产脱贫一批);
- a clause opening with a line of work said as a verb, with the group it serves
  (驻村帮扶贫困村, 结对帮扶…困难村 → 结对帮扶困难村).

Unquoted conjuncts with one head word are one program (生态岗位和公益性岗位); a launch verb
under negation (没有…实施) names nothing; a sentence whose first clause is only a launch verb
and a program (实施健康脱贫工程，…) tells of that program, so the policies it names are parts.

A header's program owns its paragraph (a heading's, the section below it), so
unquoted restatements of the same line of work there are not separate programs.
Documents in 《》 are masked first, and a quoted phrase said of something
(作为“头号工程”) is no name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import jieba

from kgbuild.model import Article

from .segment import segment
from .text import (
    CLAUSE_BREAKS,
    SENTENCE_ENDS,
    clause_bounds,
    has_digit,
    has_punctuation,
    is_cjk,
    occurrences,
    quoted_spans,
)
from .wordlists import wordlist

MASK = "\u25a1"  # □, over document titles
_CLAUSE_BREAK = re.compile(f"[{re.escape(''.join(sorted(CLAUSE_BREAKS)))}]")
_DASHES = "-\u2014\u2500"  # the dashes that open a header (——大力开展…)


@dataclass(frozen=True)
class ProgramMention:
    """A stretch of a sentence that names a program."""

    name: str
    sentence: int
    start: int
    end: int
    quoted: bool
    header: bool = False  # the mention heads its paragraph


def find_program_mentions(article: Article, lexicon, places=None) -> list[ProgramMention]:
    """Every program mention of the article, in text order, restatements inside a
    header's reach left out. ``places`` (the gazetteer's resolution) lets a quoted phrase
    right after a place name count as a name (化隆县“拉面经济”带富一方百姓)."""
    mentions: list[ProgramMention] = []
    section_header: ProgramMention | None = None
    for paragraph in article.paragraphs():
        found: list[ProgramMention] = []
        for sentence in paragraph:
            text = mask_documents(sentence.text)
            here: list[ProgramMention] = []
            here.extend(_quoted_names(sentence.index, text, lexicon, _place_ends(places, sentence.index)))
            here.extend(_unquoted_names(sentence.index, text, lexicon, here))
            here.extend(_objects_and_frames(sentence.index, text, lexicon, here))
            spans = _place_spans(places, sentence.index)
            here.extend(_served_by_verb_label(sentence.index, text, lexicon, here, spans))
            found.extend(_without_parts(here, text))
        clause = _header_clause(paragraph[0].text)
        found = _mark_header(found, paragraph[0].index, clause)
        if is_heading(article, paragraph):
            section_header = None
        if clause is not None and section_header is None and not any(m.header for m in found):
            found.extend(_sector_header(paragraph[0].index, paragraph[0].text, clause, lexicon))
        found = _without_restatements(found, section_header, lexicon)
        header = next((m for m in found if m.header), section_header)
        mentions.extend(_without_restatements(found, header, lexicon))
        if is_heading(article, paragraph):
            section_header = header
    return sorted(mentions, key=lambda m: (m.sentence, m.start))


def _without_parts(found: list[ProgramMention], text: str) -> list[ProgramMention]:
    """A sentence whose first clause is only a launch verb and a program (实施健康脱贫工程，…)
    tells of that program: the policies it names further on are its parts, not programs."""
    verbs = wordlist("programs")["object_verbs"]
    for mention in found:
        _, clause_end = clause_bounds(text, mention.start)
        if clause_end == mention.end and text[:mention.start].strip() in verbs:
            return [mention]
    return found


def _place_spans(places, sentence: int) -> list[tuple[int, int]]:
    """(start, end) of the places named in a sentence (none without a resolution)."""
    mentions = places.mentions if places is not None else ()
    return [(p.start, p.start + len(p.name)) for p in mentions if p.sentence == sentence and p.start >= 0]


def _place_ends(places, sentence: int) -> set[int]:
    """Where the places named in a sentence end (none without a resolution)."""
    mentions = places.mentions if places is not None else ()
    return {place.start + len(place.name) for place in mentions if place.sentence == sentence and place.start >= 0}


def is_heading(article: Article, paragraph) -> bool:
    """A paragraph of one short sentence reads as the heading of the paragraphs below it:
    a dash-led line (——大力开展健康脱贫行动。) or a short line, punctuated or not. The
    article's title heads the whole text, not a section of it."""
    data = wordlist("programs")
    text = paragraph[0].text.strip()
    if len(paragraph) != 1 or text == (article.title or "").strip():
        return False
    if text[:1] in _DASHES or text[-1:] not in SENTENCE_ENDS:
        return len(text) <= data["max_title_chars"]
    return len(text) <= data["max_heading_chars"]


def mask_documents(text: str) -> str:
    """The text with every 《…》 title blanked out, offsets kept."""
    return re.sub(r"《[^《》]*》", lambda m: MASK * len(m.group()), text)


def normalise_program_name(name: str) -> str:
    return re.sub(r"\s+", "", name).replace('"', "").strip()


def _quoted_names(index: int, text: str, lexicon, place_ends: set[int]) -> list[ProgramMention]:
    data = wordlist("programs")
    heads = _heads(quoted=True)
    found = []
    for start, end in quoted_spans(text):
        inner = text[start + 1:end - 1]
        if _said_of(text, start, data):
            continue  # 作为脱贫攻坚的“头号工程”: a figure of speech, not a name
        if any(inner.endswith(head) for head in heads):
            found.append(ProgramMention(text[start:end], index, start, end, quoted=True))
            continue
        head = _head_after_quote(text, end, heads, data["max_quote_to_head_chars"])
        if head is not None:
            head_start, head_end = head
            modifier = text[start:head_start].replace("“", "").replace("”", "")
            needs_sector = text[head_start:head_end] in data["sector_ending_heads"]
            if needs_sector and not _ends_with_sector(modifier, lexicon):
                continue
            found.append(ProgramMention(text[start:head_end], index, start, head_end, quoted=True))
        elif start in place_ends or (_launched(text, start, data["launch_verbs"]) and _about_poverty(inner, None)):
            found.append(ProgramMention(text[start:end], index, start, end, quoted=True))
    return found


def _said_of(text: str, quote_start: int, data) -> bool:
    """Whether a predicate word (作为, 成为) shortly before a quote, in its clause, makes the
    quoted phrase something said of another thing."""
    window = text[max(0, quote_start - data["max_quote_to_head_chars"]):quote_start]
    window = _CLAUSE_BREAK.split(window)[-1]
    return any(word in window for word in data["predicate_words"])


def _head_after_quote(text: str, end: int, heads: list[str], limit: int) -> tuple[int, int] | None:
    """(start, end) of the head noun that closes a name after its quoted part, if one does."""
    data = wordlist("programs")
    if any(text.startswith(word, end) for word in data["enumeration_closers"] + data["conjunctions"]):
        return None  # “三免一补”等资助政策, “送教上门”和控辍保学攻坚: the head is another's
    for length in range(limit + 1):
        between = text[end:end + length]
        if has_punctuation(between) or has_digit(between) or MASK in between or _has_boundary_word(between):
            return None
        for head in heads:
            if text.startswith(head, end + length):
                return end + length, end + length + len(head)
    return None


def _has_boundary_word(text: str) -> bool:
    return _long_boundary().search(text) is not None


def _launched(text: str, quote_start: int, verbs: list[str]) -> bool:
    return any(text[:quote_start].endswith(verb) for verb in verbs)


def _unquoted_names(index: int, text: str, lexicon, quoted: list[ProgramMention]) -> list[ProgramMention]:
    data = wordlist("programs")
    taken = [(m.start, m.end) for m in quoted if m.sentence == index]
    taken += [(m.start, m.end) for m in lexicon.find("body-kind", text)]
    found = []
    for head in _heads(quoted=False):
        for head_start, head_end in occurrences(head, text):
            if not _is_token_end(text, head_end) or any(s < head_end and head_start < e for s, e in taken):
                continue
            if any(text.startswith(word, head_end) for word in data["not_after_head"]):
                continue
            start = _name_start(text, head_start)
            name = text[start:head_end]
            if _acceptable_name(name, head, lexicon, data):
                found.append(ProgramMention(name, index, start, head_end, quoted=False))
                taken.append((start, head_end))
    return found


def _objects_and_frames(index: int, text: str, lexicon, earlier: list[ProgramMention]) -> list[ProgramMention]:
    """Names that a launch verb governs (推行“路长制”, 开展电商技能培训) or that a frame holds
    (在技能培训方面), split at conjunctions."""
    data = wordlist("programs")
    taken = [(m.start, m.end) for m in earlier if m.sentence == index]
    found = []
    for start, end in _object_spans(text, data) + _frame_spans(text, data):
        parts = _conjuncts(text, start, end, data["conjunctions"])
        joined = _joined_kinds(text, parts, lexicon, data)
        for part_start, part_end in joined or parts:
            name = text[part_start:part_end]
            if any(s < part_end and part_start < e for s, e in taken):
                continue
            if not joined and not _names_program(name, lexicon, data):
                continue
            found.append(ProgramMention(name, index, part_start, part_end, quoted="\u201c" in name))
            taken.append((part_start, part_end))
    return found


def _served_by_verb_label(
    index: int, text: str, lexicon, earlier: list[ProgramMention], places: list[tuple[int, int]]
) -> list[ProgramMention]:
    """A clause that opens with a line of work said as a verb, its object the group served
    (驻村帮扶贫困村, 结对帮扶蓟州区142个困难村): the program is named by the two together
    (驻村帮扶贫困村, 结对帮扶困难村). Only places, numbers and measure words may stand between."""
    data = wordlist("programs")
    taken = [(m.start, m.end) for m in earlier if m.sentence == index]
    found = []
    for label in data["verb_labels"]:
        for start, label_end in occurrences(label, text):
            if start > 0 and text[start - 1] not in CLAUSE_BREAKS:
                continue
            _, clause_end = clause_bounds(text, label_end)
            group = next(iter(lexicon.find("group", text[label_end:clause_end])), None)
            if group is None or any(s < label_end + group.end and start < e for s, e in taken):
                continue
            between = _without_places(text, label_end, label_end + group.start, places)
            if all(char.isdigit() or char in data["measure_words"] for char in between):
                end = label_end + group.end
                found.append(ProgramMention(label + group.text, index, start, end, quoted=False))
    return found


def _without_places(text: str, start: int, end: int, places: list[tuple[int, int]]) -> str:
    return "".join(text[i] for i in range(start, end) if not any(s <= i < e for s, e in places))


def _joined_kinds(text: str, parts: list[tuple[int, int]], lexicon, data) -> list[tuple[int, int]]:
    """Unquoted conjuncts that all name programs and end in the same head word are one
    program of two kinds (生态岗位和公益性岗位, 生活补贴和护理补贴): the whole span, else none."""
    names = [text[s:e] for s, e in parts]
    tail = data["shared_head_chars"]
    if len(parts) < 2 or any("\u201c" in n or len(n) <= tail for n in names):
        return []
    if len({n[-tail:] for n in names}) > 1 or not all(_names_program(n, lexicon, data) for n in names):
        return []
    return [(parts[0][0], parts[-1][1])]


def _object_spans(text: str, data) -> list[tuple[int, int]]:
    spans = []
    for verb in data["object_verbs"]:
        for verb_start, start in occurrences(verb, text):
            if not _is_token_end(text, start):
                continue  # part of a longer word: 实施方案, 落实情况
            if _negated(text, verb_start, data):
                continue  # 没有对“病因”实施“靶向治疗”: what was not done
            if text[start:start + 1] in data["aspect_particles"]:
                start += 1
            end = start
            while end < len(text) and not _ends_object(text[end]):
                end += 1
            spans.append((start, _before_enumeration_close(text, start, end, data)))
    return spans


def _before_enumeration_close(text: str, start: int, end: int, data) -> int:
    """Where an object that opens with a quoted name closed by 等 ends: after the quote
    (落实“三免一补”等资助政策 → “三免一补”)."""
    if not text.startswith("\u201c", start):
        return end
    close = text.find("\u201d", start, end)
    if close >= 0 and any(text.startswith(word, close + 1) for word in data["enumeration_closers"]):
        return close + 1
    return end


def _negated(text: str, verb_start: int, data) -> bool:
    clause_start, _ = clause_bounds(text, verb_start)
    return any(word in text[clause_start:verb_start] for word in data["negations"])


def _ends_object(char: str) -> bool:
    return char in CLAUSE_BREAKS or char.isdigit() or char == MASK


def _frame_spans(text: str, data) -> list[tuple[int, int]]:
    return [match.span(1) for pattern in _frame_patterns(data["max_frame_chars"]) for match in pattern.finditer(text)]


@cache
def _frame_patterns(max_chars: int) -> tuple[re.Pattern[str], ...]:
    """One pattern per frame of the word list, in its order: what it holds is group 1."""
    breaks = re.escape("".join(sorted(CLAUSE_BREAKS)))
    return tuple(
        re.compile(f"{re.escape(opening)}([^\\s{breaks}]{{2,{max_chars}}}?){re.escape(closing)}")
        for opening, closing in wordlist("programs")["frames"]
    )


def _conjuncts(text: str, start: int, end: int, conjunctions: list[str]) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` joined by conjunctions outside quotes."""
    parts, part_start, position, quoted = [], start, start, False
    while position < end:
        char = text[position]
        if char in "\u201c\u201d":
            quoted = char == "\u201c"
        joined = None if quoted else next((c for c in conjunctions if text.startswith(c, position)), None)
        if joined and position > part_start:
            parts.append((part_start, position))
            part_start = position + len(joined)
            position = part_start
            continue
        position += 1
    parts.append((part_start, end))
    return [(s, e) for s, e in parts if e > s]


def _names_program(name: str, lexicon, data) -> bool:
    """Whether a governed object is a program's name: a quoted name (with or without a head,
    or with a short tail: “订单式”培训), a name ending in a head noun, or a line of work of
    the sector lexicon (家庭医生签约服务, “订单式”技能培训)."""
    if len(name) < 2 or len(name) > data["max_name_chars"] or has_digit(name):
        return False
    outside_quotes = re.sub("\u201c[^\u201d]*\u201d", "", name)
    if "\u3001" in outside_quotes or has_punctuation(outside_quotes):
        return False
    if name.startswith("\u201c") and _short_plain_tail(name[name.rfind("\u201d") + 1:], data):
        return True
    quoted = "\u201c" in name
    for head in _heads(quoted=True):
        if name.endswith(head):
            if quoted:
                return True
            return head not in data["quoted_only_heads_when_governed"] and _acceptable_name(name, head, lexicon, data)
    if len(name) < data["min_label_program_chars"] or name in data["generic_modifiers"]:
        return False
    return _ends_with_sector(name, lexicon, exclude=tuple(data["task_sectors"]))


def _short_plain_tail(tail: str, data) -> bool:
    """Whether what follows a governed quoted phrase still belongs to its name: a few
    characters, no particle, no generic phrase (“订单式”培训, not “点对点”精准帮扶)."""
    return (
        len(tail) <= data["max_quoted_tail_chars"]
        and not any(word in tail for word in data["quoted_tail_breakers"])
        and tail not in data["generic_modifiers"]
    )


def _name_start(text: str, head_start: int) -> int:
    """Where an unquoted name before ``head_start`` begins: after the last boundary word,
    punctuation, number (with its measure word), quote or place word of its clause."""
    data = wordlist("programs")
    limit = max(0, head_start - data["max_name_chars"])
    clause_start = head_start
    while clause_start > limit and text[clause_start - 1] not in CLAUSE_BREAKS:
        clause_start -= 1
    tokens = _tokens(text[clause_start:head_start])
    start = head_start
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position]
        counted = position > 0 and has_digit(tokens[position - 1])
        if _ends_name(token) or counted:
            break
        start -= len(token)
    return start


def _ends_name(token: str) -> bool:
    return (
        token in _boundaries()
        or token.endswith(_long_boundaries())
        or has_punctuation(token)
        or has_digit(token)
        or MASK in token
        or not all(is_cjk(char) for char in token)
    )


def _acceptable_name(name: str, head: str, lexicon, data) -> bool:
    modifier = name[: len(name) - len(head)]
    if len(modifier) < 2 or len(name) > data["max_name_chars"]:
        return False
    if modifier in data["generic_modifiers"] or _deictic_place(modifier):
        return False
    if any(modifier.startswith(word) for word in data["determiners"]):
        return False  # 有关援疆项目: some projects of a kind, not one initiative
    if head in data["sector_ending_heads"] and not _ends_with_sector(modifier, lexicon):
        return False
    return _about_poverty(name, lexicon)


def _ends_with_sector(text: str, lexicon, exclude: tuple[str, ...] = ()) -> bool:
    return text.endswith(_sector_labels(lexicon, exclude))


@cache
def _sector_labels(lexicon, exclude: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(label for label, concept in lexicon.labels("sector").items() if concept not in exclude)


def _about_poverty(name: str, lexicon) -> bool:
    if any(word in name for word in wordlist("programs")["topic_words"]):
        return True
    return lexicon is not None and bool(lexicon.find("sector", name) or lexicon.find("group", name))


def _deictic_place(word: str) -> bool:
    bodies = wordlist("bodies")
    return len(word) == 2 and word[0] in bodies["deictic_prefixes"] and word[1] in bodies["level_chars"]


def _header_clause(text: str) -> tuple[int, int, bool] | None:
    """(start, end, enumerated) of a paragraph's first clause when it reads as a header;
    ``enumerated`` when an enumerator (一是, 三、) opens it. A purpose clause (为…) is no header."""
    data = wordlist("programs")
    start = 0
    while start < len(text) and (text[start] in _DASHES or text[start].isspace()):
        start += 1
    enumerator = re.match(data["enumerator_pattern"], text[start:])
    if enumerator:
        start += enumerator.end()
    end = start
    while end < len(text) and text[end] not in CLAUSE_BREAKS:
        end += 1
    if end - start == 0 or end - start > data["max_header_chars"]:
        return None
    if any(text.startswith(word, start) for word in data["purpose_openers"]):
        return None
    return start, end, enumerator is not None


def _mark_header(found: list[ProgramMention], first: int, header) -> list[ProgramMention]:
    """Mark the programs named in the paragraph's header clause (开展“送教上门”和控辍保学攻坚),
    unless the paragraph goes on to name others with the same head noun: then it enumerates
    (实施产业扶贫工程，…实施就业脱贫工程，…) rather than being headed by the first."""
    if header is None:
        return found
    start, end, _ = header
    heading = [m for m in found if m.sentence == first and start <= m.start and m.end <= end]
    tails = {m.name[-2:] for m in heading}
    if not heading or any(m not in heading and m.name[-2:] in tails for m in found):
        return found
    return [_with_header(m) if m in heading else m for m in found]


def _with_header(mention: ProgramMention) -> ProgramMention:
    return ProgramMention(mention.name, mention.sentence, mention.start, mention.end, mention.quoted, header=True)


def _sector_header(index: int, text: str, header, lexicon) -> list[ProgramMention]:
    """A header that opens with a line of work: after a header verb or an enumerator, its
    words up to the last label name the program (狠抓教育扶贫, 一是抓康复救助, 加快易地扶贫
    搬迁进度 → 易地扶贫搬迁); a header
    that starts with the label (产业扶贫打牢脱贫根基) is named by the label, or by its
    sector's own name when the label is a plain word (光伏产业成为… → 光伏扶贫). An enumerated
    header in the wording of a campaign's parts (一是发展生产脱贫一批) is named whole."""
    start, end, enumerated = header
    clause = text[start:end]
    data = wordlist("programs")
    if enumerated and any(clause.endswith(tail) for tail in data["enumerated_name_tails"]):
        return [ProgramMention(clause, index, start, end, False, header=True)]
    for match in lexicon.find("sector", clause):
        opening = clause[: match.start]
        introduced = opening in data["header_verbs"] or (enumerated and opening == "")
        if introduced and len(clause) - match.start <= data["max_name_chars"]:
            name_end = _last_name_end(clause, lexicon)
            name = clause[match.start:name_end]
            return [ProgramMention(name, index, start + match.start, start + name_end, False, header=True)]
        if opening == "":
            name = match.text if _about_poverty(match.text, None) else _sector_name(match.concept, lexicon)
            return [ProgramMention(name, index, start, start + match.end, False, header=True)]
    return []


def _last_name_end(clause: str, lexicon) -> int:
    """Where a header's program name ends: after its last sector label or head noun
    (加快易地扶贫搬迁进度 → 易地扶贫搬迁)."""
    ends = [match.end for match in lexicon.find("sector", clause)]
    ends += [end for head in _heads(quoted=True) for _, end in occurrences(head, clause)]
    return max(ends)


def _sector_name(concept: str, lexicon) -> str:
    return lexicon.concept("sector", concept).pref_zh


def _without_restatements(
    found: list[ProgramMention], header: ProgramMention | None, lexicon
) -> list[ProgramMention]:
    """Under a header program, an unquoted (or policy-like quoted) name in the same line of
    work (same sector, or same leading word: 金融扶贫工作 under 金融脱贫行动), or in none,
    restates the header's program."""
    if header is None:
        return found
    header_sectors = _sectors(header.name, lexicon)
    quoted_only = wordlist("programs")["quoted_only_heads"]
    kept = []
    for mention in found:
        weak = not mention.quoted or any(mention.name.endswith(head) for head in quoted_only)
        own = _sectors(mention.name, lexicon)
        same_line = not own or own & header_sectors or _leading_word(mention.name) == _leading_word(header.name)
        if mention is not header and weak and same_line:
            continue
        kept.append(mention)
    return kept


def _leading_word(name: str) -> str:
    return normalise_program_name(name).strip("“”")[:2]


def _sectors(name: str, lexicon) -> set[str]:
    return {match.concept for match in lexicon.find("sector", name)}


def _heads(quoted: bool) -> list[str]:
    data = wordlist("programs")
    heads = data["head_nouns"] + (data["quoted_only_heads"] if quoted else [])
    return sorted(heads, key=len, reverse=True)


@cache
def _boundaries() -> frozenset[str]:
    data = wordlist("programs")
    bodies = wordlist("bodies")
    deictic = {p + level for p in bodies["deictic_prefixes"] for level in bodies["level_chars"]}
    return frozenset(data["left_boundaries"]) | deictic


@cache
def _long_boundaries() -> tuple[str, ...]:
    """The boundary words of more than one character (a token or text may contain or end in them)."""
    return tuple(sorted(word for word in _boundaries() if len(word) > 1))


@cache
def _long_boundary() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _long_boundaries())))


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(segment(text))


def _is_token_end(text: str, position: int) -> bool:
    """Whether one of jieba's words of ``text`` ends at ``position``. jieba segments each
    stretch of word characters (``jieba.re_han_default``) on its own, so only the stretch
    around ``position`` is segmented."""
    start = 0
    for piece in jieba.re_han_default.split(text):
        end = start + len(piece)
        if start < position <= end:
            return position - start in _token_ends(piece)
        start = end
    return False


@lru_cache(maxsize=4096)
def _token_ends(text: str) -> frozenset[int]:
    ends, position = set(), 0
    for token in _tokens(text):
        position += len(token)
        ends.add(position)
    return frozenset(ends)
