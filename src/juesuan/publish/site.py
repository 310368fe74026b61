"""The site build, in a process of its own that `juesuan build` starts alongside its notebook workers (with
-j 1, after them: one thing at a time).

Everything before Sphinx reads the first page needs nothing from the notebooks: loading Sphinx, the theme and
the extensions, reading the configuration and the table of contents, and writing the downloads from data/.
That is done while the notebooks run; the process then waits, inside Sphinx's build, for the parent to
write "go" (the executed notebooks, _toc.yml and book/data.md are in place) and stops on anything else (a
notebook failed). If the table of contents changed meanwhile (a year was added), it exits with RESTART and the
parent starts a fresh one.

    python -m juesuan.publish.site ROOT     (then "go" on stdin)
"""

from __future__ import annotations

import sys
from pathlib import Path

ARGS = ["build", ".", "-W", "-n", "--keep-going"]  # warnings are errors; every broken reference reported
RESTART = 75
WAITING = "juesuan.publish.site: ready, waiting for go"


def main(argv: list[str] | None = None) -> int:
    import os

    from jupyter_book.cli.main import main as jupyter_book
    from sphinx.application import Sphinx

    from .downloads import write_all

    root = Path((argv or sys.argv[1:] or ["."])[0]).resolve()
    os.chdir(root)
    write_all(root)  # the downloads of every year: zip, workbooks (publish/downloads.py)
    toc = (root / "_toc.yml").read_bytes()
    build = Sphinx.build

    def build_when_told(app, *args, **kwargs):
        print(WAITING, file=sys.stderr, flush=True)
        if sys.stdin.readline().strip() != "go":
            raise SystemExit(0)
        if (root / "_toc.yml").read_bytes() != toc:
            raise SystemExit(RESTART)
        # the landing redirect is written only where missing: made anew, it follows the table of contents' root
        (root / "_build" / "html" / "index.html").unlink(missing_ok=True)
        return build(app, *args, **kwargs)
    Sphinx.build = build_when_told
    try:
        jupyter_book(ARGS, prog_name="jupyter-book")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
