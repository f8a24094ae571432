"""What a TTS voice is handed to say: numbers, symbols and abbreviations as people say them (real piper and tiny.en)."""
from __future__ import annotations

import numpy as np
import pytest

from app.wer import normalize
from audio_core import SAMPLE_RATE
from audio_core.alienate.apply import LabelledTurn
from audio_core.alienate.resynth import drawn_voices, resynthesise_recording, text_for_tts
from audio_core.alienate.tts_text import spoken_text
from audio_core.transcribe import AsrOptions, transcribe_array


@pytest.mark.parametrize("written, said", [
    ("Call me at 555-314-8839.", "Call me at five five five, three one four, eight eight three nine."),
    ("(555) 314-8839", "five five five, three one four, eight eight three nine"),
    ("The code is 88391.", "The code is eight eight three nine one."),
    ("+44 20 7946 0958", "four four, two zero, seven nine four six, zero nine five eight"),
    ("It costs $5.", "It costs five dollars."),
    ("We paid $1,250.50", "We paid one thousand two hundred fifty dollars fifty cents"),
    ("Dr. Smith and Mr. Jones", "Doctor Smith and Mister Jones"),
    ("at 3:05, not 9:00", "at three oh five, not nine o'clock"),
    ("back in 2024 and since 1905", "back in twenty twenty four and since nineteen oh five"),
    ("R&D", "R and D"),
    # what every voice already says as people do is left alone
    ("We meet on March 3rd at 10, about 20 % of us.", "We meet on March 3rd at 10, about 20 % of us."),
    ("3.5 points, 10.50, 20 30 minutes, 2019-2020", "3.5 points, 10.50, 20 30 minutes, 2019-2020"),
    ("Nothing to change here.", "Nothing to change here."),
    ("the [PERSON_1] plan", "the [PERSON_1] plan"),
])
def test_numbers_and_symbols_are_written_as_they_are_said(written, said):
    assert spoken_text(written) == said


def test_only_english_notes_have_times_and_titles_written_out_in_english():
    assert text_for_tts("Call [PERSON_1] at 9:00.", "en") == "Call someone at nine o'clock."
    assert text_for_tts("Um 9:00 Uhr, Dr. Weber.", "de") == "Um 9:00 Uhr, Dr. Weber."  # espeak-ng reads it in German


def test_a_phone_number_is_heard_digit_by_digit_in_the_resynthesised_audio(engines, synthetic_meeting):
    from audio_core.decode import decode_audio

    # before: piper read "555-314-8839" as "five hundred fifty-five dash three hundred fourteen dash eight thousand
    # ...", and tiny.en heard another number
    audio = decode_audio(synthetic_meeting)[int(7.1 * SAMPLE_RATE) : int(13.3 * SAMPLE_RATE)]  # beth's first turn
    turns = [LabelledTurn(0.2, 5.5, "beth", "Call me at 555-314-8839.", ())]
    secret = b"digits-2"  # a secret that gives beth piper's voice
    assert drawn_voices(audio, turns, secret)["beth"].base.engine == "piper"
    out = resynthesise_recording(audio, turns, secret)
    heard = " ".join(s.text for s in transcribe_array(engines.recognizer, out, AsrOptions(language="en")))
    digits = "".join(t for t in normalize(heard) if t.isdigit())
    assert "5553148839" in digits, heard
    assert not {"hundred", "thousand", "dash"} & set(normalize(heard)), heard
