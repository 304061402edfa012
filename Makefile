# Two commands for a fresh machine (Python 3.11+ and make):
#   make lab    set up .venv and open the workbook in JupyterLab (on the sample network until yours is in data/private/)
#   make test   set up .venv and run every test, notebooks included
#   make app    set up .venv and open the app view (Voilà: the tagger, the gap chart, the list; no code)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to run as root unless told; workshop VMs and containers often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra Voilà flags, e.g. `make app APP_FLAGS=--no-browser` on a machine without a desktop.
APP_FLAGS ?=

.PHONY: lab test app pictures bench sample clean

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed (found %s)" % sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00-start-here.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest tests notebooks app --nbval-lax --nbval-current-env -p no:cacheprovider

app: $(STAMP)
	$(BIN)/voila $(APP_FLAGS) app/reconnect-app.ipynb

# The README's pictures (docs/images/), from the sample network in headless Chromium.
pictures: $(STAMP)
	$(BIN)/python tools/make_pictures.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_pipeline.py --notebooks --write

sample: $(STAMP)
	$(BIN)/python -m helpers.export.sample

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
