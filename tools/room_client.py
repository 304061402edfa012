"""Start the room's hub (hub/jupyterhub_config.py) and act as its participants over HTTP, as a browser would.

Used by tests/hub/ and benchmarks/bench_room.py. A `Participant` keeps its own cookies (one browser each),
signs in through the real /hub/login form (with the `_xsrf` field the page carries), follows the hub's
redirects to their server, calls the Jupyter Server REST API, and runs code in a kernel over its websocket.
"""
from __future__ import annotations

import asyncio
import base64
import http.cookiejar
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from hub.room_settings import read_settings

ROOT = Path(__file__).resolve().parent.parent
HUB_DIR = ROOT / "hub"
ROOM = read_settings(for_hub=False)  # ROOM_PREFIX: where hub/install.py put the room's environment
PREFIX, VENV = ROOM.prefix, ROOM.venv
WAIT_S = 240  # server start with 20 people at once on 2 cores


def free_port_block(size: int = 3) -> int:
    """A port p such that p .. p+size-1 are free (the hub takes HUB_PORT and the next two)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = probe.getsockname()[1]
        if base + size < 65535 and all(_is_free(base + i) for i in range(size)):
            return base
    raise RuntimeError("no block of free ports on 127.0.0.1")


def _is_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@dataclass
class Hub:
    url: str
    process: subprocess.Popen
    log: Path
    env: dict

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM: the hub stops the proxy, the culler and every participant's server (cleanup_servers)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@contextmanager
def running_hub(workdir: Path, code: str, **settings: str):
    """The hub with its real config on a free loopback port; `settings` are extra ROOM_* variables."""
    port = free_port_block()
    state = workdir / "state"
    env = {**os.environ, "WORKSHOP_CODE": code, "HUB_PORT": str(port), "ROOM_STATE": str(state), **settings}
    log = workdir / "hub.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(VENV / "bin" / "jupyterhub"), "-f",
                                    str(HUB_DIR / "jupyterhub_config.py")],
                                   cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    hub = Hub(f"http://127.0.0.1:{port}", process, log, env)
    try:
        _wait_for(hub, "/hub/api/")
        yield hub
    finally:
        hub.stop()


def _wait_for(hub: Hub, path: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if hub.process.poll() is not None:
            raise RuntimeError(f"the hub stopped (exit {hub.process.returncode}):\n{hub.tail()}")
        try:
            with urllib.request.urlopen(hub.url + path, timeout=5):
                return  # 200 from the hub itself: the proxy routes to it
        except OSError:  # refused, or the proxy's 404/503 before the hub added its route
            time.sleep(0.3)
    raise TimeoutError(f"no answer from {hub.url}{path}:\n{hub.tail()}")


class Answer:
    def __init__(self, status: int, url: str, body: bytes, headers):
        self.status, self.url, self.body, self.headers = status, url, body, headers

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self):
        return json.loads(self.body)


class Participant:
    """One person's browser: their cookies, their sign-in, their server."""

    def __init__(self, hub: Hub, name: str, password: str | None = None):
        self.hub, self.name = hub, name
        self.password = password or secrets.token_urlsafe(12)
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.token: str | None = None

    # -- plain HTTP ---------------------------------------------------------------------------------
    def request(self, method: str, path: str, body=None, headers: dict | None = None, token: str | None = None,
                timeout: float = 120) -> Answer:
        url = path if path.startswith("http") else self.hub.url + path
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        headers = dict(headers or {})
        if not isinstance(body, (bytes, type(None))):
            headers.setdefault("Content-Type", "application/json")
        if token:
            headers["Authorization"] = f"token {token}"
        elif method not in ("GET", "HEAD"):
            headers["X-XSRFToken"] = self.xsrf(urllib.parse.urlparse(url).path)
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=timeout) as answer:
                return Answer(answer.status, answer.url, answer.read(), answer.headers)
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.url, error.read(), error.headers)

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def xsrf(self, path: str) -> str:
        """The `_xsrf` cookie that applies to `path` (the hub's, or their server's): what a page sends back."""
        best = None
        for cookie in self.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path):
                if best is None or len(cookie.path) > len(best.path):
                    best = cookie
        return best.value if best else ""

    # -- the sign-in page ----------------------------------------------------------------------------
    def sign_in(self, code: str | None, password: str | None = None) -> Answer:
        """Fill in /hub/login as a person would and submit it; the answer is where the browser ends up."""
        page = self.get("/hub/login")
        field = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
        form = {"_xsrf": field.group(1) if field else "", "username": self.name,
                "password": self.password if password is None else password}
        if code is not None:
            form["workshop_code"] = code
        return self.request("POST", "/hub/login?next=", body=urllib.parse.urlencode(form).encode(),
                            headers={"Content-Type": "application/x-www-form-urlencoded"})

    def signed_in(self) -> bool:
        return self.get("/hub/home").url.rstrip("/").endswith("/hub/home")

    def wait_for_server(self, path: str = "") -> Answer:
        """Open their landing page, waiting through the hub's spawn-pending page until their server answers."""
        deadline = time.monotonic() + WAIT_S
        target = f"/user/{self.name}/{path}"
        answer = self.get(target)
        while "/spawn-pending/" in answer.url or "/hub/spawn" in answer.url or answer.status in (424, 503):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}'s server did not start:\n{self.hub.tail()}")
            time.sleep(1)
            answer = self.get(target)
        return answer

    def make_token(self) -> str:
        """An API token of their own, made with their cookie (as the hub's token page does)."""
        self.get("/hub/token")  # the page sets the _xsrf cookie that goes with this sign-in
        answer = self.request("POST", f"/hub/api/users/{self.name}/tokens", body={"note": "tests", "expires_in": 3600})
        if answer.status != 201:
            raise RuntimeError(f"no token for {self.name}: {answer.status} {answer.text[:300]}")
        self.token = answer.json()["token"]
        return self.token

    # -- their server --------------------------------------------------------------------------------
    def api(self, method: str, path: str, body=None) -> Answer:
        return self.request(method, f"/user/{self.name}/api/{path}", body=body, token=self.token or self.make_token())

    def upload(self, path: str, data: bytes) -> Answer:
        """What JupyterLab's file browser does: PUT the file to the contents API (base64)."""
        return self.api("PUT", f"contents/{path}", {"type": "file", "format": "base64",
                                                     "content": base64.b64encode(data).decode()})

    def start_kernel(self) -> str:
        answer = self.api("POST", "kernels", {"name": "python3"})
        if answer.status != 201:
            raise RuntimeError(f"no kernel for {self.name}: {answer.status} {answer.text[:300]}")
        return answer.json()["id"]

    def run(self, kernel_id: str, code: str, timeout: float = 180) -> str:
        """Run `code` in the kernel; its printed output (an error raises, with the traceback)."""
        return asyncio.run(_execute(self.hub.url.replace("http", "ws", 1)
                                    + f"/user/{self.name}/api/kernels/{kernel_id}/channels",
                                    self.token or self.make_token(), code, timeout))


async def _execute(url: str, token: str, code: str, timeout: float) -> str:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect
    socket_ = await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"},
                                                  request_timeout=timeout))
    msg_id = uuid.uuid4().hex
    socket_.write_message(json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "tests", "session": uuid.uuid4().hex,
                   "version": "5.3", "date": ""},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}}))
    printed, deadline = [], time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            raw = await asyncio.wait_for(socket_.read_message(), timeout=deadline - time.monotonic())
            if raw is None:
                raise RuntimeError("the kernel's websocket closed")
            message = json.loads(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                raise RuntimeError("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(printed)
        raise TimeoutError(f"the kernel did not finish in {timeout} s")
    finally:
        socket_.close()
