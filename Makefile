# Two commands: `make run` (the whole app, embedded, with demo data) and `make test`.
# `make run HOST=0.0.0.0 PORT=8123` serves elsewhere (default 127.0.0.1:8000).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

.PHONY: run test lint format install install-dev browser seed clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# A local .env for the embedded demo: a random SECRET_KEY, plain http on localhost.
.env: | $(BIN)/python
	$(BIN)/python scripts/make_local_env.py > $@
	@echo "Wrote .env for local use (edit it, or see .env.example)."

run: install .env
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/python manage.py seed_demo
	@$(BIN)/python scripts/run.py --host $(HOST) --port $(PORT)

seed: install .env
	$(BIN)/python manage.py seed_demo

# Browser tests drive Debian's Chromium (never a downloaded browser); the films
# tests need Debian's ffmpeg (with ffprobe) and nginx (X-Accel-Redirect delivery).
browser:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v ffprobe >/dev/null || missing="$$missing ffmpeg"; \
	{ [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null; } || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else echo "The tests need:$$missing. Run 'sudo apt-get install -y$$missing'." >&2; exit 1; fi; \
	fi

test: install-dev browser
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	SECRET_KEY=lint $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python scripts/lint_model_usage_in_views.py

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf var/test var/staticfiles
