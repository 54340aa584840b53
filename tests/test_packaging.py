"""The wheel carries the resources and the migrations, and works from another folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{result.stdout}\n{result.stderr}")
    return next(out.glob("emulation_desk-*.whl"))


def test_wheel_contains_resources_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("emulation_desk/_resources/catalog/catalog.toml", "emulation_desk/_resources/demo/demo.toml",
                   "emulation_desk/_resources/fonts/LiberationSerif-Regular.ttf",
                   "emulation_desk/_resources/fonts/LICENSE-LiberationFonts.txt",
                   "emulation_desk/storage/migrations/0001_initial.sql"):
        assert needed in names, needed


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "EMULATION_DESK_DATA_DIR": str(tmp_path / "data")}
    env.pop("EMULATION_DESK_RESOURCES", None)
    where = subprocess.run([sys.executable, "-c", "import emulation_desk.resources as r; print(r.resources_dir())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(target)
    result = subprocess.run([sys.executable, "-m", "emulation_desk", "--demo", "stats", "--year", "2020", "--json"],
                            cwd=elsewhere, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr
    rows = {f"{r['group']}.{r['no']}": r for r in json.loads(result.stdout)["rows"]}
    assert rows["I.2"]["c3"] == 1984 and rows["II.5"]["c4"] == 30
