"""Certificate layouts as data: where each line of a Giấy khen, Bằng khen or CSTĐCS certificate goes, in
millimetres from the paper's edges (``resources/certificates/layouts.toml``, Decree 98/2023 Điều 104).

Pure data and checks; drawing is in :mod:`emulation_desk.documents.certificates`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from emulation_desk.core.text import nfc
from emulation_desk.errors import KnownError
from emulation_desk.resources import resource_path

# Every line a layout may place, in the order they are read on the certificate.
FIELD_KEYS = ("national_title", "motto", "issuer", "verb", "form_title", "recipient", "position_unit",
              "achievement", "decision", "decision_date", "golden_number", "place_date", "signer_title",
              "signer_name")
FIELD_LABELS = {
    "national_title": "Quốc hiệu", "motto": "Tiêu ngữ", "issuer": "chức danh người quyết định",
    "verb": "chữ “TẶNG”", "form_title": "tên hình thức", "recipient": "họ tên / tên tập thể",
    "position_unit": "chức vụ, đơn vị", "achievement": "thành tích", "decision": "số quyết định",
    "decision_date": "ngày quyết định", "golden_number": "số sổ vàng", "place_date": "địa danh, ngày tháng",
    "signer_title": "chức danh người ký", "signer_name": "họ tên người ký",
}
ALIGNS = ("centre", "left", "right")
FACES = ("regular", "bold", "italic", "bold_italic")


class LayoutError(KnownError):
    """The layouts file has a wrong value; the message names the layout and the line."""


@dataclass(frozen=True)
class Field:
    key: str
    x_mm: float
    y_mm: float  # baseline of the (first) line, from the top edge
    align: str
    face: str
    size: float
    min_size: float
    max_width_mm: float | None
    colour: str  # a key of Layouts.colours
    blank: bool  # printed on a pre-printed blank too
    lines: int = 1
    line_gap_mm: float = 0.0
    prefix_face: str | None = None
    rule: bool = False  # a rule under the line (the motto), on white paper only


@dataclass(frozen=True)
class Border:
    outer_mm: float
    inner_mm: float
    colour: str


@dataclass(frozen=True)
class Layout:
    code: str
    name: str
    width_mm: float
    height_mm: float
    forms: tuple[str, ...]
    titles: dict[str, str]
    fields: tuple[Field, ...]
    border: Border | None

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class Layouts:
    layouts: tuple[Layout, ...]
    colours: dict[str, tuple[float, float, float]]
    no_certificate: dict[str, str]

    def by_code(self, code: str) -> Layout:
        for layout in self.layouts:
            if layout.code == code:
                return layout
        known = ", ".join(layout.code for layout in self.layouts)
        raise KnownError(f"Không có mẫu in “{code}”. Các mẫu có sẵn: {known}.")

    def for_form(self, form_code: str, form_name: str = "") -> Layout:
        """The layout of a form; a form with no certificate (LĐTT) or no layout yet is a clear error."""
        if form_code in self.no_certificate:
            raise KnownError(self.no_certificate[form_code])
        for layout in self.layouts:
            if form_code in layout.forms:
                return layout
        name = form_name or form_code
        raise KnownError(f"Chưa có mẫu in giấy khen cho hình thức “{name}”. Hãy thêm mẫu vào tệp "
                         "resources/certificates/layouts.toml hoặc in bằng chương trình khác.")


def _colour(text: str, where: str) -> tuple[float, float, float]:
    value = str(text).strip().lstrip("#")
    if len(value) != 6:
        raise LayoutError(f"{where}: màu phải viết dạng #RRGGBB, ví dụ #C00000.")
    try:
        return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    except ValueError:
        raise LayoutError(f"{where}: màu “{text}” không hợp lệ; hãy viết dạng #RRGGBB.") from None


def _number(raw: dict[str, Any], key: str, where: str, default: float | None = None) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LayoutError(f"{where}: “{key}” phải là một số (mi-li-mét hoặc cỡ chữ).")
    return float(value)


def _field(raw: dict[str, Any], layout: str, width: float, height: float, colours: dict[str, Any]) -> Field:
    key = raw.get("key")
    if key not in FIELD_KEYS:
        raise LayoutError(f"Mẫu {layout}: không có dòng “{key}”. Các dòng: {', '.join(FIELD_KEYS)}.")
    where = f"Mẫu {layout}, dòng {key}"
    x, y, size = _number(raw, "x_mm", where), _number(raw, "y_mm", where), _number(raw, "size", where)
    field = Field(key=key, x_mm=x, y_mm=y, align=raw.get("align", "centre"), face=raw.get("face", "regular"),
                  size=size, min_size=_number(raw, "min_size", where, size),
                  max_width_mm=_number(raw, "max_width_mm", where) if "max_width_mm" in raw else None,
                  colour=raw.get("colour", "black"), blank=bool(raw.get("blank", True)),
                  lines=int(_number(raw, "lines", where, 1)), line_gap_mm=_number(raw, "line_gap_mm", where, 0),
                  prefix_face=raw.get("prefix_face"), rule=bool(raw.get("rule", False)))
    if not (0 <= x <= width and 0 < y <= height):
        raise LayoutError(f"{where}: vị trí ({x:g}; {y:g}) mm nằm ngoài khổ giấy {width:g} × {height:g} mm.")
    if field.align not in ALIGNS or field.face not in FACES or (field.prefix_face or "regular") not in FACES:
        raise LayoutError(f"{where}: align phải là centre/left/right, face là regular/bold/italic/bold_italic.")
    if not 0 < field.min_size <= field.size or field.lines < 1:
        raise LayoutError(f"{where}: cỡ chữ tối thiểu phải dương và không lớn hơn cỡ chữ; lines ≥ 1.")
    if field.colour not in colours:
        raise LayoutError(f"{where}: màu “{field.colour}” chưa khai báo trong [colours].")
    return field


def _layout(raw: dict[str, Any], colours: dict[str, Any]) -> Layout:
    code = str(raw.get("code", "")).strip()
    if not code:
        raise LayoutError("Có mẫu in chưa có mã (code).")
    where = f"Mẫu {code}"
    width, height = _number(raw, "width_mm", where), _number(raw, "height_mm", where)
    fields = tuple(_field(f, code, width, height, colours) for f in raw.get("fields", []))
    keys = [f.key for f in fields]
    if len(set(keys)) != len(keys):
        raise LayoutError(f"{where}: có dòng khai báo hai lần.")
    border_raw = raw.get("border")
    border = Border(_number(border_raw, "outer_mm", where), _number(border_raw, "inner_mm", where),
                    border_raw.get("colour", "black")) if border_raw else None
    titles = {k: nfc(v) for k, v in raw.get("titles", {}).items()}
    forms = tuple(raw.get("forms", ()))
    missing = [f for f in forms if f not in titles]
    if missing:
        raise LayoutError(f"{where}: thiếu tên in trên giấy của hình thức {', '.join(missing)} ([layouts.titles]).")
    return Layout(code, nfc(raw.get("name", code)), width, height, forms, titles, fields, border)


def layouts_from_mapping(data: dict[str, Any]) -> Layouts:
    colours = {k: _colour(v, f"Màu {k}") for k, v in data.get("colours", {}).items()}
    colours.setdefault("black", (0.0, 0.0, 0.0))
    layouts = tuple(_layout(raw, colours) for raw in data.get("layouts", []))
    codes = [layout.code for layout in layouts]
    if len(set(codes)) != len(codes):
        raise LayoutError("Có hai mẫu in trùng mã.")
    forms = [f for layout in layouts for f in layout.forms]
    if len(set(forms)) != len(forms):
        raise LayoutError("Một hình thức chỉ được gắn với một mẫu in.")
    return Layouts(layouts, colours, {k: nfc(v) for k, v in data.get("no_certificate", {}).items()})


def load_layouts(path: Path | None = None) -> Layouts:
    source = path or resource_path("certificates", "layouts.toml")
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LayoutError(f"Không đọc được tệp mẫu in {source}: {exc}. Hãy cài đặt lại chương trình.") from exc
    return layouts_from_mapping(data)


@cache
def shipped_layouts() -> Layouts:
    return load_layouts()
