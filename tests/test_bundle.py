"""The frozen one-folder bundle builds from packaging/emulation_desk.spec, passes its self-test, and every
command runs from it, so a module, library or resource missing from the bundle fails here rather than on a
clerk's PC. The command line imports a command's module only when it runs (cli/__init__.py, COMMANDS), and the
commands import openpyxl, ReportLab, python-docx inside functions: PyInstaller's analysis sees none of that, so
each command's help and a few real exports are run from the bundle (about 15 s on top of the build)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from emulation_desk.cli import COMMANDS

REPO = Path(__file__).resolve().parents[1]


def test_self_test_from_the_checkout() -> None:
    result = subprocess.run([sys.executable, "-m", "emulation_desk", "--self-test"], capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Tự kiểm tra: đạt." in result.stdout


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle's console program, built once for this module's tests."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is part of the test extra")
    if shutil.which("objdump") is None:
        pytest.fail("PyInstaller needs binutils (objdump): apt-get install binutils")
    root = tmp_path_factory.mktemp("bundle")
    dist, work = root / "dist", root / "work"
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                            "--distpath", str(dist), "--workpath", str(work), str(REPO / "packaging" / "emulation_desk.spec")],
                           capture_output=True, text=True, timeout=1200, cwd=REPO)
    assert build.returncode == 0, build.stderr[-4000:]
    return dist / "emulation_desk" / "emulation-desk-cli"


def run(program: Path, *args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    env.pop("EMULATION_DESK_RESOURCES", None)
    return subprocess.run([str(program), *args], capture_output=True, text=True, encoding="utf-8", timeout=timeout,
                          env=env, cwd=cwd)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


@pytest.mark.slow
def test_bundle_builds_and_passes_its_self_test(bundle: Path, tmp_path: Path) -> None:
    result = run(bundle, "--self-test", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Tự kiểm tra: đạt." in result.stdout
    version = run(bundle, "--version", cwd=tmp_path, timeout=60)
    assert version.stdout.strip().startswith("emulation-desk ")
    dangling = [p for p in bundle.parent.rglob("*") if p.is_symlink() and not p.exists()]
    assert dangling == [], "links to libraries left out of the bundle"


@pytest.mark.slow
def test_bundle_carries_every_command(bundle: Path, tmp_path: Path) -> None:
    failed = {}
    for command in COMMANDS:
        result = run(bundle, command.name, "--help", cwd=tmp_path, timeout=60)
        if result.returncode != 0 or "Cách dùng: emulation-desk " + command.name not in result.stdout:
            failed[command.name] = (result.stdout + result.stderr)[-600:]
    assert not failed, failed


@pytest.mark.slow
def test_bundle_exports_pdf_and_excel_and_reads_them_back(bundle: Path, tmp_path: Path) -> None:
    table = run(bundle, "--demo", "export", "table", "--year", "2020", "--out", str(tmp_path / "bieu.pdf"),
                cwd=tmp_path)
    assert table.returncode == 0, table.stdout + table.stderr
    assert "BIỂU TỔNG HỢP" in pdf_text(tmp_path / "bieu.pdf").upper()

    listing = run(bundle, "--demo", "decisions", "list", "--year", "2020", cwd=tmp_path)
    assert listing.returncode == 0, listing.stderr
    number = re.search(r"^\s+(\S+/QĐ-UBND)\s.*Giấy khen", listing.stdout, re.M)
    assert number, listing.stdout
    decision = run(bundle, "--demo", "export", "decision", "--number", number.group(1), "--year", "2020",
                   "--out", str(tmp_path / "qd.pdf"), cwd=tmp_path)
    assert decision.returncode == 0, decision.stdout + decision.stderr
    assert "QUYẾT ĐỊNH" in pdf_text(tmp_path / "qd.pdf").upper()

    template = tmp_path / "mau.xlsx"
    made = run(bundle, "--demo", "export", "template", "nominations", "--year", "2020", "--out", str(template), cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "xl/workbook.xml" in zipfile.ZipFile(template).namelist()
    # an empty template read back through openpyxl: nothing to import, said in Vietnamese
    empty = run(bundle, "--demo", "import", "nominations", str(template), "--year", "2020", "--dry-run", cwd=tmp_path)
    assert empty.returncode == 1 and "Không tìm thấy dòng dữ liệu nào để nhập" in empty.stdout + empty.stderr

    found = run(bundle, "--demo", "find", "tran van", "--json", cwd=tmp_path)
    assert found.returncode == 0 and found.stdout.lstrip().startswith(("[", "{")), found.stderr


@pytest.mark.slow
def test_bundle_writes_a_word_dossier(bundle: Path, demo_path: Path, tmp_path: Path) -> None:
    """python-docx builds every document from its own default template, which must travel in the bundle."""
    from emulation_desk.services.workspace import open_workspace
    from tests.certificates.dossier_setup import FORM, YEAR, forwarded_scene

    ws = open_workspace(demo_path)
    try:
        forwarded_scene(ws)
    finally:
        ws.close()
    out = tmp_path / "ho-so"
    result = run(bundle, "--db", str(demo_path), "export", "dossier", "--year", str(YEAR), "--form", FORM,
                 "--out", str(out), "--date", "01/12/2021", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    words = list(out.rglob("*.docx"))
    assert words and all("word/document.xml" in zipfile.ZipFile(w).namelist() for w in words)
