"""Encodings are detected without being told."""

import codecs

import pytest

from kgbuild.ingest.decode import UndecodableInput, decode_bytes

SIMPLIFIED = "全县共有建档立卡贫困户2304户、6113人，已实现稳定脱贫，贫困发生率降至0.5%。"
TRADITIONAL = "全縣共有建檔立卡貧困戶2304戶、6113人，已實現穩定脫貧，貧困發生率降至0.5%。"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
        (SIMPLIFIED.encode("gbk"), SIMPLIFIED),
        (SIMPLIFIED.encode("gb18030"), SIMPLIFIED),
        (TRADITIONAL.encode("big5"), TRADITIONAL),
        (SIMPLIFIED.encode("utf-16"), SIMPLIFIED),
        (codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED),
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "big5", "utf16-le-bom", "utf16-be-bom"],
)
def test_decode_finds_the_encoding(raw, expected):
    text, _ = decode_bytes(raw)
    assert text == expected


def test_decode_rejects_bytes_that_are_no_chinese_text():
    with pytest.raises(UndecodableInput):
        decode_bytes(bytes(range(0x80, 0x100)) * 4)
