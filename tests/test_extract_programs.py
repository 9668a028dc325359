"""Programs: quoted and unquoted names, headers, governed objects, and what is not a program."""

from kgbuild.extract import extract
from kgbuild.ingest import article_from_text


def programs_of(text: str):
    return {program.name: program for program in extract(article_from_text(text)).facts.programs}


def test_extract_programs_quoted_name_with_head_noun_and_its_body_and_group():
    programs = programs_of("安次区残联针对辖区农村贫困残疾人实施“精准帮扶、养鹅脱贫”工程。")
    program = programs["“精准帮扶、养鹅脱贫”工程"]
    assert program.place == "131002"
    assert program.bodies == [("131002", "disabled-federation")]
    assert program.targets == ["disabled"]


def test_extract_programs_unquoted_name_is_cut_at_the_verb():
    assert "农村住房安全保障工作" in programs_of("海港区住建部门着力推进农村住房安全保障工作。")


def test_extract_programs_header_program_takes_the_paragraphs_body_and_group():
    text = (
        "廊坊市扎实推进脱贫攻坚。\n"
        "——大力开展教育脱贫行动。\n"
        "为了不让一个孩子因贫辍学，廊坊市教育局对贫困学生严格落实资助政策。"
    )
    program = programs_of(text)["教育脱贫行动"]
    assert program.place == "131000"
    assert program.bodies == [("131000", "education")]
    assert program.targets == ["students"]


def test_extract_programs_sector_header_names_a_line_of_work():
    programs = programs_of("张家口市全力推进脱贫攻坚。\n狠抓健康扶贫，解决因病致贫。认真落实医疗救助政策。")
    assert programs["健康扶贫"].targets == ["ill"]


def test_extract_programs_enumerated_paragraph_headers():
    text = "通江县残联多措并举。\n一是抓康复救助。为贫困残疾人适配轮椅。\n二是抓技能培训。培训贫困残疾人1230人次。"
    assert {"康复救助", "技能培训"} <= set(programs_of(text))


def test_extract_programs_objects_of_launch_verbs_split_at_conjunctions():
    programs = programs_of("张家口市积极推进“千企帮千村”扶贫行动和“互联网+扶贫”。")
    assert {"“千企帮千村”扶贫行动", "“互联网+扶贫”"} <= set(programs)


def test_extract_programs_generic_heads_and_documents_are_not_programs():
    programs = programs_of("海港区将脱贫攻坚工作作为重大政治任务，出台《海港区产业扶贫项目实施方案》。")
    assert programs == {}


def test_extract_programs_a_quoted_figure_of_speech_is_not_a_program():
    assert "“头号工程”" not in programs_of("晴隆县委把易地扶贫搬迁作为脱贫攻坚的“头号工程”。")


def test_extract_programs_restatement_under_a_header_is_not_a_second_program():
    text = "廊坊市推进脱贫攻坚。\n——大力开展金融脱贫行动。\n今年，“四个到位”推进全市金融扶贫工作深入开展。"
    assert set(programs_of(text)) == {"金融脱贫行动"}


def test_extract_programs_shorter_name_merges_into_fuller_one():
    text = "大通区利用光伏扶贫项目增收。大通区加大光伏项目实施力度。"
    assert set(programs_of(text)) == {"光伏扶贫项目"}


def test_extract_programs_a_frame_holds_a_line_of_work():
    assert "技能培训" in programs_of("延川县人社局加大帮扶力度。在技能培训方面，县人社局开办培训班。")


def test_extract_programs_a_governed_quoted_phrase_is_a_program():
    assert "“路长制”" in programs_of("城口县交通运输局在公路管护上推行“路长制”。")


def test_extract_programs_implementers_leave_out_directive_sources_and_speakers():
    text = (
        "区委组织部副部长王某介绍，按照中央和市委的要求，蓟州区委今年部署开展了低收入户“帮扶攻坚行动”。"
    )
    assert programs_of(text)["“帮扶攻坚行动”"].bodies == [("120119", "party-committee")]


def test_extract_programs_a_sub_unit_not_its_parent_runs_the_program():
    text = "大厂回族自治县职教中心扶贫工作小组深入开展“创业帮扶”，帮助贫困户开网店。"
    assert programs_of(text)["“创业帮扶”"].bodies == [("131028", "work-team")]


def test_extract_programs_each_clause_keeps_its_own_implementer():
    text = "化隆县委、县政府把“拉面经济”作为主导产业，县人社局开展拉面技能培训。"
    programs = programs_of(text)
    assert programs["拉面技能培训"].bodies == [("630224", "human-resources")]


def test_extract_programs_a_quoted_phrase_after_a_place_in_a_headline():
    text = "昭觉县“一村一幼”让彝乡娃娃赢在起点\n近年来，昭觉县教育局实施“学前学会普通话”行动。"
    assert {"“一村一幼”", "“学前学会普通话”行动"} <= set(programs_of(text))


def test_extract_programs_the_subject_carries_over_a_clause_naming_another_program():
    text = "玉龙县林草局把生态扶贫作为增收渠道，实施“生态护林员”项目，让贫困群众增收。"
    programs = programs_of(text)
    assert programs["“生态护林员”项目"].bodies == [("530721", "other")]


def test_extract_programs_a_later_body_keeps_its_clause_to_itself():
    text = "湄潭县人社局开展电商技能培训，县扶贫办联合银行推出“产业贷”。"
    programs = programs_of(text)
    assert programs["电商技能培训"].bodies == [("520328", "human-resources")]


def test_extract_programs_a_subjectless_sentence_takes_the_earlier_subject():
    text = "长汀县医保局扎实推进健康扶贫。针对大病患者，开展“结算到家”行动，办理800人次。"
    programs = programs_of(text)
    assert programs["“结算到家”行动"].bodies == [("350821", "medical-security")]


def test_extract_programs_a_line_of_work_in_the_name_targets_its_group():
    text = "镇雄县委、县政府把易地扶贫搬迁作为头号工程，全力推进“十三五”易地扶贫搬迁。"
    assert "relocated" in programs_of(text)["“十三五”易地扶贫搬迁"].targets


def test_extract_programs_a_quoted_line_of_work_that_is_built_up():
    text = "大名县扶贫办精心打造“五个一”，兜住脱贫底线。"
    assert "“五个一”" in programs_of(text)


def test_extract_programs_a_governed_policy_in_a_line_of_work():
    text = "此外，沐川县还落实森林生态效益补偿政策，今年发放补偿资金300万元。"
    assert "森林生态效益补偿政策" in programs_of(text)


def test_extract_programs_a_purpose_clause_heads_no_paragraph():
    text = "为管好农村供水工程，海原县推行“智慧水务”模式，实行刷卡用水。"
    assert "“智慧水务”模式" in programs_of(text)


def test_extract_programs_a_governed_quoted_phrase_with_a_short_tail():
    programs = programs_of("疏附县人社局组织开展“菜单式”培训，推行“保底+分红”的方式，培训1200人次。")
    assert "“菜单式”培训" in programs
    assert not any(name.startswith("“保底+分红”") for name in programs)


def test_extract_programs_jobs_a_body_creates_are_a_program():
    text = "对有劳动能力的监测对象，纳雍县人社局开发乡村公益性岗位1200个。"
    assert programs_of(text)["乡村公益性岗位"].bodies == [("520525", "human-resources")]


def test_extract_programs_a_quoted_initiative_relied_on():
    text = "商城县妇联依托“妈妈工坊”，在各乡镇建成扶贫车间12个。"
    assert programs_of(text)["“妈妈工坊”"].bodies == [("411524", "women-federation")]
