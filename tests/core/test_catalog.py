"""The shipped award catalog: consistency, lookups by decision date, and the figures of legal.md §3."""

import dataclasses
import unicodedata
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from emulation_desk.core.catalog import (
    COEFFICIENTS_OF,
    SUBJECTS,
    Catalog,
    CatalogError,
    load_catalog,
    validate_catalog,
)

CATALOG_PATH = Path(__file__).parents[2] / "resources" / "catalog" / "catalog.toml"
VIETNAMESE_LETTERS = set("ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ")


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return load_catalog(CATALOG_PATH)


def _replace(items: tuple, match, **changes) -> tuple:
    hits = [i for i, item in enumerate(items) if match(item)]
    assert len(hits) == 1
    out = list(items)
    out[hits[0]] = dataclasses.replace(out[hits[0]], **changes)
    return tuple(out)


def _form(cat: Catalog, code: str, **changes) -> Catalog:
    return dataclasses.replace(cat, forms=_replace(cat.forms, lambda f: f.code == code, **changes))


def _regime(cat: Catalog, code: str, **changes) -> Catalog:
    return dataclasses.replace(cat, regimes=_replace(cat.regimes, lambda r: r.code == code, **changes))


def _is_vietnamese(message: str) -> bool:
    return any(ch in VIETNAMESE_LETTERS for ch in message.lower())


# ---------------------------------------------------------------------------------------------------- loading


def test_shipped_catalog_is_consistent(cat):
    assert cat.version >= 1
    assert validate_catalog(cat) == []


def test_default_path_is_the_shipped_file(cat):
    assert load_catalog() == cat


def test_shipped_file_is_nfc():
    assert unicodedata.is_normalized("NFC", CATALOG_PATH.read_text(encoding="utf-8"))


def test_all_strings_are_nfc(cat):
    strings: list[str] = []

    def walk(obj):
        if isinstance(obj, str):
            strings.append(obj)
        elif isinstance(obj, tuple):
            for item in obj:
                walk(item)
        elif dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name))

    walk(cat)
    assert len(strings) > 500
    assert [s for s in strings if not unicodedata.is_normalized("NFC", s)] == []


def test_loader_normalises_nfd_input(tmp_path):
    text = CATALOG_PATH.read_text(encoding="utf-8")
    nfd = tmp_path / "catalog.toml"
    nfd.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    loaded = load_catalog(nfd)
    assert loaded.form("LDTT").name == "Lao động tiên tiến"
    assert validate_catalog(loaded) == []


# ------------------------------------------------------------------------------------------ corrupted copies

CORRUPTIONS = [
    ("overlapping regimes",
     lambda c: _regime(c, "ND98_2023", valid_from=date(2023, 12, 1)), "chồng lấn"),
    ("gap between regimes",
     lambda c: _regime(c, "ND98_2023", valid_from=date(2024, 1, 5)), "khoảng trống"),
    ("regimes start too late",
     lambda c: _regime(c, "ND91_2017", valid_from=date(2018, 1, 1)), "01/10/2017"),
    ("last regime closed",
     lambda c: _regime(c, "LUAT_2026", valid_to=date(2027, 12, 31)), "để trống ngày kết thúc"),
    ("LUAT_2026 enabled without closing ND152",
     lambda c: _regime(c, "ND152_2025", valid_to=None), "chồng lấn"),
    ("legal basis without ';'",
     lambda c: _regime(c, "ND98_2023", legal_bases=("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",)),
     "dấu «;»"),
    ("unknown placeholder",
     lambda c: _regime(c, "ND98_2023", legal_bases=("Căn cứ {quy_dinh};",)), "{quy_dinh}"),
    ("form pointing at a missing row",
     lambda c: _form(c, "BK_TINH", stat_row="II.9"), "dòng biểu «II.9» không tồn tại"),
    ("form in a row of another group",
     lambda c: _form(c, "LDTT", stat_row="II.5"), "thuộc nhóm II"),
    ("extra-row form without label",
     lambda c: _form(c, "BMVNAH", extra_row_label=""), "tên dòng bổ sung"),
    ("official row left without forms",
     lambda c: _form(c, "CO_TD_CP", stat_row=None, extra_row_label="Cờ"), "III.2"),
    ("unknown subject",
     lambda c: _form(c, "LDTT", subjects=("ca_nhan", "doanh_nghiep")), "doanh_nghiep"),
    ("duplicate form code",
     lambda c: dataclasses.replace(c, forms=(*c.forms, c.form("LDTT"))), "bị trùng: LDTT"),
    ("coefficient for a missing form",
     lambda c: dataclasses.replace(c, coefficients=(*c.coefficients, dataclasses.replace(
         c.coefficients[0], form="KHONG_CO"))), "«KHONG_CO» không có"),
    ("coefficient for a subject the form does not allow",
     lambda c: dataclasses.replace(c, coefficients=(*c.coefficients, dataclasses.replace(
         c.coefficient_for("LDTT", "ca_nhan", date(2020, 12, 20)), subject="tap_the"))), "không tặng cho tập thể"),
    ("coefficient for a missing regime",
     lambda c: dataclasses.replace(c, coefficients=(*c.coefficients, dataclasses.replace(
         c.coefficients[0], regime="ND_1999"))), "«ND_1999»"),
    ("coefficient for a form no longer granted",
     lambda c: dataclasses.replace(c, coefficients=(*c.coefficients, dataclasses.replace(
         c.coefficient_for("GK_CT_HUYEN", "ca_nhan", date(2020, 1, 1)), regime="ND152_2025"))),
     "không còn/chưa được tặng"),
    ("base salaries not increasing",
     lambda c: dataclasses.replace(c, base_salaries=tuple(reversed(c.base_salaries))), "tăng dần"),
    ("invalid table part",
     lambda c: dataclasses.replace(c, kinds=_replace(c.kinds, lambda k: k.code == "dot_xuat", table_part="khac")),
     "«khac»"),
    ("non-NFC string",
     lambda c: _form(c, "LDTT", name=unicodedata.normalize("NFD", "Lao động tiên tiến")), "NFC"),
]


@pytest.mark.parametrize(("mutate", "expected"), [(m, e) for _, m, e in CORRUPTIONS],
                         ids=[name for name, _, _ in CORRUPTIONS])
def test_corrupted_catalog_is_reported_in_vietnamese(cat, mutate, expected):
    problems = validate_catalog(mutate(cat))
    assert problems, "a corrupted catalog must not validate"
    assert any(expected in p for p in problems), problems
    assert all(_is_vietnamese(p) for p in problems), problems


def test_corrupted_file_copy(tmp_path):
    text = CATALOG_PATH.read_text(encoding="utf-8")
    overlap = 'code = "ND98_2023"\nname = "Luật TĐKT 2022, Nghị định 98/2023/NĐ-CP"\nvalid_from = 2024-01-01'
    missing_row = 'stat_row = "II.5"'
    assert text.count(overlap) == 1 and text.count(missing_row) == 1
    text = text.replace(overlap, overlap.replace("2024-01-01", "2023-06-01")).replace(missing_row, 'stat_row = "II.7"')
    broken = tmp_path / "catalog.toml"
    broken.write_text(text, encoding="utf-8")
    problems = validate_catalog(load_catalog(broken))
    assert any("chồng lấn" in p and "ND91_2017" in p and "ND98_2023" in p for p in problems), problems
    assert any("BK_TINH" in p and "«II.7» không tồn tại" in p for p in problems), problems


LOAD_ERRORS = [
    ("float coefficient", ('value = "7.5"', "value = 7.5"), "dạng chuỗi"),
    ("misspelt key", ('note_kinds = true', 'note_kind = true'), "khóa không hợp lệ note_kind"),
    ("bad date", ("valid_to = 2025-06-30", 'valid_to = "30/06/2025"'), "2019-07-01"),
    ("missing required key", ('code = "LDTT"\n', ""), "thiếu khóa «code»"),
    ("TOML syntax", ("version = 2", "version = = 2"), "TOML"),
]


@pytest.mark.parametrize(("old_new", "expected"), [(o, e) for _, o, e in LOAD_ERRORS],
                         ids=[name for name, _, _ in LOAD_ERRORS])
def test_load_errors_are_clear(tmp_path, old_new, expected):
    old, new = old_new
    text = CATALOG_PATH.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "catalog.toml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(broken)
    assert expected in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(CatalogError, match="Không tìm thấy"):
        load_catalog(tmp_path / "khong_co.toml")


# --------------------------------------------------------------------------------------------- date lookups

# (decision date, regime, base salary, {(form, subject): coefficient})
LOOKUPS = [
    (date(2020, 12, 20), "ND91_2017", 1_490_000,
     {("LDTT", "ca_nhan"): "0.3", ("CSTDCS", "ca_nhan"): "1.0", ("BK_TINH", "ca_nhan"): "1.0",
      ("BK_TTG", "ca_nhan"): "3.5", ("TTLDTT", "tap_the"): "0.8", ("HC_LAO_DONG_2", "tap_the"): "15"}),
    (date(2017, 10, 1), "ND91_2017", 1_300_000, {("LDTT", "ca_nhan"): "0.3"}),
    (date(2019, 6, 30), "ND91_2017", 1_390_000, {}),
    (date(2023, 12, 31), "ND91_2017", 1_800_000, {("BK_TTG", "ca_nhan"): "3.5"}),
    # NĐ 91/2017 Điều 73: Bằng khen của Thủ tướng 3,5; NĐ 98/2023: the same figure (its text not found)
    (date(2024, 1, 1), "ND98_2023", 1_800_000, {("BK_TTG", "ca_nhan"): "3.5"}),
    # NĐ 91/2017 Điều 73.1.d, 73.2.b: Giấy khen of the commune-level Chairman 0,15 / 0,3
    (date(2023, 7, 1), "ND91_2017", 1_800_000, {("GK_CT_XA", "ca_nhan"): "0.15", ("GK_CT_XA", "tap_the"): "0.3"}),
    (date(2024, 3, 15), "ND98_2023", 1_800_000,
     {("GK_CT_XA", "ca_nhan"): "0.15", ("GK_CT_XA", "tap_the"): "0.3", ("XA_TIEU_BIEU", "tap_the"): "2.0"}),
    (date(2025, 6, 30), "ND98_2023", 2_340_000, {("GK_CT_XA", "ca_nhan"): "0.15", ("BK_TINH", "ca_nhan"): "1.0"}),
    (date(2025, 7, 1), "ND152_2025", 2_340_000, {("GK_CT_XA", "ca_nhan"): "0.3"}),
    (date(2025, 8, 10), "ND152_2025", 2_340_000,
     {("GK_CT_XA", "ca_nhan"): "0.3", ("BK_TINH", "ca_nhan"): "1.5", ("BK_TTG", "ca_nhan"): "3.5",
      ("BK_TTG", "tap_the"): "7.0", ("BK_TTG", "ho_gia_dinh"): "5.25",  # NĐ 152/2025 Điều 54.1.a
      ("KNC_BO_TINH", "ca_nhan"): "0.6",  # NĐ 152/2025 Điều 54.1.d: at most 0,6
      ("GK_CT_XA", "ho_gia_dinh"): "0.45", ("GK_CT_XA", "tap_the"): "0.6", ("TTLDTT", "tap_the"): "0.8",
      ("LDTT", "ca_nhan"): "0.3", ("GK_CT_HUYEN", "ca_nhan"): None}),
    (date(2026, 9, 1), "ND152_2025", 2_530_000, {("BK_TINH", "ca_nhan"): "1.5"}),
    (date(2026, 9, 30), "ND152_2025", 2_530_000, {("BK_TTG", "ca_nhan"): "3.5"}),
    # the amended Law from 01/10/2026; Decree 152 still fixes the bonuses
    (date(2026, 10, 1), "LUAT_2026", 2_530_000, {("BK_TTG", "ca_nhan"): "3.5", ("GK_CT_XA", "ca_nhan"): "0.3"}),
    (date(2026, 10, 2), "LUAT_2026", 2_530_000, {("BK_TTG", "ca_nhan"): "3.5", ("GK_CT_XA", "ca_nhan"): "0.3"}),
]


@pytest.mark.parametrize(("day", "regime", "base", "coefficients"), LOOKUPS, ids=[d.isoformat() for d, *_ in LOOKUPS])
def test_lookups_by_decision_date(cat, day, regime, base, coefficients):
    assert cat.regime_for(day).code == regime
    assert cat.base_salary_for(day).amount == base
    for (form, subject), expected in coefficients.items():
        found = cat.coefficient_for(form, subject, day)
        if expected is None:
            assert found is None, (form, subject)
        else:
            assert found is not None, (form, subject)
            assert found.value == Decimal(expected), (form, subject, found)
            assert found.regime == COEFFICIENTS_OF.get(regime, regime)


def test_future_base_salary_is_flagged(cat):
    salary = cat.base_salary_for(date(2026, 9, 1))
    assert salary.amount == 2_530_000 and salary.unconfirmed
    assert not cat.base_salary_for(date(2025, 8, 10)).unconfirmed


def test_the_amended_law_applies_from_01_10_2026_and_is_marked_unconfirmed(cat):
    """Luật 06/2026/QH16, in force 01/10/2026: a regime of its own, flagged unconfirmed (its text not verified)."""
    law = cat.regime("LUAT_2026")
    assert law.valid_from == date(2026, 10, 1) and law.enabled and law.unconfirmed
    assert cat.regime("ND152_2025").valid_to == date(2026, 9, 30)
    assert cat.regime_for(date(2026, 9, 30)).code == "ND152_2025"
    assert cat.regime_for(date(2026, 10, 1)).code == "LUAT_2026"
    assert cat.coefficient_for("LDTT", "ca_nhan", date(2027, 1, 1)).regime == "ND152_2025"  # Decree 152 figures


def test_base_salary_of_2026_is_in_the_catalog(cat):
    """NĐ 161/2026/NĐ-CP: 2.530.000 đ from 01/7/2026 (2.340.000 the day before)."""
    assert cat.base_salary_for(date(2026, 6, 30)).amount == 2_340_000
    salary = cat.base_salary_for(date(2026, 7, 1))
    assert (salary.amount, salary.instrument) == (2_530_000, "Nghị định 161/2026/NĐ-CP")


def test_before_coverage_nothing_resolves(cat):
    assert cat.regime_for(date(2017, 9, 30)) is None
    assert cat.coefficient_for("LDTT", "ca_nhan", date(2017, 9, 30)) is None
    assert cat.base_salary_for(date(2017, 6, 30)) is None


def test_unknown_codes_raise_clear_key_errors(cat):
    with pytest.raises(KeyError, match="KHONG_CO"):
        cat.form("KHONG_CO")
    with pytest.raises(KeyError, match="loại khen thưởng"):
        cat.kind("khong_co")
    assert cat.coefficient_for("KHONG_CO", "ca_nhan", date(2024, 1, 1)) is None


# ------------------------------------------------------------------------------------------ coefficient rules

ENABLED = ["ND91_2017", "ND98_2023", "ND152_2025"]


def _coef(cat: Catalog, form: str, regime: str, subject: str) -> Decimal | None:
    for c in cat.coefficients:
        if (c.form, c.regime, c.subject) == (form, regime, subject):
            return c.value
    return None


@pytest.mark.parametrize("regime", ENABLED)
def test_hcld_nhi_collective_is_double(cat, regime):
    assert _coef(cat, "HC_LAO_DONG_2", regime, "ca_nhan") == Decimal("7.5")
    assert _coef(cat, "HC_LAO_DONG_2", regime, "tap_the") == Decimal("15")


@pytest.mark.parametrize("regime", ENABLED)
def test_every_huan_chuong_collective_is_double(cat, regime):
    for form in cat.forms_in_row("III.1"):
        individual = _coef(cat, form.code, regime, "ca_nhan")
        collective = _coef(cat, form.code, regime, "tap_the")
        if individual is not None and "tap_the" in form.subjects:
            assert collective == 2 * individual, form.code


@pytest.mark.parametrize("regime", ENABLED)
def test_ttldtt_collective(cat, regime):
    assert _coef(cat, "TTLDTT", regime, "tap_the") == Decimal("0.8")


def test_household_is_one_and_a_half_times_individual_under_nd152(cat):
    assert _coef(cat, "GK_CT_XA", "ND152_2025", "ho_gia_dinh") == Decimal("0.45")
    households = [c for c in cat.coefficients if c.subject == "ho_gia_dinh"]
    assert {c.regime for c in households} == {"ND98_2023", "ND152_2025"}
    for c in households:
        assert c.value == Decimal("1.5") * _coef(cat, c.form, c.regime, "ca_nhan"), c
        assert c.unconfirmed == (c.regime == "ND98_2023"), c  # ×1,5 is sourced for ND 152 only


HC_INDIVIDUAL = [("HC_SAO_VANG", "46"), ("HC_HO_CHI_MINH", "30.5"), ("HC_DOC_LAP_1", "15"), ("HC_DOC_LAP_2", "12.5"),
                 ("HC_DOC_LAP_3", "10.5"), ("HC_QUAN_CONG_1", "15"), ("HC_LAO_DONG_1", "9"),
                 ("HC_LAO_DONG_3", "4.5"), ("HC_CHIEN_CONG_2", "7.5"), ("HC_BVTQ_3", "4.5"),
                 ("HC_DAI_DOAN_KET", "7.5"), ("HC_DUNG_CAM", "4.5"), ("BMVNAH", "15.5"), ("AH_LAO_DONG", "15.5"),
                 ("NGND", "12.5"), ("NGUT", "9.0"), ("CSTD_TOAN_QUOC", "4.5"), ("CSTD_TINH", "3.0"),
                 ("CO_TD_CP", None), ("TTLDXS", None)]


@pytest.mark.parametrize("regime", ENABLED)
@pytest.mark.parametrize(("form", "value"), HC_INDIVIDUAL, ids=[f for f, _ in HC_INDIVIDUAL])
def test_figures_unchanged_across_regimes(cat, regime, form, value):
    if value is None:  # collective-only titles
        assert _coef(cat, form, regime, "tap_the") == _coef(cat, form, "ND152_2025", "tap_the") is not None
    else:
        assert _coef(cat, form, regime, "ca_nhan") == Decimal(value)


UNCONFIRMED = [  # (form, regime, subject, flagged) per legal.md §3 markers
    ("GK_CT_XA", "ND91_2017", "ca_nhan", False),  # NĐ 91/2017 Điều 73.1.d (0,15), per issue 14
    ("GK_CT_XA", "ND98_2023", "ca_nhan", False),
    ("GK_CT_XA", "ND152_2025", "tap_the", False),
    ("BK_TTG", "ND98_2023", "ca_nhan", True),
    ("BK_TTG", "ND152_2025", "ca_nhan", False),
    ("BK_TINH", "ND98_2023", "ca_nhan", True),
    ("BK_TINH", "ND152_2025", "tap_the", True),
    ("HUY_CHUONG_CSVV_1", "ND91_2017", "ca_nhan", False),
    ("HUY_CHUONG_CSVV_1", "ND152_2025", "ca_nhan", True),
    ("GT_HO_CHI_MINH", "ND98_2023", "ca_nhan", True),
    ("KNC_BO_TINH", "ND152_2025", "ca_nhan", False),  # NĐ 152/2025 Điều 54.1.d (0,6), per issue 14
    ("BK_TTG", "ND152_2025", "tap_the", False),  # NĐ 152/2025 Điều 54.1.a (7,0)
]


@pytest.mark.parametrize(("form", "regime", "subject", "flagged"), UNCONFIRMED)
def test_unconfirmed_flags_follow_legal_md(cat, form, regime, subject, flagged):
    found = [c for c in cat.coefficients if (c.form, c.regime, c.subject) == (form, regime, subject)]
    assert len(found) == 1
    assert found[0].unconfirmed is flagged
    assert found[0].source


def test_the_amended_law_pays_decree_152_figures(cat):
    """The amending Law changes no bonus: Decree 152/2025 still fixes them (catalog.COEFFICIENTS_OF); a row
    written for LUAT_2026 itself (the clerk's, when a new decree comes) would come first."""
    assert [c for c in cat.coefficients if c.regime == "LUAT_2026"] == []
    for c in (c for c in cat.coefficients if c.regime == "ND152_2025"):
        assert cat.coefficient_for(c.form, c.subject, date(2026, 10, 1)) == c
    own = dataclasses.replace(cat.coefficient_for("LDTT", "ca_nhan", date(2026, 10, 1)), regime="LUAT_2026",
                              value=Decimal("0.35"))
    edited = dataclasses.replace(cat, coefficients=(*cat.coefficients, own))
    assert edited.coefficient_for("LDTT", "ca_nhan", date(2026, 10, 1)).value == Decimal("0.35")


# ----------------------------------------------------------------------------------------- table structure

OFFICIAL_ROWS = [
    ("I.1", "Giấy khen"), ("I.2", "Lao động tiên tiến"), ("I.3", "Chiến sỹ thi đua cơ sở"),
    ("I.4", "Tập thể lao động tiên tiến"), ("II.1", "Cờ thi đua của tỉnh"),
    ("II.2", "Cờ thi đua Bộ, ngành, đoàn thể TW"), ("II.3", "Tập thể lao động xuất sắc"),
    ("II.4", "Chiến sỹ thi đua cấp tỉnh"), ("II.5", "Bằng khen của tỉnh"),
    ("II.6", "Bằng khen Bộ, ngành, đoàn thể TW (nếu có)"), ("III.1", "Huân chương (ghi rõ các loại, các hạng)"),
    ("III.2", "Cờ thi đua của Chính phủ"), ("III.3", "Bằng khen của Thủ tướng Chính phủ"),
]


def test_groups_and_official_rows(cat):
    assert [(g.code, g.title) for g in sorted(cat.groups, key=lambda g: g.sort_order)] == [
        ("I", "KHEN THƯỞNG CỦA ĐƠN VỊ, ĐỊA PHƯƠNG"),
        ("II", "KHEN THƯỞNG CẤP TỈNH, CẤP BỘ, NGÀNH TW"),
        ("III", "KHEN THƯỞNG CẤP NHÀ NƯỚC"),
    ]
    assert [(r.key, r.label) for r in cat.rows] == OFFICIAL_ROWS
    assert [r.key for r in cat.rows if r.note_kinds] == ["III.1"]


@pytest.mark.parametrize("row_key", [k for k, _ in OFFICIAL_ROWS])
def test_every_official_row_has_a_form(cat, row_key):
    forms = cat.forms_in_row(row_key)
    assert forms
    assert all(f.stat_group == row_key.split(".")[0] for f in forms)


def test_form_codes_unique(cat):
    codes = [f.code for f in cat.forms]
    assert len(codes) == len(set(codes))
    assert all(code == code.upper() and " " not in code for code in codes)


# (code, row or (group, extra label), subjects ⊇, family, note label)
REQUIRED_FORMS = [
    ("GK_CT_HUYEN", "I.1", {"ca_nhan", "tap_the"}, "giay_khen", ""),
    ("GK_CT_XA", "I.1", {"ca_nhan", "tap_the", "ho_gia_dinh"}, "giay_khen", ""),
    ("GK_THU_TRUONG", "I.1", {"ca_nhan", "tap_the"}, "giay_khen", ""),
    ("LDTT", "I.2", {"ca_nhan"}, "ldtt", ""),
    ("CSTT", "I.2", {"ca_nhan"}, "ldtt", ""),
    ("CSTDCS", "I.3", {"ca_nhan"}, "cstdcs", ""),
    ("TTLDTT", "I.4", {"tap_the"}, "ttldtt", ""),
    ("DVTT", "I.4", {"tap_the"}, "ttldtt", ""),
    ("CO_TD_TINH", "II.1", {"tap_the"}, "co_thi_dua_tinh", ""),
    ("CO_TD_BO", "II.2", {"tap_the"}, "co_thi_dua_bo", ""),
    ("TTLDXS", "II.3", {"tap_the"}, "ttldxs", ""),
    ("DVQT", "II.3", {"tap_the"}, "ttldxs", ""),
    ("CSTD_TINH", "II.4", {"ca_nhan"}, "cstd_tinh", ""),
    ("CSTD_BO", ("II", "Chiến sỹ thi đua cấp bộ, ngành"), {"ca_nhan"}, None, ""),
    ("BK_TINH", "II.5", {"ca_nhan", "tap_the", "ho_gia_dinh"}, "bang_khen_tinh", ""),
    ("BK_BO", "II.6", {"ca_nhan", "tap_the"}, "bang_khen_bo", ""),
    ("HC_LAO_DONG_1", "III.1", {"ca_nhan", "tap_the"}, "huan_chuong_lao_dong", "HCLĐ hạng Nhất"),
    ("HC_LAO_DONG_2", "III.1", {"ca_nhan", "tap_the"}, "huan_chuong_lao_dong", "HCLĐ hạng Nhì"),
    ("HC_LAO_DONG_3", "III.1", {"ca_nhan", "tap_the"}, "huan_chuong_lao_dong", "HCLĐ hạng Ba"),
    ("HC_DOC_LAP_3", "III.1", {"ca_nhan", "tap_the"}, "huan_chuong_doc_lap", "HCĐL hạng Ba"),
    ("HC_DUNG_CAM", "III.1", {"ca_nhan"}, "huan_chuong_dung_cam", "HC Dũng cảm"),
    ("CO_TD_CP", "III.2", {"tap_the"}, "co_thi_dua_cp", ""),
    ("BK_TTG", "III.3", {"ca_nhan", "tap_the"}, "bang_khen_ttg", ""),
    ("CSTD_TOAN_QUOC", ("III", "Chiến sỹ thi đua toàn quốc"), {"ca_nhan"}, "cstd_toan_quoc", ""),
    ("BMVNAH", ("III", "Danh hiệu vinh dự Nhà nước"), {"ca_nhan"}, None, "Bà mẹ VNAH"),
    ("THON_VAN_HOA", ("I", "Danh hiệu văn hóa"), {"tap_the"}, None, None),
    ("GIA_DINH_VAN_HOA", ("I", "Danh hiệu văn hóa"), {"ho_gia_dinh"}, None, None),
    ("XA_TIEU_BIEU", ("II", "Xã, phường tiêu biểu"), {"tap_the"}, None, None),
    ("KNC_BO_TINH", ("II", "Kỷ niệm chương"), {"ca_nhan"}, None, None),
    ("HUY_CHUONG_CSVV_1", ("III", "Huy chương"), {"ca_nhan"}, None, None),
    ("GT_HO_CHI_MINH", ("III", "Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước"), {"ca_nhan"}, None, None),
]


@pytest.mark.parametrize(("code", "where", "subjects", "family", "note"), REQUIRED_FORMS,
                         ids=[r[0] for r in REQUIRED_FORMS])
def test_required_forms(cat, code, where, subjects, family, note):
    form = cat.form(code)
    if isinstance(where, str):
        assert form.stat_row == where and form.extra_row_label == ""
        assert form.stat_group == where.split(".")[0]
    else:
        assert form.stat_row is None
        assert (form.stat_group, form.extra_row_label) == where
    assert subjects <= set(form.subjects) <= set(SUBJECTS)
    if family is not None:
        assert form.family == family
    if note is not None:
        assert form.note_label == note


def test_names_and_ranks(cat):
    assert cat.form("GK_CT_HUYEN").name == "Giấy khen của Chủ tịch UBND cấp huyện"
    assert cat.form("GK_CT_XA").name == "Giấy khen của Chủ tịch UBND cấp xã"
    assert cat.form("BMVNAH").name == "Bà mẹ Việt Nam anh hùng"
    assert cat.form("HC_LAO_DONG_2").short_name == "Huân chương Lao động hạng Nhì"
    ranks = [cat.form(f"HC_LAO_DONG_{n}").rank for n in (3, 2, 1)]
    assert ranks == [1, 2, 3]
    assert all(f.note_label for f in cat.forms_in_row("III.1"))


VALIDITY = [
    ("GK_CT_HUYEN", date(2025, 6, 30), True),
    ("GK_CT_HUYEN", date(2025, 7, 1), False),
    ("GK_CT_XA", date(2019, 1, 1), True),
    ("GK_CT_XA", date(2026, 1, 1), True),
    ("XA_TIEU_BIEU", date(2025, 7, 1), False),
    ("XA_DAC_KHU_TIEU_BIEU", date(2025, 7, 1), True),
    ("HUY_CHUONG_TNXP", date(2023, 12, 31), False),
]


@pytest.mark.parametrize(("code", "day", "valid"), VALIDITY)
def test_form_validity(cat, code, day, valid):
    assert cat.form(code).valid_on(day) is valid


def test_kinds(cat):
    assert [k.code for k in sorted(cat.kinds, key=lambda k: k.sort_order)] == [
        "cong_trang", "chuyen_de", "dot_xuat", "dien_hinh", "cong_hien", "nien_han", "doi_ngoai", "khang_chien"]
    assert cat.kind("cong_trang").name == "Theo công trạng và thành tích"
    assert not cat.kind("chuyen_de").feeds_chains and not cat.kind("dot_xuat").feeds_chains
    assert cat.kind("cong_trang").feeds_chains
    # cống hiến, niên hạn, đối ngoại, kháng chiến are not "công trạng" (issue 14): the "chuyên đề, đột xuất" group
    assert {k.code for k in cat.kinds if k.table_part == "cong_trang"} == {"cong_trang"}


# ------------------------------------------------------------------------------------------------ legal bases

ND91_BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
    "Khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013;",
    "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều "
    "của Luật Thi đua, khen thưởng;",
    "Căn cứ Thông tư số 12/2019/TT-BNV ngày 04 tháng 11 năm 2019 của Bộ Nội vụ quy định chi tiết thi hành một số điều "
    "của Nghị định số 91/2017/NĐ-CP;",
    "Căn cứ {quy_che_tinh};",
)


def test_nd91_legal_bases(cat):
    assert cat.regime("ND91_2017").legal_bases == ND91_BASES


@pytest.mark.parametrize(("regime", "must_contain"), [
    ("ND98_2023", ["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                   "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023", "01/2024/TT-BNV"]),
    ("ND152_2025", ["Luật Thi đua, khen thưởng số 06/2022/QH15;", "Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
                    "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025", "15/2025/TT-BNV"]),
])
def test_newer_legal_bases(cat, regime, must_contain):
    lines = cat.regime(regime).legal_bases
    text = "\n".join(lines)
    for fragment in must_contain:
        assert fragment in text
    assert lines[-1] == "Căn cứ {quy_che_tinh};"
    assert all(line.startswith("Căn cứ ") and line.endswith(";") for line in lines)


def test_nd152_cites_laws_by_number_without_date(cat):
    laws = [line for line in cat.regime("ND152_2025").legal_bases if line.startswith("Căn cứ Luật")]
    assert laws and all("ngày" not in line for line in laws)
