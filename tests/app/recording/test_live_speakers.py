"""Two voices recorded through the virtual microphone: the live view labels their words with two different
provisional speakers while recording, in the terminal and in the app's record view, and the final pass's
speakers replace them when recording stops."""
from __future__ import annotations

import io
import threading
import time
import wave

import numpy as np
import pytest

from app.cli.live_view import LiveView
from app.recording import LiveTranscript, MemorySink, RecordingOptions, RecordingSession
from audio_core.record import RecorderOptions
from tests.support.audio_match import best_alignment
from tests.support.overlap_meeting import mix_meeting, utterances

pytestmark = [pytest.mark.audio_device, pytest.mark.slow]  # about 25 s of recording plus the final pass

ORDER = ["reader", "beth", "reader", "beth"]  # a real LibriVox reader and a flite voice, taking turns


def _write_wav(path, audio: np.ndarray) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes((np.clip(audio, -1, 1) * 32767).astype(np.int16).tobytes())


@pytest.fixture(scope="module")
def two_voices(pulse, testdata, synthetic_meeting, engines, tmp_path_factory):
    """Records the two-voice clip with a live transcript; returns (live reports before the final pass, result,
    reference turns in recording seconds)."""
    meeting = mix_meeting(utterances(testdata), ORDER, overlap_share=0.0, gap_s=0.8)
    clip = tmp_path_factory.mktemp("two_voices") / "two_voices.wav"
    _write_wav(clip, meeting.audio)
    engines.recognizer  # noqa: B018 - load the models before the clock starts
    engines.voice_encoder  # noqa: B018
    lives: list[LiveTranscript] = []
    finals = threading.Event()

    def hook(step, artifact=None, **_):
        if step == "live" and not finals.is_set():
            lives.append(artifact)
        elif step == "final":
            finals.set()

    sink = MemorySink()
    duration_s = meeting.audio.size / 16000 + 2.0
    options = RecordingOptions(recorder=RecorderOptions(device="pulse"), duration_s=duration_s, live_pii=False,
                               title="Two voices")
    session = RecordingSession(engines, sink, options, hook=hook)

    def play_once_recording():
        time.sleep(0.8)
        pulse.play(clip).wait()

    player = threading.Thread(target=play_once_recording)
    player.start()
    result = session.run()
    player.join()
    offset_n, correlation = best_alignment(np.concatenate(sink.chunks), meeting.audio)
    assert correlation > 0.9
    turns = [(start + offset_n / 16000, end + offset_n / 16000, name) for start, end, name in meeting.turns]
    return lives, result, turns


def _voice_at(word, turns) -> str | None:
    middle = (word.start_s + word.end_s) / 2
    return next((name for start, end, name in turns if start - 0.2 <= middle <= end + 0.2), None)


def test_when_two_voices_take_turns_then_the_live_view_shows_two_provisional_speakers_at_their_words(two_voices):
    lives, _, turns = two_voices
    last = lives[-1]
    assert last.provisional_speakers
    labelled = [(w, _voice_at(w, turns)) for w in last.committed]
    labelled = [(w, voice) for w, voice in labelled if voice is not None]
    assert len(labelled) >= 20, [w.text for w in last.committed]
    speaker_of = {}
    for voice in ("reader", "beth"):
        ids = [w.speaker_id for w, v in labelled if v == voice]
        majority = max(set(ids), key=ids.count)
        assert ids.count(majority) >= 0.8 * len(ids), (voice, ids)
        speaker_of[voice] = majority
    assert speaker_of["reader"] != speaker_of["beth"]
    assert set(last.speaker_names) == set(speaker_of.values()) and len(last.speaker_names) == 2
    # The reader spoke first: "Speaker 1", then the second voice "Speaker 2".
    assert [last.speaker_names[speaker_of[v]] for v in ("reader", "beth")] == ["Speaker 1", "Speaker 2"]
    # Labels come while recording, not only when it stops (on a busy machine passes lag, so no earlier bound).
    assert any(live.speaker_names for live in lives[:-1])


def test_when_the_live_transcript_is_shown_then_each_turn_is_headed_by_its_provisional_speaker(two_voices):
    from ui.widgets.record_view import live_html

    lives, _, _ = two_voices
    out = io.StringIO()
    view = LiveView(stream=out, status=io.StringIO())
    for live in lives:
        view("live", live)
    printed = out.getvalue()
    assert "Speaker 1 (provisional): " in printed and "Speaker 2 (provisional): " in printed
    assert printed.index("Speaker 1 (provisional)") < printed.index("Speaker 2 (provisional)")
    html = live_html(lives[-1])
    assert "<b>Speaker 2</b>" in html and "(provisional)" in html


def test_when_recording_stops_then_the_final_speakers_replace_the_provisional_ones(two_voices):
    from ui.widgets.record_view import final_html

    _, result, turns = two_voices
    words = [w for s in result.transcript.segments for w in s.words]
    by_voice = {}
    for word in words:
        voice = _voice_at(word, turns)
        if voice is not None:
            by_voice.setdefault(voice, []).append(word.speaker_id)
    assert all(not (ids and ids[0] and ids[0].startswith("live-")) for ids in by_voice.values())
    finals = {voice: max(set(ids), key=ids.count) for voice, ids in by_voice.items()}
    assert finals["reader"] != finals["beth"]
    html = final_html(result.transcript)
    assert "(provisional)" not in html and f"<b>{result.transcript.speaker_name(finals['beth'])}:</b>" in html
