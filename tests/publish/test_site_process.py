"""The site process (juesuan.publish.site): it prepares while the notebooks run and builds only when told "go"."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from juesuan.publish import site

from ..conftest import copy_project


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "p")


def start(root: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "juesuan.publish.site", str(root)], cwd=root, stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:  # it has loaded Sphinx and read the configuration and the table of contents
        if line.strip() == site.WAITING:
            return proc
    raise AssertionError(f"the site process ended before it was ready (exit {proc.wait()})")


def finish(proc: subprocess.Popen, answer: str) -> int:
    proc.stdin.write(answer)
    proc.stdin.close()
    proc.stderr.read()
    return proc.wait(timeout=300)


def test_it_writes_the_downloads_and_builds_nothing_unless_told_go(project):
    assert finish(start(project), "stop\n") == 0
    assert sorted(p.name for p in (project / "_build" / "downloads").iterdir()) == [
        "juesuan-2024-en.xlsx", "juesuan-2024-zh.xlsx", "juesuan-2024.zip"]
    assert not (project / "_build" / "html" / "index.html").exists()  # Sphinx made the folder, wrote nothing


def test_it_asks_for_a_restart_when_the_table_of_contents_changed_while_it_waited(project):
    proc = start(project)
    toc = project / "_toc.yml"
    toc.write_text(toc.read_text(encoding="utf-8").replace("book/zh/data", "book/zh/data\n  # a year was added"),
                   encoding="utf-8")
    assert finish(proc, "go\n") == site.RESTART
    assert not (project / "_build" / "html" / "index.html").exists()  # Sphinx made the folder, wrote nothing


def test_told_go_it_builds_the_site(project):
    assert finish(start(project), "go\n") == 0
    assert (project / "_build" / "html" / "book" / "zh" / "2024" / "income.html").exists()
