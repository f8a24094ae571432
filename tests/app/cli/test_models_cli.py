"""`hushnote models` as a user meets it: consent, download from a local hub, offline use afterwards."""
from __future__ import annotations

import json

import pytest

from app.models_registry import resolve_model
from tests.support.local_hub import LocalHub

REPO = "Systran/faster-whisper-small"


@pytest.fixture
def hub():
    with LocalHub() as local_hub:
        local_hub.add_repo(REPO, resolve_model("tiny.en").path)
        yield local_hub


def hub_env(hub) -> dict:
    """Points the child at the local hub and lets the network guard pass that one address only."""
    return {"HF_ENDPOINT": hub.endpoint, "HUSHNOTE_NETGUARD_ALLOW": hub.address}


def test_declining_consent_downloads_nothing_and_contacts_no_one(run_cli, hub):
    result = run_cli("models", "download", "small", env=hub_env(hub), input="n\n")
    assert result.returncode == 1, result.stderr
    assert "127.0.0.1" in result.stdout and REPO in result.stdout and "MB" in result.stdout
    assert "Nothing was downloaded" in result.stdout
    assert hub.requests == []
    assert result.netlog == []


def test_no_terminal_to_ask_means_no_consent(run_cli, hub):
    result = run_cli("models", "download", "small", env=hub_env(hub), input="")
    assert result.returncode == 1
    assert hub.requests == []


def test_a_model_not_installed_names_the_download_command(run_cli, testdata):
    result = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0880.wav"), "--model", "medium")
    assert result.returncode == 2
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("hushnote: error:") and "hushnote models download medium" in error
    assert "decode" not in result.stderr  # refused before any audio is read
    assert result.netlog == []


def test_downloaded_small_transcribes_offline_and_the_note_names_it(run_cli, hub, testdata, tmp_path):
    download = run_cli("models", "download", "small", "--yes", env=hub_env(hub))
    assert download.returncode == 0, download.stderr
    assert download.netlog == []  # nothing but the (local) hub was contacted
    assert hub.repos[REPO].commit[:12] in download.stdout

    listing = run_cli("models", "list")
    small = next(line for line in listing.stdout.splitlines() if line.startswith("small "))
    assert "installed" in small and "not installed" not in small and hub.repos[REPO].commit[:12] in small

    clip = testdata / "real" / "librivox_sas-0880.wav"
    result = run_cli("transcribe", str(clip), "--model", "small", "--language", "en", "--format", "json,txt", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.netlog == []
    assert "young man" in (tmp_path / "librivox_sas-0880.txt").read_text().lower()
    assert json.loads((tmp_path / "librivox_sas-0880.json").read_text())["model"] == "small"


def test_remove_frees_the_space_and_the_model_is_gone(run_cli, hub, testdata):
    assert run_cli("models", "download", "small", "--yes", env=hub_env(hub)).returncode == 0
    removed = run_cli("models", "remove", "small")
    assert removed.returncode == 0 and "MB freed" in removed.stdout
    result = run_cli("transcribe", str(testdata / "real" / "librivox_sas-0880.wav"), "--model", "small")
    assert result.returncode == 2 and "hushnote models download small" in result.stderr


def test_list_shows_every_model_with_size_languages_and_a_recommendation(run_cli):
    result = run_cli("models", "list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    for name in ("tiny.en", "base", "small", "medium", "large-v3-turbo", "large-v3"):
        line = next(line for line in lines if line.startswith(name + " "))
        assert "MB" in line and ("English" in line or "99 languages" in line)
    assert "huggingface.co/Systran/faster-whisper-medium" in result.stdout
    assert any(line.startswith("Recommended here: ") for line in lines)
    assert result.netlog == []


def test_ctrl_c_stops_the_download_and_the_same_command_resumes_it(run_cli, hub, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from app.model_download import staging_dir
    from tests.conftest import NETGUARD
    from tests.support.testdata import PROJECT_ROOT

    # The line is held at 16 MB until Ctrl-C has been pressed and the command has ended: the download cannot
    # finish first however loaded the machine is. Past huggingface_hub's first 10 MB block, so part of the file is
    # on disk; a read timeout's resume is held at the same offset.
    hub.faults.hold_at_bytes = 16 << 20
    env = {**os.environ, **hub_env(hub), "PYTHONPATH": os.pathsep.join([str(NETGUARD), str(PROJECT_ROOT)]),
           "HUSHNOTE_NETGUARD_LOG": str(tmp_path / "netguard.log")}
    child = subprocess.Popen([sys.executable, "-m", "ui", "models", "download", "small", "--yes"], env=env, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    partial = staging_dir("small") / "model.bin.partial"
    deadline = time.monotonic() + 120
    while not (hub.faults.held.is_set() and partial.is_file() and partial.stat().st_size > 0) \
            and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    try:
        _, stderr = child.communicate(timeout=120)
    finally:
        hub.faults.hold_at_bytes = None
        hub.faults.release.set()
    assert child.returncode == 130, stderr
    assert "again to resume" in stderr
    kept = partial.stat().st_size
    assert kept > 0
    listed = run_cli("models", "list").stdout.splitlines()
    assert "MB so far" in next(line for line in listed if line.startswith("small "))

    result = run_cli("models", "download", "small", "--yes", env=hub_env(hub))
    assert result.returncode == 0, result.stderr
    assert f"bytes={kept}-" in [r.range for r in hub.requests if r.path.endswith("model.bin")]
    assert not (tmp_path / "netguard.log").exists() and result.netlog == []


def test_by_default_the_download_contacts_huggingface_co_and_nothing_else(run_cli):
    result = run_cli("models", "download", "small", "--yes", env={"HF_ENDPOINT": ""})
    assert result.returncode == 2
    assert "from host:   huggingface.co" in result.stdout
    error = result.stderr.strip().splitlines()[-1]
    assert error.startswith("hushnote: error: could not reach huggingface.co")
    assert result.netlog and set(result.netlog) == {"'huggingface.co'"}  # the guard refused it; no other host was tried
