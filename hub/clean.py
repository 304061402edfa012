"""After the workshop: remove every participant's account and files, and the hub's records of them.

    make hub-clean            # asks first; `python3 hub/clean.py --yes` does not

Stop the hub first (Ctrl-C where `make hub` runs). Then, for every member of ROOM_GROUP: their processes
are stopped, their account and home (export, tags, lists, notebooks) deleted, and any file of theirs in
/tmp, /var/tmp and /dev/shm. Last, the hub's state folder goes (its database of names, the password hashes,
the cookie secret), so the next workshop starts empty. The participants' environment in /opt stays (it
holds nothing of anyone's). Standard library only.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import participants  # noqa: E402
from room_settings import read_settings  # noqa: E402


def hub_is_running(state: Path) -> bool:
    pid_file = state / "jupyterhub.pid"
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--yes", action="store_true", help="do not ask")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        sys.exit("Removing accounts needs root: sudo make hub-clean")
    settings = read_settings(for_hub=False)
    if hub_is_running(settings.state):
        sys.exit(f"The hub is still running (see {settings.state / 'jupyterhub.pid'}): stop it first "
                 "(Ctrl-C where `make hub` runs), then run this again.")
    names = participants.participants(settings.group)
    print(f"{len(names)} participant account(s) in group {settings.group}: {', '.join(names) or '(none)'}")
    print(f"and the hub's records in {settings.state}.")
    if not args.yes and input("Delete them all, with every file of theirs? Type yes: ").strip().lower() != "yes":
        print("Nothing was deleted.")
        return 1
    for name in names:
        print(f"{name}: " + "; ".join(participants.remove_participant(name, settings)))
    if settings.state.exists():
        shutil.rmtree(settings.state)
        print(f"deleted {settings.state}")
    participants.remove_group(settings.group)
    print("Done: no participant's account or file is left.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
