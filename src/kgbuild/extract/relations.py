"""What the article attaches to each program: place, bodies, groups, sectors, outcomes.

A mention's *reach* is the text a program owns: its own sentence, or, for a
paragraph's header, the whole paragraph (and, for a heading paragraph such as
``——大力开展健康脱贫行动。``, the paragraphs of its section).

- place: a place named in the name, else the body or place named before it in its
  sentence, else (for a header) its body, else the article's area; at county level
  or above; a body of another province than the article's area places nothing;
- bodies (fp:implementedBy): the bodies acting in its sentence (not speakers' units,
  not sources of a followed directive, not the subject of a clause naming another
  program when a later body takes over), else, for a header, in the first sentence of its
  reach that has some, else, in a sentence without a subject, those of the nearest earlier
  sentence of its paragraph that has some;
- groups (fp:targets): those a target cue introduces in its sentence (针对/对/为 X),
  else the other groups there, else those of the next sentence of its paragraph;
  for a header, those of its reach outside other programs' sentences; a group gives
  way to a narrower one beside it; plus the group a line of work in the name serves by
  its nature (易地扶贫搬迁: the relocated); a program the text gives no group serves the poor
  population at large, unless it is only ever named in a list of programs (积极推进“千企帮千村”
  扶贫行动和“互联网+扶贫”), which says nothing of whom each serves;
- sectors: the labels of its name, else of its sentence, else of its reach;
- outcomes: the figures of its sentence, else of its header's reach.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kgbuild.gazetteer import Gazetteer
from kgbuild.model import Article, OutcomeFact, ProgramFact

from .bodies import BodyMention
from .groups import GroupSpan
from .programs import ProgramMention, is_heading, normalise_program_name
from .text import CLAUSE_BREAKS, clause_bounds
from .wordlists import wordlist

_PROGRAM_LEVELS = ("country", "province", "prefecture", "county")


@dataclass
class ArticleIndex:
    """The article's mentions, by sentence, and the reach of every header."""

    article: Article
    bodies: list[BodyMention]
    groups: list[GroupSpan]
    places: object  # PlaceResolution
    lexicon: object
    programs: list[ProgramMention] = field(default_factory=list)

    @property
    def program_sentences(self) -> set[int]:
        return {mention.sentence for mention in self.programs}

    def bodies_in(self, sentences) -> list[BodyMention]:
        wanted = set(sentences)
        return [b for b in self.bodies if b.sentence in wanted]

    def groups_in(self, sentences) -> list[GroupSpan]:
        wanted = set(sentences)
        return [g for g in self.groups if g.sentence in wanted]

    def later_in_paragraph(self, sentence: int) -> list[int]:
        paragraph = self.article.sentences[sentence].paragraph
        return [s.index for s in self.article.sentences[sentence + 1:] if s.paragraph == paragraph]

    def earlier_in_paragraph(self, sentence: int) -> list[int]:
        paragraph = self.article.sentences[sentence].paragraph
        return [s.index for s in self.article.sentences[:sentence] if s.paragraph == paragraph]

    def own_sentences(self, mention: ProgramMention) -> list[int]:
        """The reach, without the sentences of the programs it enumerates, when it names
        several (实施“十大工程”: 实施产业扶贫工程…实施就业脱贫工程…)."""
        reach = self.reach(mention)
        others = [sentence for sentence in reach if sentence in self.program_sentences - {mention.sentence}]
        return reach if len(others) < 2 else [sentence for sentence in reach if sentence not in others]

    def reach(self, mention: ProgramMention) -> list[int]:
        """Sentence indexes a mention owns."""
        if not mention.header:
            return [mention.sentence]
        paragraphs = self.article.paragraphs()
        number = next(i for i, p in enumerate(paragraphs) if p[0].index == mention.sentence)
        owned = [s.index for s in paragraphs[number]]
        if is_heading(self.article, paragraphs[number]):
            for paragraph in paragraphs[number + 1:]:
                if is_heading(self.article, paragraph):
                    break
                owned.extend(s.index for s in paragraph)
        return owned


def build_programs(mentions: list[ProgramMention], index: ArticleIndex) -> tuple[list[ProgramFact], dict]:
    """One ProgramFact per (place, normalised name), and the mentions of each (by fact position).
    An unquoted name whose characters all recur, in order, in a longer unquoted name of the
    same place (光伏项目, 光伏扶贫项目), outside its quotes (易地扶贫搬迁, “十三五”易地扶贫搬迁),
    is the same program under its fuller name; a name inside another's quotes is a program of
    its own (扶贫车间 beside “扶贫车间+”工程)."""
    placed = [(program_place(m, index), m) for m in mentions]
    names: dict[str, set[str]] = {}
    for place, mention in placed:
        if place is not None:
            names.setdefault(place, set()).add(normalise_program_name(mention.name))
    programs: dict[tuple[str, str], ProgramFact] = {}
    owners: dict[tuple[str, str], list[ProgramMention]] = {}
    for place, mention in placed:
        if place is None:
            continue  # an article that never says where it is: no program can be placed
        key = (place, _fuller_name(normalise_program_name(mention.name), names[place]))
        fact = programs.setdefault(key, ProgramFact(name=mention.name, place=place, sentence=mention.sentence))
        if len(normalise_program_name(mention.name)) > len(normalise_program_name(fact.name)):
            fact.name = mention.name
        owners.setdefault(key, []).append(mention)
        _add_new(fact.bodies, [b.key for b in program_bodies(mention, index)])
        _add_new(fact.targets, [g.concept for g in program_groups(mention, index)])
    for key, fact in programs.items():
        fact.sectors = program_sectors(owners[key], index)
        _add_new(fact.targets, sector_groups(fact.name, index.lexicon))
        if not fact.targets and not all(_shares_sentence(m, index) for m in owners[key]):
            fact.targets = [wordlist("relations")["default_target"]]
    keys = list(programs)
    return [programs[k] for k in keys], {i: owners[k] for i, k in enumerate(keys)}


def _shares_sentence(mention: ProgramMention, index: ArticleIndex) -> bool:
    return any(other.sentence == mention.sentence and other.name != mention.name for other in index.programs)


def sector_groups(name: str, lexicon) -> list[str]:
    """The groups a line of work in the name serves by its nature (易地扶贫搬迁: the
    relocated; 农村危房改造: households in unsafe housing; 就业扶贫: those able to work)."""
    data = wordlist("relations")
    served = data["sector_groups"]
    found = [served[c] for c in _concepts(lexicon.find("sector", name)) if c in served]
    _add_new(found, [group for word, group in data["name_groups"].items() if word in name])
    return found


def _fuller_name(name: str, others: set[str]) -> str:
    if "\u201c" in name or len(name) < 4:
        return name
    fuller = [o for o in others if len(o) > len(name) and _is_subsequence(name, _outside_quotes(o))]
    return min(fuller, key=lambda o: (len(o), o)) if fuller else name


def _outside_quotes(name: str) -> str:
    return re.sub("\u201c[^\u201d]*\u201d", "", name)


def _is_subsequence(short: str, long: str) -> bool:
    remaining = iter(long)
    return all(char in remaining for char in short)


def program_place(mention: ProgramMention, index: ArticleIndex) -> str | None:
    """The area a program belongs to, at county level or above."""
    sentence = mention.sentence
    in_name = [p for p in _explicit_places(index, sentence) if mention.start <= p.start < mention.end]
    home = index.places.home
    before = [b for b in index.bodies_in([sentence]) if b.end <= mention.start and _home_province(b.place, home)]
    places_before = [p for p in _explicit_places(index, sentence) if p.start < mention.start]
    runners = program_bodies(mention, index) if mention.header else []
    header_bodies = [b for b in runners if _home_province(b.place, home)]
    if in_name:
        code = in_name[0].code
    elif before:
        code = before[-1].place
    elif places_before:
        code = places_before[-1].code
    elif header_bodies:
        code = header_bodies[0].place
    else:
        code = home
    return _county_or_above(code)


def _home_province(code: str | None, home: str | None) -> bool:
    """Whether an area lies in the province of the article's home area: a body sent from
    another province (北京援疆指挥部 in 墨玉县) places nothing it runs there."""
    if code is None or home is None:
        return True
    return _province(code) == _province(home)


def _province(code: str) -> str:
    gazetteer = Gazetteer.default()
    area = gazetteer.area(code)
    if area is not None and area.level == "province":
        return code
    return next((a.code for a in gazetteer.ancestors(code) if a.level == "province"), code)


def served_group_spans(owners: dict, index: ArticleIndex) -> list[list[GroupSpan]]:
    """The groups the article says some initiative serves: the programs' targets, the groups
    a serving cue introduces (针对/为/帮助 X), and the groups named where a body, named with
    its place, acts (a bare 医院 in 不方便上医院 is no actor)."""
    spans = [program_groups(mention, index) for mentions in owners.values() for mention in mentions]
    spans.append([span for span in index.groups if _cued_span(span, index)])
    acting = [body for body in _acting(index.bodies, index) if body.name != body.word]
    spans.append(index.groups_in({body.sentence for body in acting}))
    return spans


def program_bodies(mention: ProgramMention, index: ArticleIndex) -> list[BodyMention]:
    """The bodies that run a program: those acting in its sentence, except those of a clause
    that names another program (县委、县政府把“拉面经济”作为…，县人社局开展拉面技能培训:
    the 人社局 runs the 培训);
    else, for a header, those of the first sentence of its reach that names acting bodies;
    else, in a sentence naming no acting body and no place up to the program's end, the
    acting bodies of the nearest earlier sentence of its paragraph."""
    acting = _acting(index.bodies_in([mention.sentence]), index, mention)
    found = [body for body in acting if not _owned_by_other(body, mention, index)]
    if found:
        return found
    if not mention.header:
        return [] if acting else _earlier_subject(mention, index)
    for sentence in index.reach(mention):
        found = _acting(index.bodies_in([sentence]), index)
        if found:
            return found
    return []


def _earlier_subject(mention: ProgramMention, index: ArticleIndex) -> list[BodyMention]:
    """For a sentence that names no body or place before the program (开展…“送证上门”行动),
    the acting bodies of the nearest earlier sentence of its paragraph that has some."""
    if any(place.start < mention.end for place in _explicit_places(index, mention.sentence)):
        return []
    for sentence in reversed(index.earlier_in_paragraph(mention.sentence)):
        found = _acting(index.bodies_in([sentence]), index)
        if found:
            return found
    return []


def _owned_by_other(body: BodyMention, mention: ProgramMention, index: ArticleIndex) -> bool:
    """Whether the body's clause names another program, and the body comes after this
    program or a later body takes over as the subject before it (the body stays the
    subject when none does: 县林草局把生态扶贫作为…，实施“生态护林员”项目)."""
    text = index.article.sentence_text(body.sentence)
    start, end = clause_bounds(text, body.start)
    if start <= mention.start < end:
        return False
    names_other = any(other.sentence == body.sentence and start <= other.start < end for other in index.programs)
    return names_other and (body.start > mention.start or any(
        other.sentence == body.sentence and end <= other.start < mention.start
        for other in index.bodies
    ))


def program_groups(mention: ProgramMention, index: ArticleIndex) -> list[GroupSpan]:
    """The groups a program serves (see the module's docstring); 贫困群众 gives way to
    贫困残疾人 beside it."""
    if mention.header:
        found = index.groups_in(index.own_sentences(mention))
    else:
        found = _prefer_cued(index.groups_in([mention.sentence]), index)
        following = index.later_in_paragraph(mention.sentence)[:1]
        if not found and following:
            found = _prefer_cued(index.groups_in(following), index)
    return _narrowest(found, index.lexicon)


def _acting(
    bodies: list[BodyMention], index: ArticleIndex, program: ProgramMention | None = None
) -> list[BodyMention]:
    """Bodies that act: not named only as an official's affiliation (区委组织部副部长介绍),
    not the unit a named sub-unit belongs to (职教中心|扶贫工作小组), and not the source of a
    directive followed (按照…市委…要求) unless the program is named in the same frame."""
    titles = wordlist("relations")["official_titles"]
    acting = []
    for body in bodies:
        text = index.article.sentence_text(body.sentence)
        if any(text.startswith(title, body.end) for title in titles) or _has_sub_unit(body, bodies):
            continue
        frame = _directive_frame(text, body.start)
        if frame is not None and not _inside(program, body.sentence, frame):
            continue
        acting.append(body)
    return acting


def _inside(program: ProgramMention | None, sentence: int, span: tuple[int, int]) -> bool:
    return program is not None and program.sentence == sentence and span[0] <= program.start < span[1]


def _has_sub_unit(body: BodyMention, bodies: list[BodyMention]) -> bool:
    return any(
        other.sentence == body.sentence and other.start == body.start and other.end > body.end
        and other.name.startswith(body.name)
        for other in bodies
    )


def _directive_frame(text: str, position: int) -> tuple[int, int] | None:
    """The (start, end) of a directive frame around ``position``, in its clause, if any."""
    clause_start, _ = clause_bounds(text, position)
    for opening, closing in wordlist("relations")["directive_frames"]:
        start = text.rfind(opening, clause_start, position)
        end = text.find(closing, position)
        if start >= 0 and end >= 0 and not any(char in CLAUSE_BREAKS for char in text[position:end]):
            return start, end + len(closing)
    return None


def _narrowest(spans: list[GroupSpan], lexicon) -> list[GroupSpan]:
    concepts = {span.concept for span in spans}
    broader = {b for concept in concepts for b in _ancestors(concept, lexicon)}
    return [span for span in spans if span.concept not in broader]


def _ancestors(concept: str, lexicon) -> set[str]:
    found: set[str] = set()
    pending = list(lexicon.concept("group", concept).broader)
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(lexicon.concept("group", current).broader)
    return found


def program_sectors(mentions: list[ProgramMention], index: ArticleIndex) -> list[str]:
    """Sector labels of the name, else of the first mention's sentence, else of its reach."""
    lexicon = index.lexicon
    first = mentions[0]
    for text in (first.name, index.article.sentence_text(first.sentence)):
        found = _concepts(lexicon.find("sector", text))
        if found:
            return found
    reach_text = "".join(index.article.sentence_text(i) for i in index.reach(first))
    return _concepts(lexicon.find("sector", reach_text))


def attach_outcomes(outcomes: list[OutcomeFact], programs: list[ProgramFact], owners: dict,
                    index: ArticleIndex) -> None:
    """fp:hasOutcome: a figure belongs to a program named in its sentence, else to the header
    whose reach holds it."""
    by_sentence: dict[int, int] = {}
    by_reach: dict[int, int] = {}
    for position in range(len(programs)):
        for mention in owners[position]:
            by_sentence.setdefault(mention.sentence, position)
            if mention.header:
                for sentence in index.reach(mention):
                    by_reach.setdefault(sentence, position)
    for number, outcome in enumerate(outcomes):
        position = by_sentence.get(outcome.sentence, by_reach.get(outcome.sentence))
        if position is not None:
            programs[position].outcomes.append(number)


def _prefer_cued(spans: list[GroupSpan], index: ArticleIndex) -> list[GroupSpan]:
    return [span for span in spans if _cued_span(span, index)] or spans


def _cued_span(span: GroupSpan, index: ArticleIndex) -> bool:
    cues = wordlist("relations")["target_cues"]
    return _cued(index.article.sentence_text(span.sentence), span.start, cues)


def _cued(text: str, start: int, cues: list[str]) -> bool:
    clause_start, _ = clause_bounds(text, start)
    return any(cue in text[clause_start:start] for cue in cues)


def _explicit_places(index: ArticleIndex, sentence: int):
    return [p for p in index.places.mentions if p.sentence == sentence and p.start >= 0]


def _county_or_above(code: str | None) -> str | None:
    if code is None:
        return None
    gazetteer = Gazetteer.default()
    area = gazetteer.area(code)
    if area is None or area.level in _PROGRAM_LEVELS:
        return code
    return next((a.code for a in gazetteer.ancestors(code) if a.level in _PROGRAM_LEVELS), code)


def _concepts(matches) -> list[str]:
    seen: list[str] = []
    _add_new(seen, [m.concept for m in matches])
    return seen


def _add_new(target: list, items) -> None:
    for item in items:
        if item not in target:
            target.append(item)
