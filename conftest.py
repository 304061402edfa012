"""Tests and notebooks run against a throw-away data folder, never your own tags or export.

The notebooks (run by nbval) open `helpers.private_folder()`: pointing it at an empty temporary
folder means they use the sample network and a fresh tag store, whatever is in data/private/.
"""
import os
import tempfile

os.environ.setdefault("RECONNECT_DATA_DIR", tempfile.mkdtemp(prefix="reconnect-tests-"))
