"""The workbook's commands with only Python (Windows, macOS, Linux; no `make` needed).

    python run.py lab      set up .venv and open the workbook in JupyterLab
    python run.py test     set up .venv and run every test, notebooks included
    python run.py app      set up .venv and open the app view (Voilà); extra words go to voila, e.g. --no-browser

Also: `setup` (only the .venv), `pictures`, `bench`, `sample`, and for a workshop room server (Linux, root):
`hub` (WORKSHOP_CODE=... python3 run.py hub) and `hub-clean`. The Makefile calls this script, so `make lab`
and `python run.py lab` are the same path (and CI tests it). Standard library only: it runs before .venv exists.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
INPUTS = [ROOT / "requirements.txt", ROOT / "pyproject.toml"]


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def setup() -> Path:
    """.venv with the pinned packages, installed again only when requirements.txt or pyproject.toml changed."""
    if sys.version_info < (3, 11):
        sys.exit(f"Python 3.11 or newer is needed (found {sys.version.split()[0]}). "
                 "Install it from python.org, then run this again with that python.")
    python = venv_python()
    if STAMP.exists() and all(STAMP.stat().st_mtime >= path.stat().st_mtime for path in INPUTS):
        return python
    print("Setting up .venv with the pinned packages (about a minute the first time) ...", flush=True)
    run([sys.executable, "-m", "venv", str(VENV)])
    run([str(python), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    run([str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"])
    STAMP.touch()
    return python


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def run(command: list[str], env: dict | None = None) -> None:
    """Run in the workbook's folder; stop with its exit code if it fails (Ctrl-C stops quietly)."""
    try:
        code = subprocess.call(command, cwd=ROOT, env=env)
    except KeyboardInterrupt:
        code = 130
    if code != 0:
        sys.exit(code)


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[argv[0]](argv[1:])


def lab(extra: list[str]) -> None:
    # JupyterLab refuses to run as root unless told; workshop VMs and containers often are root.
    run([str(setup()), "-m", "jupyterlab", *(["--allow-root"] if is_root() else []), *extra,
         "notebooks/00-start-here.ipynb"])


def test(extra: list[str]) -> None:
    run([str(setup()), "-m", "pytest", "tests", "notebooks", "app", "--nbval-lax", "--nbval-current-env",
         "-p", "no:cacheprovider", *extra])


def app(extra: list[str]) -> None:
    run([str(setup()), "-m", "voila", *extra, "app/reconnect-app.ipynb"])


def hub(extra: list[str]) -> None:
    """The workshop room server: install what it needs (first run), then JupyterHub with hub/'s config."""
    from hub.room_settings import read_settings  # standard library only; Linux-only, so imported here
    room = read_settings()  # a missing WORKSHOP_CODE or a bad setting stops here, before minutes of install
    run([sys.executable, "hub/install.py"])
    run([str(room.venv / "bin" / "jupyterhub"), "-f", "hub/jupyterhub_config.py", *extra])


COMMANDS = {
    "setup": lambda extra: setup(),
    "lab": lab,
    "test": test,
    "app": app,
    "pictures": lambda extra: run([str(setup()), "tools/make_pictures.py", *extra]),
    "bench": lambda extra: run([str(setup()), "benchmarks/bench_pipeline.py", "--notebooks", "--write", *extra]),
    "sample": lambda extra: run([str(setup()), "-m", "helpers.export.sample", *extra]),
    "hub": hub,
    "hub-clean": lambda extra: run([sys.executable, "hub/clean.py", *extra]),
}

if __name__ == "__main__":
    main(sys.argv[1:])
