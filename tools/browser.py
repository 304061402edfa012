"""Drive JupyterLab and Voilà in Debian's headless Chromium with Playwright, as a person would.

Used by the browser tests (tests/browser/) and by tools/make_pictures.py. The flags, selectors and
waits follow measured facts (see NOTEBOOK_TESTING.md in the project's shared notes):
- Chromium is Debian's /usr/bin/chromium; `playwright install` is never run (it downloads a browser).
- A server gets a free port, its own settings / workspace folders and RECONNECT_DATA_DIR pointing
  at a throw-away data folder, so nothing touches data/private/.
- Run all is the Run menu's `runmenu:run-all`; a notebook is done when every non-empty code cell
  shows `[n]` (an empty "your turn" cell never gets a count).
- A plot can render blank: `ink()` measures a screenshot's pixels, not only that the node exists.
"""
from __future__ import annotations

import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent  # the venv's bin: jupyter, voila
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OUTSIDE = re.compile(r"^(?!http://127\.0\.0\.1[:/])")  # any URL but our own servers
WAIT_S = 120  # the longest any one wait may take: server start, a notebook run, a page
ERRORS = ('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
          '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.error"]')
LAB_SETTINGS = {  # no "get news?" toast; every cell in the page (no virtual scrolling hiding plots)
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                         "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (Debian: apt-get install -y chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is missing (pip install -r requirements.txt)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- servers -------------------------------------------------------------------------------------
class Server:
    """A JupyterLab or Voilà process in its own process group, with its log in a file."""

    def __init__(self, command: list[str], url: str, env: dict, log: Path, cwd: Path):
        self.url, self.log = url, log
        with log.open("wb") as out:
            self.process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)

    def wait_until_up(self, path: str) -> None:
        """Until `path` gets any HTTP answer (a 404 too: the server listens)."""
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server stopped (exit {self.process.returncode}):\n{self.tail()}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=5):
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"no answer from {self.url}{path} after {WAIT_S} s:\n{self.tail()}")

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM to the server's own group (it and its kernels), SIGKILL if it lingers."""
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def server_env(data_dir: Path, home: Path) -> dict:
    """The environment of a server: the venv first on PATH, a throw-away data folder, private settings."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"RECONNECT_EXPORT", "RECONNECT_PRIVATE", "JUPYTER_CONFIG_DIR"}}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", RECONNECT_DATA_DIR=str(data_dir),
               JUPYTERLAB_SETTINGS_DIR=str(home / "lab-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "lab-workspaces"),
               JUPYTER_RUNTIME_DIR=str(home / "runtime"), PYTHONUNBUFFERED="1")
    return env


def write_lab_settings(settings_dir: Path) -> None:
    for name, values in LAB_SETTINGS.items():
        path = settings_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


@contextmanager
def lab_server(workspace: Path, data_dir: Path, home: Path):
    """JupyterLab serving `workspace` on a free port; yields the Server (with `.token`)."""
    write_lab_settings(home / "lab-settings")
    port, token = free_port(), secrets.token_hex(16)
    command = [str(BIN / "jupyter"), "lab", "--allow-root", "--no-browser", f"--IdentityProvider.token={token}",
               "--ServerApp.ip=127.0.0.1", f"--port={port}", f"--ServerApp.root_dir={workspace}"]
    server = Server(command, f"http://127.0.0.1:{port}", server_env(data_dir, home), home / "lab.log", workspace)
    server.token = token
    try:
        server.wait_until_up(f"/api/status?token={token}")
        yield server
    finally:
        server.stop()


@contextmanager
def lab_on_a_copy(home: Path):
    """JupyterLab on a fresh copy of the notebooks in `home`, with an empty data folder; yields (server, data folder)."""
    data_dir = home / "data"
    data_dir.mkdir()
    copy_notebooks(home / "workspace")
    with lab_server(home / "workspace", data_dir, home) as server:
        yield server, data_dir


@contextmanager
def voila_server(notebook: Path, data_dir: Path, home: Path):
    """Voilà serving `notebook` as an app (as `make app` does), on a free port; yields the Server."""
    port = free_port()
    command = [str(BIN / "voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
               "--show_tracebacks=True", str(notebook)]
    server = Server(command, f"http://127.0.0.1:{port}", server_env(data_dir, home), home / "voila.log",
                    notebook.parent)
    try:
        server.wait_until_up("/voila/static/")  # a 404, but without running the notebook
        yield server
    finally:
        server.stop()


def lab_api(server: Server, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{server.url}{path}?token={server.token}", method=method)
    with urllib.request.urlopen(request, timeout=10) as answer:
        body = answer.read()
    return json.loads(body) if body else None


def delete_sessions(server: Server, notebook_path: str | None = None) -> None:
    """End kernel sessions (of one notebook, or all): a rerun must not pass on a stale kernel's outputs."""
    for session in lab_api(server, "/api/sessions"):
        if notebook_path is None or session.get("path") == notebook_path:
            lab_api(server, f"/api/sessions/{session['id']}", method="DELETE")


def copy_notebooks(target: Path) -> Path:
    """A fresh copy of notebooks/ (with any solutions beside them): JupyterLab autosaves what it runs."""
    shutil.copytree(ROOT / "notebooks", target / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    return target / "notebooks"


# -- the browser ---------------------------------------------------------------------------------
@contextmanager
def chromium(width: int = 1280, height: int = 900, scale: float = 1):
    """A headless Chromium context (Debian's, never a downloaded one) that reaches only our own servers.

    Requests elsewhere are refused at once (and listed in `context.blocked`): offline, Voilà's
    Font Awesome request to a CDN would otherwise hold up the page's load event, sometimes for minutes.
    """
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
        context.set_default_timeout(WAIT_S * 1000)
        context.blocked = []
        context.route(OUTSIDE, lambda route: (context.blocked.append(route.request.url), route.abort()))
        try:
            yield context
        finally:
            context.close()
            browser.close()


def open_app_page(context, url: str):
    """A new page on the app in Voilà, loaded.

    Rarely (about one start in 60) the page never finishes loading (docs/room-server.md, "an app page
    that never loads"); a person reloads, which starts a fresh kernel, and so does this, once, after
    saying on stderr what the stuck page showed. A second page that does not load fails as before.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    page = context.new_page()
    try:
        page.goto(url)
    except PlaywrightTimeout:
        shown = page.evaluate("() => document.body ? document.body.innerText.slice(0, 300) : '(no body)'")
        print(f"Voilà did not finish {url} in {WAIT_S} s (it showed: {shown!r}); reloading once, as a person "
              "would", file=sys.stderr, flush=True)
        page.goto(url)
    return page


def open_in_lab(page, server: Server, notebook_path: str) -> None:
    """Open a notebook in a reset workspace; wait for its cells and a kernel that is ready.

    Run all before the kernel is ready silently runs nothing; the toolbar's execution indicator says
    "idle" even then, so this reads the status bar ("Python 3 (ipykernel) | Idle").
    """
    page.goto(f"{server.url}/lab/tree/{notebook_path}?token={server.token}&reset")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook .jp-Cell")
    page.wait_for_function(
        """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
            .some(item => /\\| Idle$/.test(item.textContent.trim()) && !item.textContent.includes('No Kernel'))""",
        polling=250)


def run_all(page) -> None:
    """Run menu → Run All Cells, then wait until every non-empty code cell shows its count (or an error stops it)."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function(
        """(errors) => {
            const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell')]
                .filter(cell => (cell.querySelector('.cm-content')?.textContent || '').trim() !== '');
            const done = cells.every(cell => /\\[\\d+\\]/.test(cell.querySelector('.jp-InputArea-prompt').textContent));
            const stopped = [...document.querySelectorAll(errors)].some(node => node.textContent.includes('Traceback'))
                && !cells.some(cell => cell.querySelector('.jp-InputArea-prompt').textContent.includes('*'));
            return cells.length > 0 && (done || stopped);
        }""", arg=ERRORS, polling=250)


def error_texts(page) -> list[str]:
    """The text of every error / stderr output on the page (a newcomer should see none)."""
    return [node.inner_text() for node in page.locator(ERRORS).all()]


def wait_for_plots(page, container: str = "body") -> list:
    """Every plotly output under `container`, once each has drawn its SVG."""
    page.wait_for_function(
        """(container) => [...document.querySelectorAll(container + ' .js-plotly-plot')]
            .every(plot => plot.querySelector('.main-svg'))""", arg=container, polling=250)
    return page.locator(f"{container} .js-plotly-plot").all()


def screenshot_whole(page, path: Path, scroller: str) -> None:
    """A screenshot of everything in the scrolling panel `scroller`: the viewport grows to fit, then shrinks back."""
    size = page.viewport_size
    extra = page.evaluate("(s) => { const e = document.querySelector(s); return e.scrollHeight - e.clientHeight; }",
                          scroller)
    page.set_viewport_size({"width": size["width"], "height": min(size["height"] + max(extra, 0), 16000)})
    page.wait_for_timeout(300)  # let JupyterLab / Voilà lay out again
    page.evaluate("(s) => { document.querySelector(s).scrollTop = 0; }", scroller)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


# -- pixels --------------------------------------------------------------------------------------
def ink(png: bytes, tolerance: int = 24) -> float:
    """The share of pixels that differ from the background (the most common colour): 0 for a blank plot."""
    from PIL import Image
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=image.width * image.height)
    _, background = max(colours)
    drawn = sum(count for count, colour in colours
                if max(abs(a - b) for a, b in zip(colour, background)) > tolerance)
    return drawn / (image.width * image.height)
