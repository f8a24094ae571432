"""Removing a participant from a note: the text, names, overlaps and audio stretches that go."""
from __future__ import annotations

import numpy as np
import pytest

from app.export import export_transcript
from app.privacy.speaker_removal import REMOVED_MARKER, remove_speakers, resolve_speakers, silence_intervals
from audio_core.errors import HushnoteError
from audio_core.model import Overlap, PiiSpan, Segment, Speaker, Transcript, Word
from tests.support.exports import FORMATS, exported_text


def _words(text: str, start_s: float, speaker: str) -> list[Word]:
    return [Word(w, start_s + 0.5 * i, start_s + 0.5 * i + 0.4, 0.9, speaker) for i, w in enumerate(text.split())]


def _meeting() -> Transcript:
    """Ann, then Bob (who talks over Ann's end), Bob again, then Ann; Whisper gave one of Bob's words to Ann."""
    ann = Segment(0.0, 2.0, "welcome to the budget", _words("welcome to the budget", 0.0, "S1"), "S1")
    bob = Segment(2.0, 4.0, "my secret plan Zanzibar", _words("my secret plan Zanzibar", 2.0, "S2"), "S2")
    bob2 = Segment(4.0, 5.0, "truly", _words("truly", 4.0, "S2"), "S2")
    stray = Segment(5.0, 5.4, "indeed", [Word("indeed", 5.0, 5.4, 0.9, "S1")], "S1")  # said by Bob, given to Ann
    bob3 = Segment(5.4, 6.4, "bananas", _words("bananas", 5.4, "S2"), "S2")
    ann2 = Segment(8.0, 10.0, "thanks Bob goodbye", _words("thanks Bob goodbye", 8.0, "S1"), "S1")
    return Transcript(
        segments=[ann, bob, bob2, stray, bob3, ann2],
        speakers=[Speaker("S1", "Ann Lee"), Speaker("S2", "Bob Stone", "profile-9")],
        pii_spans=[PiiSpan(1, 15, 23, "LOCATION", "Zanzibar"), PiiSpan(5, 7, 10, "PERSON", "Bob")],
        overlaps=[Overlap(1.5, 2.2, ["S1", "S2"])],
        duration_s=10.0, title="Budget with Bob Stone", source_name="bob-stone-budget.wav",
    )


def test_speakers_are_found_by_id_or_name_and_an_unknown_one_is_one_line():
    transcript = _meeting()
    assert resolve_speakers(transcript, ["s2"]) == ("S2",)
    assert resolve_speakers(transcript, ["bob stone", "S2"]) == ("S2",)
    with pytest.raises(HushnoteError, match=r"no speaker 'Carl'.*S1 \(Ann Lee\), S2 \(Bob Stone\)"):
        resolve_speakers(transcript, ["Carl"])


def test_removed_turns_become_markers_and_their_name_spans_and_overlaps_go():
    removal = remove_speakers(_meeting(), ["S2"])
    result = removal.transcript
    assert [s.text for s in result.segments] == ["welcome to the budget", REMOVED_MARKER, "indeed", REMOVED_MARKER,
                                                 f"thanks {REMOVED_MARKER} goodbye"]
    assert [s.id for s in result.speakers] == ["S1"]
    assert all(s.speaker_id != "S2" for s in result.segments) and all(w.speaker_id != "S2" for w in result.words)
    # Bob's place name went with his turn; Ann's mention of him goes too, with the span that held only his name
    assert result.pii_spans == []
    assert removal.mentions == 1 and removal.mention_intervals == [(8.5, 8.9)]  # the word "Bob", for the audio
    assert result.overlaps == []
    assert result.title == "Budget with [removed] [removed]" and "bob" not in result.source_name.lower()
    assert _meeting().segments[1].text == "my secret plan Zanzibar"  # the note itself is untouched


def test_audio_goes_for_their_turns_the_overlap_and_words_given_to_someone_else_inside():
    intervals = remove_speakers(_meeting(), ["S2"]).intervals
    covered = lambda s, e: any(lo <= s and e <= hi for lo, hi in intervals)  # noqa: E731
    assert covered(1.5, 2.2), intervals  # the overlapped stretch, though Ann talks there too
    assert covered(2.0, 6.4), intervals  # Bob's turns and the word Whisper gave Ann between them
    assert not any(lo < 1.0 for lo, _ in intervals)  # Ann's words before the overlap stay audible
    assert not any(hi > 8.0 for _, hi in intervals)  # and her closing words after it


def test_silencing_keeps_the_rest_and_the_length():
    audio = np.full(16000 * 3, 0.5, np.float32)
    quiet = silence_intervals(audio, [(1.0, 2.0)])
    assert quiet.size == audio.size
    assert np.all(quiet[16000 + 100:32000 - 100] == 0)
    assert np.all(quiet[:16000 - 100] == 0.5) and np.all(quiet[32000 + 100:] == 0.5)


@pytest.mark.parametrize("fmt", FORMATS + ("rttm",))
def test_every_text_format_carries_the_marker_and_nothing_of_the_removed_person(fmt, tmp_path):
    meeting = _meeting()
    transcript = remove_speakers(meeting, resolve_speakers(meeting, ["Bob Stone"])).transcript
    text = exported_text(export_transcript(transcript, fmt, tmp_path / f"note.{fmt}"))
    if fmt == "rttm":
        assert "Ann_Lee" in text and "Stone" not in text and "S2" not in text
        return
    assert REMOVED_MARKER in text
    for gone in ("secret", "Zanzibar", "truly", "bananas", "Stone", "S2", "profile-9"):
        assert gone not in text, (gone, text)
    assert "welcome" in text and "goodbye" in text


def test_the_command_names_the_note_speakers_when_asked_to_remove_someone_absent(run_cli, tmp_path):
    path = tmp_path / "budget.json"
    path.write_text(_meeting().to_json())
    result = run_cli("export", str(path), "--no-redact", "--remove-speaker", "Carl", "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "no speaker 'Carl'" in result.stderr and "S2 (Bob Stone)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_stretches_the_diarizer_heard_them_in_are_silenced_but_never_over_anothers_words():
    # Bob heard at 6.8-7.6 s (nothing written there) and, by a rough turn edge, over Ann's "thanks" at 8.0-8.4 s
    intervals = remove_speakers(_meeting(), ["S2"], heard=[(6.8, 7.6), (7.9, 8.2)]).intervals
    assert any(lo <= 6.8 and 7.6 <= hi for lo, hi in intervals), intervals
    assert not any(lo < 8.4 and hi > 8.0 for lo, hi in intervals), intervals  # Ann's word stays audible
