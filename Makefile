# Peer Support Academy — `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links (emails, verify URLs, QR codes, LinkedIn) follow the address `make run` serves on, unless given.
BASE_URL ?= http://$(HOST):$(PORT)

.DEFAULT_GOAL := help
WORKERS ?= auto
BENCH_SECONDS ?= 5
.PHONY: bench help install install-prod lock tools run test test-app lint format check messages compilemessages serve-prod clean

help: ## List the make targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-16s %s\n", $$1, $$2}'

# Installs are exactly the lock (requirements/*.txt, with hashes; docs/decisions/0140-locked-installs.md): pip
# alone reads it, so a fresh machine needs only Python and make. The project itself is not installed (packages = []).
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps

$(VENV)/.installed: requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements/dev.txt
	@touch $@

$(VENV)/.installed-prod: requirements/production.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements/production.txt
	@touch $@

install: $(VENV)/.installed ## Create the virtual environment and install the locked development set

install-prod: $(VENV)/.installed-prod ## Install only the locked production set (no test or lint tools)

lock: ## Re-resolve requirements/*.txt from pyproject.toml (keeps current pins; UPGRADE=1 takes the newest allowed)
	@test -x $(VENV)/bin/uv || $(MAKE) install
	$(VENV)/bin/uv pip compile pyproject.toml --extra sentry --generate-hashes --universal --python-version 3.11 \
	  --no-header --quiet $(if $(UPGRADE),--upgrade) -o requirements/production.txt
	$(VENV)/bin/uv pip compile pyproject.toml --extra sentry --extra dev --generate-hashes --universal \
	  --python-version 3.11 --no-header --quiet $(if $(UPGRADE),--upgrade) -o requirements/dev.txt

tools: ## Install the independent checkers the interop tests run (Java, poppler, Node.js, tools/package.json)
	bash tools/install.sh

run: install ## Migrate, load demo content and users, and serve on http://$(HOST):$(PORT) (HOST=, PORT=, BASE_URL=)
	@echo "Migrating the database …"
	@BASE_URL=$(BASE_URL) $(PY) manage.py migrate --noinput -v0
	@BASE_URL=$(BASE_URL) $(PY) manage.py seed_demo
	@echo "Serving on $(BASE_URL)/ with the periodic jobs (lms/periodic.py) in-process  (Ctrl-C stops both)"
	@BASE_URL=$(BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: install ## Run the whole suite: parallel workers, random order (DATABASE_URL picks SQLite or PostgreSQL)
	$(PY) -m pytest -n $(WORKERS) --dist loadgroup $(PYTEST_ARGS)

test-app: install ## Run one app's tests in one process, e.g. make test-app APP=courses (PYTEST_ARGS="-k quiz")
	@test -n "$(APP)" || { echo "Say which app: make test-app APP=courses (one of: $$(ls -d tests/*/ | xargs -n1 basename | tr '\n' ' '))"; exit 2; }
	$(PY) -m pytest tests/$(APP) -n 0 $(PYTEST_ARGS)

bench: install ## Benchmark the trainee and verify pages on gunicorn + PostgreSQL + Redis with wrk (not part of make test)
	$(PY) benchmarks/run.py --seconds $(BENCH_SECONDS)

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install ## Django system checks, deploy checks with production settings, and missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY=check-deploy-$$(printf 'x%.0s' $$(seq 1 60)) ALLOWED_HOSTS=academy.example.org \
	  DATABASE_URL=sqlite:///check.sqlite3 REDIS_URL=redis://127.0.0.1:6379/15 BASE_URL=https://academy.example.org \
	  DJANGO_SETTINGS_MODULE=lms.settings.production $(PY) manage.py check --deploy --fail-level WARNING

messages: install ## Update the Norwegian Bokmål catalogues after changing strings
	$(PY) manage.py makemessages_all

compilemessages: install ## Compile the catalogues (pure Python; no gettext needed)
	$(PY) manage.py compilemessages_py

serve-prod: install-prod ## Serve with gunicorn and production settings (needs the environment in .env.example)
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn lms.wsgi:application --config deploy/gunicorn.conf.py --bind $(HOST):$(PORT)

clean: ## Remove the virtual environment, database and generated files
	rm -rf $(VENV) db.sqlite3 staticfiles .screenshots .test-media .test-db
