"""Vietnamese typed in the legacy 8-bit font encodings, TCVN3 (ABC) and VNI, converted to Unicode NFC.

Before Unicode, Vietnamese offices typed with the ABC keyboard into ".VnTime" fonts (TCVN3, the 8-bit
table of TCVN 5712:1993) or with VNI into "VNI-Times" fonts. The file stores bytes that Windows reads as
code page 1252, so a spreadsheet cell holds "Hä vµ tªn" (TCVN3) or "Hoï vaø teân" (VNI) where the font showed
"Họ và tên". Tables:

- TCVN3: one byte per letter. Every lower-case letter has its own byte; of the capitals only Ă Â Ê Ô Ơ Ư Đ
  and some toned capitals do; the others are typed as the lower-case byte in a capitals-only font
  (".VnTimeH"): :func:`decode_tcvn3` upper-cases the text of such fonts (``capitals=True``). The byte table
  is the 0x80–0xFF half of TCVN 5712 (VN1), which TCVN3 follows (bytes B0–B4 are combining tones).
- VNI: a base letter followed by one "mark" byte ("e" + "ä" = "ệ"), or a single byte for Ơ, Ư, Đ, Ỉ, Ĩ, Ị, Ỵ.

Bytes arrive as the characters cp1252 gives them (or the C1 control characters for the five bytes cp1252
leaves undefined). Any character outside that range (ă, ơ, ư, ạ…, combining marks) cannot come from a legacy
font, so text holding one is Unicode and is never converted. :func:`text_score` counts well-formed Vietnamese
syllables: converting must make a text better, which real Unicode Vietnamese and French or English never get.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["TCVN3", "VNI", "decode", "decode_tcvn3", "decode_vni", "encode_tcvn3", "encode_vni",
           "font_encoding", "is_candidate", "text_score", "vietnamese_letters"]

TCVN3, VNI = "tcvn3", "vni"

# Unicode of the bytes 0x80–0xFF in TCVN3 (the upper half of TCVN 5712 VN1), 16 a line.
_TCVN3_HIGH = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 80
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 90
    "\xa0ĂÂÊÔƠƯĐăâêôơưđẰ"  # A0
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # B0
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # C0
    "éẹềểễếệìỉỄẾỒĩíịò"  # D0
    "Ổỏõóọồổỗốộờởỡớợù"  # E0
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # F0
)


def _byte_char(value: int) -> str:
    """The character Windows gives a byte of code page 1252 (C1 controls for its five undefined bytes)."""
    try:
        return bytes([value]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(value)


_LEGACY_RANGE = frozenset(_byte_char(b) for b in range(0x80, 0x100))
_TCVN3_DECODE = {_byte_char(0x80 + i): u for i, u in enumerate(_TCVN3_HIGH) if i != 0x20}
_TCVN3_ENCODE = {u: _byte_char(0x80 + i) for i, u in enumerate(_TCVN3_HIGH) if unicodedata.combining(u) == 0
                 and i != 0x20}

# VNI: the mark byte after a base vowel (lower-case form; an upper-case letter takes the upper-case mark).
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")  # none, sắc, huyền, hỏi, ngã, nặng
_VNI_TONE_MARKS = ("", "ù", "ø", "û", "õ", "ï")
_VNI_SHAPES = {  # base letter → (ASCII base, marks for each tone or None where a single byte is used)
    "a": ("a", _VNI_TONE_MARKS), "â": ("a", ("â", "á", "à", "å", "ã", "ä")),
    "ă": ("a", ("ê", "é", "è", "ú", "ü", "ë")), "e": ("e", _VNI_TONE_MARKS),
    "ê": ("e", ("â", "á", "à", "å", "ã", "ä")), "o": ("o", _VNI_TONE_MARKS),
    "ô": ("o", ("â", "á", "à", "å", "ã", "ä")), "ơ": ("ô", _VNI_TONE_MARKS), "u": ("u", _VNI_TONE_MARKS),
    "ư": ("ö", _VNI_TONE_MARKS), "y": ("y", ("", "ù", "ø", "û", "õ", None)),
    "i": ("i", ("", None, None, None, None, None)),
}
_VNI_SINGLE = {"ơ": "ô", "ư": "ö", "đ": "ñ", "í": "í", "ì": "ì", "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ỵ": "î"}


def _compose(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONES[tone])


def _vni_tables() -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, str]]:
    """(letter → VNI text, (base char, lower-case mark) → letter, single VNI char → letter), both cases."""
    encode: dict[str, str] = {}
    pairs: dict[tuple[str, str], str] = {}
    for letter, (base, marks) in _VNI_SHAPES.items():
        for tone, mark in enumerate(marks):
            composed = _compose(letter, tone)
            if mark is None:
                continue
            if mark:
                pairs[(base, mark)] = composed
                pairs[(base.upper(), mark)] = composed.upper()
            encode[composed] = base + mark
            encode[composed.upper()] = base.upper() + mark.upper()
    singles: dict[str, str] = {}
    for letter, char in _VNI_SINGLE.items():
        encode[letter], encode[letter.upper()] = char, char.upper()
        singles[char], singles[char.upper()] = letter, letter.upper()
    return encode, pairs, singles


_VNI_ENCODE, _VNI_PAIRS, _VNI_SINGLES = _vni_tables()


def vietnamese_letters() -> list[str]:
    """The 134 precomposed Vietnamese letters: every vowel with each tone and shape, and đ, both cases."""
    bases = ("a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y")
    lower = [_compose(b, t) for b in bases for t in range(6) if (b, t) not in {(c, 0) for c in "aeiouy"}]
    lower.append("đ")
    return lower + [c.upper() for c in lower]


# --------------------------------------------------------------------------- decoding and encoding


def is_candidate(text: str) -> bool:
    """True when ``text`` could be legacy-font text: some character of the legacy range and none beyond it."""
    legacy = False
    for char in text:
        if char > "\x7f":
            if char not in _LEGACY_RANGE:
                return False
            legacy = True
    return legacy


def decode_tcvn3(text: str, *, capitals: bool = False) -> str:
    """TCVN3 text (as cp1252 characters) in Unicode NFC; ``capitals`` for ".VnTimeH"-style fonts."""
    decoded = unicodedata.normalize("NFC", "".join(_TCVN3_DECODE.get(c, c) for c in text))
    return decoded.upper() if capitals else decoded


def decode_vni(text: str) -> str:
    """VNI text (as cp1252 characters) in Unicode NFC."""
    out: list[str] = []
    i, size = 0, len(text)
    while i < size:
        char = text[i]
        if i + 1 < size:
            letter = _VNI_PAIRS.get((char, text[i + 1].lower()))
            if letter is not None:
                out.append(letter)
                i += 2
                continue
        out.append(_VNI_SINGLES.get(char, char))
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def decode(text: str, encoding: str, *, capitals: bool = False) -> str:
    return decode_vni(text) if encoding == VNI else decode_tcvn3(text, capitals=capitals)


def encode_tcvn3(text: str) -> str:
    """Unicode text as a TCVN3 font shows it (cp1252 characters). A capital with no byte of its own is
    written as its lower-case byte, as a ".VnTimeH" font would show it: encode capitals-only text that way."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        code = _TCVN3_ENCODE.get(char)
        if code is None and char != char.lower():
            code = _TCVN3_ENCODE.get(char.lower())
        if code is None and char > "\x7f":
            raise ValueError(f"{char!r} has no TCVN3 byte")
        out.append(code or char)
    return "".join(out)


def encode_vni(text: str) -> str:
    """Unicode text as a VNI font shows it (cp1252 characters)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        code = _VNI_ENCODE.get(char)
        if code is None and char > "\x7f":
            raise ValueError(f"{char!r} has no VNI form")
        out.append(code or char)
    return "".join(out)


# --------------------------------------------------------------------------- fonts


def font_encoding(name: str | None) -> tuple[str, bool] | None:
    """(encoding, capitals-only) for a legacy font name: ".VnTime" → TCVN3, ".VnTimeH" → TCVN3 capitals,
    "VNI-Times" → VNI; None for any other font."""
    if not name:
        return None
    key = name.strip().casefold()
    if key.startswith(".vn"):
        return TCVN3, len(key) > 4 and key.endswith("h")
    if key.startswith(("vni-", "vni ", "vni_")):
        return VNI, False
    return None


# --------------------------------------------------------------------------- well-formed syllables

_NUCLEI_TEXT = ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ "
                "uy ưa ưi ưu ươ yê iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu")
_NUCLEI = _NUCLEI_TEXT.split(" ")
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvxfjwz])?"
    f"({'|'.join(sorted(_NUCLEI, key=len, reverse=True))})"
    r"(ch|ng|nh|[cmnpt])?")
_TONE_MARKS = frozenset(_TONES[1:])
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable ("Nguyễn", "người", "QUYẾT"), at most one tone."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_SYLLABLE.fullmatch(bare))


def text_score(text: str) -> int:
    """Well-formed syllables minus other words, counting only words with a non-ASCII character."""
    score = 0
    for word in _WORD.findall(text):
        if any(c > "\x7f" for c in word):
            score += 1 if is_syllable(word) else -1
    return score
