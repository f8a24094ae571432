"""The live transcript keeps every personal-data mark of a recording, not only those of its last words.

Virtual microphone, real tiny.en, real Presidio. The highlighter reads a short window here (8 words, 40 in the
app) so a short clip shows what an hour-long meeting does: what is said early leaves the window long before the end.
"""
from __future__ import annotations

import threading

import pytest

from app.diarization import SpeakerOptions
from app.live_pii import LivePiiHighlighter
from app.pipeline import PipelineOptions
from app.recording import MemorySink, RecordingOptions, RecordingSession
from audio_core.record import RecorderOptions
from tests.support.recording import run_while_playing
from tests.support.speech import speak, write_wav

pytestmark = pytest.mark.audio_device

SENTENCE = ("My name is Peter Johnson and my number is 555 214 8839. After that we review the budget, "
            "the office move, the hiring plan and the schedule for the next quarter.")


@pytest.mark.slow  # 11 s of recording, then the final pass
def test_personal_data_said_early_stays_marked_until_the_recording_ends(pulse, engines, tmp_path):
    clip = write_wav(tmp_path / "said.wav", speak(SENTENCE, "joe"))
    engines.recognizer  # noqa: B018 - load the models before the clock starts
    analyzer = engines.pii_analyzer
    final = PipelineOptions(speakers=SpeakerOptions(enabled=False), detect_pii=False)
    options = RecordingOptions(recorder=RecorderOptions(device="pulse"), duration_s=11.0, final=final)
    lives, recording_started = [], threading.Event()

    def hook(step, artifact=None, **numbers):
        if step == "record":
            recording_started.set()
        elif step == "live":
            lives.append(artifact)

    pii = LivePiiHighlighter(analyzer, context_words=8)
    session = RecordingSession(engines, MemorySink(), options, hook=hook, pii=pii)

    run_while_playing(session, pulse, clip, recording_started)
    last = lives[-1]
    words = [w.text for w in last.committed + last.tentative]
    marked_once = {index: kind for live in lives for index, kind in live.pii.items() if index < len(live.committed)}
    assert marked_once, f"nothing was ever marked: {words}"
    assert len(words) - max(marked_once) > 8, "the marks never left the highlighter's window"
    assert all(last.pii.get(index) == kind for index, kind in marked_once.items()), (
        f"marks lost by the end: {[words[i] for i in sorted(marked_once)]} marked once, "
        f"{[words[i] for i in sorted(last.pii)]} at the end")
