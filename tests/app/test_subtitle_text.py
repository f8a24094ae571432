"""A long turn is cut into several subtitle cues; each cue reads as the transcript writes it. Whisper gives
"follow-up" as the words "follow" and "-up" and a phone number as "555", "-314", "-8839": the cues of the bundled
sample read "the follow -up call" (the text and Word exports read "follow-up")."""
from __future__ import annotations

from app.export.subtitles import render_srt, render_vtt, subtitle_cues
from audio_core.model import Segment, Speaker, Transcript, Word

TEXT = ("Good morning, everyone. This is the follow-up call for the Riverside Clinic, and my number is "
        "555-314-8839 if you need it.")
TOKENS = ["Good", "morning,", "everyone.", "This", "is", "the", "follow", "-up", "call", "for", "the", "Riverside",
          "Clinic,", "and", "my", "number", "is", "555", "-314", "-8839", "if", "you", "need", "it."]


def long_turn() -> Transcript:
    step = 0.4
    words = [Word(token, i * step, (i + 0.9) * step, 0.9, "S1") for i, token in enumerate(TOKENS)]
    segment = Segment(0.0, len(TOKENS) * step, TEXT, words, "S1")
    return Transcript(segments=[segment], speakers=[Speaker("S1", "Speaker 1")], duration_s=10.0)


def test_cues_of_a_long_turn_read_as_its_text():
    cues = subtitle_cues(long_turn())

    assert len(cues) >= 2  # the turn is longer than one cue
    assert " ".join(cue.text for cue in cues) == TEXT
    for exported in (render_srt(long_turn()), render_vtt(long_turn())):
        assert "follow-up" in exported and "follow -up" not in exported
        assert "555-314-8839" in exported


def test_cues_stay_short_and_in_time_order():
    cues = subtitle_cues(long_turn())

    assert all(len(cue.text) <= 84 and cue.end_s - cue.start_s <= 7.0 for cue in cues)
    assert all(a.end_s <= b.start_s for a, b in zip(cues, cues[1:]))
