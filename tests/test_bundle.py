"""The frozen one-folder bundle builds from packaging/emulation_desk.spec and passes its self-test, so a
resource missing from the bundle fails here rather than on a clerk's PC."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_self_test_from_the_checkout() -> None:
    result = subprocess.run([sys.executable, "-m", "emulation_desk", "--self-test"], capture_output=True, text=True,
                            encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Tự kiểm tra: đạt." in result.stdout


@pytest.mark.slow
def test_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    pytest.importorskip("PyInstaller", reason="PyInstaller is part of the test extra")
    if shutil.which("objdump") is None:
        pytest.fail("PyInstaller needs binutils (objdump): apt-get install binutils")
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                            "--distpath", str(dist), "--workpath", str(work), str(REPO / "packaging" / "emulation_desk.spec")],
                           capture_output=True, text=True, timeout=1200, cwd=REPO)
    assert build.returncode == 0, build.stderr[-4000:]
    program = dist / "emulation_desk" / "emulation-desk-cli"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run([str(program), "--self-test"], capture_output=True, text=True, encoding="utf-8",
                            timeout=300, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Tự kiểm tra: đạt." in result.stdout
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True, timeout=60, env=env)
    assert version.stdout.strip().startswith("emulation-desk ")
