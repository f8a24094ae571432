"""Which note speaker each diarized voice belongs to: by the words it covers, else by how it sounds."""
from __future__ import annotations

import numpy as np

from app.privacy.diarized_speech import voice_owners
from audio_core.diarize import SpeakerTurn
from audio_core.model import Segment, Transcript, Word


def _note() -> Transcript:
    ann = Segment(0.0, 2.0, "hello there", [Word("hello", 0.0, 0.8, 0.9, "S1"), Word(" there", 0.9, 2.0, 0.9, "S1")], "S1")
    bob = Segment(3.0, 5.0, "fine thanks", [Word("fine", 3.0, 3.9, 0.9, "S2"), Word(" thanks", 4.0, 5.0, 0.9, "S2")], "S2")
    return Transcript(segments=[ann, bob])


def test_a_voice_goes_to_the_speaker_whose_words_it_covers_longest_and_an_unwritten_one_by_its_sound():
    turns = [SpeakerTurn(0.0, 2.1, 0), SpeakerTurn(1.8, 5.0, 1), SpeakerTurn(6.0, 8.0, 2), SpeakerTurn(9.0, 10.0, 3)]
    voices = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.1, 0.95, 0.0], [0.0, 0.0, 1.0]], np.float32)
    owners = voice_owners(turns, voices, _note())
    # voice 2 said nothing Whisper wrote, but sounds like Bob; voice 3 sounds like nobody in the note
    assert owners == {0: "S1", 1: "S2", 2: "S2"}
