# OrgWork: `make demo` serves the app with demo data; `make test` runs the suite on SQLite and PostgreSQL.
SHELL := /bin/bash
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PG_URL ?= postgres://postgres@127.0.0.1:5432/orgwork
STAMP := $(VENV)/.installed
NPM_STAMP := node_modules/.installed

.PHONY: install assets demo serve test test-sqlite test-pg test-e2e lint format bench bench-load messages clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(STAMP)

$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NPM_STAMP)

install: $(STAMP) $(NPM_STAMP)

# Front-end files come from npm (pinned in package-lock.json) and are copied under src/orgwork/static/vendor.
assets: install
	@bash scripts/copy_assets.sh

demo: assets
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) collectstatic --noinput -v 0
	$(MANAGE) seed_demo --scale small --if-empty
	$(MANAGE) demo_accounts
	@echo "background job worker started (db_worker); Ctrl-C stops it with the server"
	trap 'kill 0' EXIT; $(MANAGE) db_worker --interval 1 & $(MANAGE) runserver 127.0.0.1:8000

serve: assets
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) collectstatic --noinput -v 0
	trap 'kill 0' EXIT; $(MANAGE) db_worker & $(BIN)/gunicorn -c deploy/gunicorn.conf.py orgwork.wsgi

# The two databases' runs go side by side (one core each on the 2-core machines); each run's output
# is printed whole when it ends.
test: assets
	@bash scripts/install_system.sh
	@bash scripts/check_pg.sh "$(PG_URL)"
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-pg

test-sqlite:
	@echo "== tests on SQLite"
	DATABASE_URL=sqlite:///$(CURDIR)/.test.sqlite3 $(BIN)/pytest

test-pg:
	@echo "== tests on PostgreSQL"
	@bash scripts/check_pg.sh "$(PG_URL)"
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

# .mo files are committed so that a fresh machine needs no gettext.
# Apps with a locale/ directory of their own keep their strings there (one catalogue per app, so
# parallel work on two apps never edits the same file); the project catalogue holds the rest.
APP_LOCALES := $(patsubst src/orgwork/%/locale,%,$(wildcard src/orgwork/*/locale))
messages: install
	cd src/orgwork && ../../$(BIN)/django-admin makemessages -l zh_Hans --no-location --ignore=static $(foreach a,$(APP_LOCALES),--ignore=$(a))
	for a in $(APP_LOCALES); do (cd src/orgwork/$$a && ../../../$(BIN)/django-admin makemessages -l zh_Hans --no-location) || exit 1; done
	cd src/orgwork && ../../$(BIN)/django-admin compilemessages

# Every benchmark at one scale on PostgreSQL and SQLite (bench/all.py): SCALE=small (< 3 min) or city.
bench: assets
	@bash scripts/install_bench_tools.sh
	$(BIN)/python bench/all.py --scale $(or $(SCALE),small)

# Load test over HTTP (gunicorn + PostgreSQL, Debian's wrk); needs the bench database of the scale.
bench-load: assets
	@bash scripts/install_bench_tools.sh
	$(BIN)/python bench/load.py --scale $(or $(SCALE),city)

clean:
	rm -rf $(VENV) node_modules .test.sqlite3 db.sqlite3 staticfiles
