"""Fixtures for notebook tests: a real SQLCipher notebook with a cheap KDF (the cost is not what is tested)."""
from __future__ import annotations

import pytest

from app.storage import init_notebook
from tests.support.notebooks import FAST_KDF, PASSPHRASE


@pytest.fixture
def notebook_path(tmp_path):
    return tmp_path / "nb" / "notebook.db"


@pytest.fixture
def notebook(notebook_path):
    with init_notebook(notebook_path, PASSPHRASE, kdf=FAST_KDF) as nb:
        yield nb
