"""Sentences with offsets, quotes and brackets kept whole, headers as paragraphs."""

from kgbuild.ingest import article_from_text
from kgbuild.ingest.sentences import split_header, split_sentences


def test_sentences_have_offsets_into_the_text_and_paragraph_numbers():
    text = "全县脱贫1200人。贫困发生率降至0.5%！\n下一步怎么办？继续巩固；确保不返贫"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "全县脱贫1200人。",
        "贫困发生率降至0.5%！",
        "下一步怎么办？",
        "继续巩固；",
        "确保不返贫",
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1, 1]
    assert [s.index for s in sentences] == [0, 1, 2, 3, 4]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_closing_quote_stays_with_its_sentence_and_quotes_are_not_split():
    text = "“回想过去，是扶贫干部帮助了我。我永远不会忘记。”近日，他对笔者说。"
    assert [s.text for s in split_sentences(text)] == [
        "“回想过去，是扶贫干部帮助了我。我永远不会忘记。”",
        "近日，他对笔者说。",
    ]


def test_no_split_inside_brackets():
    text = "实行“三免一降六提高”（由300元提高到600元。含补助）。全面完成。"
    assert [s.text for s in split_sentences(text)] == [
        "实行“三免一降六提高”（由300元提高到600元。含补助）。",
        "全面完成。",
    ]


def test_unbalanced_quote_does_not_swallow_the_paragraph():
    text = "他说：“要巩固成果。全县脱贫1200人。贫困发生率降至0.5%。"
    assert len(split_sentences(text)) == 3


def test_dash_header_is_its_own_paragraph():
    assert split_header("——大力开展健康脱贫行动。没有全民健康，就没有全面小康。") == [
        "——大力开展健康脱贫行动。",
        "没有全民健康，就没有全面小康。",
    ]
    article = article_from_text("——大力开展健康脱贫行动。没有全民健康，就没有全面小康。今年落实三重保障。")
    assert [s.paragraph for s in article.sentences] == [0, 1, 1]


def test_long_first_sentence_is_not_a_header():
    paragraph = "——在脱贫攻坚的战场上，全市广大干部群众以艰苦奋斗、自强不息的精神书写了答卷。此后继续努力。"
    assert split_header(paragraph) == [paragraph]
