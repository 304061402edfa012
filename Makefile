# Two commands for a fresh machine (Python 3.11+ and make):
#   make lab    set up .venv and open the workbook in JupyterLab (on the sample network until yours is in data/private/)
#   make test   set up .venv and run every test, notebooks included
#   make app    set up .venv and open the app view (Voilà: the tagger, the gap chart, the list; no code)
# Each target calls run.py, which does the same with only Python (`python run.py lab`, e.g. on Windows).
# A workshop room server (Linux, as root): WORKSHOP_CODE=... make hub; afterwards make hub-clean (docs/room-server.md).
PYTHON ?= python3
STAMP  := .venv/.installed
# Extra Voilà flags, e.g. `make app APP_FLAGS=--no-browser` on a machine without a desktop.
APP_FLAGS ?=

.PHONY: lab test app pictures bench sample hub hub-install hub-clean clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) run.py setup

lab:
	$(PYTHON) run.py lab

test:
	$(PYTHON) run.py test

app:
	$(PYTHON) run.py app $(APP_FLAGS)

# The README's pictures (docs/images/), from the sample network in headless Chromium.
pictures:
	$(PYTHON) run.py pictures

bench:
	$(PYTHON) run.py bench

sample:
	$(PYTHON) run.py sample

# The room server: installs /opt/reconnect-room and the proxy on first run, then starts JupyterHub.
hub:
	$(PYTHON) run.py hub

hub-install:
	$(PYTHON) hub/install.py

# After the workshop: every participant's account and files, and the hub's records, deleted (asks first).
hub-clean:
	$(PYTHON) run.py hub-clean

clean:
	rm -rf .venv .pytest_cache .hypothesis
