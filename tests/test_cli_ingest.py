"""`juesuan ingest` from the command line: committed data is what the parser writes; bad input fails cleanly."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan.cli import main

from .conftest import ROOT, SEED_DATA, SEED_UNIT

ERROR_LINE = re.compile(r"^error: (?P<file>[^:]+): table (?P<table>\S+), line (?P<line>\S+): (?P<msg>.+)$")


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def folders(data: Path) -> list[str]:
    """Every folder under data, hidden ones too (a staging folder left behind would show)."""
    return sorted(str(p.relative_to(data)) for p in data.rglob("*") if p.is_dir())


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_committed_data_is_exactly_what_ingest_writes(seed_path, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "juesuan", "ingest", str(seed_path), "--year", "2024", "--data-dir",
         str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout
    written = tmp_path / SEED_UNIT / "2024"  # the unit's folder named by its key, the year under it
    assert "datapackage.json" in tree_digest(written)  # the data package too, byte for byte
    assert tree_digest(written) == tree_digest(SEED_DATA / "2024")


@pytest.fixture
def data_dir(tmp_path, seed_path) -> Path:
    """A data folder holding the committed 2024 year, to prove that failures leave it untouched."""
    folder = tmp_path / "data"
    shutil.copytree(SEED_DATA / "2024", folder / SEED_UNIT / "2024")
    return folder


def mutate(seed_text: str, old: str, new: str, count: int = 1) -> str:
    assert seed_text.count(old) >= count, f"fixture text {old!r} not in the seed"
    return seed_text.replace(old, new, count)


CASES = {  # name: (how to make the input from the seed text, expected table, expected line or None, message part)
    "empty": (lambda s: "", "-", None, "the file is empty"),
    "not a report": (lambda s: "会议纪要\n\n今天开会讨论了三件事。\n", "-", None, "not a final-accounts report"),
    "missing table 07": (lambda s: mutate(s, "## 政府性基金预算财政拨款收入支出决算表", "## 政府性基金说明"), "t07", 287,
                         "table 07 (政府性基金预算财政拨款收入支出决算表) not found"),
    "duplicated table 09": (lambda s: s + "\n\n## 财政拨款“三公”经费支出决算表\n\n" + s[s.index("预算数\t\t\t\t\t\t决算数"):
                                                                             s.index("注：本表反映部门本年度财政拨款“三公”")],
                            "t09", 877, "appears twice"),
    "unreadable number": (lambda s: mutate(s, "20502\t普通教育\t46.95\t46.95", "20502\t普通教育\t46.95\t4b.95"), "t02", 141,
                          "unreadable number '4b.95'"),
    "row does not fit": (lambda s: mutate(s, "20501\t教育管理事务\t642.36\t642.36\t0.00\t0.00\t0.00\t0.00\n",
                                          "20501\t教育管理事务\t642.36\t642.36\t0.00\t0.00\t0.00\t0.00\t9.99\n"), "t03", 160,
                         "outside every column"),
    "wrong year": (lambda s: s.replace("2024", "2023", 1), "-", 3, "the report is for 2023, not 2024"),
    "code not a code": (lambda s: mutate(s, "2050299\t其他普通教育支出\t46.95\t0.00", "20502x9\t其他普通教育支出\t46.95\t0.00"),
                        "t03", 163, "not a functional classification code"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_one_clear_line_exit_2_data_untouched(case, seed_text, data_dir, tmp_path):
    make, table, line, message = CASES[case]
    report = tmp_path / "report.txt"
    report.write_text(make(seed_text), encoding="utf-8")
    before = tree_digest(data_dir)
    result = run("ingest", str(report), "--year", "2024", "--data-dir", str(data_dir), "--force")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    m = ERROR_LINE.match(lines[0])
    assert m, lines[0]
    assert m["file"] == "report.txt"
    assert m["table"] == table
    assert m["line"] == (str(line) if line else "-")
    assert message in m["msg"]
    assert tree_digest(data_dir) == before
    assert folders(data_dir) == [SEED_UNIT, f"{SEED_UNIT}/2024"]  # no staging folder left behind


@pytest.mark.parametrize("payload, message", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
    ("2024年度部门决算\n收入支出决算总表\n".encode("gbk"), "not UTF-8 text"),
])
def test_binary_and_foreign_encoding(payload, message, data_dir, tmp_path):
    report = tmp_path / "odd.txt"
    report.write_bytes(payload)
    result = run("ingest", str(report), "--year", "2024", "--data-dir", str(data_dir))
    assert result.exit_code == 2
    assert message in result.stderr and "odd.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_file(tmp_path):
    result = run("ingest", str(tmp_path / "nope.txt"), "--year", "2024", "--data-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr and "cannot read the file" in result.stderr


def test_changed_figures_need_force_and_are_reported(seed_text, data_dir, tmp_path):
    report = tmp_path / "report.txt"
    report.write_text(mutate(seed_text, "30201\t办公费\t13.42", "30201\t办公费\t13.43"), encoding="utf-8")
    before = tree_digest(data_dir)
    refused = run("ingest", str(report), "--year", "2024", "--data-dir", str(data_dir))
    assert refused.exit_code == 2
    assert "would change" in refused.stderr and "--force" in refused.stderr
    assert "t06_basic_economic.csv: 1" in refused.stderr
    assert tree_digest(data_dir) == before
    forced = run("ingest", str(report), "--year", "2024", "--data-dir", str(data_dir), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "t06_basic_economic.csv (1 cells)" in forced.stdout
    assert "report.json (2 cells)" in forced.stdout  # the source file name and its sha256
    text = (data_dir / SEED_UNIT / "2024" / "t06_basic_economic.csv").read_text(encoding="utf-8")
    assert "30201,办公费,subclass,public,13.43,number," in text


def test_same_input_again_is_unchanged(seed_path, data_dir):
    result = run("ingest", str(seed_path), "--year", "2024", "--data-dir", str(data_dir))
    assert result.exit_code == 0
    assert "unchanged" in result.stdout


def test_failure_while_writing_leaves_data_as_it_was(seed_path, data_dir, monkeypatch, tmp_path):
    from juesuan.data import store

    calls = {"n": 0}
    real = store.write_csv

    def flaky(path, name, records):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        real(path, name, records)

    monkeypatch.setattr(store, "write_csv", flaky)
    report = tmp_path / "r.txt"
    report.write_text(seed_path.read_text(encoding="utf-8").replace("13.42", "13.43", 1), encoding="utf-8")
    before = tree_digest(data_dir)
    with pytest.raises(OSError):
        run("ingest", str(report), "--year", "2024", "--data-dir", str(data_dir), "--force")
    assert tree_digest(data_dir) == before
    assert folders(data_dir) == [SEED_UNIT, f"{SEED_UNIT}/2024"]


def test_markdown_pipe_tables_give_the_same_data(seed_text, seed, tmp_path):
    from juesuan.read.ingest import parse

    def to_pipes(line: str) -> str:
        return "| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line

    piped = "\n".join(to_pipes(line) for line in seed_text.split("\n"))
    result = parse(piped, 2024)
    for name, rows in seed.datasets.items():
        assert result.datasets[name] == rows, name
