"""resolve_places beyond single mentions: articles without sentences or places, determinism, reasons,
the home area, and resolve_name for names the article does not contain."""

from __future__ import annotations

from test_gazetteer_cases import article_of

from kgbuild.gazetteer import Gazetteer, resolve_places
from kgbuild.gazetteer.resolve import find_names
from kgbuild.gazetteer.rules import ResolutionRules, is_blocked
from kgbuild.model import Article


def test_gazetteer_resolve_article_without_sentences_reads_its_text():
    article = Article(id="bare", source="bare.txt", text="廊坊市安次区召开扶贫会议。")
    resolution = resolve_places(article)
    assert [m.code for m in resolution.mentions] == ["131000", "131002"]
    assert resolution.home == "131002"


def test_gazetteer_resolve_article_without_places_has_no_home():
    resolution = resolve_places(article_of("坚持精准扶贫精准脱贫基本方略。全市上下齐心协力。"))
    assert resolution.mentions == []
    assert resolution.home is None
    assert resolution.resolve_name("市", 1) is None


def test_gazetteer_resolve_is_deterministic():
    text = "秦皇岛市海港区扎实推进脱贫攻坚。 / 区扶贫办组织石门寨镇和驻操营镇开展培训。全区贫困户全部脱贫。"
    first, second = resolve_places(article_of(text)), resolve_places(article_of(text))
    assert first.mentions == second.mentions
    assert first.home == second.home == "130302"


def test_gazetteer_resolve_home_prefers_the_most_specific_area_of_the_title():
    article = article_of("定西市安定区：产业扶贫结硕果 / 定西市安定区发展马铃薯产业。定西市加大支持。")
    article.title = article.sentences[0].text
    assert resolve_places(article).home == "621102"


def test_gazetteer_resolve_reasons_say_why():
    resolution = resolve_places(article_of("天津市蓟县下营镇发展乡村旅游。全县游客大增。"))
    reasons = {m.name: m.reason for m in resolution.mentions}
    assert reasons["蓟县"].startswith("former name of 蓟州区")
    assert "within 蓟县" in reasons["下营镇"]
    assert reasons["全县"].startswith("deixis 全县")


def test_gazetteer_resolve_name_of_unknown_or_ambiguous_words_is_none():
    resolution = resolve_places(article_of("廊坊市召开扶贫会议。"))
    assert resolution.resolve_name("不存在县", 0) is None
    assert resolution.resolve_name("城关镇", 0) is None
    assert resolution.resolve_name("调河头乡", 0) == "131002104"


def test_gazetteer_find_names_takes_the_longest_name():
    found = find_names("廊坊市大厂回族自治县", Gazetteer.default(), ResolutionRules.default())
    assert [(start, text) for start, text, _ in found] == [(0, "廊坊市"), (3, "大厂回族自治县")]


def test_gazetteer_blocked_words_cut_across_or_cover_a_name_but_may_lie_inside_one():
    spans = [(2, 5)]  # e.g. 合作社 at 2..5
    assert is_blocked(2, 4, spans)  # 合作 inside 合作社
    assert is_blocked(4, 6, spans)  # crosses its end
    assert is_blocked(2, 5, spans)  # the same span
    assert not is_blocked(1, 7, spans)  # a longer name containing it
    assert not is_blocked(5, 7, spans)  # after it
