"""The award catalog: legal regimes, base salaries, award kinds, the statistical table's rows, award forms
and bonus coefficients — typed, loaded from ``resources/catalog/catalog.toml`` and looked up by date.

Pure Python (stdlib only). The storage layer mirrors these dataclasses as database columns; the shipped
TOML file is the default that the clerk may correct in the database.

Dates are decision dates: a decision belongs to the enabled regime whose ``[valid_from, valid_to]``
(both inclusive) contains its date, and uses the base salary in force on that date.
"""

import re
import tomllib
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cached_property
from itertools import pairwise
from pathlib import Path
from typing import Any

from emulation_desk.resources import resource_path

SUBJECTS = ("ca_nhan", "tap_the", "ho_gia_dinh")  # cá nhân, tập thể, hộ gia đình
SUBJECT_LABELS = {"ca_nhan": "cá nhân", "tap_the": "tập thể", "ho_gia_dinh": "hộ gia đình"}
CATEGORIES = ("danh_hieu", "hinh_thuc")
LEVELS = ("nha_nuoc", "bo_tinh", "co_so")
TABLE_PARTS = ("cong_trang", "chuyen_de")
COVERAGE_START = date(2017, 10, 1)  # decisions from this date on must resolve to a regime
LEGAL_BASIS_PLACEHOLDERS = ("quy_che_tinh",)  # filled by the document code from the settings
# Regimes that set no bonus of their own and pay those of another: the Law amended in 2026 (Luật 06/2026/QH16)
# leaves Decree 152/2025 fixing the bonuses. A coefficient written for the regime itself still comes first.
COEFFICIENTS_OF = {"LUAT_2026": "ND152_2025"}


class CatalogError(ValueError):
    """The catalog file cannot be read or has a wrong value; the message is Vietnamese and names the place."""


# --------------------------------------------------------------------------------------------------------
# Model
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Regime:
    """A legal regime period, keyed by decision date."""

    code: str
    name: str
    valid_from: date
    valid_to: date | None  # inclusive; None = open
    enabled: bool  # False = known but not applied by lookups
    unconfirmed: bool
    legal_bases: tuple[str, ...]  # "Căn cứ …;" lines of a Chairman's award decision, in order
    source: str
    notes: str

    def contains(self, d: date) -> bool:
        return self.valid_from <= d and (self.valid_to is None or d <= self.valid_to)


@dataclass(frozen=True)
class BaseSalary:
    """Mức lương cơ sở from a date on."""

    valid_from: date
    amount: int
    instrument: str
    unconfirmed: bool
    source: str


@dataclass(frozen=True)
class AwardKind:
    """Kind (method) of an award or nomination: công trạng, chuyên đề, đột xuất…"""

    code: str
    name: str
    table_part: str  # "cong_trang" (columns 6–9) or "chuyen_de" (columns 10–13)
    feeds_chains: bool  # False: never counts towards multi-year chains (ND 98 Art 4(3))
    sort_order: int


@dataclass(frozen=True)
class StatGroup:
    """Row group of "Biểu tổng hợp kết quả khen thưởng"."""

    code: str
    title: str
    sort_order: int


@dataclass(frozen=True)
class StatRow:
    """An official row of the table (always printed, even when empty)."""

    key: str  # "I.1"
    group: str  # "I"
    no: int  # 1
    label: str
    note_kinds: bool  # column 14 lists the kinds/classes awarded


@dataclass(frozen=True)
class AwardForm:
    """A danh hiệu thi đua or hình thức khen thưởng."""

    code: str
    name: str
    short_name: str
    note_label: str
    category: str  # "danh_hieu" | "hinh_thuc"
    level: str  # "nha_nuoc" | "bo_tinh" | "co_so"
    authority: str
    subjects: tuple[str, ...]
    stat_group: str
    stat_row: str | None
    extra_row_label: str  # label of the extra row of its group when stat_row is None
    family: str
    rank: int
    valid_from: date | None
    valid_to: date | None
    unconfirmed: bool
    source: str
    sort_order: int

    def valid_on(self, d: date) -> bool:
        """Whether the form can be granted by a decision of date ``d``."""
        return (self.valid_from is None or self.valid_from <= d) and (self.valid_to is None or d <= self.valid_to)


@dataclass(frozen=True)
class Coefficient:
    """Bonus coefficient (× base salary) for one form, regime and subject."""

    form: str
    regime: str
    subject: str
    value: Decimal
    unconfirmed: bool
    source: str


@dataclass(frozen=True)
class Catalog:
    version: int
    regimes: tuple[Regime, ...]
    base_salaries: tuple[BaseSalary, ...]
    kinds: tuple[AwardKind, ...]
    groups: tuple[StatGroup, ...]
    rows: tuple[StatRow, ...]
    forms: tuple[AwardForm, ...]
    coefficients: tuple[Coefficient, ...]

    # -- indexes (built once per instance; cached_property writes to __dict__, which a frozen dataclass allows)

    @cached_property
    def _forms_by_code(self) -> dict[str, AwardForm]:
        return {f.code: f for f in self.forms}

    @cached_property
    def _kinds_by_code(self) -> dict[str, AwardKind]:
        return {k.code: k for k in self.kinds}

    @cached_property
    def _coefficient_index(self) -> dict[tuple[str, str, str], Coefficient]:
        index: dict[tuple[str, str, str], Coefficient] = {}
        for c in self.coefficients:
            index.setdefault((c.form, c.regime, c.subject), c)
        return index

    @cached_property
    def _salaries_sorted(self) -> tuple[BaseSalary, ...]:
        return tuple(sorted(self.base_salaries, key=lambda b: b.valid_from))

    # -- lookups

    def regime_for(self, d: date) -> Regime | None:
        """The enabled regime whose period contains the decision date ``d``."""
        d = _as_date(d)
        for regime in self.regimes:
            if regime.enabled and regime.contains(d):
                return regime
        return None

    def regime(self, code: str) -> Regime:
        for regime in self.regimes:
            if regime.code == code:
                return regime
        raise KeyError(f"Không có chế độ pháp lý mã «{code}» trong danh mục khen thưởng")

    def base_salary_for(self, d: date) -> BaseSalary | None:
        """The base salary with the latest ``valid_from`` not after ``d``."""
        d = _as_date(d)
        found = None
        for salary in self._salaries_sorted:
            if salary.valid_from <= d:
                found = salary
            else:
                break
        return found

    def coefficient_for(self, form_code: str, subject: str, d: date) -> Coefficient | None:
        """The coefficient of ``form_code`` for ``subject`` in the regime of decision date ``d`` — or, for a
        regime that sets no bonus of its own (:data:`COEFFICIENTS_OF`), in the regime whose figures it keeps
        (None when no enabled regime covers ``d`` or the catalog has no figure for it)."""
        regime = self.regime_for(d)
        if regime is None:
            return None
        found = self._coefficient_index.get((form_code, regime.code, subject))
        if found is None and regime.code in COEFFICIENTS_OF:
            found = self._coefficient_index.get((form_code, COEFFICIENTS_OF[regime.code], subject))
        return found

    def form(self, code: str) -> AwardForm:
        try:
            return self._forms_by_code[code]
        except KeyError:
            raise KeyError(f"Không có hình thức khen thưởng mã «{code}» trong danh mục khen thưởng") from None

    def forms_in_row(self, row_key: str) -> tuple[AwardForm, ...]:
        """Forms counted in the official row ``row_key``, in catalog order."""
        return tuple(sorted((f for f in self.forms if f.stat_row == row_key), key=lambda f: (f.sort_order, f.code)))

    def kind(self, code: str) -> AwardKind:
        try:
            return self._kinds_by_code[code]
        except KeyError:
            raise KeyError(f"Không có loại khen thưởng mã «{code}» trong danh mục khen thưởng") from None


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


# --------------------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------------------


def load_catalog(path: Path | None = None) -> Catalog:
    """Read the catalog TOML (default: the shipped ``resources/catalog/catalog.toml``).

    Raises :class:`CatalogError` (Vietnamese message) when the file is missing, is not valid TOML or has
    a wrong value. Consistency across sections is checked by :func:`validate_catalog`, not here.
    """
    if path is None:
        path = resource_path("catalog", "catalog.toml")
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise CatalogError(f"Không tìm thấy tệp danh mục khen thưởng: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"Tệp danh mục khen thưởng {path} sai cú pháp TOML: {exc}") from exc
    return catalog_from_mapping(data, origin=str(path))


_REQUIRED = object()


class _Table:
    """Typed access to one TOML table, with Vietnamese errors that name the place."""

    def __init__(self, raw: Any, where: str):
        if not isinstance(raw, Mapping):
            raise CatalogError(f"{where}: phải là một bảng (table) TOML")
        self.raw = raw
        self.where = where
        self.used: set[str] = set()

    def _get(self, key: str, default: Any) -> Any:
        self.used.add(key)
        if key in self.raw:
            return self.raw[key]
        if default is _REQUIRED:
            raise CatalogError(f"{self.where}: thiếu khóa «{key}»")
        return default

    def text(self, key: str, default: Any = _REQUIRED) -> str:
        value = self._get(key, default)
        if not isinstance(value, str):
            raise CatalogError(f"{self.where}: «{key}» phải là chuỗi")
        return unicodedata.normalize("NFC", value)

    def opt_text(self, key: str) -> str | None:
        value = self._get(key, None)
        if value is None:
            return None
        if not isinstance(value, str):
            raise CatalogError(f"{self.where}: «{key}» phải là chuỗi")
        value = unicodedata.normalize("NFC", value).strip()
        return value or None

    def flag(self, key: str, default: Any = _REQUIRED) -> bool:
        value = self._get(key, default)
        if not isinstance(value, bool):
            raise CatalogError(f"{self.where}: «{key}» phải là true hoặc false")
        return value

    def integer(self, key: str, default: Any = _REQUIRED) -> int:
        value = self._get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise CatalogError(f"{self.where}: «{key}» phải là số nguyên")
        return value

    def day(self, key: str, default: Any = _REQUIRED) -> date | None:
        value = self._get(key, default)
        if value is None:
            return None
        if isinstance(value, datetime):
            raise CatalogError(f"{self.where}: «{key}» phải là ngày (năm-tháng-ngày), không kèm giờ")
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise CatalogError(f"{self.where}: «{key}» phải là ngày dạng 2019-07-01, nhận được {value!r}")

    def decimal(self, key: str) -> Decimal:
        value = self._get(key, _REQUIRED)
        if isinstance(value, float):
            raise CatalogError(f"{self.where}: «{key}» phải viết dạng chuỗi (vd \"0.3\") để giữ đúng số thập phân")
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise CatalogError(f"{self.where}: «{key}» phải là số dạng chuỗi, vd \"0.3\"")
        try:
            result = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise CatalogError(f"{self.where}: «{key}» không phải là số: {value!r}") from None
        if not result.is_finite():
            raise CatalogError(f"{self.where}: «{key}» không phải là số: {value!r}")
        return result

    def texts(self, key: str, default: Any = _REQUIRED) -> tuple[str, ...]:
        value = self._get(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise CatalogError(f"{self.where}: «{key}» phải là danh sách chuỗi")
        return tuple(unicodedata.normalize("NFC", v) for v in value)

    def tables(self, key: str) -> list[Any]:
        value = self._get(key, [])
        if not isinstance(value, list):
            raise CatalogError(f"{self.where}: «{key}» phải là danh sách bảng")
        return value

    def done(self) -> None:
        unknown = sorted(set(self.raw) - self.used)
        if unknown:
            raise CatalogError(f"{self.where}: khóa không hợp lệ {', '.join(unknown)} (gõ nhầm tên khóa?)")


def _section(root: _Table, key: str, build: Callable[[_Table], Any]) -> tuple[Any, ...]:
    items = []
    for index, raw in enumerate(root.tables(key), start=1):
        label = f"[[{key}]] thứ {index}"
        if isinstance(raw, Mapping):
            code = raw.get("code") or raw.get("key") or raw.get("valid_from")
            if code is not None:
                label += f" ({code})"
        table = _Table(raw, label)
        items.append(build(table))
        table.done()
    return tuple(items)


def _regime(t: _Table) -> Regime:
    return Regime(code=t.text("code"), name=t.text("name"), valid_from=t.day("valid_from"),
                  valid_to=t.day("valid_to", None), enabled=t.flag("enabled", True),
                  unconfirmed=t.flag("unconfirmed", False), legal_bases=t.texts("legal_bases", []),
                  source=t.text("source", ""), notes=t.text("notes", ""))


def _salary(t: _Table) -> BaseSalary:
    return BaseSalary(valid_from=t.day("valid_from"), amount=t.integer("amount"), instrument=t.text("instrument"),
                      unconfirmed=t.flag("unconfirmed", False), source=t.text("source", ""))


def _kind(t: _Table) -> AwardKind:
    return AwardKind(code=t.text("code"), name=t.text("name"), table_part=t.text("table_part"),
                     feeds_chains=t.flag("feeds_chains"), sort_order=t.integer("sort_order", 0))


def _group(t: _Table) -> StatGroup:
    return StatGroup(code=t.text("code"), title=t.text("title"), sort_order=t.integer("sort_order", 0))


def _row(t: _Table) -> StatRow:
    return StatRow(key=t.text("key"), group=t.text("group"), no=t.integer("no"), label=t.text("label"),
                   note_kinds=t.flag("note_kinds", False))


def _coefficient(t: _Table, form: str | None = None) -> Coefficient:
    return Coefficient(form=form if form is not None else t.text("form"), regime=t.text("regime"),
                       subject=t.text("subject"), value=t.decimal("value"),
                       unconfirmed=t.flag("unconfirmed", False), source=t.text("source", ""))


def catalog_from_mapping(data: Mapping[str, Any], origin: str = "danh mục") -> Catalog:
    """Build a :class:`Catalog` from parsed TOML data (see ``resources/catalog/catalog.toml``)."""
    root = _Table(data, origin)
    version = root.integer("version")
    regimes = _section(root, "regimes", _regime)
    salaries = _section(root, "base_salaries", _salary)
    kinds = _section(root, "kinds", _kind)
    groups = _section(root, "groups", _group)
    rows = _section(root, "rows", _row)

    coefficients: list[Coefficient] = []

    def build_form(t: _Table) -> AwardForm:
        form = AwardForm(
            code=t.text("code"), name=t.text("name"), short_name=t.text("short_name", "") or t.text("name"),
            note_label=t.text("note_label", ""), category=t.text("category"), level=t.text("level"),
            authority=t.text("authority", ""), subjects=t.texts("subjects"), stat_group=t.text("stat_group"),
            stat_row=t.opt_text("stat_row"), extra_row_label=t.text("extra_row_label", ""),
            family=t.text("family", ""), rank=t.integer("rank", 0), valid_from=t.day("valid_from", None),
            valid_to=t.day("valid_to", None), unconfirmed=t.flag("unconfirmed", False),
            source=t.text("source", ""), sort_order=t.integer("sort_order", 0),
        )
        for index, raw in enumerate(t.tables("coefficients"), start=1):
            sub = _Table(raw, f"{t.where}, hệ số thứ {index}")
            coefficients.append(_coefficient(sub, form.code))
            sub.done()
        return form

    forms = _section(root, "forms", build_form)
    coefficients.extend(_section(root, "coefficients", _coefficient))  # optional flat list
    root.done()
    return Catalog(version=version, regimes=regimes, base_salaries=salaries, kinds=kinds, groups=groups,
                   rows=rows, forms=forms, coefficients=tuple(coefficients))


# --------------------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------------------


def _dmy(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "(không thời hạn)"


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    dup: list[str] = []
    for v in values:
        if v in seen and v not in dup:
            dup.append(v)
        seen.add(v)
    return dup


def _non_nfc(cat: Catalog) -> list[str]:
    found: list[str] = []

    def visit(obj: Any, where: str) -> None:
        if isinstance(obj, str):
            if not unicodedata.is_normalized("NFC", obj):
                found.append(where)
        elif isinstance(obj, tuple):
            for i, item in enumerate(obj):
                visit(item, f"{where}[{i}]")
        elif is_dataclass(obj):
            ident = getattr(obj, "code", None) or getattr(obj, "key", None) or ""
            for f in fields(obj):
                visit(getattr(obj, f.name), f"{where} {ident}.{f.name}".strip())

    for f in fields(cat):
        visit(getattr(cat, f.name), f.name)
    return found


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def validate_catalog(cat: Catalog) -> list[str]:
    """Check the catalog's consistency; return Vietnamese problem messages ([] when consistent)."""
    problems: list[str] = []
    add = problems.append

    if cat.version < 1:
        add(f"Số phiên bản danh mục phải từ 1 trở lên (đang là {cat.version}).")

    # -- unique codes
    for what, values in (
        ("chế độ pháp lý", [r.code for r in cat.regimes]),
        ("loại khen thưởng", [k.code for k in cat.kinds]),
        ("nhóm của biểu", [g.code for g in cat.groups]),
        ("dòng của biểu", [r.key for r in cat.rows]),
        ("hình thức khen thưởng", [f.code for f in cat.forms]),
    ):
        for code in _duplicates(values):
            add(f"Mã {what} bị trùng: {code}.")
        for code in values:
            if not code.strip():
                add(f"Có {what} để trống mã.")
    coef_keys = [f"{c.form}/{c.regime}/{c.subject}" for c in cat.coefficients]
    for key in _duplicates(coef_keys):
        add(f"Hệ số thưởng bị khai hai lần cho cùng hình thức/chế độ/đối tượng: {key}.")

    # -- regimes
    regime_codes = {r.code for r in cat.regimes}
    for r in cat.regimes:
        if r.valid_to is not None and r.valid_to < r.valid_from:
            add(f"Chế độ {r.code}: ngày kết thúc {_dmy(r.valid_to)} trước ngày bắt đầu {_dmy(r.valid_from)}.")
        if r.enabled and not r.legal_bases:
            add(f"Chế độ {r.code} đang áp dụng nhưng chưa có dòng căn cứ pháp lý nào.")
        for i, line in enumerate(r.legal_bases, start=1):
            if not line.startswith("Căn cứ "):
                add(f"Chế độ {r.code}, căn cứ thứ {i}: phải bắt đầu bằng «Căn cứ ».")
            if not line.endswith(";"):
                add(f"Chế độ {r.code}, căn cứ thứ {i}: phải kết thúc bằng dấu «;».")
            for name in _PLACEHOLDER.findall(line):
                if name not in LEGAL_BASIS_PLACEHOLDERS:
                    add(f"Chế độ {r.code}, căn cứ thứ {i}: chỗ điền «{{{name}}}» không được hỗ trợ "
                        f"(chỉ dùng {', '.join('{' + p + '}' for p in LEGAL_BASIS_PLACEHOLDERS)}).")
    enabled = sorted((r for r in cat.regimes if r.enabled), key=lambda r: r.valid_from)
    if not enabled:
        add("Không có chế độ pháp lý nào đang áp dụng.")
    else:
        if enabled[0].valid_from > COVERAGE_START:
            add(f"Các chế độ đang áp dụng phải bao phủ từ ngày {_dmy(COVERAGE_START)}; "
                f"chế độ sớm nhất ({enabled[0].code}) chỉ bắt đầu từ {_dmy(enabled[0].valid_from)}.")
        for prev, nxt in pairwise(enabled):
            if prev.valid_to is None or nxt.valid_from <= prev.valid_to:
                add(f"Chế độ {prev.code} ({_dmy(prev.valid_from)} – {_dmy(prev.valid_to)}) và chế độ {nxt.code} "
                    f"(từ {_dmy(nxt.valid_from)}) có thời gian áp dụng chồng lấn nhau.")
            elif nxt.valid_from > prev.valid_to + timedelta(days=1):
                add(f"Có khoảng trống giữa chế độ {prev.code} (đến {_dmy(prev.valid_to)}) và chế độ {nxt.code} "
                    f"(từ {_dmy(nxt.valid_from)}): quyết định ký trong khoảng này không xác định được chế độ.")
        last = enabled[-1]
        if last.valid_to is not None:
            add(f"Chế độ đang áp dụng mới nhất ({last.code}) phải để trống ngày kết thúc; hiện kết thúc "
                f"{_dmy(last.valid_to)}, quyết định ký sau ngày đó không xác định được chế độ.")

    # -- base salaries
    for prev, nxt in pairwise(cat.base_salaries):
        if nxt.valid_from <= prev.valid_from:
            add(f"Mức lương cơ sở phải xếp theo ngày tăng dần: {_dmy(nxt.valid_from)} đứng sau {_dmy(prev.valid_from)}.")
    for b in cat.base_salaries:
        if b.amount <= 0:
            add(f"Mức lương cơ sở từ {_dmy(b.valid_from)} phải lớn hơn 0.")
    if cat.base_salaries and min(b.valid_from for b in cat.base_salaries) > COVERAGE_START:
        add(f"Chưa có mức lương cơ sở áp dụng cho ngày {_dmy(COVERAGE_START)}.")

    # -- kinds
    for k in cat.kinds:
        if k.table_part not in TABLE_PARTS:
            add(f"Loại khen thưởng {k.code}: phần của biểu «{k.table_part}» không hợp lệ "
                f"(chỉ được {' hoặc '.join(TABLE_PARTS)}).")

    # -- groups and rows
    group_codes = {g.code for g in cat.groups}
    rows_by_key = {r.key: r for r in cat.rows}
    for r in cat.rows:
        if r.group not in group_codes:
            add(f"Dòng biểu {r.key} thuộc nhóm «{r.group}» không tồn tại.")
        if r.key != f"{r.group}.{r.no}":
            add(f"Dòng biểu {r.key}: mã dòng phải là «{r.group}.{r.no}» (nhóm.số thứ tự).")
        if not r.label.strip():
            add(f"Dòng biểu {r.key} chưa có tên.")

    # -- forms
    for f in cat.forms:
        where = f"Hình thức {f.code}"
        if f.category not in CATEGORIES:
            add(f"{where}: loại «{f.category}» không hợp lệ (chỉ được {' hoặc '.join(CATEGORIES)}).")
        if f.level not in LEVELS:
            add(f"{where}: cấp «{f.level}» không hợp lệ (chỉ được {', '.join(LEVELS)}).")
        if not f.subjects:
            add(f"{where}: chưa ghi đối tượng được khen thưởng.")
        for s in f.subjects:
            if s not in SUBJECTS:
                add(f"{where}: đối tượng «{s}» không hợp lệ (chỉ được {', '.join(SUBJECTS)}).")
        for s in _duplicates(list(f.subjects)):
            add(f"{where}: đối tượng «{s}» ghi hai lần.")
        if f.stat_group not in group_codes:
            add(f"{where}: nhóm của biểu «{f.stat_group}» không tồn tại.")
        if f.stat_row is not None:
            row = rows_by_key.get(f.stat_row)
            if row is None:
                add(f"{where}: trỏ tới dòng biểu «{f.stat_row}» không tồn tại.")
            elif row.group != f.stat_group:
                add(f"{where}: dòng biểu {f.stat_row} thuộc nhóm {row.group}, không thuộc nhóm {f.stat_group} "
                    f"của hình thức.")
            if f.extra_row_label:
                add(f"{where}: đã có dòng chính thức {f.stat_row} thì để trống tên dòng bổ sung.")
        elif not f.extra_row_label.strip():
            add(f"{where}: không có dòng chính thức thì phải ghi tên dòng bổ sung (extra_row_label).")
        if not f.name.strip() or not f.short_name.strip():
            add(f"{where}: chưa có tên.")
        if f.valid_from and f.valid_to and f.valid_to < f.valid_from:
            add(f"{where}: ngày hết áp dụng {_dmy(f.valid_to)} trước ngày bắt đầu {_dmy(f.valid_from)}.")
        if f.rank < 0:
            add(f"{where}: thứ bậc (rank) không được âm.")
    by_family: dict[tuple[str, int], list[str]] = {}
    for f in cat.forms:
        if f.family and f.rank:
            by_family.setdefault((f.family, f.rank), []).append(f.code)
    for (family, rank), codes in by_family.items():
        if len(codes) > 1:
            add(f"Họ hình thức {family}: các hình thức {', '.join(codes)} cùng thứ bậc {rank}.")
    forms_by_row: dict[str, int] = {}
    for f in cat.forms:
        if f.stat_row:
            forms_by_row[f.stat_row] = forms_by_row.get(f.stat_row, 0) + 1
    for r in cat.rows:
        if not forms_by_row.get(r.key):
            add(f"Dòng biểu {r.key} «{r.label}» chưa có hình thức khen thưởng nào được đếm vào.")

    # -- coefficients
    forms_by_code = {f.code: f for f in cat.forms}
    regimes_by_code = {r.code: r for r in cat.regimes}
    for c in cat.coefficients:
        where = f"Hệ số thưởng {c.form}/{c.regime}/{c.subject}"
        form = forms_by_code.get(c.form)
        regime = regimes_by_code.get(c.regime)
        if form is None:
            add(f"{where}: hình thức «{c.form}» không có trong danh mục.")
        if c.regime not in regime_codes:
            add(f"{where}: chế độ pháp lý «{c.regime}» không có trong danh mục.")
        if c.subject not in SUBJECTS:
            add(f"{where}: đối tượng «{c.subject}» không hợp lệ (chỉ được {', '.join(SUBJECTS)}).")
        elif form is not None and c.subject not in form.subjects:
            add(f"{where}: hình thức {c.form} không tặng cho {SUBJECT_LABELS[c.subject]}.")
        if c.value <= 0:
            add(f"{where}: hệ số phải lớn hơn 0 (đang là {c.value}).")
        if form is not None and regime is not None:
            starts_after = form.valid_from is not None and regime.valid_to is not None and form.valid_from > regime.valid_to
            ends_before = form.valid_to is not None and form.valid_to < regime.valid_from
            if starts_after or ends_before:
                add(f"{where}: hình thức {c.form} không còn/chưa được tặng trong thời gian của chế độ {c.regime}.")

    # -- text form
    for where in _non_nfc(cat):
        add(f"Chuỗi chưa chuẩn hóa Unicode dựng sẵn (NFC): {where}.")
    return problems
