"""Per-report work on a Dask cluster (`--scheduler tcp://…`): ingest, survey and a build's chapter runs give what
local processes give. The cluster is dask.distributed's LocalCluster: two worker processes, one thread each."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from juesuan import workers
from juesuan.cli import main
from juesuan.publish import book, planning

from .conftest import ROOT, SEED_DATA, SEED_UNIT, copy_project
from .test_cli_ingest import tree_digest


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
            Client(local) as client:
        yield local.scheduler_address, client


def tasks(client, run) -> list[str]:
    """The names of the tasks the cluster's workers ran while ``run()`` ran."""
    from distributed import get_task_stream

    with get_task_stream(client) as stream:
        run()
    return [t["key"] if isinstance(t["key"], str) else str(t["key"]) for t in stream.data]


def test_ingest_on_the_cluster_writes_what_ingest_writes_here(cluster, seed_path, tmp_path):
    address, client = cluster
    data = tmp_path / "data"
    result = {}
    ran = tasks(client, lambda: result.update(out=CliRunner().invoke(
        main, ["ingest", str(seed_path), "--data-dir", str(data), "--scheduler", address])))
    assert result["out"].exit_code == 0, result["out"].output
    assert any("ingest_report" in key for key in ran), ran
    assert tree_digest(data / SEED_UNIT / "2024") == tree_digest(SEED_DATA / "2024")


def test_a_survey_on_the_cluster(cluster, seed_path):
    address, client = cluster
    result = {}
    ran = tasks(client, lambda: result.update(out=CliRunner().invoke(
        main, ["survey", "--json", "--scheduler", address, str(seed_path)])))
    assert result["out"].exit_code == 0, result["out"].output
    assert sum("survey_file" in key for key in ran) == 1, ran
    row = json.loads(result["out"].output.splitlines()[0])
    assert (row["unit"], row["year"], row["status"]) == ("长沙市现代教育技术中心", 2024, "whole")


def test_a_build_runs_its_chapters_on_the_cluster_as_it_does_here(cluster, tmp_path):
    """Two chapters made stale run on the cluster's workers, each with its warm kernel, and come out as committed."""
    address, client = cluster
    root = copy_project(tmp_path / "p")
    keys = json.loads((root / planning.KEYS).read_text(encoding="utf-8"))
    stale = [f"book/{lang}/{SEED_UNIT}/2024/income.ipynb" for lang in ("zh", "en")]
    for key in stale:
        keys[key]["template"] = "stale"
        (root / key).unlink()
    (root / planning.KEYS).write_text(json.dumps(keys, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    lines: list[str] = []
    ran = tasks(client, lambda: lines.append(book.build(root, site=False, echo=lines.append, scheduler=address)))
    assert lines[-1] == 0, lines
    assert lines[0].startswith("2 notebooks ran, 14 kept, 0 failed"), lines
    assert sum("_run_job" in key for key in ran) == 2, ran
    for key in stale:
        assert (root / key).read_bytes() == (ROOT / key).read_bytes(), key


def test_a_scheduler_that_does_not_answer_is_one_clear_error(seed_path, tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "CONNECT", "1s")  # an address nobody listens on: no need to wait the 10 s
    result = CliRunner().invoke(main, ["survey", "--scheduler", "tcp://127.0.0.1:9", str(seed_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: no Dask scheduler answers at tcp://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1
