# juesuan — the two commands: `make book` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-12)

.PHONY: book test validate clean

# Create .venv when missing and install the pinned requirements and the package (again when they change).
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "juesuan needs Python 3.11+"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $@

# The book: validate data/, run every chapter for every year into book/, build the site into _build/html.
book: $(STAMP)
	$(BIN)/juesuan validate
	$(BIN)/juesuan build

validate: $(STAMP)
	$(BIN)/juesuan validate

# Unit and end-to-end tests, then nbval: every committed book notebook re-executed and compared output by output.
test: $(STAMP)
	$(BIN)/python -m pytest tests book --nbval --nbval-current-env

clean:
	rm -rf _build .pytest_cache .hypothesis
