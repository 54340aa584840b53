"""The commands ``eligibility`` and ``almost`` on the demo year."""

from __future__ import annotations

import json

import pytest

from emulation_desk.cli import run


def test_eligibility_prints_a_verdict_per_nomination_and_the_summary(demo_template: object,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "eligibility", "--year", "2020"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == "KẾT QUẢ XÉT ĐIỀU KIỆN CÁC ĐỀ NGHỊ KHEN THƯỞNG NĂM 2020"
    assert "Tổng hợp (3.131 đề nghị):" in out and "  Đủ điều kiện: 2.518" in out
    assert "  Lao động tiên tiến: 1.984 đủ điều kiện, 4 chưa đủ điều kiện" in out
    assert any(line.startswith("Lao động tiên tiến — ") and "chưa đủ 10 tháng công tác" in line for line in lines)


def test_eligibility_filters_by_status_and_explains_in_detail(demo_template: object,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "eligibility", "--year", "2020", "--status", "chua_dat", "--detail"]) == 0
    out = capsys.readouterr().out
    assert out.count("Kết luận: Chưa đủ điều kiện") == 14
    assert "Căn cứ: Luật TĐKT 2003 Điều 28\n" in out and "✅" not in out and "Đủ điều kiện:" not in out.split("Tổng hợp")[0]


def test_eligibility_json(demo_template: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "eligibility", "--year", "2020", "--json", "--status", "chua_dat,canh_bao"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["year"] == 2020 and data["counts"]["chua_dat"] == 14
    assert {v["status"] for v in data["verdicts"]} == {"chua_dat", "canh_bao"}
    assert all(v["checks"] and v["reason"] for v in data["verdicts"])


def test_a_wrong_status_is_a_usage_error(demo_template: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "eligibility", "--year", "2020", "--status", "xau"]) == 2
    assert "trạng thái không hợp lệ: xau" in capsys.readouterr().err


def test_almost(demo_template: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "almost", "--year", "2020"]) == 0
    out = capsys.readouterr().out
    assert "Chiến sĩ thi đua cấp tỉnh:" in out and "đã đạt các năm 2019, 2020; cần đạt Chiến sĩ thi đua cơ sở năm 2021" in out
    assert run(["--demo", "almost", "--year", "2020", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["items"] and data["items"][0]["next_year"] == 2021


def test_an_empty_year(demo_template: object, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--demo", "eligibility", "--year", "2031"]) == 0
    assert "chưa có đề nghị khen thưởng nào" in capsys.readouterr().out
