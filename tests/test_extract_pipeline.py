"""The whole extraction over one article: order of components, outcomes on programs, determinism."""

from dataclasses import asdict

from kgbuild.extract import extract
from kgbuild.ingest import article_from_text

ARTICLE = (
    "廊坊：全面小康路上不让一个人掉队\n"
    "——大力开展社保兜底脱贫行动。\n"
    "廊坊市民政局及时针对贫困户开展排查认定工作。截至9月21日，全市已兜底扶贫1576户、3506人。\n"
    "庄河村村民张某一家三口一年每人可以领到1300元左右的补助。"
)


def test_extract_pipeline_fills_every_kind_of_fact():
    facts = extract(article_from_text(ARTICLE)).facts
    assert {place.code for place in facts.places} >= {"131000"}
    assert [(b.kind, b.place) for b in facts.bodies] == [("civil-affairs", "131000")]
    assert [p.name for p in facts.programs] == ["社保兜底脱贫行动"]
    assert [g.concept for g in facts.groups] == ["poor-population"]


def test_extract_pipeline_attaches_a_headers_figures_to_its_program():
    article = extract(article_from_text(ARTICLE))
    program = article.facts.programs[0]
    figures = next(s.index for s in article.sentences if "1576户" in s.text)
    assert program.outcomes
    assert {article.facts.outcomes[i].sentence for i in program.outcomes} == {figures}


def test_extract_pipeline_private_persons_never_become_facts():
    facts = extract(article_from_text(ARTICLE)).facts
    names = [b.name for b in facts.bodies] + [p.name for p in facts.programs]
    names += [m.name for p in facts.programs for m in p.measures] + [g.text for g in facts.groups]
    assert not any("张某" in name for name in names)


def test_extract_pipeline_is_deterministic():
    first = asdict(extract(article_from_text(ARTICLE)).facts)
    second = asdict(extract(article_from_text(ARTICLE)).facts)
    assert first == second


def test_extract_pipeline_clauses_end_at_full_width_marks():
    from kgbuild.extract.text import clause_bounds

    text = "县民政局开展排查，对低保户逐户走访；全县共走访500户。"
    start, end = clause_bounds(text, text.index("低保户"))
    assert text[start:end] == "对低保户逐户走访"
