"""hub/room_auth.py on its own, in the room's environment (it has firstuseauthenticator; .venv does not).

The hub test (test_room_hub.py) signs in one person at a time; here, wrong passwords sent all at once.
"""
from __future__ import annotations

import subprocess

import pytest

from tools import room_client

ROOM_PYTHON = room_client.VENV / "bin" / "python"
if not ROOM_PYTHON.exists():
    pytest.skip("the room's environment is not installed (python3 hub/install.py, as root; CI does it)",
                allow_module_level=True)

GUESSES_AT_ONCE = """
import asyncio, sys, types
from room_auth import RoomAuthenticator

auth = RoomAuthenticator(workshop_code="code-1234", room_group="", dbm_path=sys.argv[1], min_password_length=8,
                         allowed_failed_logins=3, seconds_before_next_try=600)

async def sign_in(password):
    handler = types.SimpleNamespace()
    accepted = await auth.authenticate(handler, {"workshop_code": "code-1234", "username": "ann", "password": password})
    return accepted, getattr(handler, "custom_login_error", "")

async def main():
    assert (await sign_in("anns-own-password"))[0] == "ann"
    guesses = await asyncio.gather(*(sign_in(f"guess-{i}-xyz") for i in range(8)))
    print(sum("Too many wrong passwords" in error for _, error in guesses))
    print(await sign_in("anns-own-password"))

asyncio.run(main())
"""


def test_wrong_passwords_sent_together_still_lock_the_name(tmp_path):
    """Three wrong of eight guesses sent at the same moment are checked; the other five find the name locked,
    and so does Ann's right password after them."""
    run = subprocess.run([str(ROOM_PYTHON), "-c", GUESSES_AT_ONCE, str(tmp_path / "passwords.dbm")],
                         cwd=room_client.HUB_DIR, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    locked, last = run.stdout.splitlines()
    assert locked == "5"
    assert last.startswith("(None, 'Too many wrong passwords")
