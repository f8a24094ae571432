"""Three-way merge of a note: the window's edits and a change stored meanwhile both survive."""
from __future__ import annotations

import copy

from app.note_merge import NoteState, merge_note
from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word


def note() -> NoteState:
    words = [Word("Call", 0.0, 0.4, 0.9, "S1"), Word("Ada", 0.4, 0.8, 0.9, "S1"), Word("today", 0.8, 1.2, 0.9, "S1")]
    second = [Word("Sure", 2.0, 2.5, 0.9, "S2"), Word("Ada", 2.5, 3.0, 0.9, "S2")]
    transcript = Transcript(
        segments=[Segment(0.0, 1.2, "Call Ada today", words, "S1"), Segment(2.0, 3.0, "Sure Ada", second, "S2")],
        speakers=[Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2")],
        pii_spans=[PiiSpan(0, 5, 8, "PERSON", "Ada"), PiiSpan(1, 5, 8, "PERSON", "Ada")],
        title="Sync", duration_s=3.0)
    return NoteState(transcript, ["work"])


def edit_text(state: NoteState, index: int, text: str) -> None:
    """What the window's in-place edit does: new text, words re-timed, spans moved onto the new text."""
    from ui.viewmodels.word_edit import edit_transcript_text

    edit_transcript_text(state.transcript, index, text)


def test_a_text_edit_and_an_outside_rename_both_survive():
    base, mine, theirs = note(), note(), note()
    edit_text(mine, 0, "Please call Ada today")
    theirs.transcript.speakers[1].name = "Beth Carter"
    merge = merge_note(base, mine, theirs)
    merged = merge.note.transcript
    assert merged.segments[0].text == "Please call Ada today"
    assert [w.text for w in merged.segments[0].words] == ["Please", "call", "Ada", "today"]
    assert merged.speaker_name("S2") == "Beth Carter"
    assert merge.taken == ["speaker name"] and merge.overridden == []


def test_both_changing_one_field_keeps_the_windows_value_and_says_so():
    base, mine, theirs = note(), note(), note()
    mine.transcript.title, theirs.transcript.title = "Mine", "Theirs"
    theirs.transcript.speakers[0].name = "Ada"
    merge = merge_note(base, mine, theirs)
    assert merge.note.transcript.title == "Mine" and merge.note.transcript.speaker_name("S1") == "Ada"
    assert merge.overridden == ["title"] and merge.taken == ["speaker name"]


def test_a_decision_made_outside_follows_its_span_after_the_text_moved_it():
    base, mine, theirs = note(), note(), note()
    edit_text(mine, 0, "Okay so call Ada today")
    theirs.transcript.pii_spans[0].decision = "rejected"
    merged = merge_note(base, mine, theirs).note.transcript
    span = merged.pii_spans[0]
    assert merged.segments[span.segment_index].text[span.start:span.end] == "Ada"
    assert span.decision == "rejected" and merged.pii_spans[1].decision == "pending"


def test_an_outside_detection_is_added_and_a_span_whose_text_the_window_deleted_goes():
    base, mine, theirs = note(), note(), note()
    edit_text(mine, 1, "Sure")
    theirs.transcript.pii_spans.append(PiiSpan(0, 0, 4, "ORG", "Call"))
    merged = merge_note(base, mine, theirs).note.transcript
    assert [(s.segment_index, s.text) for s in merged.pii_spans] == [(0, "Ada"), (0, "Call")]


def test_tags_merge_as_a_set_and_nothing_changed_outside_reports_nothing():
    base, mine, theirs = note(), note(), note()
    mine.tags, theirs.tags = ["work", "finance"], ["urgent"]  # window added one, outside removed one, added one
    merge = merge_note(base, mine, theirs)
    assert merge.note.tags == ["finance", "urgent"]
    unchanged = merge_note(note(), mine, note())
    assert not unchanged.changed_outside and unchanged.note.tags == ["work", "finance"]


def test_an_outside_speaker_merge_reaches_the_words_of_a_paragraph_the_window_edited():
    base, mine, theirs = note(), note(), note()
    edit_text(mine, 1, "Sure thing Ada")
    theirs.transcript.segments[1].speaker_id = "S1"
    for word in theirs.transcript.segments[1].words:
        word.speaker_id = "S1"
    del theirs.transcript.speakers[1]
    merged = merge_note(base, mine, theirs).note.transcript
    assert merged.segments[1].text == "Sure thing Ada" and merged.segments[1].speaker_id == "S1"
    assert {w.speaker_id for w in merged.segments[1].words} == {"S1"}
    assert [s.id for s in merged.speakers] == ["S1"]


def test_the_inputs_are_left_untouched():
    base, mine, theirs = note(), note(), note()
    edit_text(mine, 0, "Call Ada now")
    theirs.transcript.pii_spans[0].decision = "accepted"
    before = copy.deepcopy((base, mine, theirs))
    merged = merge_note(base, mine, theirs).note
    merged.transcript.segments[0].words[0].text = "changed"
    merged.transcript.pii_spans[0].decision = "rejected"
    assert (base, mine, theirs) == before


def test_a_paragraph_removed_outside_stays_removed_and_an_edit_elsewhere_is_kept():
    """`hushnote speakers forget` removed a speaker's paragraphs while the window edited another one."""
    base, mine, theirs = note(), note(), note()
    edit_text(mine, 0, "Please call Ada today")
    edit_text(mine, 1, "Sure, Ada")  # the paragraph the other side removes
    del theirs.transcript.segments[1]
    theirs.transcript.pii_spans = [theirs.transcript.pii_spans[0]]
    theirs.transcript.pii_spans[0].decision = "accepted"
    merge = merge_note(base, mine, theirs)
    merged = merge.note.transcript
    assert [s.text for s in merged.segments] == ["Please call Ada today"]
    assert [(s.segment_index, s.text, s.decision) for s in merged.pii_spans] == [(0, "Ada", "accepted")]
    assert merged.segments[0].text[merged.pii_spans[0].start:merged.pii_spans[0].end] == "Ada"
    assert "removed paragraphs (one you had edited)" in merge.taken


def test_a_paragraph_added_outside_is_placed_in_time_with_its_spans():
    base, mine, theirs = note(), note(), note()
    edit_text(mine, 1, "Sure thing Ada")
    theirs.transcript.segments.insert(1, Segment(1.5, 1.9, "Hi Bo", [Word("Hi", 1.5, 1.7), Word("Bo", 1.7, 1.9)], "S2"))
    theirs.transcript.pii_spans = [theirs.transcript.pii_spans[0], PiiSpan(1, 3, 5, "PERSON", "Bo"),
                                   PiiSpan(2, 5, 8, "PERSON", "Ada", decision="rejected")]
    merged = merge_note(base, mine, theirs).note.transcript
    assert [s.text for s in merged.segments] == ["Call Ada today", "Hi Bo", "Sure thing Ada"]
    found = {(s.segment_index, s.text, s.decision) for s in merged.pii_spans}
    assert found == {(0, "Ada", "pending"), (1, "Bo", "pending"), (2, "Ada", "rejected")}
    for span in merged.pii_spans:
        assert merged.segments[span.segment_index].text[span.start:span.end] == span.text
