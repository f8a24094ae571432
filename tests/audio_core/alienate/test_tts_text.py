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
    ("We meet on March 3rd at 10.", "We meet on March third at ten."),
    ("It costs $5, about 20 %.", "It costs five dollars, about twenty percent."),
    ("We paid $1,250.50", "We paid one thousand two hundred fifty dollars fifty cents"),
    ("Dr. Smith and Mr. Jones", "Doctor Smith and Mister Jones"),
    ("at 10:30, not 9:00", "at ten thirty, not nine o'clock"),
    ("back in 2024 and since 1905", "back in twenty twenty four and since nineteen oh five"),
    ("3.5 points, the 21st", "three point five points, the twenty first"),
    ("not 100 % sure", "not one hundred percent sure"),
    ("Nothing to change here.", "Nothing to change here."),
    ("the [PERSON_1] plan", "the [PERSON_1] plan"),
])
def test_numbers_and_symbols_are_written_as_they_are_said(written, said):
    assert spoken_text(written) == said


def test_only_english_notes_have_their_numbers_written_out_in_english():
    assert text_for_tts("Call [PERSON_1] at 10.", "en") == "Call someone at ten."
    assert text_for_tts("Um 10 Uhr, Dr. Weber.", "de") == "Um 10 Uhr, Dr. Weber."  # espeak-ng says "zehn" itself


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
