"""The bundled sample meeting: a valid reference, the promised audio, and a usable real transcript."""
from __future__ import annotations

import subprocess
import sys
import wave

import pytest

from app.wer import word_error_rate
from tests.assets.sample import (
    KNOWN_ENTITY_TYPES,
    REQUIRED_ENTITY_TYPES,
    SAMPLE_DIR,
    SAMPLE_WAV,
    load_reference,
    reference_text,
)

EDGE_S = 0.5


def wav_format(path) -> tuple[int, int, int, float]:
    with wave.open(str(path), "rb") as wav:
        return wav.getframerate(), wav.getnchannels(), wav.getsampwidth(), wav.getnframes() / wav.getframerate()


def test_sample_audio_is_16khz_mono_16bit_between_60_and_90_seconds():
    sample_rate, channels, sample_width, duration_s = wav_format(SAMPLE_WAV)
    assert (sample_rate, channels, sample_width) == (16000, 1, 2)
    assert 60.0 <= duration_s <= 90.0


def test_reference_has_three_speakers_taking_ordered_non_overlapping_turns(sample_reference):
    speaker_ids = [s["id"] for s in sample_reference["speakers"]]
    assert sorted(speaker_ids) == ["alex", "beth", "chris"]
    assert all(s["name"].strip() for s in sample_reference["speakers"])
    turns = sample_reference["turns"]
    assert 10 <= len(turns) <= 14
    assert {t["speaker"] for t in turns} == set(speaker_ids)
    assert all(a["speaker"] != b["speaker"] for a, b in zip(turns, turns[1:])), "speakers take turns"
    _, _, _, duration_s = wav_format(SAMPLE_WAV)
    assert sample_reference["duration_s"] == pytest.approx(duration_s, abs=0.001)
    assert turns[0]["start_s"] >= 0.0
    assert turns[-1]["end_s"] <= duration_s
    for turn in turns:
        assert turn["start_s"] < turn["end_s"], turn
    for before, after in zip(turns, turns[1:]):
        assert before["end_s"] < after["start_s"], (before, after)


def test_every_pii_span_quotes_its_turn_and_every_required_type_is_present(sample_reference):
    seen_types = set()
    for turn in sample_reference["turns"]:
        for span in turn["pii"]:
            assert turn["text"][span["start"] : span["end"]] == span["text"], (turn["text"], span)
            assert span["entity_type"] in KNOWN_ENTITY_TYPES
            seen_types.add(span["entity_type"])
    assert REQUIRED_ENTITY_TYPES <= seen_types
    persons = {s["text"] for t in sample_reference["turns"] for s in t["pii"] if s["entity_type"] == "PERSON"}
    assert len([p for p in persons if " " in p]) >= 2, "at least two full names are said"


def test_make_sample_regenerates_the_same_reference(tmp_path):
    subprocess.run([sys.executable, str(SAMPLE_DIR / "make_sample.py"), "--out", str(tmp_path)], check=True, timeout=300)
    fresh, bundled = load_reference(tmp_path / "meeting.json"), load_reference()
    assert [(t["speaker"], t["text"], t["pii"]) for t in fresh["turns"]] == [
        (t["speaker"], t["text"], t["pii"]) for t in bundled["turns"]
    ]
    for new, old in zip(fresh["turns"], bundled["turns"]):
        assert new["start_s"] == pytest.approx(old["start_s"], abs=0.05)
        assert new["end_s"] == pytest.approx(old["end_s"], abs=0.05)
    assert wav_format(tmp_path / "meeting.wav")[3] == pytest.approx(wav_format(SAMPLE_WAV)[3], abs=0.1)


def test_tiny_en_transcribes_the_sample_within_20_percent_wer(sample_transcript, sample_reference):
    wer = word_error_rate(reference_text(sample_reference), sample_transcript.text)
    assert wer <= 0.20, f"WER {wer:.1%}: {sample_transcript.text}"


def test_word_timestamps_fall_inside_the_reference_turns(sample_transcript, sample_reference):
    turns = sample_reference["turns"]
    words = sample_transcript.words
    assert len(words) > 100

    def inside_a_turn(start_s: float, end_s: float) -> bool:
        return any(t["start_s"] - EDGE_S <= start_s and end_s <= t["end_s"] + EDGE_S for t in turns)

    # Whisper often starts a segment's first word early, in the pause before it,
    # so every word's middle must be inside a turn and nearly every whole word.
    off_middle = [w for w in words if not inside_a_turn((w.start_s + w.end_s) / 2, (w.start_s + w.end_s) / 2)]
    assert not off_middle, [(w.text, w.start_s, w.end_s) for w in off_middle]
    off_whole = [w for w in words if not inside_a_turn(w.start_s, w.end_s)]
    assert len(off_whole) <= 0.05 * len(words), [(w.text, w.start_s, w.end_s) for w in off_whole]


def test_the_spoken_card_number_survives_the_repetition_guard(sample_transcript):
    text = sample_transcript.text
    after_card = text.lower().split("card number", 1)[-1]
    digits = "".join(ch for ch in after_card if ch.isdigit())
    # Read out: four one one one, one one one one, one one one one, one one one one.
    # tiny.en may add a "1" or two (an ASR error), but a loop would add dozens.
    assert 12 <= digits.count("1") <= 20, text
    assert len(digits) <= 22, f"a digit loop got through: {text}"
