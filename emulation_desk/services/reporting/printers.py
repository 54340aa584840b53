"""Printer profiles (hồ sơ máy in): per printer and tray, the offset and scale that make text land where a
certificate layout puts it on a pre-printed blank. Measured on the calibration page, kept in the database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from emulation_desk.core.text import fold
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes, Created, require_text
from emulation_desk.services.workspace import Workspace

OFFSET_LIMIT_MM = 50.0
SCALE_RANGE = (0.8, 1.2)


@dataclass(frozen=True)
class PrinterProfile:
    id: str
    name: str
    printer: str
    tray: str
    offset_x_mm: float
    offset_y_mm: float
    scale_x: float
    scale_y: float
    notes: str = ""

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> PrinterProfile:
        return cls(row["id"], row["name"], row["printer"], row["tray"], row["offset_x_mm"], row["offset_y_mm"],
                   row["scale_x"], row["scale_y"], row["notes"])


def _number(value: Any, field: str, label: str) -> float:
    try:
        return float(str(value).strip().replace(",", "."))
    except (TypeError, ValueError):
        raise ValidationError(f"{label} phải là một số, ví dụ 1,5.", field=field) from None


def _shown(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def profile_values(*, name: str, printer: str = "", tray: str = "", offset_x_mm: Any = 0, offset_y_mm: Any = 0,
                   scale_x: Any = 1, scale_y: Any = 1, notes: str = "") -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": require_text(name, "name", "Tên hồ sơ máy in", max_length=100),
        "printer": require_text(printer, "printer", "Tên máy in", required=False, max_length=200),
        "tray": require_text(tray, "tray", "Khay giấy", required=False, max_length=100),
        "notes": require_text(notes, "notes", "Ghi chú", required=False, max_length=1000),
    }
    given = {"offset_x_mm": offset_x_mm, "offset_y_mm": offset_y_mm, "scale_x": scale_x, "scale_y": scale_y}
    for key, label in (("offset_x_mm", "Độ lệch ngang (mm)"), ("offset_y_mm", "Độ lệch dọc (mm)")):
        value = _number(given[key], key, label)
        if abs(value) > OFFSET_LIMIT_MM:
            raise ValidationError(f"{label} {_shown(value)} quá lớn (tối đa ±{OFFSET_LIMIT_MM:g} mm). Hãy đo lại trên "
                                  "trang căn chỉnh.", field=key)
        values[key] = value
    for key, label in (("scale_x", "Tỷ lệ ngang"), ("scale_y", "Tỷ lệ dọc")):
        value = _number(given[key], key, label)
        if not SCALE_RANGE[0] <= value <= SCALE_RANGE[1]:
            raise ValidationError(f"{label} {_shown(value)} không hợp lý (phải từ {_shown(SCALE_RANGE[0])} đến "
                                  f"{_shown(SCALE_RANGE[1])}; 1 là không co giãn). Hãy kiểm tra chế độ in 100%.",
                                  field=key)
        values[key] = value
    return values


def save_printer_profile(ws: Workspace, profile_id: str | None = None, **fields: Any) -> Created:
    """Create a profile, or replace the values of an existing one; names are unique (accents ignored)."""
    values = profile_values(**fields)
    clash = [r for r in ws.store.query("SELECT id, name FROM printer_profile")
             if fold(r["name"]) == fold(values["name"]) and r["id"] != profile_id]
    if clash:
        raise ValidationError(f"Đã có hồ sơ máy in tên “{clash[0]['name']}”. Hãy đặt tên khác hoặc sửa hồ sơ đó.",
                              field="name")
    store = ws.store
    with store.transaction():
        if profile_id:
            get_profile(ws, profile_id)
            store.update("printer_profile", profile_id, values, summary=f"Sửa hồ sơ máy in {values['name']}")
        else:
            profile_id = store.insert("printer_profile", values, summary=f"Thêm hồ sơ máy in {values['name']}")
    return Created(profile_id, Changes(settings=True, ids={profile_id}))


def list_profiles(ws: Workspace) -> list[PrinterProfile]:
    rows = ws.store.query("SELECT * FROM printer_profile ORDER BY name")
    return [PrinterProfile.from_row(r) for r in rows]


def get_profile(ws: Workspace, key: str) -> PrinterProfile:
    """A profile by id or by name (accents and case ignored)."""
    row = ws.store.get("printer_profile", key)
    if row is None:
        rows = [r for r in ws.store.query("SELECT * FROM printer_profile") if fold(r["name"]) == fold(key)]
        row = rows[0] if rows else None
    if row is None:
        known = ", ".join(p.name for p in list_profiles(ws)) or "chưa có hồ sơ nào"
        raise NotFoundError(f"Không tìm thấy hồ sơ máy in “{key}” ({known}). Hãy tạo hồ sơ trước "
                            "(lệnh: printer save --name TÊN …).")
    return PrinterProfile.from_row(row)


def delete_profile(ws: Workspace, key: str) -> Changes:
    """Remove a profile; the print log keeps the values that were used."""
    profile = get_profile(ws, key)
    with ws.store.transaction():
        ws.store.delete("printer_profile", profile.id, summary=f"Xóa hồ sơ máy in {profile.name}")
    return Changes(settings=True, ids={profile.id})


def correction_from_measures(nominal: tuple[tuple[float, float], tuple[float, float]],
                             measured: tuple[tuple[float, float], tuple[float, float]]
                             ) -> tuple[float, float, float, float]:
    """(offset_x, offset_y, scale_x, scale_y) from two crosshairs of the calibration page printed with no
    profile: where they should be and where they came out (mm from the paper's edges). The printer maps a
    position p to a + b·p; the profile draws at (p − a) / b, so that the text lands at p."""
    result = []
    for axis in (0, 1):
        n0, n1 = nominal[0][axis], nominal[1][axis]
        m0, m1 = measured[0][axis], measured[1][axis]
        if abs(n1 - n0) < 10:
            raise ValidationError("Hai dấu chữ thập dùng để đo phải cách nhau ít nhất 10 mm theo mỗi chiều.")
        stretch = (m1 - m0) / (n1 - n0)
        if stretch <= 0:
            raise ValidationError("Số đo không hợp lý: dấu chữ thập sau phải nằm xa mép giấy hơn dấu trước.")
        shift = m0 - stretch * n0
        result.append((-shift / stretch, 1 / stretch))
    (offset_x, scale_x), (offset_y, scale_y) = result
    return offset_x, offset_y, scale_x, scale_y
