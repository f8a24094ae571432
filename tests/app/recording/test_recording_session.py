"""A whole recording session on the virtual microphone: durable chunks, live transcript, final pass."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from app.recording import LiveTranscript, MemorySink, RecordingOptions, RecordingSession
from app.wer import word_error_rate
from audio_core.decode import decode_audio
from audio_core.record import RecorderOptions
from tests.support.audio_match import best_alignment

pytestmark = pytest.mark.audio_device

CLIP = "real/librivox_sas-0870.wav"  # 7.1 s


class Reports:
    """A progress hook that keeps every report in order."""

    def __init__(self):
        self.steps = []
        self.lock = threading.Lock()

    def __call__(self, step, artifact=None, *, completed=None, total=None):
        with self.lock:
            self.steps.append((step, artifact, completed, total))

    def of(self, step):
        return [r for r in self.steps if r[0] == step]


@pytest.fixture(scope="module")
def recorded_session(pulse, testdata, engines):
    """Records CLIP through the virtual mic with live transcription; returns (result, sink, reports, played_at_s)."""
    engines.recognizer  # noqa: B018 - load the model before the clock starts
    sink, reports = MemorySink(), Reports()
    options = RecordingOptions(recorder=RecorderOptions(device="pulse"), duration_s=9.5, title="Known speech")
    session = RecordingSession(engines, sink, options, hook=reports)
    played_at = {}

    def play_once_recording():
        while not reports.of("record"):
            time.sleep(0.05)
        time.sleep(0.5)
        played_at["recorded_s"] = reports.of("record")[-1][2]
        pulse.play(testdata / CLIP).wait()

    player = threading.Thread(target=play_once_recording)
    player.start()
    result = session.run()
    player.join()
    return result, sink, reports, played_at["recorded_s"]


def test_when_recording_then_every_chunk_is_saved_and_at_most_a_second_long(recorded_session, testdata):
    result, sink, _, _ = recorded_session
    assert result.note_id is None and sink.transcript is result.transcript
    assert all(0 < c.size <= 16_000 for c in sink.chunks)
    saved = np.concatenate(sink.chunks)
    assert saved.size / 16_000 == pytest.approx(result.recorded_s, abs=0.01)
    assert result.recorded_s == pytest.approx(9.5, abs=0.05)
    _, correlation = best_alignment(saved, decode_audio(testdata / CLIP))
    assert correlation > 0.9


def test_when_speech_is_recorded_then_a_live_transcript_arrives_before_recording_ends(recorded_session, testdata):
    result, _, reports, _ = recorded_session
    reference = (testdata / CLIP.replace(".wav", ".txt")).read_text()
    steps = [step for step, *_ in reports.steps]
    lives = [artifact for step, artifact, *_ in reports.steps if step == "live"]
    assert lives and all(isinstance(live, LiveTranscript) for live in lives)
    first_final = steps.index("final")
    assert any(step == "live" and artifact.committed + artifact.tentative
               for step, artifact, *_ in reports.steps[:first_final]), "no live words before the final pass"
    assert word_error_rate(reference, result.live_text) < 0.25, result.live_text
    assert word_error_rate(reference, result.transcript.text) < 0.15, result.transcript.text
    assert result.stats.first_seen_lag_s, "no lag measured"


def test_when_recording_then_levels_and_time_are_reported(recorded_session):
    _, _, reports, played_at_s = recorded_session
    records = reports.of("record")
    times = [completed for _, _, completed, _ in records]
    assert times == sorted(times) and times[-1] == pytest.approx(9.5, abs=0.05)
    assert all(total == 9.5 for *_, total in records)
    loud = [artifact.rms_dbfs for _, artifact, completed, _ in records if completed > played_at_s + 1.0]
    quiet = [artifact.rms_dbfs for _, artifact, completed, _ in records if completed < played_at_s - 0.2]
    assert max(loud) > -40 and (not quiet or max(quiet) < -60)
