"""Where two people talk at once: overlapped stretches in the transcript, its RTTM and JSON exports,
and speaker merges that keep them consistent."""
from __future__ import annotations

from audio_core.diarize import SpeakerTurn
from audio_core.model import Segment, Transcript, Word
from app.export.rttm import render_rttm
from app.speakers import assign_speakers, merge_speakers, overlapping_speakers, overlaps_of

# Speaker 0 talks 0-3 s, speaker 1 answers from 2 s (over the last second) to 5 s.
TURNS = [SpeakerTurn(0.0, 3.0, 0), SpeakerTurn(2.0, 5.0, 1)]
# One speaker at a time: in the overlap the more likely voice keeps the words (speaker 0 until 2.5 s).
WORD_TURNS = [SpeakerTurn(0.0, 2.5, 0), SpeakerTurn(2.5, 5.0, 1)]


def _talk() -> Transcript:
    words = [Word("so", 0.2, 0.6), Word("we", 0.8, 1.2), Word("agree", 1.6, 2.4), Word("yes", 3.2, 3.6), Word("fine", 4.0, 4.6)]
    return Transcript(segments=[Segment(0.2, 4.6, "so we agree yes fine", words)], duration_s=5.0, title="talk")


def _diarized() -> Transcript:
    transcript = assign_speakers(_talk(), WORD_TURNS)
    transcript.overlaps = overlaps_of(TURNS, WORD_TURNS)
    return transcript


def test_when_two_turns_overlap_then_the_stretch_is_recorded_with_both_speakers():
    overlaps = overlaps_of(TURNS, WORD_TURNS)
    assert [(o.start_s, o.end_s, o.speaker_ids) for o in overlaps] == [(2.0, 3.0, ["S1", "S2"])]


def test_when_turns_do_not_overlap_then_no_overlap_is_recorded():
    assert overlaps_of(WORD_TURNS, WORD_TURNS) == []


def test_each_word_goes_to_one_speaker_even_inside_an_overlap():
    transcript = _diarized()
    assert [(w.text, w.speaker_id) for w in transcript.words] == [
        ("so", "S1"), ("we", "S1"), ("agree", "S1"), ("yes", "S2"), ("fine", "S2")
    ]


def test_rttm_has_overlapping_turns_of_both_speakers_where_they_talk_at_once():
    rows = [line.split() for line in render_rttm(_diarized()).splitlines()]
    turns = {(r[7], float(r[3]), round(float(r[3]) + float(r[4]), 3)) for r in rows}
    assert turns == {("Speaker_1", 0.2, 3.0), ("Speaker_2", 2.0, 4.6)}


def test_json_carries_the_overlaps_and_reads_them_back():
    transcript = _diarized()
    again = Transcript.from_json(transcript.to_json())
    assert again.overlaps == transcript.overlaps
    assert '"overlaps"' in transcript.to_json()


def test_when_overlapping_speakers_are_merged_then_the_overlap_goes_away():
    merged = merge_speakers(_diarized(), "S2", "S1")
    assert merged.overlaps == []
    rows = [line.split() for line in render_rttm(merged).splitlines()]
    assert {r[7] for r in rows} == {"Speaker_1"}
    spans = sorted((float(r[3]), float(r[3]) + float(r[4])) for r in rows)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_transcript_saved_before_overlaps_existed_still_loads():
    data = _talk().to_dict()
    del data["overlaps"]
    assert Transcript.from_dict(data).overlaps == []


def test_a_turn_knows_who_talks_over_it_and_a_turn_outside_every_overlap_knows_nobody():
    transcript = _diarized()
    assert overlapping_speakers(transcript, "S1", 0.2, 2.4) == ("S2",)
    assert overlapping_speakers(transcript, "S2", 3.2, 4.6) == ()  # after the overlap ended
    assert overlapping_speakers(transcript, "S1", 0.2, 1.2) == ()  # before it began
