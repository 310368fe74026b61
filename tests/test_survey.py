"""`juesuan survey`: one row per report, read into a temporary folder; whole, partial, failed or refused."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from juesuan import survey
from juesuan.cli import main

from .conftest import ROOT, SEED, SEED_DATA


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def seed_or_skip() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed report is not beside the project ({SEED} is absent)")
    return SEED


def broken_folder(root: Path) -> Path:
    folder = root / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "garbage.txt").write_bytes(b"\x80\x81 garbage \xc3\x28 not text\n")
    (folder / "empty.md").write_bytes(b"")
    (folder / ".hidden.txt").write_text("skipped", encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "x.txt").write_text("skipped", encoding="utf-8")
    (folder / "notes.csv").write_text("skipped", encoding="utf-8")
    return folder


def survey_datasets() -> list[str]:
    from juesuan.data.datasets import DATASETS

    return list(DATASETS)


def row(**values) -> dict:
    out = dict.fromkeys(survey.KEYS)
    out.update(file="r.txt", unit="", template="", status="whole", reason=None)
    out.update(values)
    return out


def test_the_seed_surveys_as_whole():
    found = survey.survey_file(seed_or_skip())
    assert found["status"] == "whole" and found["reason"] is None
    assert (found["file"], found["unit"], found["year"]) == (SEED.name, "长沙市现代教育技术中心", 2024)
    assert (found["tables_read"], found["tables_expected"]) == (9, 9)
    from juesuan.audit import checks
    from juesuan.data.datasets import load

    # the rows and audit counts of the committed data/2024, which is what ingesting the seed writes
    data = load(2024, SEED_DATA)
    assert found["rows"] == sum(len(data[name]) for name in survey_datasets())
    counts = checks.counts(checks.run(data))
    assert (found["ok"], found["rounding"], found["mismatch"]) == (counts["ok"], counts["rounding"], counts["mismatch"])
    # and the count the reader sees: the seed's five errors, each counted once (read from the report, see
    # tests/audit/test_checks.py KNOWN_ERRORS), not their consequences or the conversion's artefacts
    assert found["mismatch"] == 5
    assert set(found) == set(survey.KEYS)


def test_a_survey_writes_nothing_but_temporary_folders_it_removes(tmp_path, monkeypatch):
    seed = seed_or_skip()
    work, scratch = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    scratch.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # inherited by the forked workers
    result = run("survey", str(seed))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == survey.HEADER
    assert lines[1].startswith(SEED.name) and "长沙市现代教育技术中心" in lines[1] and " 9/9 " in lines[1]
    assert lines[-1] == "1 of 1 read whole"
    assert not (work / "data").exists() and list(work.iterdir()) == []
    assert list(scratch.iterdir()) == []


def test_failed_reports_give_their_reason_and_exit_1(tmp_path):
    result = run("survey", "-j", "2", str(broken_folder(tmp_path)))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines[1:-1]] == ["empty.md", "garbage.txt"]  # sorted, hidden skipped
    assert lines[1].endswith("failed: table -, line -: the file is empty")
    assert "failed: table -, line 1: not UTF-8 text (byte 0)" in lines[2]
    assert lines[-1] == "0 of 2 read whole"


def test_json_lines_end_with_the_summary(tmp_path):
    result = run("survey", "--json", str(broken_folder(tmp_path)))
    assert result.exit_code == 1
    objects = [json.loads(line) for line in result.output.splitlines()]
    assert objects[-1] == {"whole": 0, "of": 2, "not_final_accounts": 0}
    assert [o["file"] for o in objects[:-1]] == ["empty.md", "garbage.txt"]
    first = objects[0]
    assert list(first) == list(survey.KEYS)
    assert first["status"] == "failed" and first["reason"] == "empty.md: table -, line -: the file is empty"
    assert first["tables_read"] is None and first["ok"] is None and first["seconds"] >= 0


def test_a_missing_path_exits_2(tmp_path):
    result = CliRunner().invoke(main, ["survey", str(tmp_path / "absent.pdf")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
    (tmp_path / "nothing").mkdir()
    result = CliRunner().invoke(main, ["survey", str(tmp_path / "nothing")])
    assert result.exit_code == 2


def test_refused_documents_are_not_counted_and_partial_ones_are_not_whole(monkeypatch, tmp_path):
    from juesuan.read import ingest
    from juesuan.errors import NotFinalAccounts

    def refuse(path, year, partial):
        raise NotFinalAccounts("a 部门预算 (budget), not a 决算", file=path.name)

    monkeypatch.setattr(ingest, "parse_file", refuse)
    (tmp_path / "budget.pdf").write_bytes(b"%PDF-1.7\n")
    refused = survey.survey_file(tmp_path / "budget.pdf")
    assert (refused["status"], refused["reason"]) == ("not_final_accounts", "a 部门预算 (budget), not a 决算")
    partial = row(file="p.txt", unit="某单位", year=2024, tables_read=8, tables_expected=9, rows=10, ok=1,
                  rounding=0, mismatch=0, seconds=0.5, status="partial", reason="unread: t06")
    rows = [row(file="w.txt", unit="某单位", year=2024, tables_read=9, tables_expected=9, rows=10, ok=1, rounding=0,
                mismatch=0, seconds=0.5), partial, refused]
    assert survey.summary(rows) == {"whole": 1, "of": 2, "not_final_accounts": 1}
    assert survey.exit_code(rows) == 1 and survey.exit_code([rows[0], refused]) == 0
    text = survey.format_text(rows)
    assert "budget.pdf  not a final-accounts report: a 部门预算 (budget), not a 决算" in text
    assert " 8/9 " in text and text.splitlines()[2].endswith("unread: t06")
    assert text.splitlines()[-1] == "1 of 2 read whole (1 refused: not final accounts)"


def test_errors_notes_and_consequences_are_counted_apart_and_the_closing_note_lists_each_reports_errors():
    read = {"template": "national", "tables_read": 9, "tables_expected": 9, "rows": 5, "ok": 1, "rounding": 0,
            "seconds": 1.0}
    rows = [row(file="a.txt", unit="甲", year=2025, mismatch=3, note=1, consequence=7, **read),
            row(file="b.pdf", unit="乙", year=2024, mismatch=0, note=0, consequence=0, **read)]
    lines = survey.format_text(rows).splitlines()
    assert lines[0].split()[8:11] == ["errors", "notes", "consequences"]
    assert lines[1].split()[8:11] == ["3", "1", "7"]
    assert lines[-2] == "errors of the reports: 3 (a.txt 3, b.pdf 0); 1 notes and 7 consequences besides"


def test_columns_align_in_terminal_cells_with_long_cjk_units():
    long_unit = "上海市普陀区人民政府石泉路街道办事处"
    rows = [row(file=name, unit=unit, year=2025, template="shanghai", tables_read=9, tables_expected=9, rows=rows_,
                ok=1, rounding=22, mismatch=333, note=2, consequence=40, seconds=12.25)
            for name, unit, rows_ in (("a.txt", long_unit, 5), ("bb.pdf", "西南大学", 1234), ("c.md", "Unit", 7))]
    lines = survey.format_text(rows).splitlines()[:-2]  # the closing note's two lines are not columns
    assert len({survey.cells(line) for line in lines}) == 1  # every line equally wide: columns line up
    cut = "上海市普陀区人民政府石…"
    assert cut in lines[1] and survey.cells(cut) <= survey.UNIT_WIDTH
    assert lines[1].endswith(" 12.2") or lines[1].endswith(" 12.3")
    assert survey.truncate("西南大学", 8) == "西南大学" and survey.truncate("西南大学", 7) == "西南大…"
    assert survey.cells("西南a") == 5


def test_folders_expand_in_order_once(tmp_path):
    folder = broken_folder(tmp_path)
    (folder / "README.md").write_text("# about these reports", encoding="utf-8")
    empty = folder / "empty.md"
    assert survey.collect([empty, folder]) == [empty, folder / "sub" / "garbage.txt"]
    with pytest.raises(FileNotFoundError):
        survey.collect([tmp_path / "absent"])
