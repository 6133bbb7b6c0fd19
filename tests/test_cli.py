"""The command line: exit codes, usage errors, and a batch that survives an undecodable file."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd

from pipeline.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, timeout=600)


def test_usage_errors_exit_2_with_one_line(tmp_path):
    missing = run_cli("run", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [f"error: input not found: {tmp_path / 'nope'}"]
    bad_style = run_cli("run", str(tmp_path), "-o", str(tmp_path / "out"), "--tone-style", "hoa")
    assert bad_style.returncode == 2 and "--tone-style" in bad_style.stderr
    assert run_cli("run", str(tmp_path), "-o", str(tmp_path / "o"), "--workers", "0").returncode == 2


def test_a_broken_file_fails_alone_and_the_rest_is_written(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("Ngày 2-8-1914, Đức khai chiến với Nga.", encoding="utf-8")
    (inputs / "bad.txt").write_bytes(b"\x00\x00\xff binary \x00" * 50)
    out = tmp_path / "out"
    code = main(["run", str(inputs), "-o", str(out), "--workers", "1", "--no-progress", "--no-entities"])
    assert code == 1
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False).set_index("doc_id")
    assert docs.loc["good", "status"] == "ok" and docs.loc["bad", "status"] == "error"
    assert "binary" in docs.loc["bad", "error"]
    dates = pd.read_csv(out / "dates.csv", dtype=str)
    assert list(dates["value"]) == ["1914-08-02"]
    assert (out / "clean" / "good.txt").exists() and not (out / "clean" / "bad.txt").exists()


def test_success_exits_0_and_prints_a_summary(tmp_path):
    source = tmp_path / "one.txt"
    source.write_text("Mùa đông 1915, các đô thị bắt đầu chịu nạn đói kém.", encoding="utf-8")
    result = run_cli("run", str(source), "-o", str(tmp_path / "out"), "--workers", "1", "--no-entities")
    assert result.returncode == 0, result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("documents: 1 ok, 0 failed") and "chars/s" in summary
    assert (tmp_path / "out" / "clean" / "one.txt").read_text(encoding="utf-8").startswith("Mùa đông 1915")
