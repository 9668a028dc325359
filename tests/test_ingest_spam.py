"""Spam lines and injected spam tokens."""

from collections import Counter
from pathlib import Path

import jieba

from kgbuild.ingest import article_from_text
from kgbuild.ingest.spam import bigram_counts, find_spam_tokens, two_character_words

BODY = (
    "今年以来，全县累计帮助2.69万人实现稳定就业，发放小额信贷3.5亿元。\n"
    "县扶贫办组织技术人员深入贫困村开展培训，覆盖农户1.28万户。\n"
    "全县脱贫攻坚取得决定性进展，贫困发生率降至0.47%，群众满意度达到98.6%。\n"
    "各乡镇持续巩固脱贫成果，完善防返贫监测机制，确保脱贫群众稳定增收。"
)


def _inject(text: str, token: str, positions: list[tuple[str, str]]) -> str:
    """Insert ``token`` between each (left, right) pair of neighbouring strings given."""
    for left, right in positions:
        text = text.replace(left + right, left + token + right, 1)
    return text


def test_a_token_recurring_inside_numbers_and_words_is_removed():
    spoiled = _inject(
        BODY, "包養", [("2.6", "9万"), ("3.", "5亿"), ("1.2", "8万"), ("脱", "贫攻坚"), ("98", ".6%"), ("巩", "固")]
    )
    article = article_from_text(spoiled)
    assert "包养" not in article.text and "包養" not in article.text
    assert "2.69万人" in article.text and "3.5亿元" in article.text and "98.6%" in article.text
    assert [removal.text for removal in article.removed if removal.kind == "spam-token"] == ["包养"]


def test_words_of_the_article_are_not_spam_tokens_however_often_they_repeat():
    text = "建档立卡贫困户实现“两不愁三保障”。" * 4 + "贫困户脱贫，贫困村出列，贫困县摘帽。" * 3
    assert find_spam_tokens(text) == []


def test_a_spam_header_line_above_the_article_is_removed():
    article = article_from_text("申博体育在线_bob博彩公司-投注*官网\n" + BODY)
    assert "博彩" not in article.text
    assert [removal.kind for removal in article.removed][:1] == ["spam-line"]
    assert article.text.startswith("今年以来")


def test_a_line_of_the_article_that_uses_spam_vocabulary_stays():
    line = "县扶贫办在官网公布脱贫攻坚进展，贫困户可查询小额信贷发放情况。"
    article = article_from_text(BODY + "\n" + line)
    assert line in article.text


def test_connectors_that_only_sit_between_numbers_are_not_spam_tokens():
    text = "全县在3月至5月、6月至8月、9月至11月开展培训,1号楼2号楼3号楼4号楼已建成。"
    assert find_spam_tokens(text) == []


def test_bigram_counts_pair_only_adjacent_chinese_characters():
    assert bigram_counts("扶贫a扶贫，扶贫办") == Counter({"扶贫": 3, "贫办": 1})


def test_two_character_words_are_those_of_jiebas_dictionary():
    """If this fails, jieba changed: run scripts/build_jieba_data.py."""
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as dictionary:
        words = {word for line in dictionary if len(word := line.split(" ", 1)[0]) == 2}
    assert two_character_words() == words
    assert "扶贫" in words and "贫扶" not in words
