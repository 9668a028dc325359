"""The scorer on tiny hand-made gold records and extractions."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from kgbuild.eval import (
    FIELDS,
    evaluate,
    evaluate_records,
    format_report,
    program_names_match,
    report_as_dict,
)
from kgbuild.model import (
    Article,
    BodyFact,
    Facts,
    GroupMention,
    OutcomeFact,
    PlaceMention,
    ProgramFact,
)

GOLD = {
    "file": "a.txt",
    "places": [
        {"name": "廊坊市", "adcode": "131000", "level": "prefecture"},
        {"name": "孔店乡", "adcode": None, "level": "township"},
    ],
    "bodies": [
        {"name": "廊坊市教育局", "kind": "education", "place": "131000"},
        {"name": "安次区残联", "kind": "disabled-federation", "place": "131002"},
    ],
    "programs": [
        {
            "name": "“精准帮扶、养鹅脱贫”工程",
            "place": "131002",
            "by": ["安次区残联"],
            "targets": ["disabled"],
        }
    ],
    "groups": ["disabled", "registered-poor"],
    "outcomes": [
        {"value": 2071, "unit": "household"},
        {"value": 7.35, "unit": "percent"},
        {"value": 7.35, "unit": "percent"},
    ],
}


def perfect_facts() -> Facts:
    return Facts(
        places=[
            PlaceMention("131000", "廊坊市", "prefecture", 0),
            PlaceMention("340402200", "孔店乡", "township", 1),
        ],
        bodies=[
            BodyFact("廊坊市教育局", "education", "131000", 0),
            BodyFact("安次区残联", "disabled-federation", "131002", 0),
        ],
        programs=[
            ProgramFact(
                "“精准帮扶、养鹅脱贫”工程",
                "131002",
                0,
                bodies=[("131002", "disabled-federation")],
                targets=["disabled"],
            )
        ],
        groups=[GroupMention("disabled", "残疾人", 0), GroupMention("registered-poor", "建档立卡", 1)],
        outcomes=[
            OutcomeFact(Decimal("2071"), "household", "现有贫困人口", 0),
            OutcomeFact(Decimal("7.35"), "percent", "住院自付比例", 0),
            OutcomeFact(Decimal("7.350"), "percent", "门诊自付比例", 0),
        ],
    )


def article(facts: Facts, source: str = "data/articles/a.txt") -> Article:
    return Article(id=source.rsplit("/", 1)[-1].removesuffix(".txt"), source=source, text="", facts=facts)


def test_eval_perfect_match_scores_one_everywhere():
    report = evaluate_records([GOLD], [article(perfect_facts())])
    assert set(report.fields) == set(FIELDS)
    for name, score in report.fields.items():
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0), name
    assert report.macro_f1 == 1.0
    assert report.articles[0].misses == {} and report.articles[0].false_hits == {}


def test_eval_missing_outcome_lowers_recall_not_precision():
    facts = perfect_facts()
    facts.outcomes.pop()  # one of the two 7.35 % figures
    score = evaluate_records([GOLD], [article(facts)]).fields["outcomes"]
    assert (score.tp, score.fp, score.fn) == (2, 0, 1)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)


def test_eval_extra_outcome_lowers_precision_and_is_listed():
    facts = perfect_facts()
    facts.outcomes.append(OutcomeFact(Decimal("313"), "household", "计划出列", 2))
    report = evaluate_records([GOLD], [article(facts)])
    assert report.fields["outcomes"].precision == pytest.approx(3 / 4)
    assert report.articles[0].false_hits["outcomes"] == ["313 household"]


def test_eval_outcome_needs_the_same_unit():
    facts = perfect_facts()
    facts.outcomes[0] = OutcomeFact(Decimal("2071"), "person", "现有贫困人口", 0)
    score = evaluate_records([GOLD], [article(facts)]).fields["outcomes"]
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)


def test_eval_program_matched_by_name_containment():
    facts = perfect_facts()
    facts.programs[0].name = "养鹅脱贫"
    report = evaluate_records([GOLD], [article(facts)])
    assert report.fields["programs"].f1 == 1.0
    # the relations follow the matched program
    assert report.fields["program→targets"].f1 == 1.0
    assert report.fields["program→implementedBy"].f1 == 1.0


def test_eval_program_in_another_place_does_not_match():
    facts = perfect_facts()
    facts.programs[0].place = "131000"
    report = evaluate_records([GOLD], [article(facts)])
    programs = report.fields["programs"]
    assert (programs.tp, programs.fp, programs.fn) == (0, 1, 1)
    assert report.fields["program→targets"].tp == 0


def test_program_names_share_most_characters():
    assert program_names_match("健康脱贫行动", "健康扶贫行动")  # 5 of 6 characters shared
    assert not program_names_match("健康脱贫行动", "教育资助工程")


def test_eval_bodies_by_kind_and_place():
    facts = perfect_facts()
    facts.bodies[0] = BodyFact("市教育局", "education", "131002", 0)  # wrong place
    score = evaluate_records([GOLD], [article(facts)]).fields["bodies"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def test_eval_null_adcode_place_matched_by_name():
    facts = perfect_facts()
    facts.places[1] = PlaceMention("340402201", "欢灯村", "village", 1)
    report = evaluate_records([GOLD], [article(facts)])
    assert (report.fields["places"].tp, report.fields["places"].fn) == (1, 1)
    assert report.articles[0].misses["places"] == ["孔店乡"]


def test_eval_implemented_by_resolves_gold_names_through_bodies():
    facts = perfect_facts()
    facts.programs[0].bodies = [("131000", "education")]
    score = evaluate_records([GOLD], [article(facts)]).fields["program→implementedBy"]
    assert (score.tp, score.fp, score.fn) == (0, 1, 1)


def test_eval_micro_average_sums_counts_over_articles(tmp_path):
    second_gold = {"file": "b.txt", "outcomes": [{"value": 5, "unit": "village"}]}
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps([GOLD, second_gold], ensure_ascii=False), encoding="utf-8")
    empty = article(Facts(), source="b.txt")
    report = evaluate(gold_path, [article(perfect_facts()), empty])
    outcomes = report.fields["outcomes"]
    assert (outcomes.tp, outcomes.fp, outcomes.fn) == (3, 0, 1)
    assert len(report.articles) == 2


def test_eval_reports_articles_and_gold_without_partner():
    report = evaluate_records([GOLD], [article(Facts(), source="other.txt")])
    assert report.unmatched_articles == ["other.txt"]
    assert report.unmatched_gold == ["a.txt"]
    assert report.articles == []


def test_report_as_dict_is_json_and_format_lists_misses():
    facts = perfect_facts()
    facts.outcomes.pop(0)
    report = evaluate_records([GOLD], [article(facts)])
    data = json.loads(json.dumps(report_as_dict(report), ensure_ascii=False))
    assert data["fields"]["outcomes"]["fn"] == 1
    assert data["articles"][0]["misses"]["outcomes"]
    text = format_report(report, verbose=True)
    assert "miss       outcomes" in text and "a.txt" in text
    assert "miss" not in format_report(report)


def test_eval_programs_prefer_the_closest_name():
    gold = {
        "file": "a.txt",
        "programs": [
            {"name": "健康扶贫行动", "place": "131000", "targets": ["poor-population"]},
            {"name": "健康脱贫行动", "place": "131000", "targets": ["ill"]},
        ],
    }
    found = Facts(programs=[ProgramFact("健康脱贫行动", "131000", 0, targets=["ill"])])
    report = evaluate_records([gold], [article(found)])
    assert report.fields["programs"].tp == 1
    assert report.articles[0].misses["programs"] == ["健康扶贫行动 @131000"]
    assert report.fields["program→targets"].tp == 1


def test_eval_counts_agreeing_outcome_dates_and_places():
    gold = {
        "file": "a.txt",
        "outcomes": [
            {"value": 2071, "unit": "household", "place": "131000", "asOf": "2018-09-21"},
            {"value": 5261, "unit": "person", "place": "131000", "asOf": "2018-09-21"},
        ],
    }
    found = Facts(
        outcomes=[
            OutcomeFact(Decimal(2071), "household", "现有贫困人口", 0, place="131000", as_of="2018-09-21"),
            OutcomeFact(Decimal(5261), "person", "现有贫困人口", 0, place="131002", as_of="2018"),
        ]
    )
    report = evaluate_records([gold], [article(found)])
    assert report.attributes == {"outcome asOf": (1, 2), "outcome place": (1, 2)}
    assert "outcome asOf agrees" in format_report(report)
