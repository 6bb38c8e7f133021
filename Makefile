# The book's commands. The two that matter: `make book` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LABENV := .venv-lab
BOOK_FLAGS ?= -n -W --keep-going
PORT ?= 8000

.PHONY: help book book-uk translations check-uk test unit check serve lab lab-env lint clean audit benchmark student instructor subset keys worksheets exports chapter keys-uk worksheets-uk exports-uk

# ---- environment ------------------------------------------------------------------------------
$(BIN)/activate:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed (found %s)" % sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.book-installed: $(BIN)/activate requirements.txt pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.book-installed requirements-test.txt tests/package.json tests/package-lock.json
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	@command -v npm >/dev/null || { echo "npm (Node.js 18+) is needed for the accessibility checker axe-core"; exit 1; }
	npm ci --prefix tests --silent --no-audit --no-fund
	touch $@

chromium:
	@if [ -n "$$MINEBOOK_CHROMIUM" ] || [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests (apt-get install -y chromium)"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	else echo "No Chromium at /usr/bin/chromium: install it, or set MINEBOOK_CHROMIUM to a Chrome/Chromium binary"; exit 1; fi
.PHONY: chromium

help:                                 ## list the commands with one line each
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 24

# ---- the two commands -------------------------------------------------------------------------
# `minebook build` checks the content first, refuses to start while another build runs in the same folder,
# and stops with one line on Ctrl+C (instead of the notebook runner's traceback). BOOK_FLAGS other than the
# strict default are handed to a plain jupyter-book build.
book: $(VENV)/.book-installed        ## check the content, then build the book into _build/html
ifeq ($(BOOK_FLAGS),-n -W --keep-going)
	$(BIN)/minebook build
else
	$(BIN)/minebook check
	$(BIN)/jupyter-book build . $(BOOK_FLAGS)
endif
	@echo "The book is in _build/html: open _build/html/index.html, or run 'make serve'."

test: $(VENV)/.test-installed chromium lab-env book student   ## install what the tests need, build, run every test
	$(BIN)/ruff check minebook tests tools
	$(BIN)/frictionless validate data/datapackage.yaml   # the tables as the Frictionless standard sees them
	$(BIN)/lint-imports
	CI=$${CI:-} $(BIN)/pytest

unit: $(VENV)/.test-installed         ## the fast tests: no book build, no notebook run (tests/unit)
	$(BIN)/pytest tests/unit -q

# ---- translations (locales/README.md) ------------------------------------------------------------
translations: $(VENV)/.book-installed   ## after editing English: update locales/*/ catalogs, list what to translate
	$(BIN)/minebook translations

check-uk: $(VENV)/.book-installed      ## list every Ukrainian message not translated or out of date (file:line)
	$(BIN)/minebook check --lang uk

book-uk: $(VENV)/.book-installed       ## build the Ukrainian book into _build/html/uk (fails on untranslated text)
	$(BIN)/minebook build --lang uk

# ---- for instructors (see instructors/guide.md) ------------------------------------------------
student: $(VENV)/.book-installed     ## the student edition: no answers anywhere -> _build/student/_build/html
	$(BIN)/minebook build --edition student

instructor: $(VENV)/.book-installed  ## answers, explanations and teaching notes inline -> _build/instructor/_build/html
	$(BIN)/minebook build --edition instructor

subset: $(VENV)/.book-installed      ## make subset CHAPTERS="a b" [EDITION=student]
	@test -n "$(CHAPTERS)" || { echo 'Usage: make subset CHAPTERS="reading-the-report mine-types" [EDITION=student]'; exit 1; }
	$(BIN)/minebook build --edition $(or $(EDITION),default) --chapters $(CHAPTERS)

keys: $(VENV)/.book-installed        ## answer keys per chapter and for the book -> _build/keys/
	$(BIN)/minebook keys

worksheets: $(VENV)/.book-installed  ## printable worksheets (+ answer-key versions, PDFs via Chromium) -> _build/worksheets/
	$(BIN)/minebook worksheets

exports: $(VENV)/.book-installed     ## Moodle GIFT and QTI 1.2 -> _build/exports/
	$(BIN)/minebook export all

keys-uk: $(VENV)/.book-installed     ## answer keys in Ukrainian -> _build/keys/uk/
	$(BIN)/minebook keys --lang uk

worksheets-uk: $(VENV)/.book-installed   ## worksheets in Ukrainian (A4) -> _build/worksheets/uk/
	$(BIN)/minebook worksheets --lang uk

exports-uk: $(VENV)/.book-installed  ## Moodle GIFT and QTI 1.2 in Ukrainian -> _build/exports/uk/
	$(BIN)/minebook export all --lang uk

chapter: $(VENV)/.book-installed     ## make chapter NAME=x TITLE="X": scaffold a chapter, its quiz, notes, TOC entry
	@test -n "$$NAME" -a -n "$$TITLE" || { echo 'Usage: make chapter NAME=name TITLE="Title"'; exit 1; }
	@# NAME and TITLE are read from the environment (make exports command-line variables), never pasted into the
	@# shell line, so a title holding " $$ ` or ; is passed on as typed instead of being run by the shell.
	$(BIN)/minebook new-chapter $$NAME --title "$$TITLE"

# ---- everyday helpers -------------------------------------------------------------------------
check: $(VENV)/.book-installed       ## validate tables, quizzes, references and the TOC
	$(BIN)/minebook check

serve:                                ## preview the built book on http://127.0.0.1:8000/ (PORT=8001 for another port)
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

$(LABENV)/.lab-installed: requirements-lab.txt .binder/overrides.json
	test -x $(LABENV)/bin/python || $(PYTHON) -m venv $(LABENV)
	$(LABENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-lab.txt
	mkdir -p $(LABENV)/share/jupyter/lab/settings
	cp .binder/overrides.json $(LABENV)/share/jupyter/lab/settings/overrides.json
	touch $@

lab-env: $(VENV)/.book-installed $(LABENV)/.lab-installed   ## JupyterLab in .venv-lab, running the book's kernel
	$(BIN)/python -m ipykernel install --prefix $(LABENV) --name python3 --display-name "Python 3 (landmines book)" >/dev/null

# The server's root is the repository (so data/, the quiz files and references are reachable); the page opens
# with chapters/ in the file browser. LAB_FLAGS adds options, e.g. LAB_FLAGS="--no-browser --port 8899".
lab: lab-env                          ## JupyterLab at the repository root, chapters/ open (its own environment)
	$(LABENV)/bin/jupyter-lab $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) --ServerApp.root_dir=. \
	  --LabApp.default_url=/lab/tree/chapters $(LAB_FLAGS)

lint: $(VENV)/.test-installed         ## ruff, and the package's layers (ARCHITECTURE.md) with lint-imports
	$(BIN)/ruff check minebook tests tools
	$(BIN)/lint-imports

clean:                                ## remove every build (_build/)
	rm -rf _build

# ---- measured quality (see README, "Quality") ------------------------------------------------------
audit: $(VENV)/.test-installed chromium book   ## every quality check of the built book; exits non-zero on any failure
	$(BIN)/python -m tools.quality audit

benchmark: $(VENV)/.test-installed chromium    ## build and page figures beside Jupyter Book's template book
	$(BIN)/python -m tools.quality benchmark
