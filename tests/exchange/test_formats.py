"""Every way a unit sends the same list imports to the same nominations as its clean .xlsx twin."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from emulation_desk.core import legacy_vn
from emulation_desk.services.awards import imports
from emulation_desk.services.workspace import Workspace, open_workspace
from tests.exchange import formats
from tests.exchange.formats import UNIT, Line

YEAR = 2021


def imported(ws: Workspace) -> list[tuple[Any, ...]]:
    """The nominations of the year as plain tuples: who (name, birth, gender, unit), form, position, text."""
    rows = ws.store.query(
        "SELECT n.subject, n.form_code, n.kind, n.position, n.achievement, coalesce(p.full_name, u.name) AS who, "
        "p.birth_year, p.birth_date, p.gender, coalesce(pu.name, uu.name) AS unit, pr.name AS proposing "
        "FROM nomination n LEFT JOIN person p ON p.id = n.person_id LEFT JOIN unit u ON u.id = n.unit_id "
        "LEFT JOIN unit pu ON pu.id = p.unit_id LEFT JOIN unit uu ON uu.id = u.parent_id "
        "LEFT JOIN unit pr ON pr.id = n.proposing_unit_id WHERE n.year = ? AND n.deleted_at IS NULL", [YEAR])
    return sorted(tuple(r.values()) for r in rows)


def run_import(demo_template: Path, folder: Path, path: Path | None = None, source: Any = None) -> tuple[Any, list]:
    copy = folder / f"{(path.name if path else 'paste')}.sqlite"
    shutil.copyfile(demo_template, copy)
    ws = open_workspace(copy)
    try:
        source = source if source is not None else imports.read_source(path)
        preview = imports.preview_nominations(ws, source, year=YEAR, unit_name=UNIT)
        assert not preview.problems, [p.line() for p in preview.problems]
        imports.commit_import(ws, preview)
        return preview, imported(ws)
    finally:
        ws.close()


@pytest.fixture(scope="module")
def twin(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, ...]]:
    folder = tmp_path_factory.mktemp("twin")
    preview, rows = run_import(demo_template, folder, formats.write_xlsx(folder / "clean.xlsx", formats.canonical()))
    assert len(rows) == 7 and not preview.conversions and not preview.questions
    assert {r[0] for r in rows} == {"ca_nhan", "tap_the"}
    return rows


def _font(encoding: str | None, capitals: bool = False) -> Callable[[str], str]:
    return lambda kind: formats.font_for(encoding, kind, capitals)


def test_the_clean_twin_reads_as_written(twin: list[tuple[Any, ...]]) -> None:
    people = {r[5]: r for r in twin}
    assert people["Nguyễn Thị Loan"][6:9:2] == (1975, "nu")  # an existing record: matched, kept as it is
    assert people["Trần Văn Mới"][6:9] == (1980, "1980-12-15", "nam")
    assert people["Vũ Thị Hường"][6:9] == (1990, None, "nu")
    assert people["Tổ Văn phòng"][:2] == ("tap_the", "TTLDTT")
    assert people["Tổ Văn phòng"][9] == UNIT
    assert people["Trần Văn Mới"][1] == "LDTT" and people["Nguyễn Thị Loan"][1] == "CSTDCS"


CASES: dict[str, Callable[[Path], Path]] = {
    "xls": lambda d: formats.write_xls(d / "list.xls", formats.canonical()),
    "docx": lambda d: formats.write_docx(d / "list.docx", formats.canonical()),
    "form rows xlsx": lambda d: formats.write_xlsx(d / "rows.xlsx", formats.with_form_rows(formats.canonical())),
    "form rows xls": lambda d: formats.write_xls(d / "rows.xls", formats.with_form_rows(formats.canonical())),
    "form rows docx": lambda d: formats.write_docx(d / "rows.docx", formats.with_form_rows(formats.canonical())),
    "nfd xlsx": lambda d: formats.write_xlsx(d / "nfd.xlsx", formats.encoded(formats.canonical(), "nfd")),
    "tcvn3 font xlsx": lambda d: formats.write_xlsx(
        d / "tcvn3.xlsx", formats.encoded(formats.canonical(), legacy_vn.TCVN3, capitals_font=True),
        font=_font(legacy_vn.TCVN3, True)),
    "tcvn3 font xls": lambda d: formats.write_xls(
        d / "tcvn3.xls", formats.encoded(formats.canonical(), legacy_vn.TCVN3, capitals_font=True),
        font=_font(legacy_vn.TCVN3, True)),
    "tcvn3 font docx": lambda d: formats.write_docx(
        d / "tcvn3.docx", formats.encoded(formats.canonical(), legacy_vn.TCVN3), font=_font(legacy_vn.TCVN3)),
    "vni font xlsx": lambda d: formats.write_xlsx(
        d / "vni.xlsx", formats.encoded(formats.canonical(), legacy_vn.VNI), font=_font(legacy_vn.VNI)),
    "vni font xls": lambda d: formats.write_xls(
        d / "vni.xls", formats.encoded(formats.canonical(), legacy_vn.VNI), font=_font(legacy_vn.VNI)),
    "tcvn3 without font": lambda d: formats.write_xlsx(
        d / "tcvn3_plain.xlsx", formats.encoded(formats.with_form_rows(formats.canonical()), legacy_vn.TCVN3)),
    "vni without font": lambda d: formats.write_xlsx(
        d / "vni_plain.xlsx", formats.encoded(formats.canonical(), legacy_vn.VNI)),
}


@pytest.mark.parametrize("label", list(CASES))
def test_each_format_imports_like_its_clean_twin(label: str, twin: list[tuple[Any, ...]], demo_template: Path,
                                                 tmp_path: Path) -> None:
    path = CASES[label](tmp_path)
    preview, rows = run_import(demo_template, tmp_path, path)
    assert rows == twin
    if "tcvn3" in label or "vni" in label:
        assert preview.conversions, "the clerk is told what was converted"
        text = " ".join(c.line() for c in preview.conversions)
        assert ("TCVN3" if "tcvn3" in label else "VNI") in text and "→" in text
        assert ("theo phông chữ" in text) == ("without" not in label)
    else:
        assert not preview.conversions


def test_the_rows_of_the_printed_form_are_each_said_once(demo_template: Path, tmp_path: Path) -> None:
    path = formats.write_xlsx(tmp_path / "rows.xlsx", formats.with_form_rows(formats.canonical()))
    preview, _rows = run_import(demo_template, tmp_path, path)
    kinds = [s.kind for s in preview.skipped]
    assert sorted(kinds) == ["header", "notes", "numbering", "signature", "subtotal"]
    by_kind = {s.kind: s for s in preview.skipped}
    assert by_kind["numbering"].rows == (6, 16, 22)  # under the header and under each repeated header
    assert by_kind["header"].rows == (14, 15, 20, 21)
    assert by_kind["subtotal"].rows == (9, 23) and by_kind["notes"].rows == (24,)
    assert by_kind["signature"].rows == (25,)
    assert "bỏ qua 3 dòng đánh số cột" in by_kind["numbering"].line()
    assert all(s.line() in preview.notes() for s in preview.skipped)


def test_pasted_rows_import_like_the_file(twin: list[tuple[Any, ...]], demo_template: Path, tmp_path: Path) -> None:
    lines = formats.canonical()
    _p, rows = run_import(demo_template, tmp_path, source=imports.read_pasted(formats.as_tsv(lines)))
    assert rows == twin
    word = formats.as_html(formats.encoded(lines, legacy_vn.TCVN3), font=".VnTime")
    preview, rows = run_import(demo_template, tmp_path / "..", source=imports.read_pasted("ignored", html=word))
    assert rows == twin and preview.conversions[0].by_font


def test_a_second_word_table_repeating_the_header_is_skipped(twin: list[tuple[Any, ...]], demo_template: Path,
                                                              tmp_path: Path) -> None:
    """Groups as headings between two tables, each with the header (how many Word lists are laid out)."""
    lines = formats.canonical()
    header = [line for line in lines if line.kind in ("header1", "header2")]
    at = next(i for i, line in enumerate(lines) if line.values == ("II. CÁ NHÂN",))
    two_tables = [*lines[:at], Line("heading", ("II. CÁ NHÂN",)), *header, *lines[at + 1:]]
    path = formats.write_docx(tmp_path / "two.docx", two_tables)
    preview, rows = run_import(demo_template, tmp_path, path)
    assert rows == twin
    assert [s.kind for s in preview.skipped if s.kind == "header"] == ["header"]
