# Everything runs from the project's own virtualenv, created on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install run test lint format bench messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Scheduled work (publishing, reach rollups, reminders, purges) needs a worker and beat. Without
# Redis they share Kombu's filesystem transport with the site, so nothing else is installed.
run: export CELERY_BROKER_URL := $(or $(CELERY_BROKER_URL),$(REDIS_URL),filesystem://localhost/)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	mkdir -p .celery
	$(PY) -m celery -A campaign_site worker --beat --pool=solo --loglevel=WARNING \
	  --schedule=.celery/beat-schedule & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=campaign_site.settings.test $(PY) manage.py makemigrations --check --dry-run

bench: install
	$(PY) -m pytest tests/perf -o python_files="bench_*.py" -p no:cacheprovider -s -q

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Needs GNU gettext; the compiled catalogue is committed so running the site does not.
messages: install
	$(PY) manage.py makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'static/*' --ignore 'tests/*'
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*'
