"""Character-level cleaning: pinyin glosses, script, widths, punctuation."""

from kgbuild.ingest.characters import normalise_characters, remove_pinyin, to_simplified


def test_pinyin_gloss_after_a_character_is_removed():
    text, removals = remove_pinyin("日前，經(jīng)過市級審核驗(yàn)收，圓滿完成任務(wù)。")
    assert text == "日前，經過市級審核驗收，圓滿完成任務。"
    assert [removal.text for removal in removals] == ["(jīng)", "(yàn)", "(wù)"]
    assert all(removal.kind == "pinyin" for removal in removals)


def test_pinyin_gloss_in_full_width_brackets_is_removed():
    assert remove_pinyin("經\uff08jīng\uff09過")[0] == "經過"


def test_orphan_gloss_of_a_lost_character_is_removed():
    text, removals = remove_pinyin("解決因?qū)W致貧。")
    assert text == "解決因?W致貧。"
    assert [removal.text for removal in removals] == ["qū)"]


def test_real_brackets_survive_pinyin_removal():
    text = "提高孕产妇住院分娩补助(由300元提高到600元),检查结果(C)和(a)项。"
    assert remove_pinyin(text) == (text, [])


def test_traditional_text_is_converted_and_recorded():
    text, script = to_simplified("張家口市747個貧困村脫貧出列,98157名貧困人口脫貧。")
    assert text == "张家口市747个贫困村脱贫出列,98157名贫困人口脱贫。"
    assert script == "traditional"


def test_simplified_text_is_left_alone():
    text = "张家口市747个贫困村脱贫出列,98157名贫困人口脱贫。"
    assert to_simplified(text) == (text, "simplified")


def test_a_traditional_paragraph_in_simplified_text_is_mixed():
    simplified = "张家口市747个贫困村脱贫出列，98157名贫困人口脱贫，全市贫困发生率降至百分之一以下。" * 3
    text, script = to_simplified(simplified + "\n" + "張家口市貧困村脫貧出列。")
    assert script == "mixed"
    assert "贫困村脱贫出列。" in text.splitlines()[1]


def test_full_width_digits_and_letters_become_half_width():
    text, _ = normalise_characters("全县ＧＤＰ增长１２．５％，贫困户２０７１户。")
    assert text == "全县GDP增长12.5%，贫困户2071户。"


def test_ascii_punctuation_next_to_chinese_becomes_full_width():
    text, _ = normalise_characters("廊坊:全面小康路上不让一人掉队,技术人员(左)上门指导;行吗?好!")
    assert text == "廊坊\uff1a全面小康路上不让一人掉队\uff0c技术人员\uff08左\uff09上门指导\uff1b行吗\uff1f好\uff01"


def test_ascii_punctuation_between_digits_and_latin_stays():
    text, _ = normalise_characters("时间 21:15，收入12,600元，Enorth Co.,Ltd (www.example.cn)")
    assert "21:15" in text and "12,600" in text and "Co.,Ltd (www.example.cn)" in text


def test_doubled_and_mixed_punctuation_collapses_to_one_mark():
    text, removals = normalise_characters("在帮扶下,,他调整种植结构,,2016年实现脱贫,。今年出列313户,、445人。。")
    assert text == "在帮扶下\uff0c他调整种植结构\uff0c2016年实现脱贫。今年出列313户、445人。"
    assert {removal.kind for removal in removals} == {"punctuation"}


def test_stray_spaces_inside_numbers_are_removed():
    text, _ = normalise_characters("全市贫困人口2 071户，比例7. 35%，时间2017-09-03 07:38:37")
    assert "2071户" in text and "7.35%" in text and "2017-09-03 07:38:37" in text
