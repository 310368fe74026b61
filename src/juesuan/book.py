"""The book runner: papermill for every (year, chapter), clean outputs, a generated table of contents and
appendix, then jupyter-book. Side effects live here; the chapters' logic lives in the chapter modules."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .site import RESTART

TOPICS = ["income", "expenditure", "basic", "procurement", "performance", "audit"]
TITLES = {"income": "Income 收入", "expenditure": "Expenditure 支出", "basic": "Basic-expense composition 基本支出构成",
          "procurement": "Procurement and SME shares 政府采购与中小企业", "performance": "Performance scoring 绩效自评",
          "audit": "Consistency audit 勾稽检查"}
HIDDEN = {"parameters", "injected-parameters"}


def clean_notebook(path: Path) -> None:
    """Hide the parameter cells in the site; drop timestamps, durations and paths papermill records."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        if HIDDEN & set(tags) and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
        elif cell.cell_type == "code" and "hide-input" not in tags:
            cell.metadata["tags"] = [*tags, "hide-input"]  # readers see results; the code is one click away
    nbformat.write(nb, path)


# Each build worker keeps one kernel and runs its notebooks in it one after another: starting a kernel and
# importing pandas and matplotlib cost more than most chapters compute. Before each notebook the kernel's
# namespace, history and execution count are reset (IPython's new session) and its working directory set, so
# the executed notebook is byte-identical to one run in a fresh kernel (nbval re-runs each in a fresh one).
PRELOAD = "import pandas, matplotlib.figure, juesuan.datasets, juesuan.display, juesuan.charts"
_kernel = None  # this worker's AsyncKernelManager (nbclient's own kind: it can notice the kernel dying)


def start_kernel() -> None:
    """Worker initialiser: start the kernel and have it import the heavy libraries while the worker waits.
    The kernel talks over Unix sockets in a folder of its own: workers starting kernels at the same moment
    would otherwise race for the same free TCP ports. If no kernel starts, each notebook gets a fresh one."""
    global _kernel
    import tempfile
    from multiprocessing import util

    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    _kernel = AsyncKernelManager(kernel_name="python3", transport="ipc",
                                 ip=str(Path(tempfile.mkdtemp(prefix="juesuan-kernel-")) / "k"))
    try:
        run_sync(_kernel.start_kernel)(extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
        import papermill  # noqa: F401  while the kernel starts
        client = _client()
        client.wait_for_ready(timeout=120)
        client.execute(PRELOAD, silent=True, store_history=False)  # runs while the worker takes its first notebook
        client.stop_channels()
    except Exception:
        stop_kernel()
        return
    util.Finalize(_kernel, stop_kernel, exitpriority=10)


def stop_kernel() -> None:
    global _kernel
    from jupyter_core.utils import run_sync

    if _kernel is not None:
        kernel, _kernel = _kernel, None
        try:
            run_sync(kernel.shutdown_kernel)(now=True)
        except Exception:
            pass  # it never started, or is gone already
        shutil.rmtree(Path(kernel.ip).parent, ignore_errors=True)


def _client():
    from jupyter_client.blocking import BlockingKernelClient

    client = BlockingKernelClient()
    client.load_connection_info(_kernel.get_connection_info())
    client.start_channels()
    return client


def _fresh_session(folder: Path) -> None:
    from jupyter_core.utils import run_sync

    if not run_sync(_kernel.is_alive)():  # a previous notebook killed it
        stop_kernel()
        start_kernel()
        if _kernel is None:
            return
    client = _client()
    try:
        reply = client.execute_interactive(
            f"get_ipython().reset(new_session=True)\nimport os as _os\n_os.chdir({str(folder)!r})\ndel _os",
            silent=True, store_history=False, timeout=120)
    finally:
        client.stop_channels()
    if reply["content"]["status"] != "ok":
        raise RuntimeError(f"could not reset the kernel: {reply['content'].get('evalue')}")


def run_notebook(template: Path, output: Path, parameters: dict, cwd: Path | None = None) -> None:
    """Execute template with parameters into output (written only when the run succeeded), then clean it.
    The kernel runs in cwd (default: output's folder), where the parameters' relative paths point from."""
    import papermill

    cwd = cwd or output.parent
    for folder in (cwd, output.parent):  # a new year's book folder is made before its first notebook runs
        folder.mkdir(parents=True, exist_ok=True)
    staging = output.with_suffix(".tmp.ipynb")
    if _kernel is not None:
        _fresh_session(cwd)
    reuse = {"km": _kernel} if _kernel is not None else {}
    try:
        papermill.execute_notebook(str(template), str(staging), parameters=parameters, kernel_name="python3",
                                   progress_bar=False, cwd=str(cwd), request_save_on_cell_execute=False,
                                   extra_arguments=["--IPKernelApp.log_level=CRITICAL"], **reuse)
        clean_notebook(staging)
        staging.replace(output)
    finally:
        staging.unlink(missing_ok=True)


def toc(years: list[int]) -> str:
    lines = ["# Generated by `juesuan build`; do not edit.", "format: jb-book", "root: book/intro", "parts:"]
    for year in sorted(years, reverse=True):
        lines += [f'  - caption: "{year}"', "    chapters:"]
        lines += [f"      - file: book/{year}/{topic}" for topic in TOPICS]
    lines += ['  - caption: "Across years"', "    chapters:", "      - file: book/trends"]
    lines += ['  - caption: "Appendix"', "    chapters:", "      - file: book/data"]
    return "\n".join(lines) + "\n"


def appendix(years: list[int]) -> str:
    from .datasets import DATASETS

    out = ["# Data appendix", "",
           "Every figure in this book comes from these files, written by `juesuan ingest` from the published report.",
           "Each row carries the line of the report it was read from.", "", "## Downloads", ""]
    for year in sorted(years, reverse=True):
        out += [f"### {year}", "", f"- {{download}}`Excel workbook, all datasets <../_build/downloads/juesuan-{year}.xlsx>`",
                f"- {{download}}`report.json <../data/{year}/report.json>`"]
        out += [f"- {{download}}`{name}.csv <../data/{year}/{name}.csv>`" for name in DATASETS]
        out.append("")
    out += ["## Data dictionary", "", "```{include} ../data/README.md", ":heading-offset: 1", "```", ""]
    return "\n".join(out)


def workbook(year: int, data_dir: Path, target: Path) -> None:
    """One .xlsx per year, a sheet per dataset: amounts as exact numbers, text always as text (a name from a
    report that starts with = stays a string, never a formula)."""
    from decimal import Decimal

    from openpyxl import Workbook

    from .datasets import DATASETS, read_csv

    wb = Workbook()
    wb.remove(wb.active)
    for name, spec in DATASETS.items():
        sheet = wb.create_sheet(name[:31])
        columns = list(spec["columns"])
        decimal = {c for c, col in spec["columns"].items() if col.kind in ("decimal", "int")}
        sheet.append(columns)
        for row in read_csv(data_dir / str(year) / f"{name}.csv"):
            sheet.append([Decimal(row[c]) if c in decimal and row[c] else row[c] for c in columns])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":
                    cell.data_type = "s"
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)


KEYS = "book/.build-keys.json"  # what each executed notebook was built from (content hashes), committed


@dataclass(eq=False)  # jobs are compared by identity
class Job:
    """One notebook to execute: its template, output, parameters and the files it depends on."""

    template: Path
    output: Path
    params: dict
    data: list[Path]

    def parts(self, root: Path, package: list[Path], requirements: Path) -> dict[str, str]:
        return {"template": _digest([self.template], root), "data": _digest(self.data, root),
                "package": _digest(package, _package_base(package)), "requirements": _digest([requirements] if requirements.exists() else [], root),
                "parameters": hashlib.sha256(json.dumps(self.params, sort_keys=True).encode()).hexdigest()[:16]}


def _digest(paths: list[Path], root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        name = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
        h.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _package_base(package: list[Path]) -> Path:
    """Package files are named from the folder holding the package (juesuan/book.py), wherever it is installed,
    so a copy of the project (a test's, the benchmark's) keeps the committed notebooks."""
    return next(p for p in package if p.name == "__init__.py").parent.parent


def package_files(package_dir: Path | None = None) -> list[Path]:
    folder = package_dir or Path(__file__).parent
    return sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts)


def plan(root: Path, years: list[int]) -> list[Job]:
    data = root / "data"
    files = {y: sorted(p for p in (data / str(y)).iterdir() if p.is_file()) for y in years}
    jobs = [Job(root / "notebooks" / f"{t}.ipynb", root / "book" / str(y) / f"{t}.ipynb",
                {"year": y, "data_dir": "../../data"}, files[y]) for y in years for t in TOPICS]
    latest = max(years)
    jobs.append(Job(root / "notebooks" / "intro.ipynb", root / "book" / "intro.ipynb",
                    {"year": latest, "data_dir": "../data"}, files[latest]))
    jobs.append(Job(root / "notebooks" / "trends.ipynb", root / "book" / "trends.ipynb", {"data_dir": "../data"},
                    [f for y in years for f in files[y]]))  # a cross-year chapter depends on every year
    return jobs


def explain(root: Path, jobs: list[Job], package_dir: Path | None = None) -> list[tuple[Job, bool, str]]:
    """For each job: (job, run?, why)."""
    keys_path = root / KEYS
    keys = json.loads(keys_path.read_text(encoding="utf-8")) if keys_path.exists() else {}
    package = package_files(package_dir)
    out = []
    for job in jobs:
        rel = str(job.output.relative_to(root))
        now = job.parts(root, package, root / "requirements.lock")
        before = keys.get(rel)
        if not job.output.exists():
            out.append((job, True, "no executed notebook yet"))
        elif before is None:
            out.append((job, True, "no recorded inputs"))
        elif before != now:
            changed = [k for k in now if before.get(k) != now[k]]
            out.append((job, True, "changed: " + ", ".join(changed)))
        else:
            out.append((job, False, "inputs unchanged"))
    return out


def keys_text(root: Path, jobs: list[Job], package_dir: Path | None = None) -> str:
    """The keys file with these notebooks' inputs recorded (and notebooks no longer in the plan dropped)."""
    keys_path = root / KEYS
    keys = json.loads(keys_path.read_text(encoding="utf-8")) if keys_path.exists() else {}
    package = package_files(package_dir)
    for job in jobs:
        keys[str(job.output.relative_to(root))] = job.parts(root, package, root / "requirements.lock")
    live = {str(j.output.relative_to(root)) for j in plan(root, _years(root))}
    keys = {k: v for k, v in sorted(keys.items()) if k in live}
    return json.dumps(keys, indent=1, sort_keys=True) + "\n"


def record(root: Path, jobs: list[Job], package_dir: Path | None = None) -> None:
    """Remember what these notebooks were built from."""
    (root / KEYS).write_text(keys_text(root, jobs, package_dir), encoding="utf-8")


# A build writes nothing into book/ until every notebook has run: executed notebooks, the keys file, _toc.yml
# and book/data.md are staged under _build/.stage, then moved into place following a journal written first.
# A build killed before the journal leaves book/ as it was; one killed while moving is completed by the next
# command that reads the book (finish_promotion), so the book is either as before or complete.
STAGE = "_build/.stage"
JOURNAL = "_build/.promote.json"


def promote(root: Path, moves: list[tuple[Path, Path]]) -> None:
    journal = root / JOURNAL
    tmp = journal.with_suffix(".tmp")
    tmp.write_text(json.dumps([[str(a), str(b)] for a, b in moves], ensure_ascii=False), encoding="utf-8")
    tmp.replace(journal)  # from here on the promotion happens, now or at the next build
    finish_promotion(root)


def finish_promotion(root: Path) -> bool:
    """Complete a promotion a killed build left half-done; True when there was one."""
    import os

    journal = root / JOURNAL
    if not journal.exists():
        return False
    for source, target in json.loads(journal.read_text(encoding="utf-8")):
        if Path(source).exists():
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    journal.unlink()
    return True


def _years(root: Path) -> list[int]:
    from .datasets import years

    return years(root / "data")


def _site_key(root: Path) -> str:
    files = [root / "_toc.yml", root / "_config.yml", root / "data" / "README.md"]
    files += [p for p in (root / "book").rglob("*") if p.is_file()]
    files += [p for p in (root / "data").rglob("*") if p.is_file()]
    return _digest(files, root)


def _failure(err: Exception) -> str:
    ename, evalue = getattr(err, "ename", None), getattr(err, "evalue", None)
    if ename:
        return f"cell {getattr(err, 'exec_count', '?')}: {ename}: {evalue}"
    text = str(err).strip()
    return text.splitlines()[-1] if text else repr(err)


def build(root: Path = Path("."), *, site: bool = True, jobs: int | None = None, explain_only: bool = False,
          show_explain: bool = False, echo=print) -> int:
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from tqdm import tqdm

    from .store import recover

    root = root.resolve()
    for done in recover(root / "data"):
        echo(done)
    years = _years(root)
    if not years:
        echo("error: no year in data/: run `juesuan ingest REPORT --year YEAR` first")
        return 2
    started = time.monotonic()
    if finish_promotion(root):
        echo("completed the promotion of an interrupted build")
    decisions = explain(root, plan(root, years))
    if show_explain or explain_only:
        for job, run, why in decisions:
            echo(f"{'run ' if run else 'keep'} {job.output.relative_to(root)}: {why}")
    if explain_only:
        return 0
    todo = [job for job, run, _ in decisions if run]
    stage = root / STAGE
    shutil.rmtree(stage, ignore_errors=True)

    def staged_file(target: Path) -> Path:
        path = stage / target.relative_to(root)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    failed: list[tuple[Job, str]] = []
    workers = max(1, jobs or os.cpu_count() or 1)
    site_key_file = root / "_build" / ".site-key"
    wanted, site = site, site and (bool(todo) or not (root / "_build" / "html" / "index.html").exists()
                     or not site_key_file.exists() or site_key_file.read_text() != _site_key(root))
    builder = None  # the site process (juesuan.site)
    durations: dict[str, float] = {}
    try:
        if site and (not todo or workers > 1):
            builder = _start_site(root)  # it loads Sphinx alongside the workers; with -j 1, after them
        if todo:
            # processes, not threads: papermill changes the working directory, which is per process
            with ProcessPoolExecutor(max_workers=workers, initializer=start_kernel) as pool, \
                    tqdm(total=len(todo), desc="notebooks", unit="nb", file=sys.stderr) as bar:
                futures = {pool.submit(_run_job, j.template, staged_file(j.output), j.params, j.output.parent): j
                           for j in _longest_first(root, todo)}
                for future in as_completed(futures):
                    job = futures[future]
                    bar.set_postfix_str(str(job.output.relative_to(root)))
                    bar.update()
                    try:
                        durations[str(job.output.relative_to(root))] = future.result()
                    except Exception as err:  # a failing notebook stops nothing else
                        failed.append((job, _failure(err)))
        done = [j for j in todo if j not in {f for f, _ in failed}]
        generated = {root / KEYS: keys_text(root, done), root / "_toc.yml": toc(years),
                     root / "book" / "data.md": appendix(years)}
        for target, text in generated.items():
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                staged_file(target).write_text(text, encoding="utf-8")
        promote(root, [(staged_file(j.output), j.output) for j in done] +
                [(staged_file(t), t) for t in generated if staged_file(t).exists()])
        shutil.rmtree(stage, ignore_errors=True)
        _remember(root, durations)
        ran = len(todo) - len(failed)
        echo(f"{ran} notebooks ran, {len(decisions) - len(todo)} kept, {len(failed)} failed "
             f"in {time.monotonic() - started:.1f} s (-j {workers})")
        for job, message in failed:
            echo(f"error: {job.output.relative_to(root)}: {message}")
        if failed:
            return 1
        if not site:
            if wanted:
                echo("site: unchanged")
            return 0
        key = _site_key(root)
        builder = builder or _start_site(root)
        out, err = builder.communicate("go\n")
        if builder.returncode == RESTART:  # it had read the table of contents before this build changed it
            builder = _start_site(root)
            out, err = builder.communicate("go\n")
        if builder.returncode:
            echo(out[-4000:] + err[-4000:])
            return builder.returncode
        site_key_file.write_text(key)
        echo(f"site: {(root / '_build' / 'html' / 'index.html').relative_to(root)} "
             f"({time.monotonic() - started:.1f} s in all)")
        return 0
    finally:
        if builder is not None and builder.poll() is None:
            builder.kill()  # a failed or interrupted build: the site is not built from a partial book
            builder.communicate()


def _run_job(template: Path, output: Path, parameters: dict, cwd: Path) -> float:
    started = time.monotonic()
    run_notebook(template, output, parameters, cwd)
    return time.monotonic() - started


DURATIONS = "_build/.durations.json"  # how long each notebook took when it last ran (not committed)


def _durations(root: Path) -> dict[str, float]:
    path = root / DURATIONS
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _longest_first(root: Path, todo: list[Job]) -> list[Job]:
    """Longest first, so that no worker is left running a long notebook alone at the end: by the times of the
    last builds (one not yet timed is guessed at their mean); among equals, the one with most data first (the
    cross-year chapter, which grows with every year)."""
    last = _durations(root)
    known = [last[k] for k in (str(j.output.relative_to(root)) for j in todo) if k in last]
    guess = sum(known) / len(known) if known else 0.0
    return sorted(todo, key=lambda j: (last.get(str(j.output.relative_to(root)), guess), len(j.data)), reverse=True)


def _remember(root: Path, durations: dict[str, float]) -> None:
    path = root / DURATIONS
    path.parent.mkdir(parents=True, exist_ok=True)
    timed = _durations(root) | {k: round(v, 2) for k, v in durations.items()}
    path.write_text(json.dumps(timed, sort_keys=True), encoding="utf-8")


def _start_site(root: Path) -> subprocess.Popen:
    """The site builder (juesuan.site): it prepares, then builds when told "go"."""
    return subprocess.Popen([sys.executable, "-m", "juesuan.site", str(root)], cwd=root, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
