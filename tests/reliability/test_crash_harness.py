"""A small run of the crash harness (the full one: python -m tests.bench.crash_harness)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bench.crash_harness import OPS, Harness, main


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Harness:
    return Harness(tmp_path_factory.mktemp("crash"), rows=2_000, recipients=300, seed=8)


@pytest.mark.slow
@pytest.mark.parametrize("op", OPS)
def test_killing_the_program_leaves_all_or_nothing(harness: Harness, op: str) -> None:
    result = harness.run(op, 3)
    assert result.failures == []
    assert result.runs == 3 and sum(result.outcomes.values()) == 3
    assert result.op_seconds > 0


def test_the_harness_reports_its_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--runs", "1", "--ops", "backup", "--rows", "200", "--recipients", "50",
                 "--workdir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "backup" in out and "1 lần chạy" in out and "KHÔNG CÓ LỖI" in out
