"""Award forms and kinds as units write them ("LĐTT", "Danh hiệu “Lao động tiên tiến”", "Chiến sỹ thi đua
cơ sở", "Giấy khen") matched to the catalog's codes, folded and strictly: an unknown or ambiguous name is a
:class:`CellIssue` naming the choices, never a guess."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from emulation_desk.core.catalog import SUBJECT_LABELS, AwardForm, Catalog
from emulation_desk.core.text import fold
from emulation_desk.exchange.values import CellIssue

_VARIANTS = {"sy": "si", "ky": "ki", "ly": "li", "my": "mi", "hy": "hi", "ty": "ti"}
_PUNCT = re.compile(r"[“”\"'‘’«»()\[\].,;:/\\\-–—]+")
_LEADING = re.compile(r"^(de nghi |cong nhan |tang |tang thuong |truy tang |danh hieu |hinh thuc )+")
_ALIASES: dict[str, str] = {
    "cstd co so": "CSTDCS", "chien si thi dua cap co so": "CSTDCS", "tap the ldtt": "TTLDTT",
    "tap the ldxs": "TTLDXS", "cstd tinh": "CSTD_TINH", "cstd cap tinh": "CSTD_TINH",
    "bang khen ubnd tinh": "BK_TINH", "bang khen cua ubnd tinh": "BK_TINH", "bang khen tinh": "BK_TINH",
    "bang khen cua tinh": "BK_TINH", "bang khen chu tich ubnd tinh": "BK_TINH",
    "bang khen cua uy ban nhan dan tinh": "BK_TINH", "bang khen thu tuong": "BK_TTG",
    "bang khen cua thu tuong": "BK_TTG", "bang khen ttg": "BK_TTG", "bang khen thu tuong chinh phu": "BK_TTG",
    "co thi dua tinh": "CO_TD_TINH", "co thi dua cua tinh": "CO_TD_TINH", "co thi dua ubnd tinh": "CO_TD_TINH",
    "co thi dua chinh phu": "CO_TD_CP", "bang khen bo": "BK_BO", "co thi dua bo": "CO_TD_BO",
}
_KIND_ALIASES: dict[str, str] = {
    "cong trang": "cong_trang", "theo cong trang": "cong_trang", "cong trang va thanh tich": "cong_trang",
    "thanh tich": "cong_trang", "thuong xuyen": "cong_trang", "hang nam": "cong_trang",
    "theo chuyen de": "chuyen_de", "chuyen de": "chuyen_de", "dot xuat": "dot_xuat", "dien hinh": "dien_hinh",
    "dien hinh tien tien": "dien_hinh", "khen dien hinh tien tien": "dien_hinh", "cong hien": "cong_hien",
    "qua trinh cong hien": "cong_hien", "nien han": "nien_han", "doi ngoai": "doi_ngoai",
    "khang chien": "khang_chien",
}
PREFERRED_BY_LEVEL = {"huyen": {"giay khen": "GK_CT_HUYEN"}, "xa": {"giay khen": "GK_CT_XA"}}


def form_key(text: str) -> str:
    """Folded, unpunctuated form name with the i/y spelling variants unified ("sỹ" = "sĩ")."""
    words = _PUNCT.sub(" ", fold(text)).split()
    return " ".join(_VARIANTS.get(w, w) for w in words)


def _initials(name: str) -> str:
    words = form_key(name).split()
    return "".join(w[0] for w in words) if len(words) >= 3 else ""


def valid_in_year(form: AwardForm, year: int) -> bool:
    return (form.valid_from is None or form.valid_from <= date(year, 12, 31)) and \
        (form.valid_to is None or form.valid_to >= date(year, 1, 1))


class FormResolver:
    """Matches written form names to catalog codes for one organisation level."""

    def __init__(self, catalog: Catalog, org_level: str | None = None) -> None:
        self.catalog = catalog
        self.preferred = PREFERRED_BY_LEVEL.get(org_level or "", {})
        self.index: dict[str, list[str]] = {}
        initials: dict[str, set[str]] = {}
        for form in catalog.forms:
            for key in {form_key(form.name), form_key(form.short_name), form_key(form.code.replace("_", " ")),
                        fold(form.code)}:
                self._add(key, form.code)
            if code := _initials(form.name):
                initials.setdefault(code, set()).add(form.code)
        for key, codes in initials.items():
            if len(codes) == 1 and key not in self.index:
                self._add(key, next(iter(codes)))
        for key, code in _ALIASES.items():
            if code in {f.code for f in catalog.forms}:
                self._add(key, code)
        self.kinds: dict[str, str] = {}
        for kind in catalog.kinds:
            self.kinds[form_key(kind.name)] = kind.code
            self.kinds[form_key(kind.code.replace("_", " "))] = kind.code
        for key, code in _KIND_ALIASES.items():
            if any(k.code == code for k in catalog.kinds):
                self.kinds.setdefault(key, code)
        self._searchable = sorted((k for k in self.index if len(k) >= 8), key=len, reverse=True)
        self._memo: dict[tuple[str, str, str | None, int | None], str | CellIssue | None] = {}

    def _remember(self, key: tuple[str, str, str | None, int | None], compute: Any) -> Any:
        """Lists repeat the same few names thousands of times: resolve each once (errors included)."""
        if key not in self._memo:
            try:
                self._memo[key] = compute()
            except CellIssue as issue:
                self._memo[key] = issue
        found = self._memo[key]
        if isinstance(found, CellIssue):
            raise CellIssue(found.reason)
        return found

    def _add(self, key: str, code: str) -> None:
        if key:
            codes = self.index.setdefault(key, [])
            if code not in codes:
                codes.append(code)

    def _candidates(self, key: str) -> tuple[str, list[str]]:
        if key in self.index:
            return key, list(self.index[key])
        stripped = _LEADING.sub("", key)
        if stripped in self.index:
            return stripped, list(self.index[stripped])
        for known in self._searchable:  # "giay khen cua chu tich ubnd thanh pho" starts with "giay khen"
            if stripped.startswith(known + " "):
                return known, list(self.index[known])
        return stripped, []

    def resolve(self, text: str, *, subject: str | None = None, year: int | None = None) -> str | None:
        """The form code written in ``text`` (None when empty); CellIssue when unknown or ambiguous."""
        return self._remember(("form", text, subject, year), lambda: self._resolve(text, subject, year))  # type: ignore[no-any-return]

    def _resolve(self, text: str, subject: str | None, year: int | None) -> str | None:
        key = form_key(text)
        if not key:
            return None
        matched, codes = self._candidates(key)
        if not codes:
            raise CellIssue(f"Không nhận ra hình thức khen thưởng «{text}». Hãy ghi đúng tên trong danh mục, "
                            "ví dụ: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Giấy khen, Bằng khen của Chủ tịch "
                            "UBND tỉnh.")
        return self._choose(text, matched, codes, subject, year)

    def _choose(self, text: str, matched: str, codes: list[str], subject: str | None, year: int | None) -> str:
        forms = [self.catalog.form(c) for c in codes]
        if year is not None:
            valid = [f for f in forms if valid_in_year(f, year)]
            if not valid:
                raise CellIssue(f"Hình thức «{forms[0].name}» không còn áp dụng trong năm {year}.")
            forms = valid
        if subject is not None:
            suitable = [f for f in forms if subject in f.subjects]
            if not suitable:
                raise CellIssue(f"Hình thức «{forms[0].name}» không dùng cho "
                                f"{SUBJECT_LABELS.get(subject, subject)}.")
            forms = suitable
        if len(forms) == 1:
            return forms[0].code
        preferred = self.preferred.get(matched)
        if preferred in {f.code for f in forms}:
            return str(preferred)
        names = "; ".join(f.name for f in forms)
        raise CellIssue(f"Hình thức «{text}» chưa rõ, có thể là: {names}. Hãy ghi đầy đủ tên hình thức.")

    def find_in(self, text: str, *, year: int | None = None) -> str | None:
        """A form named inside a longer text (a title or a section row), or None."""
        return self._remember(("find", text, None, year), lambda: self._find_in(text, year))  # type: ignore[no-any-return]

    def _find_in(self, text: str, year: int | None) -> str | None:
        key = f" {form_key(text)} "
        for known in self._searchable:
            if f" {known} " in key:
                try:
                    return self._choose(text, known, list(self.index[known]), None, year)
                except CellIssue:
                    return None
        return None

    def kind(self, text: str) -> str | None:
        """The award kind code written in ``text`` (None when empty); CellIssue when unknown."""
        return self._remember(("kind", text, None, None), lambda: self._kind(text))  # type: ignore[no-any-return]

    def _kind(self, text: str) -> str | None:
        key = _LEADING.sub("", form_key(text))
        key = re.sub(r"^khen thuong ", "", key)
        if not key:
            return None
        if key in self.kinds:
            return self.kinds[key]
        names = ", ".join(k.name for k in self.catalog.kinds)
        raise CellIssue(f"Không nhận ra loại khen thưởng «{text}». Hãy ghi một trong: {names}.")
