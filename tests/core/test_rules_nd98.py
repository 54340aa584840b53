"""Regime B1 (Luật TĐKT 2022, NĐ 98/2023, TT 01/2024) and the boundary 31/12/2023 | 01/01/2024."""

from __future__ import annotations

from datetime import date

import pytest

from emulation_desk.core.rules.facts import DisciplineRecord, SubjectHistory
from emulation_desk.core.rules.settings import EligibilitySettings
from tests.core.test_rules_helpers import award, check, initiative, person, unit, verdict

YEAR = 2024
GOOD = {y: "httnv" for y in range(2015, 2025)}
EXCELLENT = {y: "htxsnv" for y in range(2015, 2025)}

CASES: list[tuple[str, str, SubjectHistory, str, str]] = [
    # Luật 2022 Điều 24.1; TT 01/2024 Điều 1 — LĐTT: not recruited less than 6 months
    ("LĐTT: 6 tháng công tác", "LDTT", person(ratings=GOOD, recruited=date(2024, 7, 1)), "dat", ""),
    ("LĐTT: dưới 6 tháng", "LDTT", person(ratings=GOOD, recruited=date(2024, 7, 2)), "chua_dat",
     "chưa đủ 6 tháng công tác trong năm 2024"),
    ("LĐTT: đang bị kỷ luật", "LDTT",
     person(ratings=GOOD, disciplines=[DisciplineRecord("Khiển trách", date(2024, 2, 1), date(2025, 1, 31))]),
     "chua_dat", "bị kỷ luật «Khiển trách»"),
    # Luật 2022 Điều 23 — CSTĐCS: the LĐTT standard and (HTXSNV or a recognised initiative)
    ("CSTĐCS: HTXSNV, không cần sáng kiến", "CSTDCS", person(ratings=EXCELLENT), "dat",
     "năm 2024 hoàn thành xuất sắc nhiệm vụ"),
    ("CSTĐCS: HTTNV và sáng kiến", "CSTDCS", person(ratings=GOOD, initiatives_=[initiative(YEAR)]), "dat", "sáng kiến"),
    ("CSTĐCS: HTTNV, không sáng kiến", "CSTDCS", person(ratings=GOOD), "chua_dat",
     "xếp loại hoàn thành tốt nhiệm vụ và không có sáng kiến"),
    # Luật 2022 Điều 22 — CSTĐ cấp tỉnh
    ("CSTĐ tỉnh: 3 năm CSTĐCS, sáng kiến cấp tỉnh", "CSTD_TINH",
     person([award(y, "CSTDCS") for y in (2022, 2023, 2024)], initiatives_=[initiative(2023, "tinh")]), "dat", ""),
    ("CSTĐ tỉnh: CSTĐCS 2023 là chuyên đề", "CSTD_TINH",
     person([award(2022, "CSTDCS"), award(2023, "CSTDCS", "chuyen_de"), award(2024, "CSTDCS")],
            initiatives_=[initiative(2023, "tinh")]), "chua_dat", "năm 2023 không có danh hiệu Chiến sĩ thi đua cơ sở"),
    # Luật 2022 Điều 28.1 — TTLĐTT: at least 70% LĐTT
    ("TTLĐTT: 14/20 = 70%", "TTLDTT", unit(YEAR, standard=14), "dat", "14/20 thành viên (70%)"),
    ("TTLĐTT: 16/23 = 69,6%", "TTLDTT", unit(YEAR, head=23, standard=16), "chua_dat", "69,6%"),
    # Luật 2022 Điều 27.1 — TTLĐXS: HTXSNV, 100% HTNV, 70% LĐTT, a CSTĐCS
    ("TTLĐXS: đủ", "TTLDXS", unit(YEAR, rating="htxsnv", standard=15), "dat", ""),
    ("TTLĐXS: tập thể chỉ HTTNV", "TTLDXS", unit(YEAR, rating="httnv", standard=15), "chua_dat",
     "chưa đạt mức hoàn thành xuất sắc nhiệm vụ"),
    # Luật 2022 Điều 27.1 has no discipline clause for TTLĐXS (TTLĐTT keeps one, Điều 28.1.c): no warning
    ("TTLĐXS: có thành viên bị cảnh cáo — Điều 27.1 không có điều kiện kỷ luật", "TTLDXS",
     unit(YEAR, rating="htxsnv", standard=15, disciplines=[("Lê Thị Hoa", "Cảnh cáo")]), "dat", ""),
    ("TTLĐTT: có thành viên bị cảnh cáo — Điều 28.1.c giữ điều kiện kỷ luật", "TTLDTT",
     unit(YEAR, standard=15, disciplines=[("Lê Thị Hoa", "Cảnh cáo")]), "chua_dat", "Cảnh cáo"),
    # Luật 2022 Điều 74.1.d — BK cấp tỉnh (cá nhân)
    ("BK tỉnh: 2 năm liên tục CSTĐCS", "BK_TINH", person([award(2023, "CSTDCS"), award(2024, "CSTDCS")], GOOD), "dat",
     "đạt theo điểm d (02 năm liên tục Chiến sĩ thi đua cơ sở)"),
    ("BK tỉnh: 2 năm HTXSNV và 2 sáng kiến", "BK_TINH",
     person(ratings=EXCELLENT, initiatives_=[initiative(2023), initiative(2024)]), "dat", "02 sáng kiến"),
    ("BK tỉnh: không đạt điểm d", "BK_TINH", person([award(2024, "CSTDCS")], GOOD), "canh_bao",
     "điểm a–c cần xét theo hồ sơ"),
    ("BK tỉnh: chuyên đề không xét theo công trạng", "BK_TINH", person(), "khong_ap_dung", ""),
    # Luật 2022 Điều 73.1.b — BK Thủ tướng (cá nhân)
    ("BK TTg: BK tỉnh 2019 rồi 5 năm, 3 CSTĐCS", "BK_TTG",
     person([award(2019, "BK_TINH")] + [award(y, "CSTDCS") for y in (2020, 2022, 2024)], GOOD), "dat",
     "đạt theo điểm b"),
    ("BK TTg: chỉ 2 lần CSTĐCS", "BK_TTG",
     person([award(2019, "BK_TINH")] + [award(y, "CSTDCS") for y in (2022, 2024)], GOOD), "canh_bao",
     "chỉ 2 lần Chiến sĩ thi đua cơ sở"),
    ("BK TTg: năm 2022 chỉ HTNV", "BK_TTG",
     person([award(2019, "BK_TINH")] + [award(y, "CSTDCS") for y in (2020, 2021, 2023)], {**GOOD, 2022: "htnv"}),
     "canh_bao", "năm 2022 không đạt"),
    # Luật 2022 Điều 44.1.e — Huân chương Lao động hạng Ba (cá nhân)
    ("HCLĐ3: BK TTg rồi 5 năm, 1 năm HTXSNV, 3 CSTĐCS", "HC_LAO_DONG_3",
     person([award(2018, "BK_TTG")] + [award(y, "CSTDCS") for y in (2020, 2022, 2024)], {**GOOD, 2023: "htxsnv"}),
     "dat", "đạt theo điểm e"),
    ("HCLĐ3: không năm nào HTXSNV", "HC_LAO_DONG_3",
     person([award(2018, "BK_TTG")] + [award(y, "CSTDCS") for y in (2020, 2022, 2024)], GOOD), "canh_bao",
     "không có năm nào hoàn thành xuất sắc nhiệm vụ"),
]


@pytest.mark.parametrize(("case", "form", "history", "status", "phrase"), CASES, ids=[c[0] for c in CASES])
def test_nd98_rules(case: str, form: str, history: SubjectHistory, status: str, phrase: str) -> None:
    kind = "chuyen_de" if "chuyên đề" in case else "cong_trang"
    v = verdict(form, YEAR, history, subject=history.subject, kind=kind)
    assert v.regime == "ND98_2023"
    assert v.status == status, v.explanation()
    assert phrase in v.reason, v.reason


def test_ttldxs_discipline_clause_follows_the_setting() -> None:
    history = unit(YEAR, rating="htxsnv", standard=15, disciplines=[("Lê Thị Hoa", "Cảnh cáo")])
    strict = EligibilitySettings(ttldxs_discipline_clause="bat_buoc")
    assert verdict("TTLDXS", YEAR, history, subject="tap_the", settings=strict).status == "chua_dat"
    warn = EligibilitySettings(ttldxs_discipline_clause="canh_bao")
    assert verdict("TTLDXS", YEAR, history, subject="tap_the", settings=warn).status == "canh_bao"
    assert verdict("TTLDXS", YEAR, history, subject="tap_the").status == "dat"  # default: Điều 27.1 has none


BOUNDARY = [
    # (case, form, history, status on 31/12/2023 (NĐ 91), status on 01/01/2024 (NĐ 98))
    ("CSTĐCS chỉ có HTXSNV: NĐ 91 đòi sáng kiến, Luật 2022 chấp nhận", "CSTDCS",
     person(ratings={2023: "htxsnv"}), "chua_dat", "dat"),
    ("LĐTT tuyển dụng 01/5/2023: 8 tháng < 10 (NĐ 91) nhưng ≥ 6 (TT 01/2024)", "LDTT",
     person(ratings={2023: "httnv"}, recruited=date(2023, 5, 1)), "chua_dat", "dat"),
    ("TTLĐTT 60% LĐTT: trên 50% (Luật 2003) nhưng dưới 70% (Luật 2022)", "TTLDTT",
     unit(2023, standard=12), "dat", "chua_dat"),
]


@pytest.mark.parametrize(("case", "form", "history", "before", "after"), BOUNDARY, ids=[c[0] for c in BOUNDARY])
def test_regime_boundary_31_12_2023_and_01_01_2024(case: str, form: str, history: SubjectHistory, before: str,
                                                   after: str) -> None:
    """The regime is chosen by the decision date: 31/12/2023 → NĐ 91/2017; 01/01/2024 → NĐ 98/2023."""
    old = verdict(form, 2023, history, subject=history.subject, decided=date(2023, 12, 31))
    new = verdict(form, 2023, history, subject=history.subject, decided=date(2024, 1, 1))
    assert (old.regime, new.regime) == ("ND91_2017", "ND98_2023")
    assert (old.status, new.status) == (before, after), old.reason + " | " + new.reason


def test_an_undecided_nomination_is_judged_at_the_end_of_its_year() -> None:
    assert verdict("LDTT", 2023, person(ratings={2023: "httnv"})).regime == "ND91_2017"
    assert verdict("LDTT", 2024, person(ratings={2024: "httnv"})).regime == "ND98_2023"


def test_no_state_level_rule_is_confirmed_after_2024_so_it_only_warns() -> None:
    history = person([award(YEAR, "BK_TTG", decision="d-other")], GOOD)
    v = verdict("HC_LAO_DONG_2", YEAR, history)
    assert v.status == "canh_bao" and check(v, "general.state_level").outcome == "warn"
