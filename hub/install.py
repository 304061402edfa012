"""Install what the room server needs, once (make hub calls this first; later runs take seconds).

    sudo python3 hub/install.py            # or: make hub-install

- /opt/reconnect-room/venv: one environment built with Debian's /usr/bin/python3 (a Python under /root,
  such as pyenv's, cannot be run by the participants), holding the workbook's requirements.txt and
  hub/requirements.txt. It runs the hub and every participant's server and kernel.
- /opt/reconnect-room/workbook: the copy of the workbook every participant's home starts from (helpers,
  notebooks, app, data/sample), readable by all, and the helpers package the venv imports.
- hub/node_modules: configurable-http-proxy, exactly as package-lock.json pins it (npm ci).

The venv is rebuilt only when a requirements file changes (their hash is kept beside it); the template is
refreshed every time, so participants who join later get today's workbook.
Standard library only: it runs before anything is installed.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "hub"
sys.path.insert(0, str(HUB))
from room_settings import read_settings  # noqa: E402 (standard library only, beside this file)

ROOM = read_settings(for_hub=False)  # ROOM_PREFIX: where the environment and the template go
PREFIX, VENV, TEMPLATE = ROOM.prefix, ROOM.venv, ROOM.template
SYSTEM_PYTHON = os.environ.get("ROOM_PYTHON", "/usr/bin/python3")
# What a participant's copy and the installed helpers are made of (everything else stays in the repo).
WORKBOOK_PARTS = ["helpers", "notebooks", "app", "data/sample", "pyproject.toml", "requirements.txt", "README.md"]
REQUIREMENT_FILES = [ROOT / "requirements.txt", HUB / "requirements.txt", ROOT / "pyproject.toml"]


def main() -> int:
    if os.geteuid() != 0:
        sys.exit("The room server creates a system user per participant: run this as root (sudo).")
    check_python()
    refresh_template()
    install_venv()
    install_proxy()
    print(f"Room server installed: {VENV} (participants' environment), {TEMPLATE} (their workbook), "
          f"{HUB / 'node_modules'} (the proxy).")
    return 0


def check_python() -> None:
    version = subprocess.run([SYSTEM_PYTHON, "-c", "import sys; print(sys.version_info >= (3, 11))"],
                             capture_output=True, text=True)
    if version.stdout.strip() != "True":
        sys.exit(f"{SYSTEM_PYTHON} must be Python 3.11 or newer, readable by every user "
                 f"(Debian/Ubuntu: apt-get install python3 python3-venv). Or set ROOM_PYTHON.")


def refresh_template() -> None:
    """A fresh, world-readable copy of the workbook parts (no one's data/private)."""
    staging = TEMPLATE.with_name(TEMPLATE.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    for part in WORKBOOK_PARTS:
        source, target = ROOT / part, staging / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns(
                "__pycache__", ".ipynb_checkpoints", "*.egg-info", "tags.sqlite*"))
        else:
            shutil.copy2(source, target)
    # Byte-code now: participants cannot write __pycache__ here, so each of their kernels would compile again.
    run([SYSTEM_PYTHON, "-m", "compileall", "-q", str(staging / "helpers")])
    (staging / "data" / "private").mkdir(parents=True)
    shutil.copy2(ROOT / "data" / "private" / "README.md", staging / "data" / "private" / "README.md")
    make_readable_tree(staging)
    PREFIX.mkdir(parents=True, exist_ok=True)
    PREFIX.chmod(0o755)
    # Swap in one rename, so the editable helpers install keeps pointing at TEMPLATE / "helpers".
    old = TEMPLATE.with_name(TEMPLATE.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if TEMPLATE.exists():
        TEMPLATE.rename(old)
    staging.rename(TEMPLATE)
    shutil.rmtree(old, ignore_errors=True)


def requirements_hash() -> str:
    digest = hashlib.sha256(SYSTEM_PYTHON.encode())
    for path in REQUIREMENT_FILES:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def install_venv() -> None:
    stamp = VENV / ".requirements-sha256"
    wanted = requirements_hash()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return  # the editable helpers install points at TEMPLATE / "helpers", refreshed above
    print(f"Building {VENV} (a few minutes the first time) ...", flush=True)
    shutil.rmtree(VENV, ignore_errors=True)
    run([SYSTEM_PYTHON, "-m", "venv", str(VENV)])
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    run(pip + ["--upgrade", "pip"])
    # requirements.txt ends with `-e .`: run from the template so the helpers come from there.
    run(pip + ["-r", str(TEMPLATE / "requirements.txt"), "-r", str(HUB / "requirements.txt")], cwd=TEMPLATE)
    make_readable_tree(VENV)
    stamp.write_text(wanted)


def make_readable_tree(folder: Path) -> None:
    """Every participant reads the template and runs the venv: read (and execute) for all, write for root only."""
    run(["chmod", "-R", "a+rX,go-w", str(folder)])


def install_proxy() -> None:
    lock = HUB / "package-lock.json"
    installed = HUB / "node_modules" / ".package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    if shutil.which("npm") is None:
        sys.exit("npm is missing: the proxy (configurable-http-proxy) is installed with it. "
                 "Debian/Ubuntu: apt-get install nodejs npm")
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HUB)


def run(command: list[str], cwd: Path | None = None) -> None:
    result = subprocess.run(command, cwd=cwd)
    if result.returncode != 0:
        sys.exit(f"Install step failed (exit {result.returncode}): {' '.join(command)}")


if __name__ == "__main__":
    sys.exit(main())
