"""A room signing in at once on the room server (hub/): seconds to the first tagger card, memory per person.

    sudo .venv/bin/python benchmarks/bench_room.py --sizes 20         # the issue's figure
    sudo .venv/bin/python benchmarks/bench_room.py --sizes 5,10,15,20 --browser

For each room size N: a fresh hub (the real config, on loopback, its own state folder and group), N people
sign in through /hub/login at the same moment (one thread and one cookie jar each), each waits through the
spawn page to their landing page, the app view. The clock stops when Voilà has served the page: by then it
has run the app notebook in that person's kernel, so the tagger and its first card exist. Their browser
then draws the card from the kernel's widget state: `--browser` measures that last step for one person in
headless Chromium (Debian's), signing in after the room has settled, from sign-in to the card's buttons.

Memory: after everyone is in, the proportional set size (PSS, so shared libraries are split fairly) and
the resident size (RSS) of every process of each participant's system user (their server and the app's
kernel), averaged; plus the hub and proxy. Every account made is removed with hub/clean.py afterwards.
Needs root (system users) and hub/install.py's environment (run first if missing).
"""
from __future__ import annotations

import argparse
import json
import os
import pwd
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: tools/ is the repo's (tests use pytest's pythonpath)

from tools import room_client  # noqa: E402
from tools.room_client import Participant  # noqa: E402

P95_TARGET_S = 30


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def processes_of(uid: int):
    """The /proc folders of the live processes of `uid` (their server and the app's kernel)."""
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid == uid:
                yield entry
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass


def cpu_seconds_of(uid: int) -> float:
    """User + system CPU seconds of the live processes of `uid`."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in processes_of(uid):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return total / ticks


def memory_of(uid: int) -> tuple[float, float]:
    """(PSS MB, RSS MB) summed over the processes of `uid`."""
    pss = rss = 0
    for entry in processes_of(uid):
        try:
            for line in (entry / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return pss / 1024, rss / 1024


def hub_memory(hub) -> float:
    """PSS MB of the hub and its children that run as root (the proxy, the culler; not the servers)."""
    pids = [hub.process.pid] + [int(p) for p in subprocess.run(
        ["pgrep", "-P", str(hub.process.pid)], capture_output=True, text=True).stdout.split()]
    total = 0
    for pid in pids:
        try:
            if Path(f"/proc/{pid}").stat().st_uid != 0:
                continue  # a participant's server: counted as theirs
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def one_room(size: int, browser: bool) -> dict:
    tag = "rb" + secrets.token_hex(2)
    code = "bench-" + secrets.token_hex(3)
    workdir = Path(tempfile.mkdtemp(prefix="bench-room-"))
    settings = {"ROOM_GROUP": tag + "-room", "ROOM_STATE": str(workdir / "state"),
                "ROOM_FACILITATOR": tag + "fac"}
    load_before = float(Path("/proc/loadavg").read_text().split()[0])
    try:
        with room_client.running_hub(workdir, code, **settings) as hub:
            people = [Participant(hub, f"{tag}p{i:02d}") for i in range(size)]
            seconds: dict[str, float] = {}
            failures: dict[str, str] = {}
            start_line = threading.Barrier(size)

            def arrive(person: Participant) -> None:
                start_line.wait()
                began = time.perf_counter()
                try:
                    if person.sign_in(code).status != 200:
                        raise RuntimeError("sign-in refused")
                    page = person.wait_for_server()
                    if page.status != 200 or "widget-view+json" not in page.text:
                        raise RuntimeError(f"landing page {page.status} at {page.url} without the app")
                    if "Cell execution timed out" in page.text:
                        raise RuntimeError("the app notebook timed out in Voilà")
                    seconds[person.name] = time.perf_counter() - began
                except Exception as error:  # one person's failure is a figure, not the end of the run
                    failures[person.name] = repr(error)[:300]

            threads = [threading.Thread(target=arrive, args=(p,)) for p in people]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            arrived = [pwd.getpwnam(p.name).pw_uid for p in people if p.name in seconds]
            memory = [memory_of(uid) for uid in arrived]
            cpu = [cpu_seconds_of(uid) for uid in arrived]
            result = {
                "size": size, "in": len(seconds), "failed": failures,
                "p50_s": round(statistics.median(seconds.values()), 1) if seconds else None,
                "p95_s": round(percentile(list(seconds.values()), 0.95), 1) if seconds else None,
                "max_s": round(max(seconds.values()), 1) if seconds else None,
                "pss_mb_per_person": round(statistics.mean(m[0] for m in memory), 0) if memory else None,
                "rss_mb_per_person": round(statistics.mean(m[1] for m in memory), 0) if memory else None,
                "cpu_s_per_person": round(statistics.mean(cpu), 1) if cpu else None,
                "hub_and_proxy_mb": round(hub_memory(hub), 0),
                "load_before": load_before,
            }
            if browser:
                result["browser_sign_in_to_card_s"] = browser_sign_in(hub, code, tag + "web")
            return result
    finally:
        subprocess.run([sys.executable, str(ROOT / "hub" / "clean.py"), "--yes"], capture_output=True,
                       env={**os.environ, **settings})


def browser_sign_in(hub, code: str, name: str) -> float:
    """One person in headless Chromium: the sign-in form, then until the first card's buttons are drawn."""
    from tools import browser
    with browser.chromium() as context:
        page = context.new_page()
        page.goto(hub.url + "/hub/login")
        page.fill("#username_input", name)
        page.fill("#password_input", "bench-" + secrets.token_hex(4))
        page.fill("#workshop_code_input", code)
        began = time.perf_counter()
        page.click("#login_submit")
        page.locator(".reconnect-tagger").get_by_role("button", name="3 · Trust", exact=True).wait_for(
            timeout=300_000)
        return round(time.perf_counter() - began, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20", help="room sizes to try, e.g. 5,10,20")
    parser.add_argument("--browser", action="store_true", help="also one person in headless Chromium")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("Needs root: every participant is a system user.")
    install = subprocess.run([sys.executable, str(ROOT / "hub" / "install.py")], capture_output=True, text=True)
    if install.returncode:
        sys.exit(install.stdout + install.stderr)
    print(f"{os.cpu_count()} CPUs; {Path('/proc/loadavg').read_text().split()[0]} load before the run")
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        result = one_room(size, args.browser)
        results.append(result)
        print(json.dumps(result), flush=True)
    fitting = [r["size"] for r in results if r["in"] == r["size"] and r["p95_s"] <= P95_TARGET_S]
    print(f"largest room tried with p95 <= {P95_TARGET_S} s: {max(fitting) if fitting else 'none'}")
    out = ROOT / "benchmarks" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench_room.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
