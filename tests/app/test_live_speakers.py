"""Provisional live speakers: committed words grouped into stretches and labelled by voice as they come."""
from __future__ import annotations

import numpy as np
import pytest

from app.live_speakers import LiveSpeakerLabeller, live_speaker_name
from audio_core.model import Word
from tests.support.overlap_meeting import mix_meeting, utterances


def _words_of(turns, step_s: float = 0.4) -> list[Word]:
    """Returns pseudo-words every ``step_s`` inside each turn (the live recogniser's committed words)."""
    words = []
    for start, end, name in turns:
        at = start
        while at + step_s <= end:
            words.append(Word(name, round(at, 2), round(at + step_s - 0.05, 2)))
            at += step_s
    return words


@pytest.fixture(scope="module")
def three_turns(testdata, synthetic_meeting):
    return mix_meeting(utterances(testdata), ["reader", "beth", "reader"], overlap_share=0.0, gap_s=0.6)


def test_when_two_voices_take_turns_then_their_words_get_two_provisional_speakers(engines, three_turns):
    labeller = LiveSpeakerLabeller(engines.voice_encoder)
    audio = three_turns.audio
    words = _words_of(three_turns.turns)
    labelled = []
    for start in range(0, audio.size, 16000):  # one second of audio, then the words committed by then
        labeller.add_audio(audio[start : start + 16000])
        end_s = (start + 16000) / 16000
        ready = [w for w in words[len(labelled):] if w.end_s <= end_s - 1.0]
        labelled += labeller.label(ready) if ready else []
    labelled += labeller.label(words[len(labelled):])
    by_voice = {}
    for word in labelled:
        by_voice.setdefault(word.text, []).append(word.speaker_id)
    majority = {voice: max(set(ids), key=ids.count) for voice, ids in by_voice.items()}
    assert majority == {"reader": "live-1", "beth": "live-2"}
    assert all(ids.count(majority[v]) >= 0.8 * len(ids) for v, ids in by_voice.items()), by_voice
    assert labeller.names == {"live-1": "Speaker 1", "live-2": "Speaker 2"}


def test_only_the_last_minute_of_audio_is_held():
    labeller = LiveSpeakerLabeller(encoder=None, keep_s=60.0)
    for _ in range(150):
        labeller.add_audio(np.zeros(16000, np.float32))
    assert labeller._audio.size == 60 * 16000
    assert live_speaker_name("live-3") == "Speaker 3"



def test_a_short_stretch_that_goes_on_without_a_pause_is_heard_with_the_words_before_it(engines, three_turns):
    labeller = LiveSpeakerLabeller(engines.voice_encoder)
    labeller.add_audio(three_turns.audio)
    first_start, first_end, _ = three_turns.turns[0]
    words = _words_of([three_turns.turns[0]], step_s=0.3)
    labelled = [w for word in words for w in labeller.label([word])]  # one word per pass
    # Words before a second of speech was heard stay unlabelled (too little voice to start a speaker).
    assert all(w.speaker_id is None for w in labelled if w.end_s < first_start + 0.95)
    assert {w.speaker_id for w in labelled if w.end_s >= first_start + 1.0} == {"live-1"}
    assert labeller.names == {"live-1": "Speaker 1"}
