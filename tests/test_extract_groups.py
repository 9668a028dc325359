"""Beneficiary groups: labels mapped to concepts, only those some initiative serves."""

from kgbuild.extract import extract
from kgbuild.extract.groups import find_group_spans
from kgbuild.ingest import article_from_text
from kgbuild.lexicon import Lexicon


def test_extract_groups_synonyms_map_to_one_concept():
    article = article_from_text("廊坊市共有建档立卡残疾人家庭1078户。针对贫困残疾人家庭实际开展帮扶。")
    concepts = {span.concept for span in find_group_spans(article, Lexicon.default())}
    assert concepts == {"disabled"}


def test_extract_groups_lists_only_groups_an_initiative_serves():
    text = "香河县贫困群众生活改善。廊坊市残联针对贫困残疾人启动“十项帮扶行动”。"
    groups = extract(article_from_text(text)).facts.groups
    assert [group.concept for group in groups] == ["disabled"]


def test_extract_groups_a_broader_group_gives_way_to_a_narrower_one():
    text = "安次区残联针对辖区农村贫困残疾人实施“精准帮扶、养鹅脱贫”工程，为农村贫困群众提供服务。"
    program = extract(article_from_text(text)).facts.programs[0]
    assert program.targets == ["disabled"]


def test_extract_groups_next_sentence_gives_the_group_when_the_programs_sentence_has_none():
    text = "海港区民政局举办“温暖到家”帮扶活动。主要针对建档立卡贫困户发放物资。"
    program = extract(article_from_text(text)).facts.programs[0]
    assert program.targets == ["registered-poor"]


def test_extract_groups_a_labels_leading_qualifier_names_a_group_too():
    article = article_from_text("某县扶贫车间吸纳就业300人，其中建档立卡贫困劳动力120人。")
    concepts = {span.concept for span in find_group_spans(article, Lexicon.default())}
    assert concepts == {"labor-capable", "registered-poor"}


def test_extract_groups_only_the_next_sentence_lends_its_groups():
    text = "香河县人社局举办“春风行动”就业扶贫招聘活动。现场签约300人。县人社局负责人说，今后将帮助残疾人就业。"
    program = extract(article_from_text(text)).facts.programs[0]
    assert "disabled" not in program.targets


def test_extract_groups_a_group_hired_or_sent_to_is_served():
    text = "贡山县全县共选聘建档立卡贫困人口生态护林员800名。另有低保户300户。"
    groups = extract(article_from_text(text)).facts.groups
    assert [group.concept for group in groups] == ["registered-poor"]
