"""Certificates of an issued decision (viết bằng): the text of each Giấy khen / Bằng khen / CSTĐCS
certificate from the decision's list, the Số sổ vàng numbers (the recipient's row in the decision's list,
assigned once at the first print and kept), the print log (who, when, which recipients, which printer
profile) and the reprint of one certificate.

The window needs three calls: :func:`certificate_preview` (bytes to show), :func:`export_certificates`
(write and log) and :func:`print_log`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from emulation_desk.core.text import format_date, format_date_long, nfc
from emulation_desk.documents.certificate_layout import Layout, Layouts, shipped_layouts
from emulation_desk.documents.certificates import Certificate, Placement, Rendered, render_certificates
from emulation_desk.errors import KnownError
from emulation_desk.services.awards.decisions import decision_recipients, get_decision
from emulation_desk.services.common import Changes
from emulation_desk.services.records.org import signing_block
from emulation_desk.services.reporting.decision_data import (
    _sorted_rows,
    list_order,
    resolve_decision,
    unit_orders,
)
from emulation_desk.services.reporting.documents_data import letterhead
from emulation_desk.services.reporting.printers import PrinterProfile, get_profile
from emulation_desk.services.workspace import Workspace

NO_PROFILE = Placement()


@dataclass
class CertificateJob:
    """What one print of a decision's certificates needs: the layout, the certificates in list order and
    the recipients' Sổ vàng numbers (``new_numbers``: those to store when the print is logged)."""

    decision: dict[str, Any]
    layout: Layout
    certificates: list[Certificate]
    recipient_ids: list[str]
    new_numbers: dict[str, int]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class CertificateExport:
    path: Path
    pages: int
    print_id: str
    layout: str
    warnings: tuple[str, ...]

    def summary(self) -> str:
        return f"Đã ghi {self.pages} giấy khen vào tệp {self.path}."


# ---------------------------------------------------------------- list order and Sổ vàng numbers
def in_list_order(ws: Workspace, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Recipients in the order of the decision's attached list as it prints (the parts in the office's
    order, units in the clerk's order, leaders first): the Sổ vàng numbers run through it from 1."""
    orders = unit_orders(ws)
    return [row for subject in list_order(ws) for row in _sorted_rows(rows, subject, orders)]


def golden_numbers(ws: Workspace, decision_id: str) -> dict[str, int]:
    """recipient id → Số sổ vàng already assigned (empty before the first print)."""
    rows = ws.store.query("SELECT recipient_id, number FROM golden_book_entry WHERE decision_id = ?", [decision_id])
    return {r["recipient_id"]: r["number"] for r in rows}


def numbering(ws: Workspace, decision_id: str, ordered: list[dict[str, Any]]) -> tuple[dict[str, int], dict[str, int]]:
    """(all numbers, numbers not stored yet): the stored ones are kept; the others follow in list order."""
    numbers = golden_numbers(ws, decision_id)
    if not numbers:
        fresh = {r["id"]: index for index, r in enumerate(ordered, start=1)}
        return fresh, dict(fresh)
    new: dict[str, int] = {}
    following = max(numbers.values())
    for row in ordered:
        if row["id"] not in numbers:
            following += 1
            new[row["id"]] = following
    return {**numbers, **new}, new


# ---------------------------------------------------------------- the text of a certificate
def _signer(ws: Workspace, decision: dict[str, Any], head_title: str) -> dict[str, Any]:
    row = ws.store.get("signatory", decision["signer_id"]) if decision["signer_id"] else None
    if row:
        return row
    position = nfc(decision["signer_position"] or head_title)
    return {"full_name": decision["signer_name"], "position": position,
            "is_head": int(position.upper() == nfc(head_title).upper())}


def _prefix(ws: Workspace, row: dict[str, Any]) -> str:
    if row["subject"] != "ca_nhan":
        return ""
    gender = ws.store.scalar("SELECT gender FROM person WHERE id = ?", [row["person_id"]])
    return {"nam": "Ông", "nu": "Bà"}.get(gender or "", "Ông/Bà")


def _position_unit(row: dict[str, Any]) -> str:
    if row["subject"] == "ca_nhan":
        return ", ".join(part for part in (nfc(row["position"]).strip(), nfc(row["unit_name"]).strip()) if part)
    return nfc(row["unit_name"]).strip()


def _achievement(ws: Workspace, row: dict[str, Any], decision: dict[str, Any], category: str) -> str:
    text = nfc(row["achievement"]).strip()
    if text:
        text = text[:1].upper() + text[1:]
    if not text and category == "danh_hieu":
        year = ws.store.scalar("SELECT year FROM nomination WHERE id = ?", [row["nomination_id"]]) \
            if row["nomination_id"] else None
        text = f"Năm {year or decision['year']}"
    return text.rstrip(" .")


def _shared_texts(ws: Workspace, decision: dict[str, Any]) -> dict[str, str | tuple[str, ...]]:
    head = letterhead(ws)
    org = ws.organisation() or {}
    signed = date.fromisoformat(decision["signed_on"])
    symbol = decision["symbol"] or org.get("symbol_decision", "")
    signer = _signer(ws, decision, head.head_title)
    lines = signing_block(signer, collective_title=org.get("collective_title", "ỦY BAN NHÂN DÂN"),
                          head_title=head.head_title, on_behalf_of_body=False)
    return {"issuer": f"{head.head_title} {head.issuing_body}".upper(),
            "decision": f"Quyết định số {decision['number']}/{symbol}".rstrip("/"),
            "decision_date": f"ngày {format_date(signed)}", "place_date": format_date_long(signed, head.place_name),
            "signer_title": tuple(line.upper() for line in lines), "signer_name": nfc(signer["full_name"])}


def _certificate(ws: Workspace, row: dict[str, Any], number: int, decision: dict[str, Any], layout: Layout,
                 shared: dict[str, str | tuple[str, ...]]) -> Certificate:
    form = ws.catalog().form(row["form_code"])
    verb = "TRUY TẶNG" if row["posthumous"] else "TẶNG DANH HIỆU" if form.category == "danh_hieu" else "TẶNG"
    texts = {**shared, "verb": verb, "form_title": layout.titles[row["form_code"]],
             "recipient": nfc(row["display_name"]), "position_unit": _position_unit(row),
             "achievement": _achievement(ws, row, decision, form.category), "golden_number": f"Số sổ vàng: {number}"}
    return Certificate(number, nfc(row["display_name"]), texts, _prefix(ws, row))


# ---------------------------------------------------------------- a job
def _printable_decision(ws: Workspace, decision: dict[str, Any]) -> str:
    label = f"{decision['number']}/{decision['symbol']}".strip("/")
    if not decision["is_own"]:
        raise KnownError(f"Quyết định số {label} là của {decision['issuer_name']}: giấy khen, bằng khen do cấp đó "
                         "in và gửi về. Chương trình chỉ in giấy khen theo quyết định của cơ quan mình.")
    if decision["status"] != "issued":
        raise KnownError(f"Quyết định số {label} chưa ban hành. Hãy ban hành quyết định (sau khi lãnh đạo ký) "
                         "rồi mới in giấy khen.")
    return label


def _with_layout(rows: list[dict[str, Any]], layouts: Layouts, catalog: Any, label: str
                 ) -> tuple[list[dict[str, Any]], Layout, set[str]]:
    """(the rows that get a certificate, their one layout, why the others get none)."""
    printable, skipped, found = [], set(), {}
    for row in rows:
        try:
            layout = layouts.for_form(row["form_code"], catalog.form(row["form_code"]).name)
        except KnownError as exc:
            skipped.add(exc.message)
            continue
        found[layout.code] = layout
        printable.append(row)
    if not printable:
        raise KnownError(" ".join(sorted(skipped)))
    if len(found) > 1:
        raise KnownError(f"Quyết định số {label} có các hình thức in trên các khổ phôi khác nhau "
                         f"({', '.join(sorted(found))}); chương trình chưa in chung được một tệp.")
    return printable, next(iter(found.values())), skipped


def _chosen(rows: list[dict[str, Any]], numbers: dict[str, int], only: list[int], label: str
            ) -> list[dict[str, Any]]:
    wanted = set(only)
    chosen = [r for r in rows if numbers[r["id"]] in wanted]
    missing = wanted - {numbers[r["id"]] for r in chosen}
    if missing:
        raise KnownError(f"Quyết định số {label} không có giấy khen số sổ vàng {', '.join(map(str, sorted(missing)))}"
                         f" (các số: 1–{max(numbers.values())}).")
    return chosen


def certificate_job(ws: Workspace, decision_id: str, *, only: list[int] | None = None,
                    layouts: Layouts | None = None) -> CertificateJob:
    """The certificates of an issued own decision in list order (``only``: those Sổ vàng numbers)."""
    decision = get_decision(ws, decision_id)
    label = _printable_decision(ws, decision)
    ordered = in_list_order(ws, decision_recipients(ws, decision_id))
    if not ordered:
        raise KnownError(f"Quyết định số {label} chưa có ai được khen thưởng.")
    numbers, new = numbering(ws, decision_id, ordered)
    printable, layout, skipped = _with_layout(ordered, layouts or shipped_layouts(), ws.catalog(), label)
    if only:
        printable = _chosen(printable, numbers, only, label)
    shared = _shared_texts(ws, decision)
    certificates = [_certificate(ws, r, numbers[r["id"]], decision, layout, shared) for r in printable]
    warnings = [f"{text} Những người này không có trong tệp in." for text in sorted(skipped)]
    warnings += [f"Giấy số {c.number} ({c.label}): chưa có nội dung thành tích; dòng thành tích để trống."
                 for c in certificates if not c.texts.get("achievement")]
    return CertificateJob(decision, layout, certificates, [r["id"] for r in printable], new, warnings)


def placement_of(profile: PrinterProfile | None) -> Placement:
    if profile is None:
        return NO_PROFILE
    return Placement(profile.offset_x_mm, profile.offset_y_mm, profile.scale_x, profile.scale_y)


def _render(ws: Workspace, job: CertificateJob, *, blank: bool, placement: Placement,
            background: Path | None = None) -> Rendered:
    label = f"{job.decision['number']}/{job.decision['symbol']}".strip("/")
    rendered = render_certificates(job.certificates, job.layout, shipped_layouts(), blank=blank,
                                   placement=placement, title=f"Giấy khen theo Quyết định số {label}",
                                   background=background)
    rendered.warnings = [*job.warnings, *rendered.warnings]
    return rendered


def certificate_preview(ws: Workspace, decision_id: str, *, blank: bool = True, scan: Path | None = None,
                        only: list[int] | None = None) -> Rendered:
    """The certificates as they will print, for the screen; with ``scan`` (a scanned blank) drawn under the
    text at the layout's nominal positions. Nothing is stored and the scan never reaches a printed file."""
    job = certificate_job(ws, decision_id, only=only)
    if scan is not None:
        from reportlab.lib.utils import ImageReader

        try:
            ImageReader(str(scan)).getSize()
        except Exception as exc:  # any unreadable file gets the same message
            raise KnownError(f"Không đọc được ảnh phôi quét {Path(scan).name}. Hãy quét lại phôi thành tệp PNG hoặc "
                             "JPG rồi nạp lại.", details=str(exc)) from exc
    return _render(ws, job, blank=blank, placement=NO_PROFILE, background=scan)


def warning_message(warnings: list[str] | tuple[str, ...]) -> str:
    """The clerk's summary of what to check before printing (empty when nothing)."""
    if not warnings:
        return ""
    return "Cần xem lại trước khi in:\n" + "\n".join(f"- {w}." if not w.endswith(".") else f"- {w}" for w in warnings)


# ---------------------------------------------------------------- print and log
def export_certificates(ws: Workspace, path: Path | str, *, decision_id: str | None = None,
                        number: str | None = None, year: int | None = None, blank: bool = False,
                        profile: str | None = None, only: list[int] | None = None
                        ) -> tuple[CertificateExport, Changes]:
    """Write the certificates of a decision (one page each, in list order) and log the print; the first
    print of a decision fixes its Sổ vàng numbers. ``only``: reprint those Sổ vàng numbers."""
    from emulation_desk.documents import require_pdf_name
    from emulation_desk.documents.output import write_atomically

    target = require_pdf_name(path)
    decision = get_decision(ws, decision_id) if decision_id else resolve_decision(ws, number or "", year or 0)
    chosen = get_profile(ws, profile) if profile else None
    job = certificate_job(ws, decision["id"], only=only)
    rendered = _render(ws, job, blank=blank, placement=placement_of(chosen))
    written = write_atomically(rendered.data, target)
    print_id = log_print(ws, job, blank=blank, profile=chosen, pages=rendered.pages, file=str(written))
    result = CertificateExport(written, rendered.pages, print_id, job.layout.code, tuple(rendered.warnings))
    return result, Changes(decisions=True, ids={decision["id"], print_id})


def log_print(ws: Workspace, job: CertificateJob, *, blank: bool, profile: PrinterProfile | None, pages: int,
              file: str) -> str:
    """Store the new Sổ vàng numbers and one print-log entry with its recipients; all or nothing."""
    store = ws.store
    decision_id = job.decision["id"]
    numbers = {c.number for c in job.certificates}
    earlier = store.scalar(
        "SELECT count(*) FROM certificate_print_line l JOIN certificate_print p ON p.id = l.print_id "
        f"WHERE l.recipient_id IN ({','.join('?' for _ in job.recipient_ids)})", job.recipient_ids)
    placement = placement_of(profile)
    with store.transaction():
        if job.new_numbers:
            store.insert_many("golden_book_entry", [{"decision_id": decision_id, "recipient_id": rid, "number": n}
                                                    for rid, n in job.new_numbers.items()])
            store.log("create", "golden_book_entry", decision_id,
                      f"Cấp {len(job.new_numbers)} số sổ vàng cho Quyết định số {job.decision['number']}")
        print_id = store.insert("certificate_print", {
            "decision_id": decision_id, "mode": "blank" if blank else "full", "layout_code": job.layout.code,
            "profile_id": profile.id if profile else None, "profile_name": profile.name if profile else "",
            "offset_x_mm": placement.offset_x_mm, "offset_y_mm": placement.offset_y_mm,
            "scale_x": placement.scale_x, "scale_y": placement.scale_y,
            "reprint": int(pages == 1 and bool(earlier)), "pages": pages, "file": file[:1000]},
            summary=f"In {pages} giấy khen theo Quyết định số {job.decision['number']}"
                    + (f" (số sổ vàng {min(numbers)})" if pages == 1 else ""))
        by_recipient = dict(zip(job.recipient_ids, (c.number for c in job.certificates), strict=True))
        store.insert_many("certificate_print_line", [{"print_id": print_id, "recipient_id": rid, "golden_number": n}
                                                     for rid, n in by_recipient.items()])
    return print_id


def reprint_certificate(ws: Workspace, recipient_id: str, path: Path | str, *, blank: bool = False,
                        profile: str | None = None) -> tuple[CertificateExport, Changes]:
    """One certificate again (spoilt or lost), logged as a reprint once it has been printed before."""
    row = ws.store.get("decision_recipient", recipient_id)
    if row is None:
        raise KnownError("Không tìm thấy người được khen trong quyết định. Hãy tải lại danh sách.")
    numbers = golden_numbers(ws, row["decision_id"])
    if recipient_id not in numbers:
        ordered = in_list_order(ws, decision_recipients(ws, row["decision_id"]))
        numbers = numbering(ws, row["decision_id"], ordered)[0]
    return export_certificates(ws, path, decision_id=row["decision_id"], blank=blank, profile=profile,
                               only=[numbers[recipient_id]])


def print_log(ws: Workspace, decision_id: str) -> list[dict[str, Any]]:
    """Every print of a decision's certificates, newest first, with its Sổ vàng numbers."""
    rows = ws.store.query("SELECT * FROM certificate_print WHERE decision_id = ? ORDER BY created_at DESC, rowid DESC",
                          [decision_id])
    for row in rows:
        row["numbers"] = [r["golden_number"] for r in ws.store.query(
            "SELECT golden_number FROM certificate_print_line WHERE print_id = ? ORDER BY golden_number", [row["id"]])]
    return rows


# ---------------------------------------------------------------- calibration
def export_calibration(ws: Workspace, path: Path | str, *, layout: str = "a4_ngang", profile: str | None = None
                       ) -> tuple[Path, Changes]:
    """The calibration page of a layout on plain paper (with a profile's correction when one is named)."""
    from emulation_desk.documents import require_pdf_name
    from emulation_desk.documents.calibration import calibration_pdf
    from emulation_desk.documents.output import write_atomically

    target = require_pdf_name(path)
    layouts = shipped_layouts()
    chosen = get_profile(ws, profile) if profile else None
    rendered = calibration_pdf(layouts.by_code(layout), layouts, placement_of(chosen), chosen.name if chosen else "")
    written = write_atomically(rendered.data, target)
    with ws.store.transaction():
        ws.store.log("export", "printer_profile", chosen.id if chosen else "",
                     f"Xuất trang căn chỉnh máy in ({layout}) ra tệp {written}")
    return written, Changes()
