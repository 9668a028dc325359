"""Properties of the normaliser over generated text."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from kgbuild.ingest import article_from_text
from kgbuild.ingest.characters import to_simplified
from kgbuild.ingest.clean import clean

_UNIFIED = "".join(map(chr, range(0x4E00, 0x9FA6)))
# Characters of the basic CJK block that simplified text uses (conversion leaves them alone).
_CONVERTED = to_simplified("\n".join(_UNIFIED))[0].split("\n")  # one line per character keeps them aligned
SIMPLIFIED_CJK = st.sampled_from(
    [char for char, converted in zip(_UNIFIED, _CONVERTED, strict=True) if char == converted]
)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
CLAUSE = st.text(alphabet=st.one_of(SIMPLIFIED_CJK, st.sampled_from(string.digits)), min_size=4, max_size=30).filter(
    lambda clause: sum(not char.isdigit() for char in clause) >= 3
)


def _plain(texts: list[str]) -> bool:
    """Simplified script, and no repeated bigram: repetition is what marks noise."""
    joined = "\n".join(texts)
    no_repeats = all(joined.count(text[i : i + 2]) == 1 for text in texts for i in range(len(text) - 1))
    return no_repeats and to_simplified(joined)[0] == joined


PLAIN_PARAGRAPHS = st.lists(
    st.lists(CLAUSE, min_size=1, max_size=3).map(lambda clauses: "，".join(clauses) + "。"),
    min_size=1,
    max_size=4,
).filter(_plain)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_normaliser_never_crashes_and_is_idempotent(text):
    once = clean(text).text
    assert clean(once).text == once


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.one_of(CJK, st.sampled_from(string.digits + "，。、；：“”（）,.:;() \n")), max_size=200))
def test_normaliser_is_idempotent_on_chinese_like_text(text):
    once = clean(text).text
    assert clean(once).text == once


@settings(max_examples=50, deadline=None)
@given(PLAIN_PARAGRAPHS)
def test_plain_sentences_of_characters_and_digits_survive(paragraphs):
    article = article_from_text("\n".join(paragraphs))
    assert article.text == "\n".join(paragraphs)
    assert "".join(s.text for s in article.sentences) == "".join(paragraphs)
