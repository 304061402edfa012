"""Run a script in a fresh Python with every socket refused: the proof that helpers make no network calls."""
import os
import subprocess
import sys

REFUSE_SOCKETS = """
import socket
def refuse(*args, **kwargs):
    raise RuntimeError("network call attempted")
socket.socket = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def run_offline(script: str, data_dir, imports_first: str = "") -> subprocess.CompletedProcess:
    """`imports_first` runs before sockets are refused (an import that needs the socket class is not a call)."""
    return subprocess.run([sys.executable, "-c", imports_first + REFUSE_SOCKETS + script], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "RECONNECT_DATA_DIR": str(data_dir)})
