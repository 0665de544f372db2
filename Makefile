VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench browser swaks fuzz crash

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/egapro-assistant run

# Browser tests drive Debian's Chromium; install it when missing and we may (root with apt).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || true

# Inbound mail tests send replies with swaks too; install it when missing and we may.
swaks:
	@command -v swaks >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq swaks >/dev/null; } || true

test: $(STAMP) browser swaks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -q

# The inbound server's full fuzz run: 10,000 malformed messages (the suite sends 1,000).
fuzz: $(STAMP)
	EGAPRO_FUZZ_MESSAGES=10000 $(PY) -m pytest -q tests/mail/test_inbound_fuzz.py

# A service killed mid-campaign with 5,000 companies (the suite runs 1,000).
crash: $(STAMP)
	EGAPRO_CRASH_COMPANIES=5000 $(PY) -m pytest -q tests/egapro_assistant/test_reminders_processes.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/engine.py
	$(PY) bench/mail.py
