"""Regime A (Luật TĐKT 2003, NĐ 91/2017, TT 12/2019): one row per case, each citing the article it encodes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from emulation_desk.core.rules.facts import DisciplineRecord, QuotaFacts, SubjectHistory
from emulation_desk.core.rules.settings import EligibilitySettings
from tests.core.test_rules_helpers import award, check, initiative, person, unit, verdict

GOOD = {2018: "httnv", 2019: "httnv", 2020: "httnv"}
EXCELLENT = {2018: "htxsnv", 2019: "htxsnv", 2020: "htxsnv"}
REPRIMAND = DisciplineRecord("Khiển trách", date(2020, 9, 1), date(2021, 2, 28))

# (case, form, history, expected status, phrase of the one-line reason)
CASES: list[tuple[str, str, SubjectHistory, str, str]] = [
    # Luật 2003 Điều 24; NĐ 91/2017 — Lao động tiên tiến
    ("LĐTT: HTTNV, 10 tháng công tác", "LDTT", person(ratings=GOOD, recruited=date(2020, 3, 1)), "dat",
     "Hoàn thành tốt nhiệm vụ"),
    ("LĐTT: tuyển dụng 02/3 — dưới 10 tháng", "LDTT", person(ratings=GOOD, recruited=date(2020, 3, 2)), "chua_dat",
     "chưa đủ 10 tháng công tác trong năm 2020"),
    ("LĐTT: chỉ hoàn thành nhiệm vụ", "LDTT", person(ratings={2020: "htnv"}), "chua_dat",
     "năm 2020 chỉ xếp loại Hoàn thành nhiệm vụ"),
    ("LĐTT: bị khiển trách trong năm", "LDTT", person(ratings=GOOD, disciplines=[REPRIMAND]), "chua_dat",
     "bị kỷ luật «Khiển trách»"),
    ("LĐTT: kỷ luật đã hết năm trước", "LDTT",
     person(ratings=GOOD, disciplines=[DisciplineRecord("Cảnh cáo", date(2018, 3, 1), date(2019, 2, 28))]), "dat", ""),
    ("LĐTT: chưa có kết quả xếp loại", "LDTT", person(), "thieu_du_lieu",
     "Chưa có dữ liệu: xếp loại năm 2020 — nhập ở Hồ sơ"),
    ("Chiến sĩ tiên tiến theo cùng tiêu chuẩn", "CSTT", person(ratings=GOOD), "dat", ""),
    # Luật 2003 Điều 23; NĐ 91/2017 Điều 9 — Chiến sĩ thi đua cơ sở: LĐTT and an initiative
    ("CSTĐCS: tiêu chuẩn LĐTT và sáng kiến", "CSTDCS", person(ratings=GOOD, initiatives_=[initiative(2020)]), "dat",
     "đạt tiêu chuẩn Lao động tiên tiến năm 2020"),
    ("CSTĐCS: có danh hiệu LĐTT cùng năm", "CSTDCS",
     person([award(2020, "LDTT")], initiatives_=[initiative(2020)]), "dat", "có Lao động tiên tiến năm 2020"),
    ("CSTĐCS: HTXSNV nhưng không có sáng kiến (NĐ 91 đòi sáng kiến)", "CSTDCS", person(ratings=EXCELLENT),
     "chua_dat", "năm 2020 không có sáng kiến, đề tài được công nhận"),
    ("CSTĐCS: sáng kiến năm trước không tính", "CSTDCS", person(ratings=GOOD, initiatives_=[initiative(2019)]),
     "chua_dat", "năm 2020 không có sáng kiến"),
    ("CSTĐCS: sáng kiến đã dùng cho khen thưởng khác", "CSTDCS",
     person(ratings=GOOD, initiatives_=[initiative(2020, used_by="r-khac")]), "chua_dat", "đã được dùng"),
    ("CSTĐCS: không đạt tiêu chuẩn LĐTT", "CSTDCS", person(ratings={2020: "htnv"}, initiatives_=[initiative(2020)]),
     "chua_dat", "không đạt tiêu chuẩn Lao động tiên tiến: năm 2020 chỉ xếp loại"),  # the year said once
    # Luật 2003 Điều 22; NĐ 91/2017 Điều 9 — CSTĐ cấp tỉnh: 3 consecutive CSTĐCS and a provincial initiative
    ("CSTĐ tỉnh: 3 năm liên tục và sáng kiến cấp tỉnh", "CSTD_TINH",
     person([award(y, "CSTDCS") for y in (2018, 2019, 2020)], initiatives_=[initiative(2020, "tinh")]), "dat",
     "đạt Chiến sĩ thi đua cơ sở các năm 2018, 2019, 2020"),
    ("CSTĐ tỉnh: thiếu năm 2019", "CSTD_TINH",
     person([award(y, "CSTDCS") for y in (2018, 2020)], initiatives_=[initiative(2020, "tinh")]), "chua_dat",
     "năm 2019 không có danh hiệu Chiến sĩ thi đua cơ sở"),
    ("CSTĐ tỉnh: sáng kiến chỉ cấp cơ sở", "CSTD_TINH",
     person([award(y, "CSTDCS") for y in (2018, 2019, 2020)], initiatives_=[initiative(2020)]), "chua_dat",
     "không có sáng kiến, đề tài có phạm vi ảnh hưởng cấp tỉnh"),
    ("CSTĐ tỉnh: CSTĐCS năm nay đang đề nghị", "CSTD_TINH",
     person([award(2018, "CSTDCS"), award(2019, "CSTDCS"), award(2020, "CSTDCS", pending=True, nomination="n2")],
            initiatives_=[initiative(2019, "tinh")]), "dat", ""),
    # Luật 2003 Điều 21; NĐ 91/2017 Điều 9.1 — CSTĐ toàn quốc: two successive provincial CSTĐ, national initiative
    ("CSTĐTQ: 2 lần CSTĐ tỉnh và sáng kiến toàn quốc", "CSTD_TOAN_QUOC",
     person([award(2017, "CSTD_TINH"), award(2020, "CSTD_TINH")], initiatives_=[initiative(2020, "toan_quoc")]),
     "dat", ""),
    ("CSTĐTQ: mới một lần CSTĐ tỉnh", "CSTD_TOAN_QUOC",
     person([award(2020, "CSTD_TINH")], initiatives_=[initiative(2020, "toan_quoc")]), "chua_dat",
     "chỉ có 1 lần Chiến sĩ thi đua cấp tỉnh"),
    # Luật 2003 Điều 28 — TTLĐTT: HTTNV, more than 50% LĐTT, nobody disciplined at cảnh cáo or above
    ("TTLĐTT: 11/20 LĐTT", "TTLDTT", unit(2020, standard=11), "dat", "11/20 thành viên"),
    ("TTLĐTT: đúng 50% chưa đủ (trên 50%)", "TTLDTT", unit(2020, standard=10), "chua_dat", "cần trên 50%"),
    ("TTLĐTT: có thành viên bị cảnh cáo", "TTLDTT", unit(2020, disciplines=[("Trần Văn Ba", "Cảnh cáo")]),
     "chua_dat", "bị kỷ luật «Cảnh cáo» năm 2020 (Trần Văn Ba)"),
    ("TTLĐTT: khiển trách không chặn", "TTLDTT", unit(2020, disciplines=[("Trần Văn Ba", "Khiển trách")]), "dat", ""),
    ("TTLĐTT: chỉ hoàn thành nhiệm vụ", "TTLDTT", unit(2020, rating="htnv"), "chua_dat",
     "chưa đạt mức hoàn thành tốt nhiệm vụ"),
    ("TTLĐTT: khai có người bị kỷ luật mà chưa ghi hình thức", "TTLDTT", unit(2020, declared=1), "canh_bao",
     "chưa ghi hình thức kỷ luật"),
    ("TTLĐTT: thiếu số liệu tập thể", "TTLDTT", SubjectHistory("tap_the", "u1", "Công ty A"), "thieu_du_lieu",
     "Chưa có dữ liệu: xếp loại, số liệu năm 2020 của tập thể — nhập ở Hồ sơ"),
    # Luật 2003 Điều 27 (2013) ⚠️ — TTLĐXS: failures are only warnings
    ("TTLĐXS: đủ các điều kiện", "TTLDXS", unit(2020, standard=15, cstdcs=2), "dat", ""),
    ("TTLĐXS: 65% LĐTT", "TTLDXS", unit(2020, standard=13), "canh_bao", "cần từ 70%"),
    ("TTLĐXS: không có CSTĐCS", "TTLDXS", unit(2020, cstdcs=0), "canh_bao", "không có thành viên đạt Chiến sĩ"),
    ("TTLĐXS: có người chưa hoàn thành nhiệm vụ", "TTLDXS", unit(2020, completed=19), "canh_bao", "chỉ 19/20"),
    # NĐ 91/2017 ❓ — Cờ thi đua cấp tỉnh: leading a bloc
    ("Cờ tỉnh: dẫn đầu khối", "CO_TD_TINH", unit(2020, bloc_rank=1), "dat", "dẫn đầu Khối phường"),
    ("Cờ tỉnh: xếp thứ 3", "CO_TD_TINH", unit(2020, bloc_rank=3), "canh_bao", "xếp thứ 3/8"),
    # NĐ 91/2017 Điều 39 ❓ — Bằng khen cấp tỉnh
    ("BK tỉnh: 2 năm HTXSNV và 2 sáng kiến", "BK_TINH",
     person(ratings=EXCELLENT, initiatives_=[initiative(2019), initiative(2020)]), "dat", ""),
    ("BK tỉnh: một năm chỉ HTTNV", "BK_TINH",
     person(ratings={2019: "httnv", 2020: "htxsnv"}, initiatives_=[initiative(2019), initiative(2020)]), "canh_bao",
     "không hoàn thành xuất sắc nhiệm vụ đủ hai năm"),
    # NĐ 91/2017 Điều 38 ⚠️ — Bằng khen Thủ tướng, point c
    ("BK TTg: BK tỉnh rồi 5 năm HTXSNV và 5 sáng kiến", "BK_TTG",
     person([award(2015, "BK_TINH")], {y: "htxsnv" for y in range(2016, 2021)},
            [initiative(y) for y in range(2016, 2021)]), "dat", "đạt theo điểm c"),
    ("BK TTg: mới 4 năm", "BK_TTG",
     person([award(2016, "BK_TINH")], {y: "htxsnv" for y in range(2017, 2021)},
            [initiative(y) for y in range(2016, 2021)]), "canh_bao", "điểm a, b cần xét theo hồ sơ"),
    # General checks: subject type; TT 12/2019 one state-level form a year (from 01/01/2020)
    ("LĐTT đề nghị cho tập thể", "LDTT", unit(2020), "chua_dat", "chỉ dành cho cá nhân, không xét cho tập thể"),
]


@pytest.mark.parametrize(("case", "form", "history", "status", "phrase"), CASES, ids=[c[0] for c in CASES])
def test_nd91_rules(case: str, form: str, history: SubjectHistory, status: str, phrase: str) -> None:
    subject = history.subject
    v = verdict(form, 2020, history, subject=subject)
    assert v.regime == "ND91_2017"
    assert v.status == status, v.explanation()
    assert phrase in v.reason, v.reason


@pytest.mark.parametrize(("standard", "cstdcs", "outcome"), [(2326, 342, "pass"), (2000, 301, "warn"),
                                                              (1000, 150, "pass")])
def test_cstdcs_quota_of_the_whole_office(standard: int, cstdcs: int, outcome: str) -> None:
    """NĐ 91/2017 Điều 9.3: CSTĐCS at most 15% of those who reached the LĐTT standard (the demo: 342/2.326 = 14,7%)."""
    v = verdict("CSTDCS", 2020, person(ratings=GOOD, initiatives_=[initiative(2020)]),
                quota=QuotaFacts(standard, cstdcs))
    assert check(v, "quota.cstdcs").outcome == outcome


def test_cstdcs_quota_per_proposing_unit_is_a_setting() -> None:
    quota = QuotaFacts(2326, 342, {"u-a": 10, "u-b": 20}, {"u-a": 3, "u-b": 2}, {"u-a": "Phòng A"})
    history = person(ratings=GOOD, initiatives_=[initiative(2020)])
    whole = verdict("CSTDCS", 2020, history, quota=quota, unit_id="u-a")
    assert check(whole, "quota.cstdcs").outcome == "pass"
    per_unit = EligibilitySettings(cstdcs_quota_percent={"ND91_2017": Decimal(15)}, cstdcs_quota_scope="tung_don_vi")
    v = verdict("CSTDCS", 2020, history, quota=quota, unit_id="u-a", settings=per_unit)
    assert v.status == "canh_bao" and "3/10" in v.reason and "Phòng A" in v.reason


def test_one_state_level_form_a_year_from_2020() -> None:
    """TT 12/2019/TT-BNV (in force 01/01/2020): at most one state-level form a year, except đột xuất…"""
    history = person([award(2020, "BK_TTG", decision="d-other")], GOOD)
    v = verdict("HC_LAO_DONG_3", 2020, history)
    assert v.status == "chua_dat" and "cùng năm đã có Bằng khen của Thủ tướng" in v.reason
    assert verdict("HC_LAO_DONG_3", 2020, history, kind="dot_xuat").status != "chua_dat"
    earlier = person([award(2019, "BK_TTG", decision="d-other")], GOOD)
    assert verdict("HC_LAO_DONG_3", 2019, earlier).status != "chua_dat"


def test_the_explanation_lists_every_rule_with_its_article_and_evidence() -> None:
    history = person([award(2018, "CSTDCS"), award(2020, "CSTDCS")], initiatives_=[initiative(2020, "tinh")])
    text = verdict("CSTD_TINH", 2020, history).explanation()
    assert "Chưa đủ điều kiện: năm 2019 không có danh hiệu Chiến sĩ thi đua cơ sở" in text
    assert "Căn cứ: Luật TĐKT 2003 Điều 22; NĐ 91/2017/NĐ-CP Điều 9" in text
    assert "• Chiến sĩ thi đua cơ sở năm 2020 (QĐ số 20201/QĐ-UBND ngày 10/12/2020)" in text
    assert "[Đạt] Có sáng kiến, đề tài có phạm vi ảnh hưởng cấp tỉnh" in text
