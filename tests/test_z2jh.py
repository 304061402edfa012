"""Zero to JupyterHub files (z2jh/), checked statically: nothing here can run a cluster or build an image.

The values are merged as `helm upgrade --values z2jh/values.yaml --set-file ... --set ...` would merge them
(the chart's defaults, then ours, then the command line) and validated against the chart's own schema,
vendored in z2jh/chart-reference/ from jupyterhub/zero-to-jupyterhub-k8s (see its README).
"""
import copy
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
Z2JH = ROOT / "z2jh"


def merge(base: dict, extra: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in extra.items():
        both_maps = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = merge(merged[key], value) if both_maps else value
    return merged


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


@pytest.fixture(scope="module")
def schema():
    return load(Z2JH / "chart-reference" / "values.schema.yaml")


@pytest.fixture(scope="module")
def ours():
    return load(Z2JH / "values.yaml")


@pytest.fixture(scope="module")
def deployed(ours):
    """What the documented helm command hands the chart."""
    command_line = {"hub": {"extraFiles": {"room-auth": {"stringData": (ROOT / "hub" / "room_auth.py").read_text()}},
                            "config": {"RoomAuthenticator": {"workshop_code": "blue-heron-42"}}},
                    "singleuser": {"image": {"name": "registry.example.org/reconnect-workbook", "tag": "1"}}}
    return merge(merge(load(Z2JH / "chart-reference" / "values.yaml"), ours), command_line)


def test_the_values_the_helm_command_gives_pass_the_charts_schema(schema, deployed):
    jsonschema.validate(deployed, schema)


def test_the_schema_would_catch_a_misspelt_key(schema, deployed):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(merge(deployed, {"singleuser": {"storag": {"capacity": "1Gi"}}}), schema)


def test_nobody_can_open_another_persons_server(deployed):
    hub = deployed["hub"]
    assert hub["config"]["JupyterHub"]["admin_access"] is False, "the chart's default (true) is overridden"
    assert hub["config"]["Authenticator"]["admin_users"] == []
    facilitator = hub["loadRoles"]["facilitator"]["scopes"]
    assert not {"access:servers", "tokens", "shares", "admin:users"} & set(facilitator)


def test_the_same_choices_as_the_room_server(deployed):
    from hub.room_settings import LANDINGS, NAME_PATTERN
    single = deployed["singleuser"]
    assert single["storage"]["type"] == "dynamic" and single["storage"]["homeMountPath"] == "/home/jovyan"
    assert single["defaultUrl"] == LANDINGS["app"]
    assert single["extraEnv"]["RECONNECT_DATA_DIR"].startswith(single["storage"]["homeMountPath"])
    assert deployed["cull"]["enabled"] and deployed["cull"]["timeout"] > 0
    assert deployed["hub"]["config"]["JupyterHub"]["authenticator_class"] == "room_auth.RoomAuthenticator"
    assert deployed["hub"]["config"]["Authenticator"]["username_pattern"] == NAME_PATTERN
    assert deployed["hub"]["config"]["RoomAuthenticator"]["workshop_code"]
    compile(deployed["hub"]["extraConfig"]["room-auth"], "extraConfig", "exec")
    mount = Path(deployed["hub"]["extraFiles"]["room-auth"]["mountPath"])
    assert str(mount.parent) in deployed["hub"]["extraConfig"]["room-auth"], "the config can import room_auth"


def test_without_a_code_on_the_command_line_nobody_gets_in(ours):
    assert ours["hub"]["config"]["RoomAuthenticator"]["workshop_code"] == ""


def test_the_image_is_built_from_requirements_txt_and_matches_the_chart():
    dockerfile = (Z2JH / "Dockerfile").read_text()
    assert "COPY requirements.txt" in dockerfile and "pip install -r requirements.txt" in dockerfile
    chart_hub = re.search(r'appVersion: "?([\d.]+)', (Z2JH / "chart-reference" / "Chart.yaml").read_text()).group(1)
    assert f"ARG JUPYTERHUB_VERSION={chart_hub}" in dockerfile, "the user image's JupyterHub matches the hub's"
    assert "USER 1000" in dockerfile, "z2jh runs user pods as uid 1000"
    home_copy = load(Z2JH / "values.yaml")["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"][-1]
    assert "/srv/reconnect" in home_copy and "WORKDIR /srv/reconnect" in dockerfile


def test_repo2docker_builds_the_same_environment_from_the_repository():
    """repo2docker reads the root's requirements.txt and runtime.txt unless a binder/ folder or a root Dockerfile
    takes over: neither may exist."""
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.11"
    assert not (ROOT / "Dockerfile").exists() and not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert (ROOT / "requirements.txt").read_text().rstrip().endswith("-e ."), "the helpers come with the environment"
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert "data/private/*" in ignored and ".venv" in ignored
