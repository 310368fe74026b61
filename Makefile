# juesuan — the two commands: `make book` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements.lock
UV_VERSION := $(shell sed -n 's/^uv==\([^ ;]*\).*/\1/p' $(LOCK))
STAMP  := $(VENV)/.installed-$(shell cat $(LOCK) pyproject.toml | sha256sum | cut -c1-12)
BROWSER_PACKAGES := chromium chromium-driver fonts-noto-cjk

.PHONY: book test validate lock browser clean

# Python caches the bytecode of what it imports, in every command here: where PYTHONDONTWRITEBYTECODE is set (as on
# CI) nothing would be cached, and every process would compile its imports again. Caching what is imported, when it
# is first imported, costs less than compiling the whole environment at install (a first `make book` in a fresh
# clone 17-19 s, against 51 s).
export PYTHONDONTWRITEBYTECODE :=

# The environment: created when missing (without pip, where this Python's pip can install uv into it from the
# package registry), installed from the lock by uv, and installed again only when the lock or pyproject.toml changes.
$(STAMP): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "juesuan needs Python 3.11+"'
	@test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	@test -x $(BIN)/uv || $(PYTHON) -m pip --python $(BIN)/python install --quiet --disable-pip-version-check \
	    uv==$(UV_VERSION) || { $(BIN)/python -m ensurepip >/dev/null && $(BIN)/python -m pip install --quiet \
	    --disable-pip-version-check uv==$(UV_VERSION); }
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --require-hashes $(LOCK)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $@

# The book, in one process: validate data/ (years whose files changed), run every chapter whose inputs changed,
# build the site.
book: $(STAMP)
	@$(BIN)/juesuan build --validate

validate: $(STAMP)
	$(BIN)/juesuan validate

# Unit and end-to-end tests on every core, and nbval: the seed unit's chapters in both editions and the overview
# re-executed and compared output by output (a notebook's cells stay on one worker: --dist loadfile). The other
# units' notebooks are the same templates run on other data: tests/publish/test_build_plan.py proves each of them
# current with its inputs, so the suite's time does not grow with the collection (README: "How the book is tested").
NBVAL_UNIT := changshashixiandaijiaoyujishuzhongxin
NBVAL      := $(foreach lang,zh en,book/$(lang)/$(NBVAL_UNIT) $(wildcard book/$(lang)/index.ipynb))
test: $(STAMP) browser
	$(BIN)/python -m pytest -n auto --dist loadfile tests $(NBVAL) --nbval --nbval-current-env

# The browser tests need Debian's chromium, its driver and a Chinese font: installed here as root, else the command.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v fc-list >/dev/null \
	    && [ -n "$$(fc-list :lang=zh family)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing $(BROWSER_PACKAGES) for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	else \
	    echo "error: the browser tests need $(BROWSER_PACKAGES); run: sudo apt-get update && sudo apt-get install -y $(BROWSER_PACKAGES)" >&2; \
	    exit 1; \
	fi

# Update the lock after editing requirements.txt (`make lock LOCK_ARGS=--upgrade`: the newest versions it allows).
lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --universal --generate-hashes --python-version 3.11 $(LOCK_ARGS) requirements.txt \
	    -o $(LOCK)

clean:
	rm -rf _build .pytest_cache .hypothesis
