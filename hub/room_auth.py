"""Sign-in for the room: jupyterhub-firstuseauthenticator (a maintained authenticator: the password a
person chooses at first sign-in is bcrypt-hashed and checked from then on), plus three pieces of glue:

- the workshop code, checked before anything else: no code, no account;
- a name that belongs to a system account (root, www-data, ...) is refused;
- failed-login limits: after `allowed_failed_logins` wrong passwords for a name, that name is locked for
  `seconds_before_next_try` seconds, even with the right password (the same two settings, and meaning,
  as jupyterhub-nativeauthenticator's).
"""
from __future__ import annotations

import asyncio
import hmac
import time

from firstuseauthenticator import FirstUseAuthenticator
from traitlets import Integer, Unicode

WRONG_CODE = "That workshop code is not right. Ask your facilitator for today's code."
NAME_TAKEN = "That name belongs to this computer's system. Choose another name."
LOCKED = "Too many wrong passwords for this name. Wait {seconds} seconds and try again."


class RoomAuthenticator(FirstUseAuthenticator):
    workshop_code = Unicode(config=True, help="What people type in the sign-in form's code field.")
    room_group = Unicode("reconnect-room", config=True,
                         help="The system group of participants' accounts; empty on Kubernetes (no system users).")
    allowed_failed_logins = Integer(5, config=True, help="Wrong passwords for a name before it is locked.")
    seconds_before_next_try = Integer(60, config=True, help="How long a locked name stays locked.")
    facilitator_password = Unicode("", config=True,
                                   help="If set, the facilitator's password (so no one else can claim the name).")
    facilitator = Unicode("", config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._failures: dict[str, list[float]] = {}  # name -> times of recent wrong passwords
        self._passwords_lock = asyncio.Lock()  # one password check (and write to the file) at a time
        if self.facilitator and self.facilitator_password:
            self.reset_password(self.facilitator, self.facilitator_password)

    async def authenticate(self, handler, data):
        code = (data.get("workshop_code") or "").strip()
        if not self.workshop_code or not hmac.compare_digest(code.encode(), self.workshop_code.encode()):
            return self._refuse(handler, WRONG_CODE)
        name = self.normalize_username(data.get("username", ""))
        if self.room_group and not _name_is_usable(name, self.room_group):
            return self._refuse(handler, NAME_TAKEN)
        # One attempt at a time, lock check included: guesses sent together are counted one after another.
        async with self._passwords_lock:
            wait = self._locked_for(name)
            if wait:
                return self._refuse(handler, LOCKED.format(seconds=wait))
            accepted = await asyncio.to_thread(self._check_password, handler, data)
            if accepted is None and not getattr(handler, "custom_login_error", ""):
                self._failures.setdefault(name, []).append(time.monotonic())
            elif accepted is not None:
                self._failures.pop(name, None)
        return accepted

    def _check_password(self, handler, data):
        """FirstUseAuthenticator's check, in a worker thread: its bcrypt takes ~0.4 s of CPU and, run on the
        hub's event loop, would freeze the hub for everyone (20 people signing in: 8 s) at the busiest minute."""
        return asyncio.run(FirstUseAuthenticator.authenticate(self, handler, data))

    def _locked_for(self, name: str) -> int:
        """Seconds left on this name's lock (0: not locked). Failures older than the lock period are forgotten."""
        now = time.monotonic()
        recent = [t for t in self._failures.get(name, []) if now - t < self.seconds_before_next_try]
        self._failures[name] = recent
        if len(recent) < self.allowed_failed_logins:
            return 0
        return max(1, int(self.seconds_before_next_try - (now - recent[-1])))

    def _refuse(self, handler, message: str):
        self.log.warning("Sign-in refused: %s", message)
        if handler is not None:
            handler.custom_login_error = message
        return None


def _name_is_usable(name: str, group: str) -> bool:
    import participants  # system users: only on the one-machine room server (hub/participants.py)
    return participants.name_is_usable(name, group)
