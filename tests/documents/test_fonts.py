"""Choosing the documents' font: Times New Roman where the PC has all four faces, else the bundled one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import getFont

from emulation_desk.documents.fonts import BUNDLED, ENV_FONT_DIRS, choose_font_files, default_font_dirs, register_choice
from emulation_desk.resources import resource_path

WINDOWS_NAMES = {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bold_italic": "timesbi.ttf"}


def fake_times(folder: Path, names: dict[str, str] = WINDOWS_NAMES, skip: str = "") -> Path:
    """A folder that looks like C:\\Windows\\Fonts (Liberation files under Times New Roman's names)."""
    folder.mkdir(parents=True, exist_ok=True)
    for face, name in names.items():
        if face != skip:
            shutil.copyfile(resource_path("fonts", BUNDLED[face]), folder / name)
    return folder


def test_times_new_roman_is_used_when_the_pc_has_it(tmp_path: Path) -> None:
    folder = fake_times(tmp_path / "Fonts")
    choice = choose_font_files([tmp_path / "missing", folder])
    assert choice.family == "TimesNewRoman"
    assert choice.files == {face: folder / name for face, name in WINDOWS_NAMES.items()}


def test_file_names_are_matched_without_case(tmp_path: Path) -> None:
    names = {"regular": "Times_New_Roman.ttf", "bold": "Times_New_Roman_Bold.ttf",
             "italic": "Times_New_Roman_Italic.ttf", "bold_italic": "Times_New_Roman_Bold_Italic.ttf"}
    assert choose_font_files([fake_times(tmp_path, names)]).family == "TimesNewRoman"
    upper = {face: name.upper() for face, name in WINDOWS_NAMES.items()}
    assert choose_font_files([fake_times(tmp_path / "upper", upper)]).family == "TimesNewRoman"


@pytest.mark.parametrize("case", ["no folder", "a face missing", "no Vietnamese letters", "damaged file"])
def test_bundled_liberation_serif_otherwise(tmp_path: Path, case: str) -> None:
    folder = tmp_path / "Fonts"
    if case == "a face missing":
        fake_times(folder, skip="bold_italic")
    elif case == "no Vietnamese letters":
        import reportlab

        fake_times(folder)
        vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # Latin only: would print boxes
        shutil.copyfile(vera, folder / "times.ttf")
    elif case == "damaged file":
        fake_times(folder)
        (folder / "timesbd.ttf").write_bytes(b"not a font")
    choice = choose_font_files([folder])
    assert choice.family == "LiberationSerif"
    assert choice.files["regular"] == resource_path("fonts", "LiberationSerif-Regular.ttf")
    assert resource_path("fonts", "LICENSE-LiberationFonts.txt").exists()


def test_search_folders_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_FONT_DIRS, "")
    assert default_font_dirs() == []
    monkeypatch.setenv(ENV_FONT_DIRS, str(tmp_path))
    assert default_font_dirs() == [tmp_path]
    monkeypatch.delenv(ENV_FONT_DIRS)
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setenv("WINDIR", r"C:\Windows")
    assert Path(r"C:\Windows") / "Fonts" in default_font_dirs()


def test_registered_family_maps_bold_and_italic(tmp_path: Path) -> None:
    from reportlab.lib.fonts import tt2ps

    choice = choose_font_files([fake_times(tmp_path)])
    fonts = register_choice(choice)
    assert (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic) == (
        "TimesNewRoman", "TimesNewRoman-Bold", "TimesNewRoman-Italic", "TimesNewRoman-BoldItalic")
    assert tt2ps("TimesNewRoman", 1, 0) == "TimesNewRoman-Bold"
    assert tt2ps("TimesNewRoman", 1, 1) == "TimesNewRoman-BoldItalic"
    assert getFont("TimesNewRoman-Italic").face.charToGlyph[ord("ữ")]
