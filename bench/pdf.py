"""PDF reading benchmark (not a test): how long `juesuan.read.pdf.convert` takes on each PDF, now and at an earlier
revision, against the floor: pypdfium2 extracting the plain text of every page (open, load each page, its text page,
its text), which no reader of the text layer can beat.

    .venv/bin/python bench/pdf.py [--repeat 7] [--against REV] [PDF ...]

PDFs default to every PDF under ../shared/reports. REV defaults to the last revision that read PDFs with pdfplumber
(the parent of the commit that took find_tables out of read/pdf.py). Each reader runs in a process of its own, warmed
by one read, then timed --repeat times; the table gives medians in seconds and the ratio of each to the floor. The
text each gives is compared too: "same" where the two revisions read the PDF to the same text; "refused" where
the earlier revision did not read the PDF at all (tables without cell rules).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "reports"

_TIMER = """
import hashlib, json, statistics, sys, time
from pathlib import Path
from juesuan.read.pdf import convert
out = {}
for name in sys.argv[2:]:
    path = Path(name)
    try:
        text, _ = convert(path)  # warm: imports, caches
    except Exception as err:  # a PDF this revision refuses (a three-line table before this work)
        out[name] = {"seconds": None, "sha": type(err).__name__}
        continue
    times = []
    for _ in range(int(sys.argv[1])):
        start = time.perf_counter()
        convert(path)
        times.append(time.perf_counter() - start)
    out[name] = {"seconds": statistics.median(times), "sha": hashlib.sha256(text.encode()).hexdigest()}
print(json.dumps(out))
"""

_FLOOR = """
import json, statistics, sys, time
import pypdfium2 as pdfium
out = {}
for name in sys.argv[2:]:
    def read():
        doc = pdfium.PdfDocument(name)
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        doc.close()
    read()
    times = []
    for _ in range(int(sys.argv[1])):
        start = time.perf_counter()
        read()
        times.append(time.perf_counter() - start)
    out[name] = statistics.median(times)
print(json.dumps(out))
"""


def _run(code: str, src: Path, repeat: int, pdfs: list[Path]) -> dict:
    env_path = str(src)
    done = subprocess.run([sys.executable, "-c", code, str(repeat), *map(str, pdfs)], capture_output=True, text=True,
                          env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"}, timeout=3600)
    if done.returncode:
        raise SystemExit(f"failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _before() -> str:
    found = subprocess.run(["git", "log", "-1", "--format=%H", "-Sfind_tables", "--", "src/juesuan/read/pdf.py"],
                           cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return f"{found}^" if found else "HEAD"


def _source(rev: str, folder: Path) -> Path:
    """The package's source at ``rev``, extracted into ``folder``."""
    archive = subprocess.run(["git", "archive", rev, "src"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--against", default=None, help="the revision to compare with")
    args = parser.parse_args()
    pdfs = args.pdfs or sorted(SAMPLES.rglob("*.pdf"))
    if not pdfs:
        raise SystemExit(f"no PDF given and none under {SAMPLES}")
    rev = args.against or _before()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        old = _run(_TIMER, _source(rev, Path(tmp)), args.repeat, pdfs)
    now = _run(_TIMER, ROOT / "src", args.repeat, pdfs)
    floor = _run(_FLOOR, ROOT / "src", args.repeat, pdfs)
    print(f"PDF reading, median of {args.repeat} (s); before = {rev}")
    print(f"| {'PDF':44} | pages | before | after | floor | before/floor | after/floor | text |")
    print(f"| {'-' * 44} | ----: | -----: | ----: | ----: | -----------: | ----------: | ---- |")
    import pypdfium2 as pdfium

    for pdf in pdfs:
        key = str(pdf)
        pages = len(pdfium.PdfDocument(pdf))
        b, a, f = old[key]["seconds"], now[key]["seconds"], floor[key]
        same = "same" if old[key]["sha"] == now[key]["sha"] else "differs"
        before = f"{b:6.3f}" if b is not None else "refused"
        ratio = f"{b / f:12.1f}" if b is not None else f"{'-':>12}"
        print(f"| {pdf.name:44} | {pages:5} | {before:>6} | {a:5.3f} | {f:5.3f} | {ratio} | {a / f:11.1f} | {same} |")
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
