"""A participant forgotten at their request leaves turns that read "[removed at the participant's request]" and belong
to nobody. The note view gave them to the first speaker: the view said Alex said them, the next save stored it, and
every export then put the removal (and its silenced stretch) under Alex's name."""
from __future__ import annotations

from app.privacy.forget_voice import find_voice_in_notes, forget_person
from app.privacy.speaker_removal import REMOVED_MARKER
from tests.support.voice_notes import turns_transcript

TURNS = [
    ("alex", 0.0, 4.0, "Good morning, I will take the notes today."),
    ("beth", 4.5, 8.0, "Thank you, we are here to review the visit."),
    ("alex", 8.5, 12.0, "Could you confirm your phone number?"),
]


def test_a_forgotten_participants_turn_is_shown_and_saved_as_nobodys(unlocked_window):
    from ui.notebook import Note
    from ui.widgets.waveform import speaker_colour

    window = unlocked_window
    transcript = turns_transcript(TURNS, "Clinic call", 12.0)
    transcript.speakers[0].name, transcript.speakers[1].name = "Alex Morgan", "Bethany Quillfeather"
    note = Note(None, transcript, None, [])
    window.notebook.save(note)
    storage = window.notebook.storage
    findings = find_voice_in_notes(storage, None, "Bethany Quillfeather")
    assert forget_person(storage, window.engines, "Bethany Quillfeather", findings) == 1
    window.show_note(window.notebook.load(note.note_id))

    view = window.note_view
    removed = next(i for i, s in enumerate(view.note.transcript.segments) if s.text == REMOVED_MARKER)
    paragraph = view.paragraphs.layout.paragraphs[view.paragraphs.layout.paragraph_of_segment(removed)]
    assert paragraph.speaker_id is None and paragraph.speaker_name != "Alex Morgan"
    assert len(view.paragraphs.layout.paragraphs) == 3  # Alex, the removal, Alex: not one paragraph of Alex's
    alex = speaker_colour(view.note.transcript, "S1")
    assert speaker_colour(view.note.transcript, None) != alex  # its header is not in Alex's colour either

    view.edit_segment(2, "Could you confirm your phone number, please?")  # any edit saves the whole note
    assert window.save_current_note()
    stored = window.notebook.load(note.note_id).transcript
    assert [s.speaker_id for s in stored.segments] == ["S1", None, "S1"]
    assert [s.name for s in stored.speakers] == ["Alex Morgan"]


def test_a_note_recognised_without_speakers_still_gets_one_to_rename():
    from ui.viewmodels.edit_commands import ensure_speakers

    transcript = turns_transcript(TURNS, "No diarization", 12.0)
    for segment in transcript.segments:
        segment.speaker_id = None
    transcript.speakers = []
    ensure_speakers(transcript)
    assert [s.speaker_id for s in transcript.segments] == ["S1", "S1", "S1"]
    assert [s.name for s in transcript.speakers] == ["Speaker 1"]


def test_typing_or_pasting_into_a_removed_turn_changes_nothing_and_says_why(unlocked_window, qtbot):
    from PySide6.QtCore import QMimeData, Qt
    from PySide6.QtGui import QTextCursor

    from ui.notebook import Note

    window = unlocked_window
    transcript = turns_transcript(TURNS, "Clinic call", 12.0)
    transcript.speakers[1].name = "Bethany Quillfeather"
    note = Note(None, transcript, None, [])
    window.notebook.save(note)
    storage = window.notebook.storage
    assert forget_person(storage, window.engines, "Bethany Quillfeather",
                         find_voice_in_notes(storage, None, "Bethany Quillfeather")) == 1
    window.show_note(window.notebook.load(note.note_id))
    view = window.note_view
    text = view.text
    removed = next(i for i, s in enumerate(view.note.transcript.segments) if s.text == REMOVED_MARKER)
    _, start, _ = next(r for r in text.ranges if r[0] == removed)
    cursor = text.textCursor()
    cursor.setPosition(start + 3)
    text.setTextCursor(cursor)
    text.setFocus()
    qtbot.keyClicks(text, "Beth said")
    qtbot.keyClick(text, Qt.Key_Backspace)
    mime = QMimeData()
    mime.setText("pasted words")
    text.insertFromMimeData(mime)
    cursor.movePosition(QTextCursor.EndOfBlock, QTextCursor.KeepAnchor)
    text.setTextCursor(cursor)
    qtbot.keyClick(text, Qt.Key_Delete)
    text.commit_edit()
    assert view.note.transcript.segments[removed].text == REMOVED_MARKER
    assert REMOVED_MARKER in text.toPlainText() and "Beth said" not in text.toPlainText()
    assert "removed at the participant's request and cannot be edited" in window.statusBar().currentMessage()
    assert "Play through" not in window.statusBar().currentMessage()
    assert window.save_current_note() is not False
    assert window.notebook.load(note.note_id).transcript.segments[removed].text == REMOVED_MARKER
