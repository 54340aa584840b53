"""The documents' typeface: Times New Roman where the PC has it, else the bundled Liberation Serif 2.

Decree 30/2020 asks for Times New Roman, which every Windows PC has but which may not be shipped.
Liberation Serif 2 (SIL OFL, licence beside the files in ``resources/fonts``) has the same metrics and
every Vietnamese letter, so a page lays out identically with either. :func:`choose_font_files` is the one
place that decides; :func:`document_fonts` registers the chosen faces with reportlab once; a face parsed
while choosing is registered as it is, never parsed twice. (Parsing takes about 3 ms a face; a pickled copy
on disk was measured to save under 2 ms a face, not worth a cache.)
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from emulation_desk.resources import resource_path

FACES = ("regular", "bold", "italic", "bold_italic")
# File names of Times New Roman per face, as Windows, Debian's ttf-mscorefonts and macOS name them.
TIMES_NAMES: dict[str, tuple[str, ...]] = {
    "regular": ("times.ttf", "times_new_roman.ttf", "times new roman.ttf"),
    "bold": ("timesbd.ttf", "times_new_roman_bold.ttf", "times new roman bold.ttf"),
    "italic": ("timesi.ttf", "times_new_roman_italic.ttf", "times new roman italic.ttf"),
    "bold_italic": ("timesbi.ttf", "times_new_roman_bold_italic.ttf", "times new roman bold italic.ttf"),
}
BUNDLED = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
           "italic": "LiberationSerif-Italic.ttf", "bold_italic": "LiberationSerif-BoldItalic.ttf"}
# Override of the folders searched for Times New Roman (os.pathsep-separated; empty = use the bundled font).
ENV_FONT_DIRS = "EMULATION_DESK_FONT_DIRS"
# Letters a font must draw to be used: ơ, ư, đ and the whole precomposed Vietnamese block U+1EA0–U+1EF9.
VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯ" + "".join(chr(c) for c in range(0x1EA0, 0x1EFA))


@dataclass(frozen=True)
class FontChoice:
    """The family to use and the file of each face."""

    family: str  # reportlab name of the regular face; the others add -Bold, -Italic, -BoldItalic
    label: str  # human name, for messages and the benchmark
    files: dict[str, Path]
    # Faces already parsed while choosing (the Vietnamese probe), so that registering does not parse again.
    parsed: dict[str, TTFont] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class DocumentFonts:
    """Registered reportlab font names."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    label: str


def default_font_dirs() -> list[Path]:
    """The usual places of Times New Roman on Windows, Linux and macOS (override: EMULATION_DESK_FONT_DIRS)."""
    override = os.environ.get(ENV_FONT_DIRS)
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"), Path.home() / "Library/Fonts"]
    else:
        dirs += [Path("/usr/share/fonts/truetype/msttcorefonts"), Path("/usr/share/fonts/TTF"),
                 Path("/usr/share/fonts/truetype"), Path.home() / ".local/share/fonts", Path.home() / ".fonts"]
    return dirs


def _find_face(folder: Path, names: tuple[str, ...]) -> Path | None:
    try:
        entries = {entry.name.lower(): entry for entry in folder.iterdir() if entry.is_file()}
    except OSError:
        return None
    for name in names:
        if name in entries:
            return entries[name]
    return None


def _vietnamese_face(path: Path, name: str) -> TTFont | None:
    """The parsed face when it draws every Vietnamese letter, else None."""
    try:
        font = TTFont(name, str(path))
    except (TTFError, OSError, ValueError):
        return None
    glyphs = font.face.charToGlyph
    return font if all(ord(ch) in glyphs for ch in VIETNAMESE) else None


def bundled_choice() -> FontChoice:
    return FontChoice("LiberationSerif", "Liberation Serif (kèm theo chương trình)",
                      {face: resource_path("fonts", name) for face, name in BUNDLED.items()})


def choose_font_files(search_dirs: list[Path] | None = None) -> FontChoice:
    """Times New Roman when one folder holds all four faces and they draw every Vietnamese letter;
    otherwise the bundled Liberation Serif."""
    for folder in default_font_dirs() if search_dirs is None else search_dirs:
        files = {face: _find_face(folder, TIMES_NAMES[face]) for face in FACES}
        if not all(files.values()):
            continue
        parsed: dict[str, TTFont] = {}
        for face, path in files.items():
            font = _vietnamese_face(path, face_names("TimesNewRoman")[face]) if path else None
            if font is None:
                break
            parsed[face] = font
        else:
            return FontChoice("TimesNewRoman", "Times New Roman", {k: v for k, v in files.items() if v}, parsed)
    return bundled_choice()


def face_names(family: str) -> dict[str, str]:
    """The reportlab name of each face of a family."""
    return {"regular": family, "bold": f"{family}-Bold", "italic": f"{family}-Italic",
            "bold_italic": f"{family}-BoldItalic"}


def register_choice(choice: FontChoice) -> DocumentFonts:
    """Register the four faces and map them as one family so that <b> and <i> pick the right face."""
    names = face_names(choice.family)
    for face, name in names.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            font = choice.parsed.get(face)
            pdfmetrics.registerFont(font if font is not None else TTFont(name, str(choice.files[face])))
    pdfmetrics.registerFontFamily(choice.family, normal=names["regular"], bold=names["bold"],
                                  italic=names["italic"], boldItalic=names["bold_italic"])
    for bold, italic, face in ((0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "bold_italic")):
        addMapping(choice.family, bold, italic, names[face])
    return DocumentFonts(names["regular"], names["bold"], names["italic"], names["bold_italic"], choice.label)


@cache
def document_fonts() -> DocumentFonts:
    """The registered document fonts (decided once per run)."""
    try:
        return register_choice(choose_font_files())
    except (TTFError, OSError, ValueError):  # a damaged system font: fall back to the bundled one
        return register_choice(bundled_choice())
