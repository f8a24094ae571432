"""Words to speakers by time, segments split at speaker changes, rename and merge, RTTM export."""
from __future__ import annotations

import pytest

from audio_core.errors import HushnoteError
from app.export import export_transcript, parse_formats
from app.export.subtitles import render_vtt
from app.export.text import render_txt
from audio_core.model import Segment, Transcript, Word
from app.speakers import assign_speakers, merge_speakers, rename_speaker
from audio_core.diarize import SpeakerTurn


def _segment(*words: tuple[str, float, float]) -> Segment:
    ws = [Word(t, s, e) for t, s, e in words]
    return Segment(ws[0].start_s, ws[-1].end_s, " ".join(w.text for w in ws), ws)


@pytest.fixture
def two_voices() -> Transcript:
    segments = [
        _segment(("Hello", 0.0, 0.4), ("there.", 0.5, 0.9), ("Hi,", 1.2, 1.5), ("Anna.", 1.6, 2.0)),
        _segment(("How", 2.5, 2.8), ("are", 2.9, 3.0), ("you?", 3.1, 3.5)),
    ]
    return Transcript(segments=segments, duration_s=4.0, title="call")


TURNS = [SpeakerTurn(0.0, 1.0, 0), SpeakerTurn(1.1, 2.1, 1), SpeakerTurn(2.4, 3.6, 0)]


def test_when_the_speaker_changes_inside_a_segment_then_it_is_split_between_words(two_voices):
    result = assign_speakers(two_voices, TURNS)
    assert [(s.speaker_id, s.text) for s in result.segments] == [
        ("S1", "Hello there."), ("S2", "Hi, Anna."), ("S1", "How are you?"),
    ]
    assert [s.name for s in result.speakers] == ["Speaker 1", "Speaker 2"]
    assert all(w.speaker_id == s.speaker_id for s in result.segments for w in s.words)
    assert result.segments[1].start_s == 1.2 and result.segments[0].end_s == 0.9
    assert two_voices.segments[0].speaker_id is None  # the input is left as it was


def test_when_a_word_lies_in_a_gap_between_turns_then_it_takes_the_nearest_speaker():
    transcript = Transcript(segments=[_segment(("um", 5.0, 5.2))])
    result = assign_speakers(transcript, [SpeakerTurn(0.0, 4.6, 0), SpeakerTurn(6.5, 8.0, 1)])
    assert result.segments[0].speaker_id == "S1"


def test_when_there_are_no_turns_then_no_speakers_are_invented(two_voices):
    result = assign_speakers(two_voices, [])
    assert result.speakers == [] and all(s.speaker_id is None for s in result.segments)


def test_when_a_speaker_is_renamed_then_every_export_shows_the_name(two_voices, tmp_path):
    named = rename_speaker(assign_speakers(two_voices, TURNS), "S2", "Anna Berg")
    assert "Anna Berg: Hi, Anna." in render_txt(named)
    assert "<v Anna Berg>Hi, Anna." in render_vtt(named)
    rttm = export_transcript(named, "rttm", tmp_path / "call.rttm").read_text().splitlines()
    assert rttm[1] == "SPEAKER call 1 1.200 0.800 <NA> <NA> Anna_Berg <NA> <NA>"
    assert len(rttm) == 3 and all(line.startswith("SPEAKER call 1 ") for line in rttm)


def test_when_two_speakers_are_merged_then_one_remains_with_all_their_words(two_voices):
    merged = merge_speakers(assign_speakers(two_voices, TURNS), "Speaker 2", "S1")
    assert [s.id for s in merged.speakers] == ["S1"]
    assert {w.speaker_id for w in merged.words} == {"S1"}


@pytest.mark.parametrize("edit", [
    lambda t: rename_speaker(t, "S9", "Bob"),
    lambda t: rename_speaker(t, "S1", "  "),
    lambda t: merge_speakers(t, "S1", "Speaker 1"),
    lambda t: merge_speakers(t, "S1", "nobody"),
])
def test_when_an_edit_names_a_missing_speaker_or_nothing_then_a_clear_error(two_voices, edit):
    with pytest.raises(HushnoteError):
        edit(assign_speakers(two_voices, TURNS))


def test_rttm_is_an_export_format():
    assert parse_formats("txt,rttm") == ["txt", "rttm"]
