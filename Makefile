# The two commands a newcomer needs: `make run` and `make test`.
# Both are idempotent; everything they need is installed into .venv (and
# node_modules for the optional browser-test tools).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_URL := http://127.0.0.1:8000/

.PHONY: install run serve test test-deep test-dates lint messages bench bench-load clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

# XStatic-Bootstrap ships only an sdist that imports pkg_resources while it builds,
# so it is built against the pinned setuptools rather than in an isolated env.
$(VENV)/.runtime: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check setuptools==80.10.2 wheel
	$(BIN)/pip install --quiet --disable-pip-version-check --no-build-isolation XStatic-Bootstrap==5.3.8.0
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# axe-core and the Nu HTML checker, for the browser tests; skipped without npm.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: accessibility and HTML-validity tests will be skipped"; fi

install: $(VENV)/.runtime

run: $(VENV)/.runtime
	@mkdir -p var
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_catalogue
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_materials
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo
	@echo "Serving $(DEV_URL) (Ctrl+C to stop)"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

# Production serving (see docs/production.md): needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS …
serve: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/gunicorn --config gunicorn.conf.py fraudwatch.wsgi

# Tests run in parallel, one worker per core, each with its own test database
# (pytest-xdist); PYTEST_WORKERS=0 runs them in one process.
PYTEST_WORKERS ?= auto
test: $(VENV)/.dev node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive --severity-level medium --exclude ./tests,./.venv,./node_modules .
	$(BIN)/lint-imports --no-cache
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The property tests (hypothesis) with many more examples than `make test` gives them.
test-deep: $(VENV)/.dev
	HYPOTHESIS_PROFILE=deep $(BIN)/pytest -n $(PYTEST_WORKERS) -m hypothesis $(PYTEST_ARGS)

# The date-sensitive modules again with the machine's clock moved (Debian's faketime),
# to two days that are neither today nor the suite's pinned day: a test that reads the
# real date, or passes only on some days of the month, fails here.
FAKE_DAYS := "2027-01-15 10:00:00" "2028-02-29 23:30:00"
test-dates: $(VENV)/.dev
	@command -v faketime >/dev/null || { echo "faketime is needed (apt-get install faketime)"; exit 1; }
	@for day in $(FAKE_DAYS); do \
	  echo "== date-sensitive tests with the clock at $$day"; \
	  faketime "$$day" $(BIN)/pytest -n $(PYTEST_WORKERS) -m dates $(PYTEST_ARGS) || exit 1; \
	done

lint: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext; the compiled catalogues are committed so nobody else does.
# Traditional Chinese (zh_Hant) is generated from zh_Hans by OpenCC: never edit it by hand.
messages: $(VENV)/.dev
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemessages --locale zh_Hans --no-obsolete --no-location --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*'
	DJANGO_DEBUG=1 $(BIN)/python manage.py compilemessages --locale zh_Hans --ignore '.venv/*'
	DJANGO_DEBUG=1 $(BIN)/python manage.py traditional_messages

# Report speed against raw SQL on PostgreSQL (its own database, generated on first
# use: 10,000 units and 1,000,000 activities take a few minutes). Not part of `make test`.
bench: $(VENV)/.dev
	$(BIN)/python tests/bench/report_bench.py

# gunicorn on PostgreSQL with the demo data, driven by wrk (apt-get install wrk).
bench-load: $(VENV)/.dev
	$(BIN)/python tests/bench/load_bench.py

clean:
	rm -rf $(VENV) node_modules var
