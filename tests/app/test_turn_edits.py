"""Splitting a speaker turn at a word and giving the rest to another speaker: text, times and marks follow."""
from __future__ import annotations

import pytest

from app.turn_edits import give_rest_of_turn, split_segment
from audio_core.errors import HushnoteError
from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word


def words(text: str, start_s: float, speaker_id: str = "S1") -> list[Word]:
    return [Word(w, start_s + i * 0.5, start_s + i * 0.5 + 0.4, speaker_id=speaker_id) for i, w in enumerate(text.split())]


def two_voices_heard_as_one() -> Transcript:
    first = "See you then, Dora. Thanks, call me on Monday."
    second = "Bye now."
    return Transcript(
        segments=[Segment(0.0, 4.5, first, words(first, 0.0), "S1"), Segment(5.0, 6.0, second, words(second, 5.0), "S1"),
                  Segment(7.0, 8.0, "Next item.", words("Next item.", 7.0, "S2"), "S2")],
        speakers=[Speaker("S1", "Anna"), Speaker("S2", "Ben")],
        pii_spans=[PiiSpan(0, first.index("Dora"), first.index("Dora") + 4, "PERSON", "Dora", decision="accepted"),
                   PiiSpan(0, first.index("Monday"), first.index("Monday") + 6, "DATE_TIME", "Monday"),
                   PiiSpan(1, 0, 3, "PERSON", "Bye")],
    )


def test_the_rest_of_a_turn_goes_to_another_speaker_with_its_marks_and_times():
    before = two_voices_heard_as_one()
    after = give_rest_of_turn(before, 0, 4, "Ben")  # from "Thanks," on: Ben
    texts = [(s.speaker_id, s.text) for s in after.segments]
    assert texts == [("S1", "See you then, Dora."), ("S2", "Thanks, call me on Monday."), ("S2", "Bye now."),
                     ("S2", "Next item.")]
    assert after.segments[0].end_s == pytest.approx(1.9) and after.segments[1].start_s == pytest.approx(2.0)
    assert all(w.speaker_id == "S2" for s in after.segments[1:] for w in s.words)
    marked = {(s.segment_index, after.segments[s.segment_index].text[s.start:s.end], s.decision) for s in after.pii_spans}
    assert marked == {(0, "Dora", "accepted"), (1, "Monday", "pending"), (2, "Bye", "pending")}
    assert [s.text for s in before.segments][0].startswith("See you")  # the given transcript is left as it was
    assert len(before.segments) == 3


def test_a_whole_turn_given_to_a_new_speaker_and_the_old_one_gone():
    after = give_rest_of_turn(two_voices_heard_as_one(), 0, 0, "", new_name="Carla")
    assert [s.name for s in after.speakers] == ["Ben", "Carla"]
    assert [s.speaker_id for s in after.segments] == ["S3", "S3", "S2"]


def test_a_mark_across_the_cut_marks_both_halves():
    transcript = two_voices_heard_as_one()
    text = transcript.segments[0].text
    transcript.pii_spans = [PiiSpan(0, text.index("then"), text.index("Thanks") + 6, "PERSON", "then, Dora. Thanks")]
    after = split_segment(transcript, 0, 4)
    assert [(s.segment_index, after.segments[s.segment_index].text[s.start:s.end]) for s in after.pii_spans] == [
        (0, "then, Dora."), (1, "Thanks")]


def test_bad_requests_are_one_line_errors():
    with pytest.raises(HushnoteError, match="no speaker"):
        give_rest_of_turn(two_voices_heard_as_one(), 0, 2, "Zed")
    with pytest.raises(HushnoteError, match="no word"):
        split_segment(two_voices_heard_as_one(), 0, 99)
