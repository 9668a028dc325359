"""The lexicon: concepts of the ontology's schemes and their labels as matchers."""

from decimal import Decimal
from itertools import pairwise

import pytest
from rdflib import Graph

from kgbuild.lexicon import SCHEMES, FirstCharacterRows, Lexicon, WordIndex, ontology_graph


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.default()


def test_lexicon_default_is_built_once():
    assert Lexicon.default() is Lexicon.default()


def test_lexicon_longest_label_beats_the_label_it_contains(lexicon):
    matches = lexicon.find("group", "为建档立卡残疾人家庭发放鹅苗")
    assert [(m.text, m.concept) for m in matches] == [("建档立卡残疾人家庭", "disabled")]
    assert (matches[0].start, matches[0].end) == (1, 10)


def test_lexicon_matches_are_non_overlapping_and_in_text_order(lexicon):
    text = "低保户、五保户和贫困残疾人"
    matches = lexicon.find("group", text)
    assert [m.concept for m in matches] == ["dibao", "wubao", "disabled"]
    assert all(text[m.start : m.end] == m.text for m in matches)
    assert all(a.end <= b.start for a, b in pairwise(matches))


def test_lexicon_longest_first_wins_over_leftmost():
    lexicon = Lexicon(
        Graph().parse(
            data="""
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix fpg: <https://w3id.org/fupin/group/> .
            fpg:short a skos:Concept ; skos:inScheme fpg: ; skos:prefLabel "贫困"@zh .
            fpg:long a skos:Concept ; skos:inScheme fpg: ; skos:prefLabel "困难群众"@zh .
            """,
            format="turtle",
        )
    )
    # 贫困 starts first, but the longer 困难群众 overlaps it and is taken first
    assert [(m.text, m.concept) for m in lexicon.find("group", "贫困难群众")] == [("困难群众", "long")]


def test_lexicon_body_kind_suffixes_and_abbreviations(lexicon):
    text = "廊坊市教育局、区人社局、安次区残联和市扶贫领导小组"
    assert [m.concept for m in lexicon.find("body-kind", text)] == [
        "education",
        "human-resources",
        "disabled-federation",
        "leading-group",
    ]


def test_lexicon_sector_phrases(lexicon):
    found = {m.concept for m in lexicon.find("sector", "大力开展健康脱贫、光伏扶贫和东西部扶贫协作")}
    assert found == {"health", "photovoltaic", "pairing"}


def test_lexicon_scaled_unit_matches_its_base_unit_with_multiplier(lexicon):
    [match] = lexicon.find("unit", "万元")
    assert match.concept == "yuan"
    assert match.multiplier == Decimal(10000)
    assert lexicon.unit_multiplier("万元") == Decimal(10000)
    assert lexicon.unit_multiplier("万千瓦") == Decimal(10000)
    assert lexicon.find("unit", "万千瓦")[0].concept == "kilowatt"


def test_lexicon_plain_unit_has_multiplier_one(lexicon):
    assert lexicon.unit_multiplier("元") == 1
    assert [(m.concept, m.multiplier) for m in lexicon.find("unit", "人次")] == [("person-time", 1)]


def test_lexicon_unknown_unit_label_raises(lexicon):
    with pytest.raises(KeyError):
        lexicon.unit_multiplier("斤斤")


def test_lexicon_concepts_are_sorted_and_carry_labels(lexicon):
    groups = lexicon.concepts("group")
    assert [c.id for c in groups] == sorted(c.id for c in groups)
    disabled = lexicon.concept("group", "disabled")
    assert disabled.iri == "https://w3id.org/fupin/group/disabled"
    assert disabled.broader == ("poor-population",)
    assert disabled.labels[0] == disabled.pref_zh
    assert {"残疾人", "残疾人家庭", "持证残疾人"} <= set(disabled.labels)
    assert disabled.pref_en == "disabled people and their households"


def test_lexicon_scaled_units_are_not_concepts(lexicon):
    assert "yuan-x10000" not in {c.id for c in lexicon.concepts("unit")}


def test_lexicon_every_label_names_one_concept_within_its_scheme():
    graph = ontology_graph()
    lexicon = Lexicon(graph)
    for scheme in SCHEMES:
        owners: dict[str, list[str]] = {}
        for concept in lexicon.concepts(scheme):
            for label in concept.labels:
                owners.setdefault(label, []).append(concept.id)
        assert {label: ids for label, ids in owners.items() if len(ids) > 1} == {}, scheme


def test_lexicon_unknown_scheme_and_concept_raise(lexicon):
    with pytest.raises(KeyError):
        lexicon.concepts("colour")
    with pytest.raises(KeyError):
        lexicon.concept("group", "martians")


def test_lexicon_labels_map_words_to_concepts(lexicon):
    labels = lexicon.labels("unit")
    assert labels["户"] == "household"
    assert labels["亿元"] == "yuan"


def test_lexicon_from_a_custom_graph():
    graph = Graph().parse(
        data="""
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix fps: <https://w3id.org/fupin/sector/> .
        fps:test a skos:Concept ; skos:inScheme fps: ;
            skos:prefLabel "测试"@zh , "test"@en ; skos:altLabel "试验"@zh , "trial"@en .
        """,
        format="turtle",
    )
    lexicon = Lexicon(graph)
    [concept] = lexicon.concepts("sector")
    assert concept.labels == ("测试", "试验")
    assert [m.concept for m in lexicon.find("sector", "一次试验")] == ["test"]
    assert lexicon.concepts("group") == []


def test_ontology_graph_is_a_fresh_copy():
    first = ontology_graph()
    first.remove((None, None, None))
    assert len(ontology_graph()) > 1000


def test_lexicon_scaled_unit_words_are_not_also_concept_labels(lexicon):
    concept_labels = {label for concept in lexicon.concepts("unit") for label in concept.labels}
    scaled = {label for label in lexicon.labels("unit") if lexicon.unit_multiplier(label) != 1}
    assert {"万元", "亿元", "万千瓦", "万人", "万户"} <= scaled
    assert scaled.isdisjoint(concept_labels)
    assert lexicon.unit_multiplier("亿元") == Decimal(100000000)


def test_lexicon_group_labels_for_low_income_at_risk_children_and_housing(lexicon):
    text = "低收入贫困户、边缘人群、在园幼儿和存量危房"
    assert [m.concept for m in lexicon.find("group", text)] == ["low-income", "at-risk", "children", "unsafe-housing"]


def test_lexicon_longer_body_names_beat_the_kind_word_they_contain(lexicon):
    text = "县扶贫开发领导小组办公室、旗农牧业局、州林业和草原局和上海援藏指挥部"
    assert [m.concept for m in lexicon.find("body-kind", text)] == [
        "poverty-office", "agriculture", "other", "work-team",
    ]


def test_lexicon_sector_lines_of_work_of_later_campaign_years(lexicon):
    text = "发展林下经济、庭院经济，落实生态效益补偿和残疾人护理补贴，实施农房抗震改造"
    assert [m.concept for m in lexicon.find("sector", text)] == [
        "ecological", "industry", "ecological", "disability", "housing",
    ]


def test_word_index_finds_every_occurrence_overlapping_ones_included():
    index = WordIndex(["扶贫", "扶贫办", "贫办", "县"])
    assert index.spans("县扶贫办扶贫") == [(0, 1), (1, 3), (1, 4), (2, 4), (4, 6)]


def test_word_index_ends_at_lists_the_words_starting_there_shortest_first():
    index = WordIndex(["扶贫", "扶贫办", "扶贫办公室"])
    assert index.ends_at("县扶贫办公室", 1) == [3, 4, 6]
    assert index.ends_at("县扶贫办公", 1) == [3, 4]  # the longest word runs past the text
    assert index.ends_at("县扶贫办公", 0) == []


def test_word_index_single_character_words_and_empty_input():
    index = WordIndex(["户", "户籍", ""])
    assert index.spans("农户户籍") == [(1, 2), (2, 3), (2, 4)]
    assert index.spans("") == []
    assert "户籍" in index and "" not in index
    assert WordIndex([]).spans("农户") == []


def test_lexicon_find_returns_a_fresh_list_each_time(lexicon):
    found = lexicon.find("group", "低保户和五保户")
    found.clear()
    assert [m.concept for m in lexicon.find("group", "低保户和五保户")] == ["dibao", "wubao"]


def test_first_character_rows_load_each_row_once_when_a_text_holds_its_character():
    loaded = []
    rows = FirstCharacterRows({"扶": "扶贫 扶持", "贫": "贫困"}, loaded.append)
    rows.cover("帮扶")
    rows.cover("扶贫")
    assert loaded == ["扶贫 扶持", "贫困"]
    rows.cover_all()
    assert loaded == ["扶贫 扶持", "贫困"]
