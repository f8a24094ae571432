"""The undo history follows a change merged in from outside: undoing one's own edit does not take it away."""
from __future__ import annotations

import copy

from PySide6.QtGui import QUndoStack

from app.note_merge import NoteState
from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from ui.viewmodels.edit_commands import edit_text_command, rebase_history


def transcript() -> Transcript:
    words = [Word("Call", 0.0, 0.4), Word("Ada", 0.4, 0.8), Word("today", 0.8, 1.2)]
    return Transcript(segments=[Segment(0.0, 1.2, "Call Ada today", words, "S1"), Segment(2.0, 3.0, "Fine", [], "S1")],
                      speakers=[Speaker("S1", "Speaker 1")], pii_spans=[PiiSpan(0, 5, 8, "PERSON", "Ada")])


def test_undoing_a_text_edit_keeps_a_decision_made_outside(qapp):
    open_copy = transcript()
    stack = QUndoStack()
    stack.push(edit_text_command(open_copy, 0, "Please call Ada today", lambda: None))
    base, theirs = NoteState(transcript()), NoteState(transcript())
    theirs.transcript.pii_spans[0].decision = "rejected"
    open_copy.pii_spans[0].decision = "rejected"  # what the save's merge put into the open note
    assert rebase_history(stack, base, theirs)
    stack.undo()
    assert open_copy.segments[0].text == "Call Ada today" and open_copy.pii_spans[0].decision == "rejected"
    stack.redo()
    assert open_copy.segments[0].text == "Please call Ada today" and open_copy.pii_spans[0].decision == "rejected"


def test_paragraphs_added_outside_clear_the_history_rather_than_undo_the_wrong_one(qapp):
    open_copy = transcript()
    stack = QUndoStack()
    stack.push(edit_text_command(open_copy, 1, "Fine by me", lambda: None))
    base = NoteState(transcript())
    theirs = NoteState(copy.deepcopy(base.transcript))
    theirs.transcript.segments.insert(0, Segment(0.0, 0.0, "Hello", [], "S1"))
    assert not rebase_history(stack, base, theirs)
    assert stack.count() == 0
