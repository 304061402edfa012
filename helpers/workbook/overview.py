"""First checks and a one-table overview for the start-here notebook."""
import sys
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

from ..export.network import Network

NEEDED = ("pandas", "ipywidgets", "plotly", "jupyterlab")


def check_install() -> None:
    """Say, in one line per package, whether the workbook's tools are installed."""
    problems = []
    print(f"Python {sys.version.split()[0]}" + ("" if sys.version_info >= (3, 11) else "  <- needs 3.11 or newer"))
    for package in NEEDED:
        try:
            print(f"{package} {version(package)}")
        except PackageNotFoundError:
            problems.append(package)
            print(f"{package}: MISSING")
    if problems or sys.version_info < (3, 11):
        print("Something is missing: in a terminal, in the workbook folder, run `make lab` again.")
    else:
        print("All set.")


def network_summary(network: Network) -> pd.DataFrame:
    """A small table: how many contacts, since when, and what the export says of your contact with them."""
    people, signals = network.connections, network.signals
    connected = people["connected_on"].dropna()
    rows = {
        "contacts": f"{len(people):,}",
        "connected between": f"{connected.min():%b %Y} and {connected.max():%b %Y}" if len(connected) else "unknown",
        "with a company listed": f"{people['company'].notna().sum():,}",
        "with an email address": f"{people['email'].notna().sum():,}",
    }
    if network.messages is None:
        rows["messages"] = "none in this export (a Basic export has none)"
    else:
        talked = (signals["messages_sent"] + signals["messages_received"]) > 0
        rows["contacts you have messaged with"] = f"{int(talked.sum()):,}"
        rows["endorsed you or you them"] = f"{int(((signals['endorsements_received'] + signals['endorsements_given']) > 0).sum()):,}"
    return pd.DataFrame({"": list(rows.values())}, index=pd.Index(list(rows), name=network.kind + " export"))
