"""Personal-data spans follow text corrections and cover whole words (no half-redacted word is left readable)."""
from __future__ import annotations

import pytest

from app.privacy import review
from app.privacy.span_edit import realign_spans, snap_to_words
from audio_core.errors import HushnoteError
from audio_core.model import PiiSpan, Segment, Transcript

TEXT = "Meet me at Springfield Clinic tomorrow"


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (11, 24, "Springfield Clinic"),  # "Springfield C": the cut word is completed
        (13, 22, "Springfield"),
        (10, 30, "Springfield Clinic"),  # spaces around a selection are dropped
        (8, 10, "at"),
        (0, 1, "Meet"),
    ],
)
def test_when_a_range_cuts_a_word_then_it_is_widened_to_the_whole_word(start, end, expected):
    s, e = snap_to_words(TEXT, start, end)
    assert TEXT[s:e] == expected


def test_when_a_range_holds_only_spaces_then_it_is_empty():
    s, e = snap_to_words("a   b", 1, 4)
    assert s == e


@pytest.mark.parametrize(
    "new_text, expected",
    [
        ("Meet me at the Springfield Clinic today", "Springfield Clinic"),  # text moved: the span follows
        ("Meet me at Springfeld Clinics tomorrow", "Springfeld Clinics"),  # the name itself corrected: still covered
        ("Meet me at Springfield Clinicals tomorrow", "Springfield Clinicals"),  # typed on at its end: whole word
        ("Meet me tomorrow", None),  # the name deleted: nothing left to redact
    ],
)
def test_when_the_text_is_corrected_then_the_span_covers_the_same_words(new_text, expected):
    span = PiiSpan(0, 11, 29, "LOCATION", "Springfield Clinic", 0.9, "accepted")
    (moved,) = realign_spans([span], TEXT, new_text, keep_empty=True)
    if expected is None:
        assert moved is None
    else:
        assert new_text[moved.start : moved.end] == moved.text == expected
        assert (moved.entity_type, moved.decision, moved.score) == ("LOCATION", "accepted", 0.9)


def test_when_a_hand_redaction_cuts_a_word_then_the_whole_word_is_redacted():
    transcript = Transcript(segments=[Segment(0.0, 2.0, TEXT)])
    span = review.add_manual_span(transcript, 0, 11, 24, "LOCATION")
    assert span.text == "Springfield Clinic"
    with pytest.raises(HushnoteError):
        review.add_manual_span(transcript, 0, 29, 30, "LOCATION")  # one space: nothing to redact
