"""``hushnote record --system-audio`` on a real PulseAudio daemon: devices, no server, the saved call, a kill.

The daemon's ``hushnote_output`` sink is the computer's output (the default
sink); ``hushnote_speaker`` feeds the virtual microphone. In the saved call a
near-end clip is said into the microphone, then the far side speaks through
the computer and is also heard by the microphone at -20 dB (echo, as from
laptop speakers): it must not be transcribed twice.
"""
from __future__ import annotations

import os
import signal
import subprocess
import threading
import time

import numpy as np
import pytest

from app.pipeline.sides import OWNER_ID, TWO_SIDED_SOURCE
from app.storage import init_notebook, open_notebook
from app.wer import word_error_rate
from audio_core.decode import decode_audio
from audio_core.monitor_capture import MonitorRecorder
from audio_core.record import Recorder, RecorderOptions
from audio_core.sound_server import NO_SERVER
from tests.support.audio_match import best_alignment
from tests.support.notebooks import FAST_KDF
from tests.support.pulse import OUTPUT
from tests.support.recording import start_recorder
from tests.support.testdata import PROJECT_ROOT

pytestmark = pytest.mark.audio_device

PASSPHRASE = "correct horse battery staple"
NEAR = "real/librivox_sas-0870.wav"  # 7.1 s, into the microphone
FAR = "real/librivox_sas-0920.wav"  # 6.1 s, from the computer
MAX_LOSS_S = 1.0
FAR_ONLY_WORDS = {"married", "amiable", "woman", "respectable"}
ECHO_GAIN = 0.1  # -20 dB


def words_of(text: str) -> set[str]:
    return {"".join(c for c in w.lower() if c.isalnum()) for w in text.split()}


def reference(testdata, clip: str) -> str:
    return (testdata / clip.replace(".wav", ".txt")).read_text()


def test_when_listing_devices_then_the_outputs_to_record_are_shown_with_the_default_marked(pulse, run_cli):
    listed = run_cli("record", "--list-devices")
    assert listed.returncode == 0, listed.stderr
    assert "outputs (for --system-audio" in listed.stdout
    assert f"* {OUTPUT}.monitor: Monitor of HushnoteTestOutput" in listed.stdout
    assert "  hushnote_speaker.monitor" in listed.stdout


def test_when_no_sound_server_runs_then_system_audio_fails_in_one_line(run_cli, tmp_path):
    missing = {"PULSE_SERVER": f"unix:{tmp_path / 'no-such-socket'}", "HUSHNOTE_PASSPHRASE": PASSPHRASE}
    result = run_cli("record", "--system-audio", "--duration", "1", env=missing)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and NO_SERVER in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def recorder_env(tmp_path) -> dict:
    return dict(os.environ, HUSHNOTE_PASSPHRASE=PASSPHRASE,
                PYTHONPATH=os.pathsep.join([str(PROJECT_ROOT / "tests" / "support" / "netguard"), str(PROJECT_ROOT)]),
                HUSHNOTE_NETGUARD_LOG=str(tmp_path / "netguard.log"))


@pytest.mark.slow
def test_when_a_call_is_recorded_for_24_s_with_save_then_the_note_holds_both_sides_labelled_without_echo(
        pulse, testdata, tmp_path):
    from audio_core.encode import write_audio_file

    echo_file = write_audio_file(tmp_path / "far_at_minus_20_db.wav", ECHO_GAIN * decode_audio(testdata / FAR), 16_000)
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    child, _ = start_recorder(["--system-audio", "--duration", "24", "--save", "--device", "pulse", "--no-pii",
                               "--my-name", "Dana"], recorder_env(tmp_path), tmp_path, stdout=subprocess.PIPE)
    time.sleep(1.0)
    pulse.play(testdata / NEAR).wait()
    time.sleep(1.0)
    far, echo = pulse.play(testdata / FAR, OUTPUT), pulse.play(echo_file)
    far.wait(), echo.wait()
    out, _ = child.communicate(timeout=400)
    assert child.returncode == 0, out
    assert "saved note 1" in out, out
    final = [line for line in out.splitlines() if line.startswith("[")]
    assert any("] Dana: " in line for line in final) and any("] Speaker 1: " in line for line in final), out
    live = out.split("\n[")[0]  # the live lines come before the final transcript
    assert "Dana: " in live and "Remote: " in live, live
    live_mine = " ".join(part.split("Remote: ")[0] for part in live.split("Dana: ")[1:])
    assert not words_of(live_mine) & FAR_ONLY_WORDS, f"the live transcript shows the echo as mine: {live}"
    assert not (tmp_path / "netguard.log").exists() or not (tmp_path / "netguard.log").read_text()

    with open_notebook(None, PASSPHRASE) as notebook:
        transcript = notebook.load_transcript(1)
        assert notebook.get_summary(1).audio_s == pytest.approx(24.0, abs=0.1)
        saved = np.concatenate(list(notebook.iter_audio_sides(1)))
    assert saved.shape[1] == 2
    near_audio, far_audio = decode_audio(testdata / NEAR), decode_audio(testdata / FAR)
    assert best_alignment(saved[:, 0], near_audio)[1] > 0.9
    assert best_alignment(saved[:, 1], far_audio)[1] > 0.9
    assert best_alignment(saved[:, 1], near_audio)[1] < 0.2, "the microphone leaked into the computer side"
    names = {s.id: s.name for s in transcript.speakers}
    assert names[OWNER_ID] == "Dana" and len(names) >= 2
    mine = " ".join(s.text for s in transcript.segments if s.speaker_id == OWNER_ID)
    theirs = " ".join(s.text for s in transcript.segments if s.speaker_id != OWNER_ID)
    assert word_error_rate(reference(testdata, NEAR), mine) < 0.15, mine
    assert word_error_rate(reference(testdata, FAR), theirs) < 0.3, theirs
    assert not words_of(mine) & FAR_ONLY_WORDS, f"echo kept on the microphone side: {mine}"
    starts = [s.start_s for s in transcript.segments]
    assert starts == sorted(starts)
    assert transcript.source_name == TWO_SIDED_SOURCE


class Witness:
    """Our own recorders on the same mic and output: their timelines say where each clip was at the kill."""

    def __init__(self):
        self.sides = (Recorder(RecorderOptions(device="pulse")), MonitorRecorder(f"{OUTPUT}.monitor"))
        self.heard: tuple[list, list] = ([], [])
        self.running = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        while self.running.is_set():
            self.heard[0].append(self.sides[0].read(0.05))
            self.heard[1].append(self.sides[1].read(0.0))

    def __enter__(self):
        for side in self.sides:
            side.start()
        self.running.set()
        self.thread.start()
        return self

    def samples_so_far(self) -> tuple[int, int]:
        return tuple(sum(c.size for c in list(heard)) for heard in self.heard)

    def __exit__(self, *exc):
        self.running.clear()
        self.thread.join()
        for heard, side in zip(self.heard, self.sides):
            heard.append(side.stop())

    def audio(self, side: int) -> np.ndarray:
        return np.concatenate(self.heard[side])


@pytest.mark.slow
def test_when_a_call_recording_is_killed_then_each_side_loses_at_most_a_second_and_recovery_keeps_both(
        pulse, testdata, tmp_path, engines):
    from app.pipeline import PipelineOptions, recover_recordings

    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    with open_notebook(None, PASSPHRASE) as notebook:
        notebook.write_settings({"recording.owner_name": "Dana"})
    played = decode_audio(testdata / NEAR), decode_audio(testdata / FAR)
    child, _ = start_recorder(["--system-audio", "--save", "--device", "pulse", "--no-pii"], recorder_env(tmp_path),
                              tmp_path)
    with Witness() as witness:
        time.sleep(0.5)
        players = pulse.play(testdata / NEAR), pulse.play(testdata / FAR, OUTPUT)
        time.sleep(4.5)
        os.kill(child.pid, signal.SIGKILL)
        at_kill = witness.samples_so_far()
        child.wait(10)
        for player in players:
            player.wait(10)

    with open_notebook(None, PASSPHRASE) as notebook:
        interrupted = notebook.interrupted_recordings()
        assert [s.state for s in interrupted] == ["recording"]
        saved = np.concatenate(list(notebook.iter_audio_sides(interrupted[0].id)))
    assert saved.shape[1] == 2
    for side in (0, 1):
        witness_lag, witness_match = best_alignment(witness.audio(side), played[side])
        assert witness_match > 0.9
        clip_s_at_kill = (at_kill[side] - witness_lag) / 16_000
        lag, correlation = best_alignment(saved[:, side], played[side])
        assert correlation > 0.9, f"side {side}: the saved audio is not the speech that was played"
        lost_s = clip_s_at_kill - (len(saved) - lag) / 16_000
        print(f"side {side}: speech lost at SIGKILL: {lost_s:.2f} s")
        assert lost_s <= MAX_LOSS_S, f"side {side}: {lost_s:.2f} s of speech lost at the kill"

    with open_notebook(None, PASSPHRASE) as notebook:
        recovered = recover_recordings(notebook, engines, PipelineOptions(detect_pii=False))
        assert recovered == [interrupted[0].id]
        transcript = notebook.load_transcript(recovered[0])
    names = {s.id: s.name for s in transcript.speakers}
    assert names.get(OWNER_ID) == "Dana" and len(names) >= 2, names
    mine = " ".join(s.text for s in transcript.segments if s.speaker_id == OWNER_ID).lower()
    theirs = " ".join(s.text for s in transcript.segments if s.speaker_id != OWNER_ID).lower()
    assert "dashwood" in mine and "married" in theirs, (mine, theirs)
    assert transcript.source_name == f"{TWO_SIDED_SOURCE} (recovered)"


def test_when_my_name_is_given_then_it_is_kept_in_the_notebook_and_a_bad_one_is_refused(run_cli):
    init_notebook(None, PASSPHRASE, kdf=FAST_KDF).close()
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    kept = run_cli("record", "--recover", "--no-pii", "--my-name", "  Dana Scully ", env=env)
    assert kept.returncode == 0, kept.stderr
    with open_notebook(None, PASSPHRASE) as notebook:
        assert notebook.read_settings(["recording.owner_name"]) == {"recording.owner_name": "Dana Scully"}
    refused = run_cli("record", "--recover", "--my-name", "", env=env)
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert "your name must be one line" in refused.stderr
