"""Outcomes: which figures are results, with value, unit, indicator, date and place."""

from decimal import Decimal

import pytest

from kgbuild.extract.outcomes import extract_outcomes
from kgbuild.gazetteer import resolve_places
from kgbuild.gazetteer.resolve import PlaceResolution
from kgbuild.ingest import article_from_text

HOME = "131000"


def outcomes(text: str, issued: str | None = "2018-10-21"):
    article = article_from_text(text, issued=issued)
    return extract_outcomes(article, PlaceResolution(mentions=[], home=HOME))


def figures(text: str) -> list[tuple[Decimal, str]]:
    return [(o.value, o.unit) for o in outcomes(text)]


# ------------------------------------------------------------------ phrasings


def test_outcomes_indicator_value_unit():
    (outcome,) = outcomes("截至目前，家庭医生签约率100%，先诊疗后付费定点医院199家。")[:1]
    assert (outcome.value, outcome.unit, outcome.indicator) == (Decimal(100), "percent", "家庭医生签约率")
    assert figures("先诊疗后付费定点医院199家。") == [(Decimal(199), "item")]


def test_outcomes_value_unit_indicator():
    (outcome,) = outcomes("119个集中安置项目全部完工交付使用。")
    assert (outcome.value, outcome.unit, outcome.indicator) == (Decimal(119), "project", "集中安置项目")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("接收贫困户申请9513户、24771人。", [(Decimal(9513), "household"), (Decimal(24771), "person")]),
        ("无劳动能力贫困人口642户1019人。", [(Decimal(642), "household"), (Decimal(1019), "person")]),
        ("解决了1912户4212名贫困人口的饮水安全问题。", [(Decimal(1912), "household"), (Decimal(4212), "person")]),
    ],
)
def test_outcomes_paired_figures_are_two_outcomes_with_one_indicator(text, expected):
    found = outcomes(text)
    assert [(o.value, o.unit) for o in found] == expected
    assert found[0].indicator == found[1].indicator != ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("抽调干部后走访农户88.79万户。", (Decimal(887900), "household")),
        ("累计发放贷款524.07亿元。", (Decimal(52407000000), "yuan")),
        ("建成光伏电站装机130万千瓦。", (Decimal(1300000), "kilowatt")),
        ("共救助贫困人口62.04万人次。", (Decimal(620400), "person-time")),
        ("龙头企业带动6.07万贫困人口增收。", (Decimal(60700), "person")),
    ],
)
def test_outcomes_wan_and_yi_multiplied_out(text, expected):
    assert figures(text) == [expected]


def test_outcomes_chinese_numerals():
    assert figures("九万八千一百五十七名贫困人口脱贫。") == [(Decimal(98157), "person")]
    assert figures("区农业农村局对四个村开展帮扶对接活动。") == [(Decimal(4), "village")]


def test_outcomes_spelled_digits_in_idioms_are_not_figures():
    assert figures("实行“一户一策”，落实“四个到位”，形成三位一体格局，千企帮千村。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("已有400多人免费学到核雕技术。", (Decimal(400), "person")),
        ("先后组织20余名专家开展义诊。", (Decimal(20), "person")),
        ("投入帮扶资金5000多万元。", (Decimal(50000000), "yuan")),
        ("稳定就业率保持在90%以上。", (Decimal(90), "percent")),
    ],
)
def test_outcomes_approximations_count_as_lower_bound(text, expected):
    assert figures(text) == [expected]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("全市共有157家县域银行业分支机构。", "enterprise"),
        ("遴选了15家农民专业合作社参与分红。", "enterprise"),
        ("实施产业扶贫项目1090个。", "project"),
        ("在乡镇建设扶贫车间54个。", "item"),
        ("招聘了22个村级扶贫专干。", "person"),
        ("对5个贫困村全面开展项目摸排。", "village"),
        ("全县270个“一村一幼”幼教点同时开学。", "item"),
        ("扩挖塘坝102口。", "item"),
    ],
)
def test_outcomes_counter_unit_comes_from_the_counted_noun(text, unit):
    assert [o.unit for o in outcomes(text)] == [unit]


def test_outcomes_enumerated_rates_are_one_outcome_each():
    found = outcomes("目前已经实现竣工率、验收率、安全入住率和资金拨付率四个100%。")
    assert [o.indicator for o in found] == ["竣工率", "验收率", "安全入住率", "资金拨付率"]
    assert {(o.value, o.unit) for o in found} == {(Decimal(100), "percent")}


def test_outcomes_both_ends_of_a_change_are_statuses_at_their_dates():
    found = outcomes("贫困发生率由2016年底的11.2%下降到5.8%。")
    assert [(o.value, o.as_of) for o in found] == [(Decimal("11.2"), "2016-12"), (Decimal("5.8"), "2018")]


def test_outcomes_cue_words_inside_quoted_names_do_not_count():
    assert figures("发放“雨露计划”补助资金320万元，惠及学生1600名。") == [
        (Decimal(3200000), "yuan"),
        (Decimal(1600), "person"),
    ]


def test_outcomes_figure_without_words_shares_the_indicator_before_it():
    found = outcomes("贫困发生率从18.6%下降到0.6%。")
    assert [o.indicator for o in found] == ["贫困发生率", "贫困发生率"]


def test_outcomes_attained_standard_is_an_outcome():
    assert figures("17个贫困村达到出列标准。") == [(Decimal(17), "village")]


# ------------------------------------------------------------------ not outcomes


@pytest.mark.parametrize(
    "text",
    [
        "今年计划出列313户、445人。",  # plan
        "今年全村人均年收入有望达到3万元。",  # forecast
        "力争新增就业1000人。",
        "明年将再建设集中式电站2座。",
        "帮扶对象为年收入在12600元以下的低收入户。",  # threshold
        "按照2016年农民人均纯收入2952元的国家现行识别标准开展识别。",
        "低保贫困户享受的每月10元电费补贴发放到位。",  # policy parameter
        "每个帮扶人不超过3户。",
        "增加提高孕产妇住院分娩补助(由300元提高到600元)。",
        "大病保险起付线为5000元。",
        "产业奖补500元/人。",  # a rate
        "帮扶目标精准：让低收入户人均可支配收入年均增长10%。",  # a target
        "住院费用再减免10%。",  # a reduction granted
        "一家三口一年每人可以领到1300元左右的补助。",  # one household
        "贫困户钟某今年因病住院，总费用8.6万元。",
        "贫困户王秀英今年45岁，在车间务工月收入2500元。",
        "“在家门口上班，一个月能挣2000多元，还能照顾老人孩子。”",  # someone's own story
        "区委召开第六十八次常委会会议。",  # ordinal
        "16至65周岁的劳动力。",  # ages
        "举报电话：022-23602087。",  # phone number
        "印发《实施方案》(冀扶〔2018〕12号)。",  # document number
        "2018年7月全省启动补录工作。",  # a date
        "活动开展4个多月以来，成效明显。",  # a span of time
        "制定了5个文件。",
    ],
)
def test_outcomes_not_results(text):
    assert outcomes(text) == []


def test_outcomes_heading_repeating_the_body_counts_once():
    text = "1068名处级干部对接3270个低收入户\n全区1068名处级以上领导干部和3270个低收入户实施精准帮扶。"
    assert figures(text) == [(Decimal(1068), "person"), (Decimal(3270), "household")]


# ------------------------------------------------------------------ dates and places


def test_outcomes_dated_by_the_sentence_or_the_article_year():
    found = outcomes("截至9月21日，全市现有贫困人口2071户、5261人。全县组建53个家庭医生团队。")
    assert [o.as_of for o in found] == ["2018-09-21", "2018-09-21", "2018"]
    assert outcomes("2017年8月，抽调各级干部18474名。")[0].as_of == "2017-08"
    assert outcomes("全县组建53个家庭医生团队。", issued=None)[0].as_of is None


@pytest.fixture(scope="module")
def langfang_article():
    article = article_from_text(
        "廊坊市扶贫工作情况\n截至目前，廊坊市共有建档立卡残疾人家庭1078户。"
        "香河县组建53个家庭医生履约服务团队。香河县、大厂回族自治县建成扶贫车间12个。"
        "蓟州区别山镇西九户村开展义诊，捐赠了1万元药品。",
        issued="2018-10-21",
    )
    places = resolve_places(article)
    return extract_outcomes(article, places), places


def test_outcomes_area_is_the_place_named_before_the_figure(langfang_article):
    found, places = langfang_article
    by_value = {o.value: o for o in found}
    assert by_value[Decimal(1078)].place == "131000"
    assert by_value[Decimal(53)].place == "131024"
    assert by_value[Decimal(1078)].indicator == "建档立卡残疾人家庭"
    assert by_value[Decimal(12)].place == "131000"  # two counties listed: their prefecture


def test_outcomes_numerals_inside_place_names_are_not_figures(langfang_article):
    found, _ = langfang_article
    assert [(o.value, o.unit) for o in found][-1] == (Decimal(10000), "yuan")
    assert (Decimal(9), "household") not in [(o.value, o.unit) for o in found]
