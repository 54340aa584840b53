"""TCVN3 and VNI against every Vietnamese letter, both ways; real Unicode and other languages never taken
for legacy text."""

from __future__ import annotations

import unicodedata

import pytest

from emulation_desk.core import legacy_vn
from emulation_desk.exchange.legacy import normalise_grid
from emulation_desk.exchange.reader import SheetGrid

LETTERS = legacy_vn.vietnamese_letters()


def test_there_are_134_letters_all_precomposed() -> None:
    assert len(LETTERS) == len(set(LETTERS)) == 134
    assert all(len(c) == 1 and unicodedata.is_normalized("NFC", c) for c in LETTERS)
    assert {"đ", "Đ", "ữ", "Ữ", "ặ", "Ặ", "ỵ", "Ỵ"} <= set(LETTERS)


@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_round_trips_in_vni(letter: str) -> None:
    encoded = legacy_vn.encode_vni(letter)
    assert legacy_vn.is_candidate(encoded) and encoded.encode("cp1252")  # what a VNI font file holds
    assert legacy_vn.decode_vni(encoded) == letter
    assert legacy_vn.decode_vni(f"x{encoded}x") == f"x{letter}x"


@pytest.mark.parametrize("letter", LETTERS)
def test_every_letter_round_trips_in_tcvn3(letter: str) -> None:
    encoded = legacy_vn.encode_tcvn3(letter)
    assert len(encoded) == 1 and legacy_vn.is_candidate(encoded)
    if legacy_vn.decode_tcvn3(encoded) != letter:  # a capital without its own byte: the ".VnTimeH" font
        assert letter.isupper() and legacy_vn.encode_tcvn3(letter.lower()) == encoded
        assert legacy_vn.decode_tcvn3(encoded, capitals=True) == letter
    assert legacy_vn.decode_tcvn3(legacy_vn.encode_tcvn3(letter.lower())) == letter.lower()


def test_known_tcvn3_and_vni_texts() -> None:
    assert legacy_vn.decode_tcvn3("Hä vµ tªn") == "Họ và tên"
    assert legacy_vn.decode_tcvn3("danh s¸ch ®Ò nghÞ", capitals=True) == "DANH SÁCH ĐỀ NGHỊ"
    assert legacy_vn.decode_vni("Hoï vaø teân") == "Họ và tên"
    assert legacy_vn.decode_vni("Nguyeãn Thò Ñaøo Nhö YÙ") == "Nguyễn Thị Đào Như Ý"
    assert legacy_vn.encode_vni("Trường Tiểu học") == "Tröôøng Tieåu hoïc"
    assert legacy_vn.encode_tcvn3("Trường Tiểu học") == "Tr­êng TiÓu häc"


def test_fonts_are_recognised() -> None:
    assert legacy_vn.font_encoding(".VnTime") == (legacy_vn.TCVN3, False)
    assert legacy_vn.font_encoding(".VnTimeH") == (legacy_vn.TCVN3, True)
    assert legacy_vn.font_encoding(".VnArial NarrowH") == (legacy_vn.TCVN3, True)
    assert legacy_vn.font_encoding("VNI-Times") == (legacy_vn.VNI, False)
    assert legacy_vn.font_encoding("Times New Roman") is None
    assert legacy_vn.font_encoding(None) is None


UNICODE_TEXTS = [
    "Nguyễn Văn An", "Họ và tên", "Lê Tâm", "Hoàng Thị Lê", "Chiến sĩ thi đua cơ sở", "Trưởng phòng", "Đà Nẵng",
    "Hà Nội", "Tô Hoài", "Phó Trưởng phòng, Phòng Giáo dục và Đào tạo", "ông Lê Thế Tài",
    "élève café à Paris", "Crème brûlée, façade, naïve, Noël", "Größe über Straße", "The quick brown fox",
    "Señor Muñoz", "São Tomé", "Ångström", "100 % — “quoted” – dash…", "Tổ Văn phòng", "Mê Linh", "Lý Thái Tổ",
]


@pytest.mark.parametrize("text", UNICODE_TEXTS)
def test_real_unicode_and_other_languages_are_left_alone(text: str) -> None:
    grid = SheetGrid(title="Danh sách", rows=[(text,), (text,), (text + " nữa",)])
    assert normalise_grid(grid) == []
    assert grid.rows[0] == (text,)


def test_a_column_of_real_latin1_vietnamese_is_left_alone() -> None:
    """Names that use only Latin-1 letters (à, â, ê, ô…) are valid text in both readings: nothing changes."""
    names = ["Lê Tâm", "Tô Hoài", "Hà Mê", "Võ Hồng"[:2] + " Thành", "Đàm Thị Lê", "Hoàng Ánh"]
    grid = SheetGrid(title="Danh sách", rows=[(n,) for n in names])
    assert normalise_grid(grid) == []
    assert [r[0] for r in grid.rows] == names


def test_a_column_typed_in_tcvn3_is_converted_without_a_font() -> None:
    names = ["Hä vµ tªn", "NguyÔn V¨n An", "TrÇn ThÞ Hoa", "§µo TiÕn §Þnh", "Lª T©m"]
    grid = SheetGrid(title="Danh sách", rows=[(1, n) for n in names])
    (conversion,) = normalise_grid(grid)
    assert [r[1] for r in grid.rows] == ["Họ và tên", "Nguyễn Văn An", "Trần Thị Hoa", "Đào Tiến Định", "Lê Tâm"]
    assert (conversion.column, conversion.encoding, conversion.by_font, conversion.cells) == ("B", "tcvn3", False, 5)
    assert "«Hä vµ tªn» → «Họ và tên»" in conversion.line()


def test_a_legacy_font_on_unicode_text_changes_nothing() -> None:
    """A clerk re-styled a Unicode column with .VnTime: the text has letters no legacy font can hold."""
    grid = SheetGrid(title="Danh sách", rows=[("Nguyễn Văn An",), ("Lê Tâm",), ("Trần Thị Hoa",)],
                     fonts={(1, 1): (legacy_vn.TCVN3, False), (2, 1): (legacy_vn.TCVN3, False),
                            (3, 1): (legacy_vn.TCVN3, False)})
    assert normalise_grid(grid) == []
    assert [r[0] for r in grid.rows] == ["Nguyễn Văn An", "Lê Tâm", "Trần Thị Hoa"]


def test_capitals_only_font_upper_cases_plain_text_too() -> None:
    grid = SheetGrid(title="S", rows=[("danh s¸ch",), ("ubnd xa",)],
                     fonts={(1, 1): (legacy_vn.TCVN3, True), (2, 1): (legacy_vn.TCVN3, True)})
    (conversion,) = normalise_grid(grid)
    assert [r[0] for r in grid.rows] == ["DANH SÁCH", "UBND XA"] and conversion.capitals


def test_decomposed_text_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    grid = SheetGrid(title="S", rows=[(nfd, 1980)])
    assert normalise_grid(grid) == []
    assert grid.rows[0] == ("Nguyễn Thị Hường", 1980)
