"""JupyterHub for one workshop room: `WORKSHOP_CODE=... make hub` (settings: hub/room_settings.py).

One machine, one system user per participant (The Littlest JupyterHub's pattern), each server and kernel
running as that user in a private home, from one shared environment in /opt/reconnect-room/venv.
What each piece does and why is in docs/room-server.md.
"""
import asyncio
import sys
from pathlib import Path

HUB_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(HUB_DIR))  # room_settings, participants, room_auth live beside this file

import participants  # noqa: E402
from room_auth import RoomAuthenticator  # noqa: E402
from room_settings import NAME_PATTERN, WORKBOOK_FOLDER, read_settings  # noqa: E402

room = read_settings()
room.state.mkdir(parents=True, exist_ok=True, mode=0o700)
room.state.chmod(0o700)
c = get_config()  # noqa: F821 (JupyterHub provides it)

# -- where it listens: loopback unless told (room_settings refuses plain HTTP beyond it without HUB_INSECURE=1)
c.JupyterHub.bind_url = f"{'https' if room.ssl_cert else 'http'}://{room.ip}:{room.port}/"
if room.ssl_cert:
    c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key = room.ssl_cert, room.ssl_key
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{room.port + 1}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{room.port + 2}"
c.ConfigurableHTTPProxy.command = [str(HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(room.state / "proxy.pid")

# -- the hub's own files: in the state folder, readable by root only
c.JupyterHub.db_url = f"sqlite:///{room.state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(room.state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(room.state / "jupyterhub.pid")
c.JupyterHub.template_paths = [str(HUB_DIR / "templates")]  # login.html: the workshop code field

# -- sign-in: a name and a password chosen at first sign-in, and only with the workshop code
c.JupyterHub.authenticator_class = RoomAuthenticator
c.RoomAuthenticator.workshop_code = room.workshop_code
c.RoomAuthenticator.room_group = room.group
c.RoomAuthenticator.dbm_path = str(room.state / "passwords.dbm")
c.RoomAuthenticator.min_password_length = 8
c.RoomAuthenticator.allowed_failed_logins = room.failed_logins
c.RoomAuthenticator.seconds_before_next_try = room.lockout_seconds
c.RoomAuthenticator.facilitator = room.facilitator
c.RoomAuthenticator.facilitator_password = room.facilitator_password
c.Authenticator.allow_all = True  # anyone with the code may make an account
c.Authenticator.username_pattern = NAME_PATTERN  # also a valid system user name

# -- nobody can open another person's server: no JupyterHub admins at all; the facilitator's role sees who
#    is in and can stop or start a server, but has no access:servers, no tokens, no shares.
c.Authenticator.admin_users = set()
c.JupyterHub.admin_access = False
c.JupyterHub.load_roles = [
    {"name": "facilitator", "description": "See who is in the room; start and stop their servers, never open them",
     "scopes": ["admin-ui", "list:users", "read:users", "admin:servers"], "users": [room.facilitator]},
    {"name": "idle-culler", "description": "Stop servers nobody uses",
     "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
     "services": ["idle-culler"]},
]

# -- idle culling: the server stops, the home (export, tags) stays
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [str(room.venv / "bin" / "python"), "-m", "jupyterhub_idle_culler",
                f"--timeout={room.idle_minutes * 60}", f"--cull-every={max(60, room.idle_minutes * 6)}"],
}]

# -- each participant's server: their own user, their own home, the shared environment in /opt
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = [str(room.venv / "bin" / "jupyterhub-singleuser")]
c.Spawner.notebook_dir = f"~/{WORKBOOK_FOLDER}"
c.Spawner.default_url = room.default_url
c.Spawner.start_timeout = 180  # 20 people signing in at once on 2 cores
c.Spawner.http_timeout = 180
# A cell of the app that never answers (seen twice in ~60 starts on this machine under heavy load: Voilà
# 0.5.13 waiting on an idle kernel) ends as a visible timeout after 3 minutes instead of a page that never
# loads; reloading the page starts a new kernel.
c.Spawner.args = ["--VoilaExecutor.timeout=180"]
c.Spawner.environment = {
    "PATH": f"{room.venv / 'bin'}:/usr/local/bin:/usr/bin:/bin",  # never the hub's PATH (e.g. pyenv under /root)
    **({"RECONNECT_PRIVATE": "1"} if room.screen_share else {}),
}


_accounts_lock = asyncio.Lock()  # useradd locks /etc/passwd: one at a time, or a busy minute fails some


async def prepare_participant(spawner):
    """Before each start: their account and 700 home exist, their workbook is there, their data folder set.
    In threads: 20 people arriving at once must not stall the hub for everyone."""
    async with _accounts_lock:
        account = await asyncio.to_thread(participants.ensure_account, spawner.user.name, room)
    await asyncio.to_thread(participants.ensure_workbook, account, room.template)
    spawner.environment = {**spawner.environment,
                           "RECONNECT_DATA_DIR": str(participants.data_folder(account)),
                           "RECONNECT_WORKBOOK_COPY": str(Path(account.pw_dir) / WORKBOOK_FOLDER)}


c.Spawner.pre_spawn_hook = prepare_participant
