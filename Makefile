# Two commands for a new user: `make demo` and `make test`. Both create .venv when missing.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint lab app bench bench-quick bench-dashboard bench-genogram bench-profile baseline-drift scenario-table reach-table before-after bench-calibrate clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/systemsim compare scenarios/mantsala_before.yaml scenarios/mantsala_after.yaml \
		--years 3 --replications 20 --seed 2017

# every tier: unit, behaviour, back-tests, slow runs, notebooks (nbval) and the browser (CI calls it)
# The Voilà reliability test loads each page 20 times (about 15 minutes on two cores): it runs
# on its own with `make test-voila`, to keep the suite CI runs under 20 minutes.
test: install
	$(PY) -m ruff check .
	$(PY) -m pytest --ignore=tests/room/test_voila_reliability.py

test-voila: install
	SYSTEMSIM_VOILA_LOADS=$${SYSTEMSIM_VOILA_LOADS:-20} $(PY) -m pytest tests/room/test_voila_reliability.py -s

# a developer's quick tier (about a minute): no slow, browser or notebook tests (tests/conftest.py)
test-fast: install
	$(PY) -m ruff check .
	$(PY) -m pytest tests -m "not slow and not browser and not notebook" --durations=10

# one SHA-256 over every bundled scenario's weekly rows and KPIs (fixed seed, 3 years, 3 runs):
# identical before and after a change that must not move the numbers
numbers-hash: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/numbers_hash.py
.PHONY: test-fast test-voila numbers-hash

lint: install
	$(PY) -m ruff check .

# `make lab` opens a per-user working copy of the notebooks (COURSE_DIR), made and refreshed
# from notebooks/ so the repository stays clean; LAB_LANG=fi gives JupyterLab Finnish menus
# (there is no Swedish language pack). As root (a container, a classroom server) it adds
# --allow-root.
COURSE_DIR ?= $(HOME)/systemsim-course
LAB_LANG ?= en
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: install
	$(PY) -m systemsim.training.workcopy --source notebooks --target "$(COURSE_DIR)" \
		--lang $(LAB_LANG) >/dev/null
	JUPYTERLAB_SETTINGS_DIR="$(COURSE_DIR)/.jupyterlab-settings" $(VENV)/bin/jupyter lab \
		--ip 127.0.0.1 --no-browser $(ALLOW_ROOT) "$(COURSE_DIR)"

app: install
	$(VENV)/bin/systemsim app

bench-dashboard: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/bench_dashboard.py

bench-genogram: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/bench_genogram.py

# benchmarks/README.md says what each number means; PYTHONPATH makes worker processes use src/
bench: install bench-dashboard bench-genogram
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/bench.py

bench-quick: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/bench.py --quick

# where a county run spends its time (benchmarks/README.md, "Where the county's time goes now")
bench-profile: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/where_time_goes.py

# how far each baseline moves with nothing changed (docs/model.md §10); YEARS=30 for the long run
baseline-drift: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/baseline_drift.py --years $(or $(YEARS),10) --replications 20

# the before/after table of docs/model.md §9.8
before-after: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/before_after.py

# year 1 and year 10 of every bundled scenario (the closing note's table)
scenario-table: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/scenario_table.py

# finland_typical at 10-200 early-support places, with and without the reach assumption
# (docs/model.md §10, "Early support: more places reach further")
reach-table: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/early_support_reach.py

# ABC-SMC of the typical municipality (benchmarks/bench_calibrate.py; --quick for a smoke run)
bench-calibrate: install
	PYTHONPATH=$(CURDIR)/src $(PY) benchmarks/bench_calibrate.py

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info
