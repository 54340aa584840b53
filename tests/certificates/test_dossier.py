"""The dossier upward: its papers as PDF and Word from the same data (header table, history rows = the
nominee's awards, the same text), one folder by tờ trình number and date with a zip, the regime's report
form, and the status prepared → sent → decided."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn

from emulation_desk.documents.dossier import ACHIEVEMENT_PLACEHOLDER
from emulation_desk.documents.paper_docx import paper_docx
from emulation_desk.documents.paper_pdf import paper_pdf
from emulation_desk.errors import KnownError
from emulation_desk.services.awards.decisions import record_received
from emulation_desk.services.council.dossier import (
    close_dossier,
    get_dossier,
    mark_sent,
    prepare_dossier,
    set_achievement,
)
from emulation_desk.services.council.dossier_print import dossier_papers, export_dossier
from emulation_desk.services.workspace import Workspace
from tests.certificates.dossier_setup import FORM, YEAR, forwarded_scene


def words(text: str) -> str:
    return " ".join(text.split())


def docx_paragraphs(path_or_doc: object) -> list[str]:
    doc = Document(path_or_doc) if not hasattr(path_or_doc, "element") else path_or_doc  # type: ignore[arg-type]
    return [words("".join(t.text or "" for t in p.iter(qn("w:t")))) for p in doc.element.body.iter(qn("w:p"))]


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as doc:
        return words(" ".join(page.extract_text() or "" for page in doc.pages))


def in_order(needle: str, haystack: str) -> bool:
    """The words of ``needle`` appear in ``haystack`` in order (table cells wrap and interleave in a PDF)."""
    rest = iter(haystack.split())
    return all(any(w == x for x in rest) for w in needle.split())


@pytest.fixture
def scene(demo_ws: Workspace) -> dict[str, object]:
    return forwarded_scene(demo_ws)


def test_folder_zip_and_same_text_in_pdf_and_word(demo_ws: Workspace, scene: dict[str, object],
                                                  tmp_path: Path) -> None:
    result, _ = export_dossier(demo_ws, YEAR, FORM, tmp_path, dated_on="2021-12-01", number="15")
    assert result.folder.name == "to-trinh-15-ttr-ubnd-ngay-2021-12-01"
    stems = sorted({p.stem for p in result.files})
    assert stems[:2] == ["01-to-trinh", "02-bien-ban-hop-hoi-dong"] and len(stems) == 2 + len(scene["passed"])
    assert all((result.folder / f"{s}{suffix}").exists() for s in stems for suffix in (".pdf", ".docx"))
    with zipfile.ZipFile(result.archive) as z:
        assert sorted(z.namelist()) == sorted(f"{result.folder.name}/{p.name}" for p in result.files)
    dossier_id = get_dossier(demo_ws, demo_ws.store.scalar("SELECT id FROM dossier"))["id"]
    for paper in dossier_papers(demo_ws, dossier_id):
        pdf = pdf_text(result.folder / f"{paper.stem}.pdf")
        docx = " ".join(docx_paragraphs(str(result.folder / f"{paper.stem}.docx")))
        for text in paper.texts():
            assert words(text) in docx, (paper.stem, text)
            assert words(text) in pdf or in_order(words(text), pdf), (paper.stem, text)
        assert ACHIEVEMENT_PLACEHOLDER[:40] not in pdf
    assert "Số: 15/TTr-UBND" in pdf_text(result.folder / "01-to-trinh.pdf")


def test_word_header_table_and_history_rows(demo_ws: Workspace, scene: dict[str, object], tmp_path: Path) -> None:
    result, _ = export_dossier(demo_ws, YEAR, FORM, tmp_path, dated_on="2021-12-01")
    submission = Document(str(result.folder / "01-to-trinh.docx"))
    header = submission.tables[0]
    assert len(header.columns) == 2
    left, right = (words(cell.text) for cell in header.rows[0].cells)
    assert "ỦY BAN NHÂN DÂN THÀNH PHỐ NAM ĐỊNH" in left and "Số: /TTr-UBND" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Nam Định, ngày 01 tháng 12 năm 2021" in right
    assert header._tbl.tblPr.find(qn("w:tblBorders")).find(qn("w:top")).get(qn("w:val")) == "nil"
    section = submission.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm), round(section.top_margin.mm)) == (30, 15, 20)
    assert submission.styles["Normal"].font.name == "Times New Roman"
    assert "TỜ TRÌNH" in docx_paragraphs(submission)
    person = scene["people"][0]  # type: ignore[index]
    report = next(p for p in result.files if p.suffix == ".docx" and p.stem.endswith("bui-anh-lam"))
    assert person["full_name"] == "Bùi Anh Lâm"
    doc = Document(str(report))
    history = [tuple(words(c.text) for c in row.cells) for t in doc.tables[1:] for row in t.rows[1:]]
    expected = demo_ws.store.query(
        """SELECT d.year, f.name, d.number, d.symbol FROM decision_recipient r JOIN decision d ON d.id = r.decision_id
           JOIN award_form f ON f.code = r.form_code WHERE r.person_id = ? AND d.status = 'issued' AND d.year <= ?
           ORDER BY f.category = 'danh_hieu' DESC, d.signed_on""", [person["id"], YEAR])
    assert len(history) == len(expected) >= 2
    for row, award in zip(history, expected, strict=True):
        assert row[0] == str(award["year"]) and row[1] == award["name"]
        assert row[2].startswith(f"Quyết định số {award['number']}/{award['symbol']} ngày ")
    assert ACHIEVEMENT_PLACEHOLDER in docx_paragraphs(doc)
    assert "Mẫu số 02 (kèm theo Nghị định số 91/2017/NĐ-CP)" in docx_paragraphs(doc)


def test_clerks_achievement_text_replaces_the_placeholder(demo_ws: Workspace, scene: dict[str, object]) -> None:
    created = prepare_dossier(demo_ws, YEAR, FORM, dated_on="2021-12-01")
    nomination = scene["passed"][0]  # type: ignore[index]
    set_achievement(demo_ws, created.id, nomination, "Hoàn thành xuất sắc nhiệm vụ được giao.\nCó 02 sáng kiến.")
    papers = dossier_papers(demo_ws, created.id)
    written = [p for p in papers if "Có 02 sáng kiến." in list(p.texts())]
    assert len(written) == 1
    report = written[0]
    assert ACHIEVEMENT_PLACEHOLDER not in list(report.texts(with_placeholders=True))
    assert sum(ACHIEVEMENT_PLACEHOLDER in list(p.texts(with_placeholders=True)) for p in papers) == len(papers) - 3
    pdf, docx = paper_pdf(report), paper_docx(report)
    assert pdf.startswith(b"%PDF") and docx[:2] == b"PK"


def test_regime_chooses_the_report_form(demo_ws: Workspace, scene: dict[str, object]) -> None:
    created = prepare_dossier(demo_ws, YEAR, FORM, dated_on="2025-08-01")
    papers = dossier_papers(demo_ws, created.id)
    labels = {p.header.form_label for p in papers[2:]}
    assert labels == {"Mẫu số 05 (kèm theo Nghị định số 152/2025/NĐ-CP)",
                      "Mẫu số 04 (kèm theo Nghị định số 152/2025/NĐ-CP)"}


def test_status_prepared_sent_decided(demo_ws: Workspace, scene: dict[str, object]) -> None:
    created = prepare_dossier(demo_ws, YEAR, FORM, dated_on="2021-12-01")
    dossier_id = created.id
    assert get_dossier(demo_ws, dossier_id)["status"] == "prepared"
    with pytest.raises(KnownError, match="Hãy ghi ngày gửi"):
        close_dossier(demo_ws, dossier_id, "x")
    with pytest.raises(Exception, match="trước ngày tờ trình"):
        mark_sent(demo_ws, dossier_id, sent_on="2021-11-30", number="15")
    mark_sent(demo_ws, dossier_id, sent_on="2021-12-03", number="15")
    sent = get_dossier(demo_ws, dossier_id)
    assert (sent["status"], sent["number"], sent["sent_on"]) == ("sent", "15", "2021-12-03")
    people = scene["people"]  # type: ignore[assignment]
    passed = scene["passed"]  # type: ignore[assignment]
    awarded = [n for n in passed if demo_ws.store.get("nomination", n)["person_id"]][:1]
    person_id = demo_ws.store.get("nomination", awarded[0])["person_id"]
    decision = record_received(
        demo_ws, [{"subject": "ca_nhan", "person_id": person_id}], number="412", symbol="QĐ-UBND",
        signed_on="2022-01-20", issuer_level="tinh", issuer_name="Chủ tịch UBND tỉnh Nam Định", kind="cong_trang",
        form_code=FORM, title="Về việc tặng Bằng khen")
    # recording the received decision closes the sent dossier it answers
    assert dossier_id in decision.changes.ids and decision.changes.nominations
    closed = get_dossier(demo_ws, dossier_id)
    assert (closed["status"], closed["decision_id"]) == ("decided", decision.id)
    with pytest.raises(KnownError, match="đã ghi quyết định của cấp trên rồi"):
        close_dossier(demo_ws, dossier_id, decision.id)
    statuses = {n: demo_ws.store.get("nomination", n)["status"] for n in passed}
    assert statuses[awarded[0]] == "decided"
    assert sorted(statuses.values()) == ["decided", "rejected", "rejected"]
    assert len(people) == 3


def test_nothing_forwarded_is_a_clear_message(demo_ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="không có đề nghị “Bằng khen của Chủ tịch UBND tỉnh” nào ở trạng thái"):
        export_dossier(demo_ws, 2021, FORM, tmp_path)


def test_command_line_export_sent_decided(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from emulation_desk.cli import run
    from emulation_desk.services.workspace import open_workspace

    ws = open_workspace(demo_path)
    try:
        scene = forwarded_scene(ws)
        person_id = ws.store.get("nomination", scene["passed"][0])["person_id"]  # type: ignore[index]
        record_received(ws, [{"subject": "ca_nhan", "person_id": person_id}], number="412", symbol="QĐ-UBND",
                        signed_on="2022-01-20", issuer_level="tinh", issuer_name="Chủ tịch UBND tỉnh Nam Định",
                        kind="cong_trang", form_code=FORM, title="Về việc tặng Bằng khen")
    finally:
        ws.close()
    db = ["--db", str(demo_path)]
    assert run([*db, "export", "dossier", "--year", "2021", "--form", FORM, "--out", str(tmp_path),
                "--date", "01/12/2021"]) == 0
    out = capsys.readouterr().out
    assert "Đã ghi 10 tệp vào thư mục" in out and "to-trinh-chua-so-ttr-ubnd-ngay-2021-12-01.zip" in out
    assert "3 báo cáo thành tích còn chờ viết phần thành tích" in out
    assert run([*db, "dossier", "decided", "--year", "2021", "--form", FORM, "--decision", "412"]) == 1
    assert "Hãy ghi ngày gửi" in capsys.readouterr().err
    assert run([*db, "dossier", "sent", "--year", "2021", "--form", FORM, "--number", "15", "--date",
                "03/12/2021"]) == 0
    assert run([*db, "dossier", "decided", "--year", "2021", "--form", FORM, "--decision", "412"]) == 0
    assert "1 được khen thưởng, 2 không có trong quyết định" in capsys.readouterr().out
    assert run([*db, "dossier", "list", "--year", "2021"]) == 0
    assert ("Bằng khen của Chủ tịch UBND tỉnh: tờ trình số 15/TTr-UBND ngày 01/12/2021, 3 đề nghị — Cấp trên đã "
            "quyết định, gửi ngày 03/12/2021") in capsys.readouterr().out


def test_unwritable_folder_is_a_clear_message(demo_ws: Workspace, scene: dict[str, object], tmp_path: Path) -> None:
    place = tmp_path / "out"
    place.mkdir()
    blocker = place / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(KnownError, match="Không ghi được hồ sơ vào thư mục"):
        export_dossier(demo_ws, YEAR, FORM, blocker, dated_on="2021-12-01")
    assert sorted(p.name for p in place.iterdir()) == ["not-a-folder"]


def test_the_registry_writes_the_dossier_the_command_line_writes(demo_path: Path, tmp_path: Path) -> None:
    """``export dossier`` is the registry's "dossier": the same papers (PDF bytes, Word text) in the same folder."""
    import shutil

    from emulation_desk.cli import run
    from emulation_desk.services.reporting.registry import export_document
    from emulation_desk.services.workspace import open_workspace

    ws = open_workspace(demo_path)
    try:
        forwarded_scene(ws)
    finally:
        ws.close()
    twin = tmp_path / "twin.sqlite"
    shutil.copyfile(demo_path, twin)
    cli, direct = tmp_path / "cli", tmp_path / "direct"
    assert run(["--db", str(demo_path), "export", "dossier", "--year", str(YEAR), "--form", FORM, "--out", str(cli),
                "--date", "01/12/2021", "--number", "15"]) == 0
    ws = open_workspace(twin)
    try:
        written = export_document(ws, "dossier", direct, year=YEAR, form=FORM, dated_on="01/12/2021", number="15")
        assert written.changes is not None and written.changes.ids  # the dossier prepared, for the window
    finally:
        ws.close()
    (cli_folder,) = [p for p in cli.iterdir() if p.is_dir()]
    assert written.path == direct / cli_folder.name and written.warnings
    names = sorted(p.name for p in cli_folder.iterdir())
    assert names == sorted(p.name for p in written.path.iterdir()) and len(names) == 10
    for name in names:
        ours, theirs = cli_folder / name, written.path / name
        if name.endswith(".pdf"):
            assert ours.read_bytes() == theirs.read_bytes(), name
        else:
            assert docx_paragraphs(ours) == docx_paragraphs(theirs), name
