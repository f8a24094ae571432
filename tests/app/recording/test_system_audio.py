"""Recording a call on two sides through a real PulseAudio daemon: the microphone and what the computer plays.

The daemon's ``hushnote_output`` sink is the computer's output (the default
sink); ``hushnote_speaker`` feeds the virtual microphone. A near-end clip is
said into the microphone, then the far side speaks through the computer and is
also heard by the microphone at -20 dB (echo, as from laptop speakers).
"""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from app.pipeline.options import PipelineOptions
from app.pipeline.sides import OWNER_ID, REMOTE_ID
from app.recording import LiveTranscript, MemorySink, RecordingOptions, RecordingSession
from app.wer import word_error_rate
from audio_core.decode import decode_audio
from audio_core.encode import write_audio_file
from audio_core.record import RecorderOptions
from tests.support.audio_match import best_alignment
from tests.support.pulse import OUTPUT

pytestmark = [pytest.mark.audio_device, pytest.mark.slow]  # one 13 s call recorded and transcribed: ~50 s

NEAR = "real/librivox_sas-0870.wav"  # 7.1 s, said into the microphone
FAR = "real/librivox_sas-0930.wav"  # 3.4 s, from the computer
FAR_ONLY_WORDS = {"amiable", "himself", "even"}
ECHO_GAIN = 0.1  # -20 dB


class Reports:
    def __init__(self):
        self.steps = []
        self.lock = threading.Lock()

    def __call__(self, step, artifact=None, *, completed=None, total=None):
        with self.lock:
            self.steps.append((step, artifact, completed, total))

    def of(self, step):
        with self.lock:
            return [r for r in self.steps if r[0] == step]


def words_of(text: str) -> set[str]:
    return {"".join(c for c in w.lower() if c.isalnum()) for w in text.split()}


@pytest.fixture(scope="module")
def call(pulse, testdata, engines, tmp_path_factory):
    """Records the call in-process; returns (result, sink, reports)."""
    echo_file = tmp_path_factory.mktemp("echo") / "far_at_minus_20_db.wav"
    write_audio_file(echo_file, ECHO_GAIN * decode_audio(testdata / FAR), 16_000, "wav")
    engines.recognizer  # noqa: B018 - load the model before the clock starts
    sink, reports = MemorySink(), Reports()
    options = RecordingOptions(recorder=RecorderOptions(device="pulse"), duration_s=13.0, title="Call",
                               system_audio=True, owner="Dana", final=PipelineOptions(detect_pii=False))
    session = RecordingSession(engines, sink, options, hook=reports)

    def play():
        while not reports.of("record"):
            time.sleep(0.05)
        time.sleep(0.5)
        pulse.play(testdata / NEAR).wait()
        time.sleep(0.5)
        far, echo = pulse.play(testdata / FAR, OUTPUT), pulse.play(echo_file)
        far.wait(), echo.wait()

    player = threading.Thread(target=play)
    player.start()
    result = session.run()
    player.join()
    return result, sink, reports


def side_text(transcript, speaker_id: str) -> str:
    return " ".join(s.text for s in transcript.segments if s.speaker_id == speaker_id)


def test_when_a_call_is_recorded_then_each_chunk_holds_both_sides_and_each_side_its_own_speech(call, testdata):
    result, sink, _ = call
    assert all(c.ndim == 2 and c.shape[1] == 2 and 0 < len(c) <= 16_000 for c in sink.chunks)
    frames = np.concatenate(sink.chunks)
    assert len(frames) / 16_000 == pytest.approx(13.0, abs=0.05)
    near, far = decode_audio(testdata / NEAR), decode_audio(testdata / FAR)
    assert best_alignment(frames[:, 0], near)[1] > 0.9
    assert best_alignment(frames[:, 1], far)[1] > 0.9
    _, near_on_computer = best_alignment(frames[:, 1], near)
    assert near_on_computer < 0.2, "the microphone leaked into the computer side"


def test_when_a_call_is_transcribed_then_the_owner_and_the_remote_speaker_are_labelled(call, testdata):
    result, _, _ = call
    transcript = result.transcript
    names = {s.id: s.name for s in transcript.speakers}
    assert names[OWNER_ID] == "Dana"
    remote_ids = [s for s in names if s != OWNER_ID]
    assert remote_ids, "no remote speaker"
    near_ref = (testdata / NEAR.replace(".wav", ".txt")).read_text()
    far_ref = (testdata / FAR.replace(".wav", ".txt")).read_text()
    mine = side_text(transcript, OWNER_ID)
    theirs = " ".join(side_text(transcript, s) for s in remote_ids)
    assert word_error_rate(near_ref, mine) < 0.15, mine
    assert word_error_rate(far_ref, theirs) < 0.3, theirs
    starts = [s.start_s for s in transcript.segments]
    assert starts == sorted(starts)
    assert transcript.source_name == "microphone + computer audio"


def test_when_the_microphone_hears_the_far_side_then_it_is_not_transcribed_twice(call):
    transcript = call[0].transcript
    mine = words_of(side_text(transcript, OWNER_ID))
    assert not mine & FAR_ONLY_WORDS, f"echo kept on the microphone side: {side_text(transcript, OWNER_ID)}"


def test_when_recording_a_call_then_the_live_transcript_shows_both_sides_labelled(call):
    _, _, reports = call
    lives = [a for _, a, *_ in reports.of("live") if isinstance(a, LiveTranscript)]
    last = lives[-1]
    assert last.speaker_names == {OWNER_ID: "Dana", REMOTE_ID: "Remote"}
    sides = {w.speaker_id for w in last.committed}
    assert sides == {OWNER_ID, REMOTE_ID}
    theirs = words_of(" ".join(w.text for w in last.committed if w.speaker_id == REMOTE_ID))
    mine = words_of(" ".join(w.text for w in last.committed if w.speaker_id == OWNER_ID))
    assert len(theirs & FAR_ONLY_WORDS) >= 2
    assert not mine & FAR_ONLY_WORDS, "the live transcript shows the echo as the owner's words"
