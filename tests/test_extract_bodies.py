"""Government bodies: kind words, their places in context, merging, and what is not a body."""

from kgbuild.extract import extract
from kgbuild.ingest import article_from_text


def bodies_of(text: str) -> dict[tuple[str, str], str]:
    article = extract(article_from_text(text))
    return {(body.kind, body.place): body.name for body in article.facts.bodies}


def test_extract_bodies_bare_district_word_belongs_to_the_articles_county():
    bodies = bodies_of("海港区扎实推进脱贫攻坚。近日，区人社局举办就业扶贫招聘会。")
    assert bodies == {("human-resources", "130302"): "海港区人社局"}


def test_extract_bodies_city_committee_in_a_city_article():
    bodies = bodies_of("廊坊市全力推进精准扶贫。市委、市政府多次召开专题会议。")
    assert bodies[("party-committee", "131000")] == "廊坊市委"
    assert bodies[("government", "131000")] == "廊坊市政府"


def test_extract_bodies_merge_per_place_and_kind_keeping_the_fullest_name():
    bodies = bodies_of("廊坊市教育局梳理教育扶贫政策。市教育局还对贫困学生落实资助。")
    assert bodies == {("education", "131000"): "廊坊市教育局"}


def test_extract_bodies_part_of_a_body_takes_its_place():
    bodies = bodies_of("蓟州区开展帮扶。区委组织部和区农业农村局扶贫办督导组深入各村。")
    assert ("organization-dept", "120119") in bodies
    assert bodies[("party-committee", "120119")] == "蓟州区委"
    assert ("work-team", "120119") in bodies


def test_extract_bodies_officials_title_evidences_the_body():
    assert ("party-committee", "130302") in bodies_of("海港区召开会议。区委书记主持召开常委会会议。")


def test_extract_bodies_work_team_without_place_belongs_to_the_article_area():
    bodies = bodies_of("大通区孔店乡贫困户在驻村扶贫工作队帮助下调整种植结构。")
    assert ("work-team", "340402") in bodies


def test_extract_bodies_generic_phrases_are_not_bodies():
    assert bodies_of("廊坊市各级扶贫办和相关部门强力推进、狠抓落实。") == {}


def test_extract_bodies_relayed_directives_name_no_body():
    bodies = bodies_of("海港区召开会议。我区认真贯彻落实党中央和省、市委各项决策部署。")
    assert ("party-committee", "130300") not in bodies


def test_extract_bodies_a_company_is_not_a_body():
    assert bodies_of("香河县扶贫开发服务中心有限公司吸纳贫困户就业。") == {}


def test_extract_bodies_a_count_of_hospitals_is_not_a_body():
    assert bodies_of("廊坊市先诊疗后付费定点医院199家。") == {}


def test_extract_bodies_a_kind_word_that_merely_starts_with_a_level_character():
    bodies = bodies_of("赫章县委、县政府成立工作专班，由县乡村振兴局牵头开展监测。")
    assert bodies[("poverty-office", "520527")] == "赫章县乡村振兴局"


def test_extract_bodies_of_no_listed_kind_stay_apart():
    article = extract(article_from_text("通榆县统计局和通榆县林业局联合开展调查。"))
    assert sorted(b.name for b in article.facts.bodies if b.kind == "other") == ["通榆县林业局", "通榆县统计局"]



def test_extract_bodies_a_bare_level_word_takes_the_area_named_before_it():
    bodies = bodies_of("建始县推行防贫保险。在景阳镇，镇党委组建防贫监测专班。高坪镇贫困户获得救助。")
    assert bodies[("party-committee", "422822103")] == "景阳镇党委"


def test_extract_bodies_a_school_word_inside_a_pupil_word_is_no_body():
    bodies = bodies_of("平阳县教育局今年为全县高中学生发放助学金。")
    assert bodies == {("education", "330326"): "平阳县教育局"}


def test_extract_bodies_a_verb_that_is_also_a_county_name_is_no_place():
    bodies = bodies_of("望谟县民政局会同县财政局开展低保核查。")
    assert set(bodies) == {("civil-affairs", "522326"), ("finance", "522326")}
