"""The model report's statistical table (report 164/BC-UBND, 2020), transcribed, plus a reader for the
plain-text original in ../shared/reference when it is present."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

# key: (c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14) exactly as printed ("" = empty cell).
SEED_ROWS: dict[str, tuple[str, ...]] = {
    "I.1": ("542", "364", "67%", "145", "27%", "22", "65", "397", "73%", "44", "265", ""),
    "I.2": ("1984", "1984", "100%", "1984", "100%", "297", "1687", "", "", "", "", ""),
    "I.3": ("342", "342", "100%", "342", "100%", "201", "141", "", "", "", "", ""),
    "I.4": ("148", "", "", "148", "100%", "", "", "", "", "", "", ""),
    "II.1": ("9", "", "", "9", "100%", "", "", "", "", "", "", ""),
    "II.2": ("1", "", "", "1", "100%", "", "", "", "", "", "", ""),
    "II.3": ("27", "", "", "27", "100%", "", "", "", "", "", "", ""),
    "II.4": ("5", "5", "100%", "5", "100%", "5", "", "", "", "", "", ""),
    "II.5": ("48", "30", "62.5%", "47", "98%", "29", "", "1", "2%", "1", "", ""),
    "II.6": ("4", "", "", "4", "100%", "", "", "", "", "", "", ""),
    "III.1": ("1", "0", "", "1", "100%", "", "", "", "", "", "", "HCLĐ hạng Nhi"),
    "III.2": ("2", "0", "", "2", "100%", "", "", "", "", "", "", ""),
    "III.3": ("3", "0", "", "3", "100%", "", "", "", "", "", "", ""),
}
COLUMNS = ("c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11", "c12", "c13", "c14")


def read_seed_table(path: Path) -> dict[str, tuple[str, ...]]:
    """Rows of the table at the end of the plain-text model report."""
    text = path.read_text(encoding="utf-8")
    table = text[text.index("BIỂU TỔNG HỢP KẾT QUẢ KHEN THƯỞNG"):]
    rows: dict[str, tuple[str, ...]] = {}
    group = ""
    for line in table.splitlines():
        cells = line.split("\t")
        if cells[0] in ("I", "II", "III"):
            group = cells[0]
        elif cells[0].isdigit() and len(cells) >= 3 and group:
            values = [c.strip() for c in cells[2:14]]
            values += [""] * (12 - len(values))
            rows[f"{group}.{cells[0]}"] = tuple(values)
    return rows


def normalise(cell: str) -> object:
    """Seed text → comparable value: counts as int, percentages as Decimal, zero counts as empty."""
    cell = cell.strip()
    if not cell or cell == "0":
        return None
    if cell.endswith("%"):
        return Decimal(cell[:-1].replace(",", "."))
    if cell.isdigit():
        return int(cell)
    return cell
