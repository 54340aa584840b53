"""The clerk's corrections of the award catalog: forms, coefficients, regimes and base salaries.

Every edited row is marked ``user_edited = 1`` so that a newer shipped catalog never overwrites it, and
the workspace's cached catalog is dropped so the next lookup sees the correction.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from emulation_desk.core.text import nfc
from emulation_desk.errors import NotFoundError, ValidationError
from emulation_desk.services.common import Changes, Created, optional_date, require_date, require_text
from emulation_desk.services.workspace import Workspace

SUBJECTS = {"ca_nhan": "Cá nhân", "tap_the": "Tập thể", "ho_gia_dinh": "Hộ gia đình"}


def _done(ws: Workspace, ids: set[str]) -> Changes:
    ws.invalidate()
    return Changes(catalog=True, ids=ids)


def list_forms(ws: Workspace) -> list[dict[str, Any]]:
    return ws.store.query("SELECT * FROM award_form ORDER BY sort_order, code")


def list_coefficients(ws: Workspace) -> list[dict[str, Any]]:
    return ws.store.query(
        """SELECT c.*, f.short_name AS form_short_name, f.name AS form_name, r.name AS regime_name
           FROM form_coefficient c
           JOIN award_form f ON f.code = c.form_code JOIN regime r ON r.code = c.regime_code
           ORDER BY r.valid_from, f.sort_order, c.subject""")


def list_regimes(ws: Workspace) -> list[dict[str, Any]]:
    rows = ws.store.query("SELECT * FROM regime ORDER BY valid_from")
    for row in rows:
        row["legal_bases_list"] = json.loads(row["legal_bases"])
    return rows


def list_base_salaries(ws: Workspace) -> list[dict[str, Any]]:
    return ws.store.query("SELECT * FROM base_salary ORDER BY valid_from")


def update_form(ws: Workspace, code: str, *, name: str, short_name: str, unconfirmed: bool, source: str = ""
                ) -> Changes:
    if ws.store.get("award_form", code) is None:
        raise NotFoundError("Không tìm thấy hình thức khen thưởng.")
    values = {"name": require_text(name, "name", "Tên hình thức"),
              "short_name": require_text(short_name, "short_name", "Tên ngắn"),
              "unconfirmed": int(unconfirmed), "source": nfc(source), "user_edited": 1}
    with ws.store.transaction():
        ws.store.update("award_form", code, values, summary=f"Sửa hình thức khen thưởng {values['short_name']}")
    return _done(ws, {code})


def _coefficient_value(value: Any) -> str:
    text = str(value).strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError("Hệ số phải là một số, ví dụ 0,3 hoặc 1,5.", field="value") from None
    if number < 0 or number > 100:
        raise ValidationError("Hệ số phải từ 0 đến 100.", field="value")
    return format(number.normalize(), "f")


def set_coefficient(ws: Workspace, form_code: str, regime_code: str, subject: str, value: Any, *,
                    unconfirmed: bool = False, source: str = "") -> Changes:
    """Set (or add) the bonus coefficient of a form for a regime and a kind of subject."""
    if subject not in SUBJECTS:
        raise ValidationError("Hãy chọn đối tượng (cá nhân, tập thể, hộ gia đình).", field="subject")
    if ws.store.get("award_form", form_code) is None or ws.store.get("regime", regime_code) is None:
        raise NotFoundError("Không tìm thấy hình thức hoặc chế độ khen thưởng.")
    values = {"value": _coefficient_value(value), "unconfirmed": int(unconfirmed), "source": nfc(source),
              "user_edited": 1}
    with ws.store.transaction():
        existing = ws.store.scalar("SELECT id FROM form_coefficient WHERE form_code = ? AND regime_code = ? "
                                   "AND subject = ?", [form_code, regime_code, subject])
        if existing:
            ws.store.update("form_coefficient", existing, values, summary=f"Sửa hệ số tiền thưởng {form_code}")
        else:
            existing = ws.store.insert("form_coefficient", {"form_code": form_code, "regime_code": regime_code,
                                                            "subject": subject, **values},
                                       summary=f"Thêm hệ số tiền thưởng {form_code}")
    return _done(ws, {existing})


def update_regime(ws: Workspace, code: str, *, valid_from: Any, valid_to: Any, legal_bases: list[str] | str,
                  unconfirmed: bool, enabled: bool = True) -> Changes:
    """Validity and the default "Căn cứ …" lines of a regime (one line per legal basis)."""
    if ws.store.get("regime", code) is None:
        raise NotFoundError("Không tìm thấy chế độ khen thưởng.")
    start = require_date(valid_from, "valid_from", "Áp dụng từ ngày")
    end = optional_date(valid_to, "valid_to", "Áp dụng đến ngày")
    if end is not None and end < start:
        raise ValidationError("Ngày hết hiệu lực phải sau ngày bắt đầu.", field="valid_to")
    lines = legal_bases.splitlines() if isinstance(legal_bases, str) else legal_bases
    bases = [nfc(" ".join(line.split())) for line in lines if line.strip()]
    values = {"valid_from": start.isoformat(), "valid_to": end.isoformat() if end else None,
              "legal_bases": json.dumps(bases, ensure_ascii=False), "unconfirmed": int(unconfirmed),
              "enabled": int(enabled), "user_edited": 1}
    with ws.store.transaction():
        ws.store.update("regime", code, values, summary=f"Sửa chế độ khen thưởng {code}")
    return _done(ws, {code})


def _amount(value: Any) -> int:
    text = str(value).replace(".", "").replace(",", "").replace(" ", "").strip()
    if not text.isdigit() or int(text) <= 0:
        raise ValidationError("Mức lương cơ sở phải là số tiền dương, ví dụ 2.340.000.", field="amount")
    return int(text)


def add_base_salary(ws: Workspace, valid_from: Any, amount: Any, *, instrument: str = "", unconfirmed: bool = False
                    ) -> Created:
    """A new base salary from a date on (decisions signed from that date use it)."""
    start = require_date(valid_from, "valid_from", "Áp dụng từ ngày")
    values = {"valid_from": start.isoformat(), "amount": _amount(amount),
              "instrument": require_text(instrument, "instrument", "Văn bản quy định", required=False),
              "unconfirmed": int(unconfirmed), "user_edited": 1}
    with ws.store.transaction():
        if ws.store.scalar("SELECT 1 FROM base_salary WHERE valid_from = ?", [values["valid_from"]]):
            raise ValidationError("Đã có mức lương cơ sở áp dụng từ ngày này; hãy sửa mức đó.", field="valid_from")
        salary_id = ws.store.insert("base_salary", values, summary="Thêm mức lương cơ sở")
    return Created(salary_id, _done(ws, {salary_id}))


def update_base_salary(ws: Workspace, salary_id: str, *, amount: Any, instrument: str = "",
                       unconfirmed: bool = False) -> Changes:
    if ws.store.get("base_salary", salary_id) is None:
        raise NotFoundError("Không tìm thấy mức lương cơ sở.")
    values = {"amount": _amount(amount), "instrument": require_text(instrument, "instrument", "Văn bản quy định",
                                                                    required=False),
              "unconfirmed": int(unconfirmed), "user_edited": 1}
    with ws.store.transaction():
        ws.store.update("base_salary", salary_id, values, summary="Sửa mức lương cơ sở")
    return _done(ws, {salary_id})
