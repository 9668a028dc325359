"""kgbuild.ask: questions in Chinese and English mapped onto query templates, or refused."""

from __future__ import annotations

import pytest
from fixtures.graph.loader import small_store

from kgbuild.ask import CannotAnswer, answer, templates
from kgbuild.query import available_queries


@pytest.fixture(scope="module")
def store():
    return small_store()


ANSWERED = [
    ("哪些项目覆盖残疾人?", "programs-for-group", {"group": "disabled"}),
    ("Which programs cover disabled people?", "programs-for-group", {"group": "disabled"}),
    ("对因病致贫人口采取了哪些措施?", "measures-for-group", {"group": "ill"}),
    ("What measures target sick people?", "measures-for-group", {"group": "ill"}),
    ("有哪些光伏扶贫项目?", "programs-by-sector", {"sector": "photovoltaic"}),
    ("Which solar programs are there?", "programs-by-sector", {"sector": "photovoltaic"}),
    ("河北省哪些部门在开展产业扶贫?", "bodies-for-sector-in-place", {"sector": "industry", "place": "130000"}),
    ("Which bodies run industry programs in Hebei?", "bodies-for-sector-in-place",
     {"sector": "industry", "place": "130000"}),
    ("廊坊市有哪些扶贫项目?", "programs-in-place", {"place": "131000"}),
    ("甘肃省有哪些项目覆盖建档立卡贫困户?", "programs-for-group-in-place", {"group": "registered-poor", "place": "620000"}),
    ("Which programs cover registered poor households in Gansu?", "programs-for-group-in-place",
     {"group": "registered-poor", "place": "620000"}),
    ("河北省有哪些产业扶贫项目?", "programs-by-sector-in-place", {"sector": "industry", "place": "130000"}),
    ("Which agricultural projects are there in Langfang?", "programs-by-sector-in-place",
     {"sector": "industry", "place": "131000"}),
    ("What programs are there in Langfang?", "programs-in-place", {"place": "131000"}),
    ("甘肃省的项目覆盖哪些帮扶对象?", "groups-in-place", {"place": "620000"}),
    ("Which groups are served in Gansu?", "groups-in-place", {"place": "620000"}),
    ("关于安次区都报道了什么?", "about-place", {"place": "131002"}),
    ("What is reported about Anci?", "about-place", {"place": "131002"}),
    ("有哪些扶贫办?", "bodies-by-kind", {"kind": "poverty-office"}),
    ("Which poverty alleviation offices are there?", "bodies-by-kind", {"kind": "poverty-office"}),
    ("残联实施了哪些项目?", "programs-by-body-kind", {"kind": "disabled-federation"}),
    ("有多少贫困人口脱贫?", "outcomes-by-indicator", {"keyword": "脱贫"}),
    ("How many people were lifted out of poverty?", "outcomes-by-indicator", {"keyword": "脱贫"}),
    ("甘肃省有多少贫困人口脱贫?", "outcomes-by-indicator-in-place", {"keyword": "脱贫", "place": "620000"}),
    ("How many poor people were lifted out of poverty in Gansu?", "outcomes-by-indicator-in-place",
     {"keyword": "脱贫", "place": "620000"}),
    ("2019年报道了哪些成效?", "outcomes-in-year", {"year": "2019"}),
    ("What figures were reported for 2019?", "outcomes-in-year", {"year": "2019"}),
    ("2017年到2019年报道了哪些数字?", "outcomes-between-dates", {"from": "2017-01-01", "to": "2019-12-31"}),
    ("Which figures were reported between 2017 and 2019?", "outcomes-between-dates",
     {"from": "2017-01-01", "to": "2019-12-31"}),
    ("哪些县的扶贫项目最多?", "places-with-most-programs", {"level": "county"}),
    ("Which counties have the most programs?", "places-with-most-programs", {"level": "county"}),
    ("河北有哪些项目", "programs-in-place", {"place": "130000"}),
    ("各个领域帮扶哪些对象?", "groups-per-sector", {}),
    ("参与扶贫的部门有哪几类?", "body-kinds", {}),
    ("每个项目的出处是哪句话?", "evidence", {}),
]


@pytest.mark.parametrize(("question", "template", "params"), ANSWERED)
def test_ask_maps_question_to_template_and_slots(store, question, template, params):
    result = answer(question, store)
    assert (result.template, result.params) == (template, params)
    assert result.result.rows, "the fixture holds an answer to every listed question"


REFUSED = [
    "今天天气怎么样?",
    "What is the capital of France?",
    "Which programs cover disabled people in Tibet?",  # an unknown place is not ignored
    "How many disabled people were lifted out of poverty?",  # no template counts by group
    "哪些项目覆盖残疾人和因病致贫人口?",  # two groups at once
    "西藏有哪些残疾人措施?",  # measures for a group in a place: no template
    "What measures target disabled people in Langfang?",
    "2016年、2017年和2018年哪些县的扶贫项目最多?",  # three years: not silently dropped
    "",
]


@pytest.mark.parametrize("question", REFUSED)
def test_ask_refuses_what_it_cannot_map(store, question):
    with pytest.raises(CannotAnswer) as refused:
        answer(question, store)
    assert "Which programs cover disabled people?" in str(refused.value)


def test_ask_answers_carry_evidence_and_sparql(store):
    result = answer("残联实施了哪些项目?", store)
    assert "<https://w3id.org/fupin/body-kind/disabled-federation>" in result.sparql  # the query as run
    row = result.result.rows[0]
    assert row["programLabel"].value == "养鹅帮扶工程"
    assert "养鹅帮扶工程" in row["evidence"].value


def test_ask_slot_values_come_from_the_graph_labels(store):
    english = answer("Which programs are run by the health commission?", store)
    chinese = answer("卫健委实施了哪些项目?", store)
    assert english.params == chinese.params == {"kind": "health"}
    assert [row["programLabel"].value for row in english.result.rows] == ["健康扶贫行动"]


def test_ask_templates_are_queries_of_the_library():
    names = set(available_queries())
    assert {template.query for template in templates()} <= names
    for template in templates():
        assert set(template.params) == template.slots | template.optional


def test_ask_reads_places_outside_the_graph_and_finds_nothing_there(store):
    for question in ("西藏自治区有哪些扶贫项目?", "What programs are there in Xizang?"):
        result = answer(question, store)
        assert (result.template, result.params) == ("programs-in-place", {"place": "540000"})
        assert result.result.rows == []


def test_ask_refuses_a_place_name_shared_by_two_areas(store):
    with pytest.raises(CannotAnswer, match="several places"):
        answer("朝阳区有哪些扶贫项目?", store)
