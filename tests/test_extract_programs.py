"""Programs: quoted and unquoted names, headers, governed objects, and what is not a program."""

import jieba

from kgbuild.extract import extract
from kgbuild.extract.programs import _is_token_end
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


def test_extract_programs_a_name_inside_anothers_quotes_stays_its_own_program():
    text = "鄄城县委把扶贫车间作为载体。县发改委实施“扶贫车间+”工程，在扶贫车间屋顶建设光伏电站。"
    programs = programs_of(text)
    assert programs["扶贫车间"].bodies == [("371726", "party-committee")]
    assert programs["“扶贫车间+”工程"].bodies == [("371726", "development-reform")]


def test_extract_programs_a_name_outside_anothers_quotes_merges_into_it():
    text = "晴隆县把易地扶贫搬迁作为头号工程，全力推进“十三五”易地扶贫搬迁。"
    assert "易地扶贫搬迁" not in programs_of(text)


def test_extract_programs_an_opportunity_frame_holds_a_line_of_work():
    text = "张家口市抓住东西部扶贫协作和中直、省直对口帮扶有利契机，推动产业合作。"
    assert "东西部扶贫协作" in programs_of(text)


def test_extract_programs_a_body_of_another_province_places_nothing():
    text = "墨玉县脱贫攻坚成效明显。\n在产业援疆方面，北京援疆指挥部引进企业26家，带动贫困家庭劳动力就业。"
    assert programs_of(text)["产业援疆"].place == "653222"


def test_extract_programs_a_supporting_body_does_not_run_the_program():
    text = "大通区贫困户郑某在驻村扶贫工作队帮助下，利用光伏扶贫项目实现脱贫。"
    assert programs_of(text)["光伏扶贫项目"].bodies == []


def test_extract_programs_a_line_of_work_said_as_a_verb_with_its_group():
    text = "鄄城县委组织部选派第一书记126名，驻村帮扶贫困村，协调引进项目。"
    program = programs_of(text)["驻村帮扶贫困村"]
    assert program.bodies == [("371726", "organization-dept")]
    assert program.targets == ["poor-villages"]


def test_extract_programs_places_and_numbers_may_stand_before_the_verbs_group():
    assert "结对帮扶困难村" in programs_of("蓟州区选派驻村干部529名，结对帮扶蓟州区142个困难村。")
    assert not any(name.startswith("结对帮扶") for name in programs_of("蓟州区坚持结对帮扶，增加贫困户收入。"))


def test_extract_programs_a_negated_launch_names_no_program():
    assert programs_of("王某说，过去扶贫没有对“病因”实施“靶向治疗”，效果不理想。") == {}
    assert "“靶向治疗”" in programs_of("蓟州区对“病因”实施“靶向治疗”，效果明显。")


def test_extract_programs_a_name_word_says_whom_the_program_serves():
    programs = programs_of("大通区实施就业脱贫工程，跟踪服务到位。县发改委实施“扶贫车间+”工程，建成车间10个。")
    assert programs["就业脱贫工程"].targets == ["labor-capable"]
    assert programs["“扶贫车间+”工程"].targets == ["poor-population"]


def test_extract_programs_two_kinds_with_one_head_are_one_program():
    programs = programs_of("兰西县民政局落实困难残疾人生活补贴和重度残疾人护理补贴，惠及残疾人1万人次。")
    assert set(programs) == {"困难残疾人生活补贴和重度残疾人护理补贴"}


def test_extract_programs_conjuncts_with_different_heads_stay_apart():
    programs = programs_of("拉孜县人社局为搬迁群众开发生态护林员和公益性岗位860个。")
    assert "公益性岗位" in programs


def test_extract_programs_a_determiner_opens_no_program_name():
    programs = programs_of("墨玉县扶贫办介绍，有关援疆项目的咨询可拨打热线。")
    assert not any(name.endswith("援疆项目") for name in programs)


def test_extract_programs_policies_inside_a_program_sentence_are_its_parts():
    text = "大通区脱贫成效明显。\n实施智力扶贫工程，义务教育阶段学生全面享受“两免一补”政策；"
    assert set(programs_of(text)) == {"智力扶贫工程"}
    text = "大通区脱贫成效明显。大通区民政局实施助学工程，落实“两免一补”政策。"
    assert "“两免一补”政策" in programs_of(text)


def test_extract_programs_a_program_without_a_named_group_serves_the_poor():
    programs = programs_of("大通区实施基础设施建设扶贫工程，清淤河沟35条。\n对贫困残疾人实施助残脱贫行动。")
    assert programs["基础设施建设扶贫工程"].targets == ["poor-population"]
    assert programs["助残脱贫行动"].targets == ["disabled"]


def test_extract_programs_a_leaders_unit_does_not_run_what_he_reports():
    text = "蓟州区委主要负责同志表示，4年来，92个工作组，结对帮扶蓟州区142个困难村。"
    assert programs_of(text)["结对帮扶困难村"].bodies == [("120119", "work-team")]


def test_extract_programs_a_list_of_programs_says_nothing_of_whom_each_serves():
    programs = programs_of("张家口市积极推进“千企帮千村”扶贫行动和“互联网+扶贫”，构建大扶贫格局。")
    assert programs["“互联网+扶贫”"].targets == []


def test_extract_programs_monitoring_against_relapse_is_a_program_for_those_at_risk():
    text = "赫章县乡村振兴局牵头开展防止返贫动态监测和帮扶。对动态监测户每月走访一次。"
    programs = programs_of(text)
    assert programs["防止返贫动态监测"].targets == ["at-risk"]
    assert not any(name.endswith("监测户") for name in programs)


def test_extract_programs_a_quoted_name_closed_by_deng_is_the_program():
    text = "昭觉县脱贫成效明显。对家庭经济困难学生，县教育局落实“三免一补”等资助政策，资助学生3万人次。"
    program = programs_of(text)["“三免一补”"]
    assert program.bodies == [("513431", "education")]
    assert program.targets == ["students"]


def test_extract_programs_an_enumerated_campaign_part_is_named_whole():
    text = "科尔沁右翼前旗实施“五个一批”工程。\n一是发展生产脱贫一批。旗农牧业局扶持贫困户发展肉牛养殖。"
    program = programs_of(text)["发展生产脱贫一批"]
    assert program.bodies == [("152221", "agriculture")]


def test_extract_programs_a_restatement_below_a_heading_is_not_a_second_program():
    text = "科尔沁右翼前旗推进脱贫攻坚。\n四是发展教育脱贫一批。\n旗教育局落实教育资助政策，资助贫困学生6215人次。"
    programs = programs_of(text)
    assert set(programs) == {"发展教育脱贫一批"}
    assert programs["发展教育脱贫一批"].bodies == [("152221", "education")]


def test_extract_programs_a_heading_naming_two_programs_heads_both():
    text = "都安县推进教育扶贫。\n——开展“送教上门”和控辍保学攻坚。\n都安县教育局组建送教团队，为残疾儿童送教上门386人。"
    programs = programs_of(text)
    assert programs["“送教上门”"].bodies == [("451228", "education")]
    assert programs["控辍保学攻坚"].bodies == [("451228", "education")]


def test_extract_programs_a_campaign_head_needs_a_line_of_work():
    assert programs_of("都安县坚决打赢脱贫攻坚，决战脱贫攻坚。") == {}


def test_extract_programs_a_loan_a_body_arranges_is_a_program():
    text = "光山县妇联还积极协调妇女小额担保贷款，为188名创业妇女发放贷款。"
    assert programs_of(text)["妇女小额担保贷款"].bodies == [("411522", "women-federation")]


def test_extract_programs_token_ends_are_those_of_the_whole_sentence():
    """Segmenting only the stretch around a position answers as segmenting the whole sentence would."""
    for text in ("全县大力实施健康扶贫工程，着力推进农村住房安全保障工作。", "2020年开展“雨露计划”培训3期，ok-1.5"):
        ends, position = set(), 0
        for token in jieba.lcut(text):
            position += len(token)
            ends.add(position)
        assert {p for p in range(len(text) + 1) if _is_token_end(text, p)} == ends
