"""Figures in Chinese text: Arabic and spelled numerals, 万/亿, approximations, ranges."""

from decimal import Decimal

import pytest

from kgbuild.extract.numbers import find_figures, is_range_upper_bound, parse_spelled, plain


def values(text: str) -> list[Decimal]:
    return [figure.value for figure in find_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("走访农户88.79万户", Decimal("887900")),
        ("支出救助资金3.68亿元", Decimal("368000000")),
        ("装机130万千瓦", Decimal("1300000")),
        ("救助62.04万人次", Decimal("620400")),
        ("总投资2899.49万元", Decimal("28994900")),
    ],
)
def test_numbers_multiply_out_wan_and_yi(text, expected):
    assert values(text) == [expected]


def test_numbers_keep_decimals_without_exponent():
    (figure,) = find_figures("农村道路建设19.264公里")
    assert str(figure.value) == "19.264"
    assert str(find_figures("130万")[0].value) == "1300000"


def test_numbers_approximations_are_lower_bounds():
    figures = find_figures("430多户、20余名、投入5000多万元")
    assert [f.value for f in figures] == [Decimal(430), Decimal(20), Decimal(50000000)]
    assert all(f.approximate for f in figures)
    assert figures[0].text == "430多"


def test_numbers_spelled_numerals():
    assert values("九万八千一百五十七名贫困人口") == [Decimal(98157)]
    assert values("二〇一六年") == [Decimal(2016)]
    (figure,) = find_figures("三十多万人")
    assert figure.value == Decimal(300000) and figure.spelled and figure.approximate


def test_numbers_spelled_percentage():
    (figure,) = find_figures("覆盖率达百分之九十八")
    assert figure.value == Decimal(98) and figure.percent


def test_numbers_thousands_separator():
    assert values("惠及2,000人") == [Decimal(2000)]


def test_numbers_parse_spelled_rejects_non_numerals():
    assert parse_spelled("两") == Decimal(2)
    assert parse_spelled("千企") is None


def test_numbers_range_upper_bound_follows_a_unit_and_connector():
    text = "价格6元—8元"
    first, second = find_figures(text)
    assert is_range_upper_bound(text, second, first)
    assert not is_range_upper_bound(text, first, None)


def test_numbers_raising_a_value_is_no_range():
    text = "补助由300元提高到600元"
    first, second = find_figures(text)
    assert not is_range_upper_bound(text, second, first)


def test_numbers_plain_normalises():
    assert str(plain(Decimal("7.350"))) == "7.35"
    assert str(plain(Decimal("2.0E+3"))) == "2000"
