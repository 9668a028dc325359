"""Minted IRIs follow the contract's identity rules."""

from kgbuild.rdf.mint import body_iri, normalise_name, outcome_iri, program_iri


def test_body_is_one_node_per_place_and_kind():
    assert body_iri("131000", "education", "廊坊市教育局") == body_iri("131000", "education", "市教育局")
    assert body_iri("131000", "education", "廊坊市教育局") != body_iri("131002", "education", "安次区教育局")


def test_other_bodies_are_told_apart_by_name():
    assert body_iri("131000", "other", "市档案馆") != body_iri("131000", "other", "市气象局")


def test_program_identity_ignores_quotes_and_spaces():
    assert normalise_name("“精准帮扶、养鹅脱贫” 工程") == "精准帮扶、养鹅脱贫工程"
    assert program_iri("131002", "“养鹅脱贫”工程") == program_iri("131002", "养鹅脱贫工程")
    assert program_iri("131002", "养鹅脱贫工程") != program_iri("131000", "养鹅脱贫工程")


def test_the_same_figure_for_two_places_in_one_sentence_makes_two_outcomes():
    sentence = "甲县、乙县各有贫困户100户。"
    first = outcome_iri("a1", sentence, "100", "household", "贫困户", "130102")
    second = outcome_iri("a1", sentence, "100", "household", "贫困户", "130104")
    assert first != second
    assert first == outcome_iri("a1", sentence, "100", "household", "贫困户", "130102")
