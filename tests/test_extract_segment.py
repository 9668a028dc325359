"""segment: jieba's segmentation with its prefix dictionary read a first character at a time."""

from __future__ import annotations

import jieba
import pytest

from kgbuild.extract.segment import read_prefix_dictionary, segment
from kgbuild.ingest import read_articles
from kgbuild.model import Article


@pytest.fixture(scope="module")
def jieba_tokenizer() -> jieba.Tokenizer:
    """jieba's own tokenizer, its whole dictionary loaded as jieba does it."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def test_prefix_file_holds_exactly_jiebas_prefix_dictionary(jieba_tokenizer):
    """If this fails, jieba changed: run scripts/build_jieba_data.py."""
    dictionary = read_prefix_dictionary()
    dictionary.cover("".join({word[0] for word in jieba_tokenizer.FREQ}))
    assert dictionary.total == jieba_tokenizer.total
    assert dictionary.frequencies == jieba_tokenizer.FREQ


def test_prefix_dictionary_reads_only_the_characters_a_text_holds():
    dictionary = read_prefix_dictionary()
    dictionary.cover("扶贫扶")
    assert {word[0] for word in dictionary.frequencies} == {"扶", "贫"}
    assert dictionary.frequencies["扶贫"] > 0
    dictionary.cover("贫困")
    assert {word[0] for word in dictionary.frequencies} == {"扶", "贫", "困"}


def test_segment_splits_as_jieba_does_on_the_sample_and_dev_articles(samples_dir, jieba_tokenizer):
    articles = list(read_articles([samples_dir, samples_dir.parent / "dev" / "articles"]))
    texts = [article.text for article in articles if isinstance(article, Article)]
    assert len(texts) > 5
    for text in texts:
        for line in text.splitlines():
            assert segment(line) == jieba_tokenizer.lcut(line)


def test_segment_gives_words_numbers_and_punctuation_in_order():
    assert segment("全县实施健康扶贫工程，投入2.6万元。") == [
        "全县", "实施", "健康", "扶贫", "工程", "，", "投入", "2.6", "万元", "。",
    ]
    assert "".join(segment("ok-1.5 光伏扶贫")) == "ok-1.5 光伏扶贫"
