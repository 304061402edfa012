"""The workshop room server (hub/), for real: the hub with its own config on loopback, system users, walls.

One hub for the module (`WORKSHOP_CODE`, a free port, its own state folder, a group of its own so that
`hub/clean.py` at the end touches only the accounts made here). The story, in order:
three participants sign in through /hub/login (Cat in headless Chromium, clicking the form and then the
tagger), one is refused without the code and one with a wrong password; Ann uploads her export through
the contents API and tags through the app in her kernel; then the walls: own uid for every server and
kernel, 700 homes, Ben's cookie and token get nothing of Ann's, Ben's kernel cannot read Ann's home, the
facilitator cannot open Ann's server or make a token for her; Ann's tags survive a stop and start; Ann
leaves the room; the facilitator's clean-up leaves no file of anyone's on disk.

Needs root (it creates system users) and the room's environment (hub/install.py; run here if missing).
"""
from __future__ import annotations

import json
import os
import pwd
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tools import room_client
from tools.room_client import Participant

pytestmark = [pytest.mark.room]
if not hasattr(os, "geteuid") or os.geteuid() != 0:
    pytest.skip("the room server's tests create system users: they run only as root (as in CI)",
                allow_module_level=True)

ROOT = room_client.ROOT
SAMPLE = ROOT / "data" / "sample" / "Complete_LinkedInDataExport_11-20-2026.zip"
ANNS_EXPORT = "Complete_LinkedInDataExport_12-01-2026.zip"  # "her own": a newer name than the sample's
CODE = "heron-" + secrets.token_hex(3)
TAG = "rt" + secrets.token_hex(2)  # every name made here starts with it: rt1a2bann, ...
SCRATCH = [Path("/tmp"), Path("/var/tmp"), Path("/dev/shm")]


class Room:
    """The running hub, its settings and the people in it (shared by the tests below, in order)."""

    def __init__(self, hub, settings: dict):
        self.hub, self.settings = hub, settings
        self.ann = Participant(hub, TAG + "ann")
        self.ben = Participant(hub, TAG + "ben")
        self.cat = Participant(hub, TAG + "cat")
        self.facilitator = Participant(hub, settings["ROOM_FACILITATOR"], settings["ROOM_FACILITATOR_PASSWORD"])
        self.uids: dict[str, int] = {}

    def home(self, who: Participant) -> Path:
        return Path(pwd.getpwnam(who.name).pw_dir)

    def clean(self) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(ROOT / "hub" / "clean.py"), "--yes"], capture_output=True,
                              text=True, env={**os.environ, **self.settings}, timeout=300)


@pytest.fixture(scope="module")
def room(tmp_path_factory):
    install = subprocess.run([sys.executable, str(ROOT / "hub" / "install.py")], capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    workdir = tmp_path_factory.mktemp("room")
    settings = {"ROOM_GROUP": TAG + "-room", "ROOM_FACILITATOR": TAG + "fac",
                "ROOM_FACILITATOR_PASSWORD": secrets.token_urlsafe(12), "ROOM_SCREEN_SHARE": "1",
                "ROOM_FAILED_LOGINS": "3", "ROOM_STATE": str(workdir / "state")}
    with room_client.running_hub(workdir, CODE, **settings) as hub:
        room = Room(hub, settings)
        try:
            yield room
        finally:
            hub.stop()
            room.clean()  # whatever happened, no test account stays on this machine


def running_processes(name: str) -> list[tuple[int, int]]:
    """(pid, uid) of every process started for this hub user (JupyterHub puts JUPYTERHUB_USER in their env)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            if f"JUPYTERHUB_USER={name}".encode() in environ:
                found.append((int(entry.name), entry.stat().st_uid))
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return found


# -- signing in -------------------------------------------------------------------------------------
def test_the_sign_in_page_asks_for_name_password_and_workshop_code(room):
    page = Participant(room.hub, "anyone").get("/hub/login").text
    for field in ('name="username"', 'name="password"', 'name="workshop_code"'):
        assert field in page


def test_without_the_code_there_is_no_account(room):
    dan = Participant(room.hub, TAG + "dan")
    refused = dan.sign_in(code=None)
    assert refused.status == 403 and "workshop code is not right" in refused.text
    assert dan.sign_in(code="not-" + CODE).status == 403
    assert not dan.signed_in()
    with pytest.raises(KeyError):
        pwd.getpwnam(dan.name)


def test_the_name_of_a_system_account_is_refused(room):
    """`daemon` is a Debian system user: signing in as it would run a server as that account."""
    system = pwd.getpwnam("daemon")
    answer = Participant(room.hub, "daemon").sign_in(CODE)
    assert answer.status == 403 and "That name belongs to this computer" in answer.text
    assert pwd.getpwnam("daemon") == system and not running_processes("daemon")


def test_two_participants_sign_in_with_the_code(room):
    for person in (room.ann, room.ben):  # their servers start now; Cat signs in meanwhile, in a browser
        answer = person.sign_in(CODE)
        assert answer.status == 200, answer.text[:500]
        assert person.signed_in()


def test_a_person_signs_in_in_a_browser_and_tags_on_the_first_card(room):
    """Cat, in headless Chromium: the form (with the code field), then the app's tagger, two clicks."""
    from tools import browser
    missing = browser.missing_browser()
    if missing:  # as tests/browser/browser_checks.py: CI (REQUIRE_BROWSER=1) fails instead of skipping
        (pytest.fail if os.environ.get("REQUIRE_BROWSER") == "1" else pytest.skip)(missing)
    with browser.chromium() as context:
        page = context.new_page()
        page.goto(room.hub.url + "/hub/login")
        page.fill("#username_input", room.cat.name)
        page.fill("#password_input", room.cat.password)
        page.fill("#workshop_code_input", CODE)
        page.click("#login_submit")
        tagger = page.locator(".reconnect-tagger")
        tagger.get_by_role("button", name="3 · Trust", exact=True).click(timeout=240_000)
        tagger.get_by_role("button", name="0 · No idea", exact=True).click()
        tagger.locator(".widget-html", has_text="Saved").first.wait_for()
        assert f"/user/{room.cat.name}/voila/render/" in page.url
    room.uids[room.cat.name] = pwd.getpwnam(room.cat.name).pw_uid
    assert room.cat.sign_in(CODE).status == 200, "her password, from a second device (the tests' client)"
    store = room.home(room.cat) / "reconnect" / "data" / "private" / "tags.sqlite"
    assert store.exists() and store.stat().st_uid == room.uids[room.cat.name]


def test_everyone_lands_on_the_app(room):
    for person in (room.ann, room.ben):
        landing = person.wait_for_server()
        assert landing.status == 200
        assert landing.url.endswith(f"/user/{person.name}/voila/render/app/reconnect-app.ipynb"), landing.url
        assert "reconnect-app" in landing.text
        room.uids[person.name] = pwd.getpwnam(person.name).pw_uid


def test_a_wrong_password_is_refused(room):
    someone_else = Participant(room.hub, room.ann.name, password="not-anns-password")
    answer = someone_else.sign_in(CODE)
    assert answer.status == 403
    assert not someone_else.signed_in()


def test_after_three_wrong_passwords_a_name_is_locked_even_with_the_right_one(room):
    stranger = Participant(room.hub, room.ben.name, password="guess-" + secrets.token_hex(4))
    for _ in range(3):  # ROOM_FAILED_LOGINS=3 in this room
        assert stranger.sign_in(CODE).status == 403
    refused = Participant(room.hub, room.ben.name, room.ben.password).sign_in(CODE)
    assert refused.status == 403 and "Too many wrong passwords" in refused.text
    assert room.ben.signed_in(), "Ben's own session is not touched"


# -- each their own user ----------------------------------------------------------------------------
def test_each_server_and_kernel_runs_as_its_own_user(room):
    for person in (room.ann, room.ben, room.cat):
        uid = room.uids[person.name]
        processes = running_processes(person.name)
        assert processes, f"no server process for {person.name}"
        assert {owner for _, owner in processes} == {uid}, f"{person.name}'s server: {processes}"
        kernel = person.start_kernel()
        seen = json.loads(person.run(kernel, "import os, json, helpers\n"
                                             "print(json.dumps([os.getuid(), os.environ['RECONNECT_DATA_DIR'],"
                                             " helpers.is_private()]))"))
        assert seen == [uid, str(room.home(person) / "reconnect" / "data" / "private"), True]
        person.kernel = kernel


def test_the_idle_culler_runs_as_a_service_of_this_hub(room):
    culler = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and b"jupyterhub_idle_culler" in (entry / "cmdline").read_bytes():
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                culler.append(((entry / "cmdline").read_bytes().split(b"\0"), parent))
        except (FileNotFoundError, ProcessLookupError):
            pass
    mine = [command for command, parent in culler if parent == room.hub.process.pid]
    assert mine and b"--timeout=3600" in mine[0], "ROOM_IDLE_MINUTES=60 by default"


def test_homes_are_private_and_hold_a_fresh_workbook(room):
    for person in (room.ann, room.ben, room.cat):
        home = room.home(person)
        assert home.stat().st_mode & 0o777 == 0o700 and home.stat().st_uid == room.uids[person.name]
        for part in ("notebooks/00-start-here.ipynb", "app/reconnect-app.ipynb", "data/sample/" + SAMPLE.name):
            path = home / "reconnect" / part
            assert path.is_file() and path.stat().st_uid == room.uids[person.name], part


# -- Ann's export and tags ----------------------------------------------------------------------------
TAG_THROUGH_THE_APP = """
import json, helpers
from helpers.workbook.app import build_app
network, choice = helpers.open_network()
store = helpers.open_store(network)
app = build_app(network, store)
shown = app.tagger.current_contact_id
app.tagger.relationship_buttons[3].click()
app.tagger.business_buttons[0].click()
real = network.real_ids[shown]
print(json.dumps({"sample": choice.is_sample, "export": choice.path.name, "contact": real,
                  "tags": helpers.TagStore(helpers.default_store_path()).get(real)}, default=str))
"""


def test_ann_uploads_her_export_and_tags_through_the_app(room):
    uploaded = room.ann.upload(f"data/private/{ANNS_EXPORT}", SAMPLE.read_bytes())
    assert uploaded.status == 201, uploaded.text[:300]
    path = room.home(room.ann) / "reconnect" / "data" / "private" / ANNS_EXPORT
    assert path.read_bytes() == SAMPLE.read_bytes() and path.stat().st_uid == room.uids[room.ann.name]
    result = json.loads(room.ann.run(room.ann.kernel, TAG_THROUGH_THE_APP))
    assert (result["sample"], result["export"]) == (False, ANNS_EXPORT)
    assert (result["tags"]["relationship"], result["tags"]["business"]) == (3, 0)
    room.anns_contact = result["contact"]


# -- the walls ------------------------------------------------------------------------------------------
def test_bens_cookie_gets_nothing_from_anns_urls(room):
    ann = room.ann.name
    for path in (f"/user/{ann}/api/contents/data/private", f"/user/{ann}/files/data/private/{ANNS_EXPORT}",
                 f"/user/{ann}/voila/render/app/reconnect-app.ipynb", f"/user/{ann}/lab",
                 f"/hub/api/users/{ann}", f"/hub/api/users/{ann}/tokens"):
        answer = room.ben.get(path)
        assert answer.status in (403, 404), f"{path}: {answer.status} at {answer.url}"
        assert ANNS_EXPORT not in answer.text and b"PK\x03\x04" not in answer.body
    made = room.ben.request("POST", f"/hub/api/users/{ann}/tokens", body={"note": "ben's try"})
    assert made.status in (403, 404)
    with_token = room.ben.get(f"/user/{ann}/api/contents/data/private", token=room.ben.token)
    assert with_token.status in (403, 404)


def test_bens_kernel_cannot_read_anns_home(room):
    anns = room.home(room.ann) / "reconnect" / "data" / "private"
    tries = room.ben.run(room.ben.kernel, f"""
import os, sqlite3
results = []
for attempt in (lambda: os.listdir({str(room.home(room.ann))!r}),
                lambda: open({str(anns / ANNS_EXPORT)!r}, 'rb').read(4),
                lambda: sqlite3.connect('file:{anns / "tags.sqlite"}?mode=ro', uri=True).execute('select 1').fetchall()):
    try:
        attempt()
        results.append('READ')
    except (PermissionError, sqlite3.OperationalError):
        results.append('denied')
print(results)
""")
    assert tries.strip() == "['denied', 'denied', 'denied']"


def test_the_facilitator_sees_the_room_but_cannot_open_anns_server(room):
    fac = room.facilitator
    assert fac.sign_in(CODE).status == 200
    assert fac.get("/hub/admin").status == 200, "the facilitator's page"
    users = fac.get("/hub/api/users")
    assert users.status == 200 and room.ann.name in {u["name"] for u in users.json()}
    assert not any(user["admin"] for user in users.json()), "no JupyterHub admin in the room"
    ann = room.ann.name
    for path in (f"/user/{ann}/api/contents/data/private", f"/user/{ann}/files/data/private/{ANNS_EXPORT}",
                 f"/user/{ann}/voila/render/app/reconnect-app.ipynb"):
        answer = fac.get(path)
        assert answer.status in (403, 404), f"{path}: {answer.status} at {answer.url}"
        assert b"PK\x03\x04" not in answer.body
    fac.get("/hub/token")
    assert fac.request("POST", f"/hub/api/users/{ann}/tokens", body={"note": "peek"}).status == 403
    assert fac.request("POST", f"/hub/api/shares/{ann}/", body={"user": fac.name}).status in (403, 404)


# -- tags survive, leaving, cleaning up ---------------------------------------------------------------
def wait_until(check, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, what
        time.sleep(0.5)


def server_state(person: Participant) -> dict:
    return person.request("GET", f"/hub/api/users/{person.name}", token=person.token).json()


def test_anns_tags_survive_her_server_stopping_and_starting(room):
    ann = room.ann
    assert ann.request("DELETE", f"/hub/api/users/{ann.name}/server", token=ann.token).status in (202, 204)
    wait_until(lambda: not running_processes(ann.name), "Ann's server did not stop")
    wait_until(lambda: not server_state(ann)["servers"], "the hub still lists Ann's server")
    assert ann.request("POST", f"/hub/api/users/{ann.name}/server", token=ann.token).status in (201, 202)
    wait_until(lambda: ann.api("GET", "status").status == 200, "Ann's server did not come back", seconds=240)
    ann.kernel = ann.start_kernel()
    tags = json.loads(ann.run(ann.kernel, f"import json, helpers\n"
                                          f"print(json.dumps(helpers.TagStore(helpers.default_store_path())"
                                          f".get({room.anns_contact!r}), default=str))"))
    assert (tags["relationship"], tags["business"]) == (3, 0)


def test_ann_takes_her_tags_and_leaves_the_room(room):
    said = json.loads(room.ann.run(room.ann.kernel, """
import json, base64, re, helpers
from helpers.workbook.leave_room import leave_room
network, _ = helpers.open_network()
leave = leave_room(network, helpers.open_store(network))
leave.download_button.click()
csv = base64.b64decode(re.search(r'base64,([^"]+)', leave.download_area.value).group(1)).decode('utf-8-sig')
leave.delete_button.click()
leave.confirm_button.click()
print(json.dumps({"csv": csv, "message": leave.message.value}))
"""))
    assert room.anns_contact in said["csv"] and "Deleted" in said["message"]
    assert not (room.home(room.ann) / "reconnect").exists(), "her workbook copy (export, tags, lists) is gone"


def files_owned_by(uids: set[int], roots: list[Path]) -> list[str]:
    found = []
    for root in roots:
        for folder, dirs, files in os.walk(root):
            for name in dirs + files:
                path = os.path.join(folder, name)
                try:
                    if os.lstat(path).st_uid in uids:
                        found.append(path)
                except FileNotFoundError:
                    pass
    return found


def test_after_the_workshop_clean_up_leaves_nothing_of_anyone(room):
    people = [room.ann, room.ben, room.cat, room.facilitator]
    uids = {pwd.getpwnam(p.name).pw_uid for p in people}
    homes = [room.home(p) for p in people]
    room.hub.stop()
    cleaned = room.clean()
    assert cleaned.returncode == 0, cleaned.stdout + cleaned.stderr
    for person, home in zip(people, homes):
        with pytest.raises(KeyError):
            pwd.getpwnam(person.name)
        assert not home.exists()
    assert not Path(room.settings["ROOM_STATE"]).exists(), "the hub's names and password hashes are gone"
    assert not processes_of(uids), "a process of theirs still runs"
    assert files_owned_by(uids, [Path("/home"), *SCRATCH, room_client.PREFIX]) == []


def processes_of(uids: set[int]) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid in uids:
                pids.append(int(entry.name))
        except FileNotFoundError:
            pass
    return pids


def test_the_hub_will_not_listen_beyond_loopback_without_tls_or_the_flag(tmp_path):
    """The real config, started as `make hub` would be with HUB_IP=0.0.0.0: it stops before listening."""
    env = {**os.environ, "WORKSHOP_CODE": CODE, "HUB_IP": "0.0.0.0", "HUB_PORT": str(room_client.free_port_block()),
           "ROOM_STATE": str(tmp_path / "state")}
    started = subprocess.run([str(room_client.VENV / "bin" / "jupyterhub"), "-f",
                              str(ROOT / "hub" / "jupyterhub_config.py")], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
    assert started.returncode != 0
    assert "HUB_INSECURE=1" in started.stdout + started.stderr
