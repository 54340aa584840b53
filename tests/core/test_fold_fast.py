"""The table-driven, cached :func:`fold` gives exactly what the per-character generator gave."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from emulation_desk.core.text import fold


def reference_fold(s: str) -> str:
    """The implementation before the translate table (kept here as the oracle)."""
    decomposed = unicodedata.normalize("NFD", s)
    bare = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return " ".join(bare.casefold().replace("đ", "d").split())


BASES = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền, sắc, ngã, hỏi, nặng
VIETNAMESE_LETTERS = sorted({unicodedata.normalize("NFC", b + t) for b in BASES for t in TONES}
                            | set("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX"))


def test_every_vietnamese_letter_in_both_forms() -> None:
    assert len(VIETNAMESE_LETTERS) == 24 * 6 + 34
    for letter in VIETNAMESE_LETTERS:
        for form in ("NFC", "NFD"):
            text = unicodedata.normalize(form, letter)
            assert fold(text) == reference_fold(text), (letter, form)
    assert fold("Trần Văn Đức") == "tran van duc" == fold(unicodedata.normalize("NFD", "Trần  Văn\tĐức"))


def test_whole_precomposed_block_and_latin() -> None:
    for code in [*range(0x20, 0x250), *range(0x1E00, 0x1F00), 0x00A0, 0x2003, 0x3000, 0xFB01, 0x0130]:
        text = f"x{chr(code)}y {chr(code)}"
        assert fold(text) == reference_fold(text), hex(code)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_any_text(text: str) -> None:
    assert fold(text) == reference_fold(text)
