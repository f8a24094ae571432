"""A 3-voice meeting recorded with ``hushnote record --save`` is stored with its speakers, as an import is;
so is a recording killed midway and recovered.

Both recorders listen to one playing of the meeting at once (the virtual microphone takes any number of
recording clients), each into its own notebook in its own data folder: the meeting is played once, not twice, and
the killed one is recovered while the other still records. Each test reads only its own notebook.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.storage import init_notebook, open_notebook
from app.storage.access import default_notebook_path
from tests.support.notebooks import FAST_KDF
from tests.support.recording import start_recorder
from tests.support.testdata import NETGUARD, PROJECT_ROOT

pytestmark = pytest.mark.audio_device

PASSPHRASE = "recorded meeting passphrase"
KILL_AT_S = 40.0  # all three voices have spoken twice by then (alex, beth, chris, alex, chris, beth)


@dataclass
class Recorded:
    notebook: Path
    lines: list[str]
    returncode: int
    stdout: str


def _home(root: Path) -> tuple[dict, Path]:
    """Returns a child environment whose data folder is ``root``'s, and the notebook made there."""
    env = dict(os.environ, HOME=str(root), HUSHNOTE_HOME=str(root / "hushnote"), XDG_DATA_HOME=str(root / "data"),
               XDG_CONFIG_HOME=str(root / "config"), HUSHNOTE_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(PROJECT_ROOT))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HUSHNOTE_HOME", env["HUSHNOTE_HOME"])
        init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
        return env, default_notebook_path()


@pytest.fixture(scope="module")
def recordings(pulse, synthetic_meeting, tmp_path_factory) -> dict[str, Recorded]:
    """Records the meeting once with two ``hushnote record --save`` at the same time: "whole" for 64 s (the
    meeting is 62 s), "killed" (--no-pii) killed with SIGKILL 40 s in and then ``record --recover``-ed."""
    whole_dir, killed_dir = tmp_path_factory.mktemp("whole"), tmp_path_factory.mktemp("killed")
    whole_env, whole_db = _home(whole_dir)
    killed_env, killed_db = _home(killed_dir)
    # The killed one (no duration) starts first, so the 64 s one starts its clock just before the meeting plays.
    killed, _ = start_recorder(["--device", "pulse", "--save", "--no-live", "--no-pii"], killed_env, killed_dir,
                               stdout=subprocess.PIPE)
    try:
        whole, whole_lines = start_recorder(["--device", "pulse", "--save", "--no-live", "--duration", "64",
                                             "--title", "Standup"], whole_env, whole_dir, stdout=subprocess.PIPE)
    except BaseException:
        killed.kill()  # it has no duration: it would record on after the test
        raise
    time.sleep(0.5)
    player = pulse.play(synthetic_meeting)
    time.sleep(KILL_AT_S)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait(10)

    netlog = killed_dir / "netguard.log"
    recover_env = dict(killed_env, PYTHONPATH=os.pathsep.join([str(NETGUARD), str(PROJECT_ROOT)]),
                       HUSHNOTE_NETGUARD_LOG=str(netlog))
    recovered = subprocess.run([sys.executable, "-m", "ui", "record", "--recover", "--no-pii"], capture_output=True,
                               text=True, env=recover_env, cwd=killed_dir, timeout=600)
    player.wait(90)
    stdout, _ = whole.communicate(timeout=600)
    return {
        "whole": Recorded(whole_db, whole_lines, whole.returncode, stdout),
        "killed": Recorded(killed_db, recovered.stderr.splitlines(), recovered.returncode, recovered.stdout),
    }


def test_a_recorded_three_voice_meeting_is_stored_with_three_speakers(recordings):
    whole = recordings["whole"]
    assert whole.returncode == 0, "".join(whole.lines)
    assert "saved note" in whole.stdout

    with open_notebook(whole.notebook, PASSPHRASE) as notebook:
        [summary] = notebook.list_notes()
        transcript = notebook.load_transcript(summary.id)
    assert summary.state == "complete" and summary.title == "Standup"
    assert summary.speaker_names == ["Speaker 1", "Speaker 2", "Speaker 3"], summary.speaker_names
    assert len({s.speaker_id for s in transcript.segments}) == 3


def test_a_killed_recording_is_recovered_with_its_speakers(recordings):
    killed = recordings["killed"]
    assert killed.returncode == 0, "\n".join(killed.lines)
    with open_notebook(killed.notebook, PASSPHRASE) as notebook:
        [summary] = notebook.list_notes()
    assert summary.state == "complete"
    assert summary.speaker_names == ["Speaker 1", "Speaker 2", "Speaker 3"], summary.speaker_names
