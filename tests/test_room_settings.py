"""The room server's settings (hub/room_settings.py): what the facilitator sets, and what the hub refuses.

The hub itself, with these settings, is tested for real in tests/hub/test_room_hub.py (root only).
"""
import pytest

from hub.room_settings import LANDINGS, RoomSettingError, is_loopback, read_settings

CODE = {"WORKSHOP_CODE": "blue-heron-42"}


def test_defaults_are_one_room_on_loopback_landing_on_the_app():
    room = read_settings(CODE)
    assert (room.ip, room.port, room.landing, room.screen_share) == ("127.0.0.1", 8000, "app", False)
    assert room.default_url == "/voila/render/app/reconnect-app.ipynb"


def test_one_setting_each_for_the_landing_page_and_screen_share():
    room = read_settings({**CODE, "ROOM_LANDING": "notebook", "ROOM_SCREEN_SHARE": "1"})
    assert room.default_url == LANDINGS["notebook"] == "/lab/tree/notebooks/00-start-here.ipynb"
    assert room.screen_share


@pytest.mark.parametrize("code", ["", "abc"])
def test_no_hub_without_a_workshop_code(code):
    with pytest.raises(RoomSettingError, match="WORKSHOP_CODE"):
        read_settings({"WORKSHOP_CODE": code})


def test_the_clean_up_needs_no_code():
    assert read_settings({}, for_hub=False).group == "reconnect-room"


@pytest.mark.parametrize("ip", ["0.0.0.0", "192.168.1.20", "::", "room.example.org"])
def test_plain_http_beyond_loopback_needs_the_explicit_flag(ip):
    with pytest.raises(RoomSettingError, match="HUB_INSECURE=1"):
        read_settings({**CODE, "HUB_IP": ip})
    assert read_settings({**CODE, "HUB_IP": ip, "HUB_INSECURE": "1"}).insecure


def test_beyond_loopback_with_a_certificate_is_fine_and_needs_both_files():
    room = read_settings({**CODE, "HUB_IP": "0.0.0.0", "HUB_SSL_CERT": "/etc/room.crt", "HUB_SSL_KEY": "/etc/room.key"})
    assert room.ssl_cert == "/etc/room.crt"
    with pytest.raises(RoomSettingError, match="go together"):
        read_settings({**CODE, "HUB_SSL_CERT": "/etc/room.crt"})


@pytest.mark.parametrize("ip, loopback", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                          ("127.0.0.2", True), ("10.0.0.1", False), ("0.0.0.0", False)])
def test_loopback(ip, loopback):
    assert is_loopback(ip) is loopback


@pytest.mark.parametrize("setting", [{"ROOM_LANDING": "lab"}, {"HUB_PORT": "eighty"},
                                     {"ROOM_FACILITATOR": "Root Admin"}])
def test_a_setting_it_cannot_use_says_which(setting):
    name = next(iter(setting))
    with pytest.raises(RoomSettingError, match=name):
        read_settings({**CODE, **setting})


def test_the_facilitators_password_is_a_setting_and_never_printed():
    room = read_settings({**CODE, "ROOM_FACILITATOR_PASSWORD": "s3cret-for-today"})
    assert room.facilitator_password == "s3cret-for-today"
    assert "s3cret-for-today" not in repr(room)
    assert read_settings(CODE).facilitator_password == ""
