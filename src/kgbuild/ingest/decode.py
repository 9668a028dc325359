"""Bytes to text without being told the encoding.

BOM sniff → strict UTF-8 → charset-normalizer restricted to the encodings
Chinese pages come in (GB18030 covers GBK and GB2312; Big5; UTF-16), each
result checked for being mostly CJK text rather than mojibake.
"""

from __future__ import annotations

import codecs

import charset_normalizer

CANDIDATES = ("gb18030", "big5", "utf_16")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MIN_CJK_SHARE = 0.6  # of the non-ASCII characters of a plausible decoding


class UndecodableInput(ValueError):
    """The bytes are not text in any encoding we accept."""


def is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FA1F
    )


def _is_cjk_or_punctuation(char: str) -> bool:
    code = ord(char)
    return is_cjk(char) or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x206F


def looks_like_chinese(text: str) -> bool:
    """Whether the non-ASCII characters of ``text`` are mostly CJK (a sanity check of a decoding)."""
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if not non_ascii:
        return True
    return sum(map(_is_cjk_or_punctuation, non_ascii)) / len(non_ascii) >= _MIN_CJK_SHARE


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """The text of ``raw`` and the name of the encoding it was in."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise UndecodableInput(f"invalid {encoding} after its byte-order mark") from error
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(raw, cp_isolation=list(CANDIDATES)).best()
    if best is not None and looks_like_chinese(str(best)):
        return str(best), best.encoding
    for encoding in CANDIDATES:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if looks_like_chinese(text):
            return text, encoding
    raise UndecodableInput("not UTF-8, GB18030/GBK, Big5 or UTF-16 text")
