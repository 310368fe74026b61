"""`juesuan validate` reads a year again only when its files (or the schemas) changed since it was found valid."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from juesuan.cli import main

from ..conftest import ROOT, SEED_DATA, SEED_UNIT, copy_project


def validate(data, *args):
    return CliRunner().invoke(main, ["validate", "--data-dir", str(data), *args])


def test_an_unchanged_year_is_not_read_again_and_a_changed_one_is(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA / "2024", data / SEED_UNIT / "2024")
    first = validate(data)
    assert first.exit_code == 0
    assert f"data/{SEED_UNIT}/2024: datasets valid" in first.stdout.replace(str(tmp_path) + "/", "")
    assert (tmp_path / "_build" / ".validated.json").exists()
    again = validate(data)
    assert again.exit_code == 0 and "valid (unchanged since validated)" in again.stdout

    csv = data / SEED_UNIT / "2024" / "t03_expenditure.csv"
    good = csv.read_text(encoding="utf-8")
    csv.write_text(good.replace("642.36", "642.3x", 1), encoding="utf-8")  # a changed file is read again
    broken = validate(data)
    assert broken.exit_code == 2 and "t03_expenditure.csv" in broken.stderr and "INVALID" in broken.stdout
    assert validate(data).exit_code == 2  # an invalid year is never recorded as valid

    csv.write_text(good, encoding="utf-8")  # back to the very files that were found valid
    assert "unchanged since validated" in validate(data).stdout
    assert "datasets valid" in validate(data, "--all").stdout  # --all reads every year regardless


def test_make_books_build_validate_builds_nothing_from_an_invalid_year(tmp_path, monkeypatch):
    """`juesuan build --validate` (what `make book` runs): a year that fails its schema stops the build before any
    notebook runs, and names the file."""
    root = copy_project(tmp_path / "p")
    csv = root / "data" / SEED_UNIT / "2024" / "t03_expenditure.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("642.36", "642.3x", 1), encoding="utf-8")
    keys = root / "book" / ".build-keys.json"
    keys.write_text("{}", encoding="utf-8")  # every notebook would run
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--validate", "--no-site"])
    assert result.exit_code == 2
    assert "t03_expenditure.csv" in result.stderr and "INVALID" in result.stdout
    assert "notebooks ran" not in result.stdout and keys.read_text(encoding="utf-8") == "{}"
