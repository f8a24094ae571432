"""A 3-voice meeting recorded with ``hushnote record --save`` is stored with its speakers, as an import is;
so is a recording killed midway and recovered."""
from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from app.storage import init_notebook, open_notebook
from tests.support.testdata import PROJECT_ROOT
from tests.support.notebooks import FAST_KDF
from tests.support.recording import start_recorder

pytestmark = pytest.mark.audio_device

PASSPHRASE = "recorded meeting passphrase"
KILL_AT_S = 40.0  # all three voices have spoken twice by then (alex, beth, chris, alex, chris, beth)


def start_recording(tmp_path, *args: str) -> tuple[subprocess.Popen, list[str]]:
    """Starts ``hushnote record --save`` on the virtual mic; returns it once it says it is recording."""
    env = dict(os.environ, HUSHNOTE_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(PROJECT_ROOT))
    return start_recorder(["--device", "pulse", "--save", "--no-live", *args], env, tmp_path, stdout=subprocess.PIPE)


def test_a_recorded_three_voice_meeting_is_stored_with_three_speakers(pulse, synthetic_meeting, tmp_path):
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    child, lines = start_recording(tmp_path, "--duration", "64", "--title", "Standup")
    time.sleep(0.5)
    pulse.play(synthetic_meeting).wait(90)
    stdout, _ = child.communicate(timeout=600)
    assert child.returncode == 0, "".join(lines)
    assert "saved note" in stdout

    with open_notebook(None, PASSPHRASE) as notebook:
        [summary] = notebook.list_notes()
        transcript = notebook.load_transcript(summary.id)
    assert summary.state == "complete" and summary.title == "Standup"
    assert summary.speaker_names == ["Speaker 1", "Speaker 2", "Speaker 3"], summary.speaker_names
    assert len({s.speaker_id for s in transcript.segments}) == 3


def test_a_killed_recording_is_recovered_with_its_speakers(pulse, synthetic_meeting, tmp_path, run_cli):
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    child, _ = start_recording(tmp_path, "--no-pii")
    time.sleep(0.5)
    player = pulse.play(synthetic_meeting)
    time.sleep(KILL_AT_S)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    player.kill()
    player.wait(10)

    recovered = run_cli("record", "--recover", "--no-pii", env={"HUSHNOTE_PASSPHRASE": PASSPHRASE})
    assert recovered.returncode == 0, recovered.stderr
    with open_notebook(None, PASSPHRASE) as notebook:
        [summary] = notebook.list_notes()
    assert summary.state == "complete"
    assert summary.speaker_names == ["Speaker 1", "Speaker 2", "Speaker 3"], summary.speaker_names
