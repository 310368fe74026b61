"""Running a chapter notebook: in a warm kernel (reset to a new IPython session before each notebook, so
that it comes out byte-identical to a fresh kernel's run) or a fresh one; then cleaned of timestamps and
with its parameter cells and code removed from the site."""

from __future__ import annotations

import shutil
from pathlib import Path

HIDDEN = {"parameters", "injected-parameters"}


def clean_notebook(path: Path, lang: str | None = None, unit_zh: str | None = None) -> None:
    """Keep the explaining (markdown) cells of the page's language only (tagged lang-zh or lang-en); remove the
    parameter cells and every code cell's source from the site (readers see prose, tables and charts; the executed
    notebook stays downloadable); drop timestamps, durations and paths papermill records. A title naming the unit
    (a markdown cell "# {unit}", as a unit's home page has) gets the unit's name as published, escaped."""
    import nbformat

    from .escape import esc

    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("papermill", None)
    if lang is not None:
        nb.cells = [c for c in nb.cells if not any(t.startswith("lang-") and t != f"lang-{lang}"
                                                    for t in c.metadata.get("tags", []))]
    if unit_zh is not None:
        for cell in nb.cells:
            if cell.cell_type == "markdown" and "{unit}" in cell.source:
                cell.source = cell.source.replace("{unit}", esc(unit_zh))
    for cell in nb.cells:
        figure_metadata(cell)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        if HIDDEN & set(tags) and "remove-cell" not in tags:
            cell.metadata["tags"] = [*tags, "remove-cell"]
        elif cell.cell_type == "code" and "remove-input" not in tags:
            cell.metadata["tags"] = [*tags, "remove-input"]  # readers see results; the code is in the download
    nbformat.write(nb, path)


def figure_metadata(cell) -> None:
    """A chart's caption and alt text (publish.charts.show puts them in its image output's metadata) moved to the
    cell's metadata, where myst-nb reads them: the image's alt and the caption of the figure it makes of the output."""
    for output in cell.get("outputs", []):
        meta = output.get("metadata", {}).get("image/png", {})
        if "caption" in meta:
            cell.metadata["mystnb"] = {"image": {"alt": meta.pop("alt")}, "figure": {"caption": meta.pop("caption")}}
            if not meta:
                del output["metadata"]["image/png"]


# Each build worker keeps one kernel and runs its notebooks in it one after another: starting a kernel and
# importing pandas and matplotlib cost more than most chapters compute. Before each notebook the kernel's
# namespace, history and execution count are reset (IPython's new session) and its working directory set, so
# the executed notebook is byte-identical to one run in a fresh kernel (nbval re-runs each in a fresh one).
PRELOAD = "import pandas, matplotlib.figure, juesuan.data.datasets, juesuan.publish.display, juesuan.publish.charts"
_kernel = None  # this worker's AsyncKernelManager (nbclient's own kind: it can notice the kernel dying)


def start_kernel() -> None:
    """Worker initialiser: start the kernel and have it import the heavy libraries while the worker waits.
    The kernel talks over Unix sockets in a folder of its own: workers starting kernels at the same moment
    would otherwise race for the same free TCP ports. If no kernel starts, each notebook gets a fresh one. A worker
    that has one keeps it (a Dask cluster's workers outlive a build)."""
    global _kernel
    import tempfile
    from multiprocessing import util

    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    if _kernel is not None and run_sync(_kernel.is_alive)():  # a Dask worker asked again by a later build
        return
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
            f"get_ipython().reset(new_session=True)\nimport os as _os\n_os.chdir({str(folder)!r})\ndel _os\n"
            "import juesuan.i18n as _i18n\n_i18n.use('en')\ndel _i18n",  # as a fresh kernel starts: English
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
        clean_notebook(staging, parameters.get("lang"), parameters.get("unit_zh"))
        staging.replace(output)
    finally:
        staging.unlink(missing_ok=True)
