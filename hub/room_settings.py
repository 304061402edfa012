"""The facilitator's settings for the room, read from the environment of `make hub` (one place, one line each).

    WORKSHOP_CODE=blue-heron-42 HUB_PORT=8000 make hub

| variable | default | what |
|---|---|---|
| WORKSHOP_CODE | (required) | what people type on the sign-in page; without it, no account |
| HUB_PORT | 8000 | the port people open; the hub's own API and the proxy's use the next two |
| HUB_IP | 127.0.0.1 | where it listens; anything but loopback needs TLS or HUB_INSECURE=1 |
| HUB_INSECURE | (off) | 1: listen beyond loopback without TLS (only behind an HTTPS reverse proxy) |
| HUB_SSL_CERT, HUB_SSL_KEY | (none) | TLS certificate and key files: the hub serves HTTPS itself |
| ROOM_LANDING | app | where people land: `app` (the app view, no code) or `notebook` (notebook 00) |
| ROOM_SCREEN_SHARE | (off) | 1: every participant's names are pseudonyms (RECONNECT_PRIVATE=1 in their servers) |
| ROOM_IDLE_MINUTES | 60 | a server nobody used for this long is stopped (tags stay in the home) |
| ROOM_FACILITATOR | facilitator | the name that gets the facilitator's page (who is in; stop a server) |
| ROOM_FACILITATOR_PASSWORD | (none) | that name's password, set at start, so no participant can claim the name first |
| ROOM_FAILED_LOGINS, ROOM_LOCKOUT_SECONDS | 5, 60 | after 5 wrong passwords a name is locked for 60 s |
| ROOM_GROUP | reconnect-room | the system group every participant's account belongs to (hub-clean removes its members) |
| ROOM_HOMES | /home | where participants' homes are made |
| ROOM_PREFIX | /opt/reconnect-room | the participants' environment and workbook template (hub/install.py) |
| ROOM_STATE | /var/lib/reconnect-room | the hub's database, cookie secret and password hashes (mode 700) |

Standard library only: hub/clean.py and the tests read it too.
"""
from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

LANDINGS = {
    "app": "/voila/render/app/reconnect-app.ipynb",
    "notebook": "/lab/tree/notebooks/00-start-here.ipynb",
}
WORKBOOK_FOLDER = "reconnect"  # the participant's copy of the workbook, in their home
NAME_PATTERN = r"^[a-z][a-z0-9_-]{1,30}$"  # also a valid, unsurprising system user name


class RoomSettingError(SystemExit):
    """A setting the hub cannot start with: the message says which and what to do."""


def _flag(env: dict, name: str) -> bool:
    return env.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _number(env: dict, name: str, default: int) -> int:
    text = env.get(name, "").strip() or str(default)
    if not text.isdigit():
        raise RoomSettingError(f"{name} must be a whole number; found {text!r}.")
    return int(text)


@dataclass(frozen=True)
class RoomSettings:
    workshop_code: str
    port: int
    ip: str
    insecure: bool
    ssl_cert: str
    ssl_key: str
    landing: str
    screen_share: bool
    idle_minutes: int
    facilitator: str
    failed_logins: int
    lockout_seconds: int
    group: str
    homes: Path
    prefix: Path
    state: Path
    facilitator_password: str = field(default="", repr=False)  # never in a log line that prints the settings

    @property
    def venv(self) -> Path:
        return self.prefix / "venv"

    @property
    def template(self) -> Path:
        return self.prefix / "workbook"

    @property
    def default_url(self) -> str:
        return LANDINGS[self.landing]


def read_settings(env: dict | None = None, for_hub: bool = True) -> RoomSettings:
    """The room's settings; `for_hub=False` (hub/clean.py) needs no workshop code."""
    env = os.environ if env is None else env
    landing = env.get("ROOM_LANDING", "app").strip().lower() or "app"
    if landing not in LANDINGS:
        raise RoomSettingError(f"ROOM_LANDING must be one of {', '.join(LANDINGS)}; found {landing!r}.")
    facilitator = env.get("ROOM_FACILITATOR", "facilitator").strip().lower()
    if not re.match(NAME_PATTERN, facilitator):
        raise RoomSettingError(f"ROOM_FACILITATOR must be a lower-case name (letters, digits, - or _); "
                               f"found {facilitator!r}.")
    settings = RoomSettings(
        workshop_code=env.get("WORKSHOP_CODE", "").strip(),
        port=_number(env, "HUB_PORT", 8000), ip=env.get("HUB_IP", "127.0.0.1").strip() or "127.0.0.1",
        insecure=_flag(env, "HUB_INSECURE"),
        ssl_cert=env.get("HUB_SSL_CERT", ""), ssl_key=env.get("HUB_SSL_KEY", ""),
        landing=landing, screen_share=_flag(env, "ROOM_SCREEN_SHARE"),
        idle_minutes=_number(env, "ROOM_IDLE_MINUTES", 60), facilitator=facilitator,
        failed_logins=_number(env, "ROOM_FAILED_LOGINS", 5),
        lockout_seconds=_number(env, "ROOM_LOCKOUT_SECONDS", 60),
        group=env.get("ROOM_GROUP", "reconnect-room"), homes=Path(env.get("ROOM_HOMES", "/home")),
        prefix=Path(env.get("ROOM_PREFIX", "/opt/reconnect-room")),
        state=Path(env.get("ROOM_STATE", "/var/lib/reconnect-room")),
        facilitator_password=env.get("ROOM_FACILITATOR_PASSWORD", ""),
    )
    if for_hub:
        check_settings(settings)
    return settings


def check_settings(settings: RoomSettings) -> None:
    if len(settings.workshop_code) < 4:
        raise RoomSettingError("WORKSHOP_CODE is missing or shorter than 4 characters. Choose one for the day, "
                               "e.g. WORKSHOP_CODE=blue-heron-42 make hub, and tell it to the room.")
    if bool(settings.ssl_cert) != bool(settings.ssl_key):
        raise RoomSettingError("HUB_SSL_CERT and HUB_SSL_KEY go together: give both files, or neither.")
    if not is_loopback(settings.ip) and not settings.ssl_cert and not settings.insecure:
        raise RoomSettingError(
            f"HUB_IP={settings.ip} would send passwords and exports over the network unencrypted. Give "
            "HUB_SSL_CERT and HUB_SSL_KEY, or keep the hub on 127.0.0.1 behind an HTTPS reverse proxy "
            "(docs/room-server.md), or, only if TLS ends in front of this machine, add HUB_INSECURE=1.")


def is_loopback(ip: str) -> bool:
    if ip == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False  # a host name or "" (every interface): not loopback
