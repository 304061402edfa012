"""run.py: the workbook's commands with only Python, and the Makefile going through it (one path for CI)."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_make_target_people_use_goes_through_run_py():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab", "test", "app", "hub", "hub-clean"):
        recipe = re.search(rf"^{target}:.*\n\t(.+)$", makefile, re.MULTILINE)
        assert recipe and f"run.py {target}" in recipe.group(1), target
    assert re.search(r"^\$\(STAMP\):.*\n\t\$\(PYTHON\) run.py setup$", makefile, re.MULTILINE)


def test_an_unknown_command_says_what_there_is():
    result = subprocess.run([sys.executable, str(ROOT / "run.py"), "labb"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "python run.py lab" in result.stderr and "python run.py test" in result.stderr


def test_setup_installs_only_when_requirements_changed():
    """The venv this test runs in was made by run.py setup (make test does that first)."""
    stamp = ROOT / ".venv" / ".installed"
    inputs = [ROOT / "requirements.txt", ROOT / "pyproject.toml"]
    fresh = stamp.exists() and all(stamp.stat().st_mtime >= p.stat().st_mtime for p in inputs)
    before = stamp.stat().st_mtime if stamp.exists() else None
    result = subprocess.run([sys.executable, str(ROOT / "run.py"), "setup"], capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stderr
    if fresh:
        assert "Setting up" not in result.stdout and stamp.stat().st_mtime == before
    else:
        assert "Setting up" in result.stdout
        assert all(stamp.stat().st_mtime >= p.stat().st_mtime for p in inputs)
