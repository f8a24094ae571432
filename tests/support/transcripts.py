"""A small transcript with every field set: two speakers, words, non-ASCII text and one reviewed PII span."""
from __future__ import annotations

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word


def make_transcript() -> Transcript:
    return Transcript(
        segments=[
            Segment(0.5, 2.0, "Hello Zoë, 555-214-8839.", [Word("Hello", 0.5, 0.9, 0.98, "S1"), Word("Zoë,", 1.0, 1.3, 0.7, "S1")], "S1"),
            Segment(2.5, 4.0, "Thanks.", [Word("Thanks.", 2.5, 3.0, 0.99, "S2")], "S2"),
        ],
        speakers=[Speaker("S1", "Diane"), Speaker("S2", "Speaker 2", profile_id="p-1")],
        pii_spans=[PiiSpan(0, 6, 9, "PERSON", "Zoë", 0.85, "accepted")],
        duration_s=4.2,
        model="tiny.en",
        source_name="call.wav",
        title="Call",
    )
