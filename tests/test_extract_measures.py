"""Measures: the action phrases a program's text lists."""

from kgbuild.extract import extract
from kgbuild.extract.measures import measure_phrases
from kgbuild.ingest import article_from_text
from kgbuild.lexicon import Lexicon


def phrases(text: str) -> list[str]:
    return measure_phrases(text, Lexicon.default())


def test_extract_measures_one_stop_service_list_is_split_into_actions():
    text = "为农村贫困群众提供雏鹅繁育、防疫、养殖技术培训和成鹅收购“一条龙”服务。"
    assert phrases(text) == ["雏鹅繁育", "防疫", "养殖技术培训", "成鹅收购"]


def test_extract_measures_single_action_keeps_its_verb():
    assert phrases("在产业帮扶中，免费发放种苗。") == ["免费发放种苗"]


def test_extract_measures_a_named_list_stays_one_measure():
    assert phrases("落实基本医疗保险、大病保险和医疗救助“三重保障线”。") == [
        "基本医疗保险、大病保险和医疗救助“三重保障线”"
    ]


def test_extract_measures_documents_and_relayed_directives_are_not_measures():
    assert phrases("出台《关于做好扶贫工作的实施方案》。我区认真贯彻落实党中央各项决策部署。") == []


def test_extract_measures_attach_to_the_program_with_their_sector():
    text = "安次区残联针对贫困残疾人实施“精准帮扶、养鹅脱贫”工程，为贫困群众提供养殖技术培训服务。"
    program = extract(article_from_text(text)).facts.programs[0]
    assert [(m.name, m.sectors) for m in program.measures] == [("提供养殖技术培训", ("capacity",))]


def test_extract_measures_a_bodys_name_holds_no_cue_verb():
    assert phrases("区委组织部副部长王某介绍帮扶情况。") == []


def test_extract_measures_leave_out_other_programs_and_places():
    text = "海港区人社局先后组织石门寨镇和驻操营镇，举办“点对点”就业扶贫防贫岗位推介活动，提供就业岗位。"
    program = extract(article_from_text(text)).facts.programs[0]
    assert [m.name for m in program.measures] == ["提供就业岗位"]
