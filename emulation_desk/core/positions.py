"""The management flag a position proposes ("cá nhân lãnh đạo, quản lý từ cấp phòng trở lên"): a dictionary
of position words, kept as data the clerk may correct (setting ``positions.manager_dictionary``).

Each entry is a phrase and the flag it proposes; the phrase is matched on whole words of the folded position
("Phó Trưởng phòng Nội vụ" holds "pho truong phong"), and the longest phrase found wins, so "Tổ trưởng" (not
a manager at the level of a phòng) can say no where "trưởng" alone would not be listed. A position no phrase
matches proposes nothing: the clerk decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from emulation_desk.core.text import clean_text, fold

DEFAULT_DICTIONARY: tuple[tuple[str, bool], ...] = (
    ("Trưởng phòng", True), ("Phó Trưởng phòng", True), ("Chủ tịch", True), ("Phó Chủ tịch", True),
    ("Giám đốc", True), ("Phó Giám đốc", True), ("Hiệu trưởng", True), ("Phó Hiệu trưởng", True),
    ("Bí thư", True), ("Phó Bí thư", True), ("Chánh Văn phòng", True), ("Phó Chánh Văn phòng", True),
    ("Trưởng ban", True), ("Phó Trưởng ban", True), ("Chánh Thanh tra", True), ("Phó Chánh Thanh tra", True),
    ("Trưởng Công an", True), ("Chỉ huy trưởng", True), ("Trưởng trạm", True), ("Thủ trưởng", True),
    ("Tổ trưởng", False), ("Tổ phó", False), ("Trưởng thôn", False), ("Trưởng khu dân cư", False),
    ("Trưởng ban công tác mặt trận", False), ("Chi hội trưởng", False),
)


@dataclass(frozen=True)
class Proposal:
    """The flag a position proposes and the dictionary phrase it rests on ("" and None: nothing matched)."""

    is_manager: bool | None
    phrase: str = ""

    def describe(self) -> str:
        if self.is_manager is None:
            return "Chức vụ không có trong danh mục chức vụ lãnh đạo, quản lý: hãy tự chọn."
        what = "lãnh đạo, quản lý" if self.is_manager else "không phải lãnh đạo, quản lý cấp phòng trở lên"
        return f"Theo danh mục chức vụ («{self.phrase}»): {what}."


@lru_cache(maxsize=4096)  # an import asks for the same few positions and phrases thousands of times
def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", fold(text))) + " "


def propose_manager(position: str, dictionary: Iterable[tuple[str, bool]] = DEFAULT_DICTIONARY) -> Proposal:
    """The flag ``position`` proposes by the dictionary (longest phrase found wins)."""
    words = _words(position)
    best: tuple[int, str, bool] | None = None
    for phrase, flag in dictionary:
        key = _words(phrase)
        if key.strip() and key in words and (best is None or len(key) > best[0]):
            best = (len(key), phrase, flag)
    return Proposal(None) if best is None else Proposal(best[2], best[1])


def clean_dictionary(entries: Sequence[Sequence[object]]) -> list[tuple[str, bool]]:
    """Entries typed by the clerk: each a phrase and a flag; blank phrases dropped, repeated phrases refused
    (ValueError in Vietnamese)."""
    seen: dict[str, str] = {}
    out: list[tuple[str, bool]] = []
    for entry in entries:
        if len(entry) != 2 or not isinstance(entry[1], bool):
            raise ValueError("Mỗi dòng của danh mục chức vụ gồm chức vụ và có/không là lãnh đạo, quản lý.")
        phrase = clean_text(str(entry[0]))
        if not phrase:
            continue
        if len(phrase) > 100:
            raise ValueError(f"Chức vụ «{phrase[:40]}…» dài quá 100 ký tự.")
        key = _words(phrase)
        if key in seen:
            raise ValueError(f"Chức vụ «{phrase}» ghi hai lần trong danh mục (đã có «{seen[key]}»).")
        seen[key] = phrase
        out.append((phrase, entry[1]))
    return out
