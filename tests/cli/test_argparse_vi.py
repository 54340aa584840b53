"""argparse's own messages reach the clerk in Vietnamese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from emulation_desk.cli import argparse_vi, run

ENGLISH = re.compile(r"\b(error|required|unrecognized|invalid|expected|argument|choose from|usage)\b", re.I)


@pytest.mark.parametrize(("argv", "said"), [
    (["export", "report", "--year", "2026"], "thiếu tham số bắt buộc: --out"),
    (["export", "report", "--year", "abc", "--out", "x.pdf"], "tham số --year: giá trị không hợp lệ: 'abc'"),
    (["exprt"], "không có lựa chọn 'exprt'"),
    (["stats", "--year", "2026", "--foo"], "không hiểu tham số: --foo"),
    (["stats", "--year"], "tham số --year: cần một giá trị"),
])
def test_usage_errors_are_vietnamese(argv: list[str], said: str, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        run(["--db", str(tmp_path / "a.sqlite"), *argv])
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert said in err and "lỗi:" in err and "--help" in err
    assert not ENGLISH.search(err.replace("--help", "")), err


def test_every_message_keeps_its_placeholders() -> None:
    positional, named = re.compile(r"%[sr]"), re.compile(r"%\((\w+)\)[sr]")
    for english, vietnamese in argparse_vi.MESSAGES.items():
        assert len(positional.findall(english)) == len(positional.findall(vietnamese)), english
        assert set(named.findall(vietnamese)) <= set(named.findall(english)), english
        if named.findall(english):  # formats with argparse's own arguments
            assert vietnamese % {k: "x" for k in named.findall(english)}
