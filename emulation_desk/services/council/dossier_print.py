"""The papers of a dossier upward from the records: the data of :class:`~emulation_desk.documents.dossier.DossierPrint`
(nominees with their award history, the council's vote, the regime's forms) and the export — one folder named
by the tờ trình's number and date with each paper as PDF and Word, and a zip of it for sending.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from emulation_desk.core.text import fold, format_date, nfc
from emulation_desk.documents.dossier import (
    AwardLine,
    DossierPrint,
    Minutes,
    Nominee,
    VoteLine,
    minutes_paper,
    report_paper,
    submission_paper,
)
from emulation_desk.documents.paper import Paper
from emulation_desk.errors import KnownError
from emulation_desk.services.common import Changes
from emulation_desk.services.council.dossier import dossier_items, get_dossier, prepare_dossier
from emulation_desk.services.records.org import signing_block
from emulation_desk.services.reporting.decision_data import action_verb, is_title, legal_bases
from emulation_desk.services.workspace import Workspace

GENDERS = {"nam": "Nam", "nu": "Nữ"}
ROLE_LABELS = {"chu_tich": "Chủ tịch Hội đồng", "pho_chu_tich": "Phó Chủ tịch Hội đồng", "uy_vien": "Ủy viên",
               "uy_vien_thu_ky": "Ủy viên, Thư ký Hội đồng"}
NOMINEES_SQL = """
SELECT n.*, i.achievement_text, p.full_name, p.gender, p.birth_date, p.birth_year, p.hometown,
       p.position AS person_position, pu.name AS person_unit, u.name AS unit_title, u.address AS unit_address,
       u.head_count, par.name AS parent_name, h.head_name, h.address AS household_address
FROM dossier_item i JOIN nomination n ON n.id = i.nomination_id
LEFT JOIN person p ON p.id = n.person_id LEFT JOIN unit pu ON pu.id = p.unit_id
LEFT JOIN unit u ON u.id = n.unit_id LEFT JOIN unit par ON par.id = u.parent_id
LEFT JOIN household h ON h.id = n.household_id
WHERE i.dossier_id = ? ORDER BY i.sort_order, i.rowid"""
HISTORY_SQL = """
SELECT d.year, d.number, d.symbol, d.signed_on, d.issuer_name, f.name AS form_name, f.short_name, f.category
FROM decision_recipient r JOIN decision d ON d.id = r.decision_id JOIN award_form f ON f.code = r.form_code
WHERE r.{column} = ? AND d.deleted_at IS NULL AND d.status = 'issued' AND d.year <= ?
ORDER BY d.signed_on, d.number"""


@dataclass(frozen=True)
class DossierExport:
    folder: Path
    archive: Path
    files: tuple[Path, ...]
    warnings: tuple[str, ...]

    def summary(self) -> str:
        return f"Đã ghi {len(self.files)} tệp vào thư mục {self.folder} và tệp nén {self.archive.name}."


def award_history(ws: Workspace, subject: str, nominee_id: str, year: int) -> tuple[AwardLine, ...]:
    """The nominee's awards up to ``year``: form, year, decision number and date, issuer (oldest first)."""
    column = {"ca_nhan": "person_id", "tap_the": "unit_id", "ho_gia_dinh": "household_id"}[subject]
    lines = []
    for r in ws.store.query(HISTORY_SQL.format(column=column), [nominee_id, year]):
        label = f"{r['number']}/{r['symbol']}".strip("/")
        lines.append(AwardLine(r["year"], nfc(r["form_name"]), r["category"] == "danh_hieu",
                               f"Quyết định số {label} ngày {format_date(date.fromisoformat(r['signed_on']))} "
                               f"của {nfc(r['issuer_name'])}"))
    return tuple(lines)


def _nominee(ws: Workspace, row: dict[str, Any]) -> Nominee:
    subject = row["subject"]
    if subject == "ca_nhan":
        birth = (format_date(date.fromisoformat(row["birth_date"])) if row["birth_date"]
                 else str(row["birth_year"] or ""))
        return Nominee(subject, nfc(row["full_name"]), nfc(row["position"] or row["person_position"] or ""),
                       nfc(row["person_unit"] or ""), GENDERS.get(row["gender"] or "", ""), birth,
                       nfc(row["hometown"] or ""), achievement=row["achievement_text"],
                       history=award_history(ws, subject, row["person_id"], row["year"]))
    if subject == "tap_the":
        return Nominee(subject, nfc(row["unit_title"]), "", nfc(row["parent_name"] or ""),
                       head_count=row["head_count"], address=nfc(row["unit_address"] or ""),
                       achievement=row["achievement_text"],
                       history=award_history(ws, subject, row["unit_id"], row["year"]))
    return Nominee(subject, f"Hộ ông (bà) {nfc(row['head_name'])}", "", nfc(row["household_address"] or ""),
                   achievement=row["achievement_text"],
                   history=award_history(ws, subject, row["household_id"], row["year"]))


def _member_line(member: dict[str, Any] | None) -> str:
    if member is None:
        return ""
    return f"Đ/c {member['full_name']}, {member['position']}, {ROLE_LABELS.get(member['role'], 'Ủy viên')}"


def _minutes(ws: Workspace, meeting_id: str | None, form_code: str) -> Minutes | None:
    """The meeting's part on this form: every case of it (those that failed too), with its vote."""
    if not meeting_id:
        return None
    from emulation_desk.services.reporting.council_data import meeting_for_print

    m = meeting_for_print(ws, meeting_id)
    votes = tuple(VoteLine(nfc(r.case["nominee_name"]), nfc(r.case["unit_name"]), r.case["yes"] or 0,
                           r.outcome.base if r.outcome else 0, bool(r.passed))
                  for r in m.results if r.case["form_code"] == form_code)
    absent = tuple(x["full_name"] for x in m.members if m.presence.get(x["id"], "present") == "absent")
    return Minutes(f"Số: {' ' * 6}/{m.symbol}", m.council_name, m.held_on, m.start_time, m.end_time, m.place,
                   _member_line(m.chair), _member_line(m.secretary), len(m.members), m.taking_part, absent, votes,
                   m.chair["full_name"] if m.chair else "", m.secretary["full_name"] if m.secretary else "")


def _province_chair(parent_body: str) -> str:
    """"UBND TỈNH NAM ĐỊNH" → "Chủ tịch Ủy ban nhân dân tỉnh Nam Định"."""
    text = re.sub(r"^(UBND|ỦY BAN NHÂN DÂN)\s+", "", nfc(parent_body).strip(), flags=re.IGNORECASE)
    level, _, name = text.partition(" ")
    return f"Chủ tịch Ủy ban nhân dân {level.lower()} {name.title()}".strip() if text else "Chủ tịch UBND tỉnh"


def dossier_for_print(ws: Workspace, dossier_id: str) -> DossierPrint:
    dossier = get_dossier(ws, dossier_id)
    org = ws.organisation()
    if org is None:
        raise KnownError("Chưa có thông tin cơ quan nên chưa in được hồ sơ. Hãy nhập trong phần Cài đặt.")
    form = ws.catalog().form(dossier["form_code"])
    dated = date.fromisoformat(dossier["dated_on"])
    regime = ws.catalog().regime_for(dated)
    rows = ws.store.query(NOMINEES_SQL, [dossier_id])
    signer = ws.store.get("signatory", dossier["signer_id"]) if dossier["signer_id"] else None
    signer = signer or {"full_name": "", "position": org["head_title"], "is_head": 1}
    lines = signing_block(signer, collective_title=org["collective_title"], head_title=org["head_title"],
                          on_behalf_of_body=True)
    chair = _province_chair(org["parent_body"])
    decider = chair if form.level == "bo_tinh" else nfc(form.authority)
    verb = action_verb(form, dated)
    shared = {nfc(r["achievement"]).strip() for r in rows}
    body_name = nfc(org["collective_title"]).capitalize() + " " + _after_body(org)
    return DossierPrint(
        org["parent_body"], org["issuing_body"], body_name, org["place_name"], dossier["number"],
        dossier["symbol"] or org["symbol_submission"], dated, dossier["year"], regime.code if regime else "",
        form.short_name, is_title(form), verb, chair, decider,
        legal_bases(ws, {"legal_bases": "[]", "signed_on": dossier["dated_on"]}, org["provincial_regulation"]),
        tuple(lines), nfc(signer["full_name"]), ("Như trên;", f"Lưu: VT, {org['office_code']}.".replace(", .", ".")),
        tuple(_nominee(ws, r) for r in rows),
        _minutes(ws, dossier["meeting_id"], dossier["form_code"]),
        shared.pop().rstrip(" .") if len(shared) == 1 and "" not in shared else "")


def _after_body(org: dict[str, Any]) -> str:
    """"ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH" → "thành phố Nam Định" (the body's place as written in a text)."""
    issuing, collective = nfc(org["issuing_body"]), nfc(org["collective_title"])
    rest = issuing[len(collective):].strip() if issuing.upper().startswith(collective.upper()) else issuing
    level, _, name = rest.partition(" ")
    words = rest.split()
    if len(words) >= 2 and words[0].upper() in ("THÀNH", "THỊ"):
        return f"{' '.join(words[:2]).lower()} {' '.join(words[2:]).title()}"
    return f"{level.lower()} {name.title()}".strip()


def dossier_papers(ws: Workspace, dossier_id: str) -> list[Paper]:
    d = dossier_for_print(ws, dossier_id)
    papers = [submission_paper(d)]
    minutes = minutes_paper(d)
    if minutes:
        papers.append(minutes)
    papers += [report_paper(d, n, i, slug(n.name)) for i, n in enumerate(d.nominees)]
    return papers


def slug(text: str) -> str:
    """ASCII file-name part: "Trần Văn Đức" → "tran-van-duc"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).replace("đ", "d")).strip("-")[:60] or "x"


def folder_name(dossier: dict[str, Any]) -> str:
    number = slug(dossier["number"]) if dossier["number"].strip() else "chua-so"
    return f"to-trinh-{number}-{slug(dossier['symbol'] or 'ttr')}-ngay-{dossier['dated_on']}"


def _write_folder(parent: Path, name: str, papers: list[Paper]) -> tuple[Path, Path]:
    """Every paper as PDF and Word in ``parent/name`` and its zip beside it, all-or-nothing: the folder and the
    zip are written under temporary names first (a full disk or a failure leaves nothing half-written, the
    earlier folder and zip stay as they were), then renamed in place."""
    from emulation_desk.documents.paper_docx import paper_docx
    from emulation_desk.documents.paper_pdf import paper_pdf

    folder = parent / name
    archive = folder.with_suffix(".zip")
    temp = parent / f".{name}.tmp"
    temp_zip = parent / f".{name}.zip.tmp"
    shutil.rmtree(temp, ignore_errors=True)
    try:
        temp.mkdir(parents=True)
        for paper in papers:
            (temp / f"{paper.stem}.pdf").write_bytes(paper_pdf(paper))
            (temp / f"{paper.stem}.docx").write_bytes(paper_docx(paper))
        with temp_zip.open("wb") as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as z:
                for path in sorted(temp.iterdir()):
                    z.write(path, f"{name}/{path.name}")
            handle.flush()
            os.fsync(handle.fileno())
        shutil.rmtree(folder, ignore_errors=True)
        temp.rename(folder)
        os.replace(temp_zip, archive)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)  # nothing half-written is left behind
        with contextlib.suppress(OSError):
            temp_zip.unlink(missing_ok=True)
        raise
    return folder, archive


def export_dossier(ws: Workspace, year: int, form_code: str, out: Path | str, *, dated_on: Any = None,
                   number: str = "") -> tuple[DossierExport, Changes]:
    """Prepare (or complete) the dossier of a form and year and write its folder and zip under ``out``."""
    created = prepare_dossier(ws, year, form_code, dated_on=dated_on, number=number)
    return write_dossier(ws, created.id, out), created.changes


def write_dossier(ws: Workspace, dossier_id: str, out: Path | str) -> DossierExport:
    """Write one dossier's folder (every paper as PDF and Word) and its zip under ``out``, and note the folder."""
    dossier = get_dossier(ws, dossier_id)
    papers = dossier_papers(ws, dossier_id)
    try:
        folder, archive = _write_folder(Path(out), folder_name(dossier), papers)
    except OSError as exc:
        from emulation_desk.documents.output import folder_error

        known = folder_error(Path(out), exc)
        raise type(known)(f"Không ghi được hồ sơ vào thư mục {out} (không có tệp nào bị ghi dở). {known.message}",
                          details=known.details) from exc
    files = tuple(sorted(folder.iterdir()))
    warnings = [] if dossier["meeting_id"] else ["Chưa có biên bản họp Hội đồng cho các đề nghị này; hồ sơ "
                                                 "thiếu biên bản (hãy ghi kết quả họp Hội đồng trước)."]
    missing = sum(1 for i in dossier_items(ws, dossier_id) if not i["achievement_text"].strip())
    if missing:
        warnings.append(f"{missing} báo cáo thành tích còn chờ viết phần thành tích (trong tệp Word).")
    with ws.store.transaction():
        ws.store.update("dossier", dossier_id, {"folder": str(folder)[:1000]},
                        summary=f"Xuất hồ sơ đề nghị cấp trên ra thư mục {folder}")
    return DossierExport(folder, archive, files, tuple(warnings))


def dossier_paper(ws: Workspace, dossier_id: str, stem: str) -> Paper:
    """One paper of a dossier by its file stem ("01-to-trinh", "02-bien-ban-hop-hoi-dong", "03-bao-cao-…")."""
    for paper in dossier_papers(ws, dossier_id):
        if paper.stem == stem:
            return paper
    raise KnownError("Không còn văn bản này trong hồ sơ (danh sách đề nghị của hồ sơ đã thay đổi). Hãy tải lại.")
