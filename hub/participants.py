"""Participants as system users: an account and a private home each, a fresh workbook inside, and removal.

The Littlest JupyterHub's pattern: one Unix user per participant, made at their first sign-in, every
server started as that user. What walls one participant off from another is the operating system:
a home of mode 700 that only its owner (and root) can enter.

Every account made here is in one group (ROOM_GROUP), which is how `hub/clean.py` finds them all and
how sign-in refuses a name that belongs to a system account that is not a participant's.
Standard library only.
"""
from __future__ import annotations

import grp
import os
import pwd
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

from room_settings import WORKBOOK_FOLDER, RoomSettings

# The parts of the template a participant gets (the helpers stay in /opt, imported from there).
COPIED_PARTS = ["README.md", "notebooks", "app", "data"]
# Run as the participant, in their home: the copy, the first time only (later, their own edits stay),
# and JupyterLab told not to ask about news. Doing it as them, not as root, means nothing they put in
# their home (a symlink, say) can make root write elsewhere.
PREPARE_HOME = r"""
set -eu
umask 077
template="$1"; shift
if [ ! -e reconnect ]; then
    rm -rf .reconnect-copying
    mkdir .reconnect-copying
    for part in "$@"; do cp -R "$template/$part" .reconnect-copying/; done
    mv .reconnect-copying reconnect
fi
settings=.jupyter/lab/user-settings/@jupyterlab/apputils-extension
if [ ! -e "$settings/notification.jupyterlab-settings" ]; then
    mkdir -p "$settings"
    printf '{"fetchNews": "false", "checkForUpdates": false}' > "$settings/notification.jupyterlab-settings"
fi
"""
# Where a participant's processes may leave files outside their home (hub/clean.py sweeps them).
SCRATCH = [Path("/tmp"), Path("/var/tmp"), Path("/dev/shm")]


def is_participant(name: str, group: str) -> bool:
    try:
        return name in grp.getgrnam(group).gr_mem
    except KeyError:
        return False


def name_is_usable(name: str, group: str) -> bool:
    """A new name, or one of ours: never an existing system account such as root or www-data."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        try:
            grp.getgrnam(name)  # useradd makes a group of the same name: it must be free too
        except KeyError:
            return True
        return False
    return is_participant(name, group)


def ensure_account(name: str, settings: RoomSettings) -> pwd.struct_passwd:
    """The participant's system user (no password: they only come in through the hub) and a 700 home."""
    if not is_participant(name, settings.group):
        if not name_is_usable(name, settings.group):
            raise PermissionError(f"{name} is a system account, not a participant's")
        ensure_group(settings.group)
        settings.homes.mkdir(parents=True, exist_ok=True)
        run(["useradd", "--create-home", "--home-dir", str(settings.homes / name), "--user-group",
             "--groups", settings.group, "--shell", "/bin/bash", "--comment", "Reconnect room participant", name])
    account = pwd.getpwnam(name)
    os.chmod(account.pw_dir, 0o700)  # useradd -m makes it 755 here: readable by every other participant
    return account


def ensure_group(group: str) -> None:
    try:
        grp.getgrnam(group)
    except KeyError:
        run(["groupadd", "--system", group])


def ensure_workbook(account: pwd.struct_passwd, template: Path) -> Path:
    """A fresh copy of the workbook in their home (the first time, or after they left the room), made as them."""
    home = Path(account.pw_dir)
    result = subprocess.run(["/bin/sh", "-c", PREPARE_HOME, "prepare-home", str(template), *COPIED_PARTS],
                            cwd=home, user=account.pw_uid, group=account.pw_gid, extra_groups=[],
                            env={"HOME": str(home), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"could not prepare {home} for {account.pw_name}: {result.stderr.strip()}")
    return home / WORKBOOK_FOLDER


def data_folder(account: pwd.struct_passwd) -> Path:
    """Where their export, tags and lists live (RECONNECT_DATA_DIR of their server)."""
    return Path(account.pw_dir) / WORKBOOK_FOLDER / "data" / "private"


# -- removal (hub/clean.py) ----------------------------------------------------------------------
def participants(group: str) -> list[str]:
    try:
        return sorted(grp.getgrnam(group).gr_mem)
    except KeyError:
        return []


def remove_group(group: str) -> None:
    try:
        grp.getgrnam(group)
    except KeyError:
        return
    run(["groupdel", group])


def remove_participant(name: str, settings: RoomSettings) -> list[str]:
    """Stop their processes, delete their account, home and stray files. Returns what was done, in words."""
    account = pwd.getpwnam(name)
    done = []
    killed = stop_processes(account.pw_uid)
    if killed:
        done.append(f"stopped {killed} process(es)")
    home = Path(account.pw_dir)
    run(["userdel", "--remove", name], ok_codes=(0, 12))  # 12: home already gone / mail spool missing
    if home.exists():
        shutil.rmtree(home)
    done.append(f"deleted the account and {home}")
    strays = remove_files_of(account.pw_uid, SCRATCH)
    if strays:
        done.append(f"deleted {strays} file(s) of theirs in {', '.join(map(str, SCRATCH))}")
    return done


def stop_processes(uid: int) -> int:
    """SIGKILL every process of this uid (their server, kernels, terminals); how many there were."""
    pids = processes_of(uid)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 10
    while processes_of(uid) and time.monotonic() < deadline:
        time.sleep(0.1)
    return len(pids)


def processes_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                pass
    return pids


def remove_files_of(uid: int, folders: list[Path]) -> int:
    """Delete what `uid` owns in these folders. A participant can only have written into a folder that is
    theirs (deleted whole) or writable by everyone (such as /tmp), so only those are searched."""
    count = 0
    for folder in folders:
        try:
            entries = list(folder.iterdir())
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
        for path in entries:
            try:
                info = path.lstat()
            except FileNotFoundError:
                continue
            if info.st_uid == uid:
                shutil.rmtree(path) if stat.S_ISDIR(info.st_mode) else path.unlink()
                count += 1
            elif stat.S_ISDIR(info.st_mode) and info.st_mode & 0o002:
                count += remove_files_of(uid, [path])
    return count


def run(command: list[str], ok_codes: tuple = (0,)) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode not in ok_codes:
        raise RuntimeError(f"{' '.join(command)} failed (exit {result.returncode}): {result.stderr.strip()}")
