"""Dates of figures, resolved against the article's date."""

import pytest

from kgbuild.extract.dates import date_of, find_dates

ISSUED = "2018-10-21"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017年8月，抽调干部18474名", "2017-08"),
        ("截至9月21日，全市现有贫困人口2071户", "2018-09-21"),
        ("今年，廊坊市家庭医生签约率100%", "2018"),
        ("今年上半年，组织20多名专家义诊", "2018-06"),
        ("今年一季度为188名妇女发放贷款", "2018-03"),
        ("1至3月共培训农村妇女1860人次", "2018-03"),
        ("2017年底，全县贫困人口1.2万人", "2017-12"),
        ("近年来，全县建成扶贫车间426个", None),
        ("去年脱贫500户", "2017"),
        ("2017—2018学年共资助学生1079名", "2018"),
        ("截至2018年9月13日，全市实施2304户", "2018-09-13"),
        ("自2015年至今，已有400多人学到技术", "2018"),
        ("以前村民人均收入仅有8400元", None),
    ],
)
def test_dates_date_of_figure_at_end(text, expected):
    assert date_of(text, len(text) - 1, ISSUED) == expected


def test_dates_without_date_default_to_issued_year():
    assert date_of("全县组建53个家庭医生团队", 5, ISSUED) == "2018"
    assert date_of("全县组建53个家庭医生团队", 5, None) is None


def test_dates_month_after_the_article_belongs_to_the_year_before():
    (mention,) = find_dates("截至12月31日", ISSUED)
    assert mention.value == "2017-12-31"


def test_dates_spelled_year():
    (mention,) = find_dates("二〇一六年", ISSUED)
    assert mention.value == "2016"


def test_dates_noun_modifier_dates_only_its_own_clause():
    text = "2017年8月，按照2016年农民人均纯收入2952元的标准，抽调各级干部18474名"
    clause_start = text.rindex("，") + 1
    assert date_of(text, text.index("18474"), ISSUED, clause_start) == "2017-08"
    assert date_of(text, text.index("2952"), ISSUED, text.index("按照")) == "2016"


def test_dates_relative_year_without_issued_date_is_unknown():
    assert date_of("今年脱贫500户", 4, None) is None
