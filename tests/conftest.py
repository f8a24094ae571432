"""Shared fixtures: test data, real models loaded once, an isolated home, a network guard."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support.testdata import NETGUARD, PROJECT_ROOT, testdata_root  # noqa: E402
from tests.support.pulse import pulse  # noqa: E402,F401  (session fixture: virtual microphone)


@pytest.fixture(scope="session")
def testdata() -> Path:
    """The shared test data folder (fetched from PyPI sdists when ../shared is absent)."""
    return testdata_root()


@pytest.fixture(scope="session")
def synthetic_meeting(testdata: Path) -> Path:
    path = testdata / "synthetic" / "meeting.wav"
    if not path.exists():
        pytest.skip("the synthetic meeting is only in ../shared/testdata (it has no PyPI source)")
    return path


@pytest.fixture(scope="session")
def engines():
    """Real models (bundled Whisper tiny.en, int8 on CPU), loaded once per session."""
    from app.engines import EngineSettings, Engines

    return Engines(EngineSettings(model="tiny.en", device="cpu"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch) -> Path:
    """Points HOME, XDG dirs and HUSHNOTE_HOME at a fresh folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("HUSHNOTE_HOME", str(home / "hushnote"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    return home


@pytest.fixture
def run_cli(tmp_path):
    """Runs ``hushnote ARGS`` in a child process with the network forbidden.

    Returns the CompletedProcess; ``.netlog`` lists any network attempt.
    """

    def run(*args: str, env: dict | None = None, cwd: Path | None = None, input: str | None = None, timeout: float = 600):
        netlog = tmp_path / "netguard.log"
        child_env = dict(os.environ)
        child_env["PYTHONPATH"] = os.pathsep.join([str(NETGUARD), str(PROJECT_ROOT)])
        child_env["HUSHNOTE_NETGUARD_LOG"] = str(netlog)
        child_env.update(env or {})
        result = subprocess.run(
            [sys.executable, "-m", "ui", *args],  # the `hushnote` program: ui.launcher
            capture_output=True,
            text=True,
            env=child_env,
            cwd=cwd or tmp_path,
            input=input,
            timeout=timeout,
        )
        result.netlog = netlog.read_text().splitlines() if netlog.exists() else []
        return result

    return run
