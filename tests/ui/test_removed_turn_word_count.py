"""The note's word count leaves out what was removed at a participant's request.

Walking the app: after Forget a person the note said "168 words", as before, though a third of them were gone: each
"[removed at the participant's request]" counted as five words.
"""
from __future__ import annotations

from app.privacy.forget_voice import find_voice_in_notes, forget_person
from tests.support.voice_notes import turns_transcript

TURNS = [
    ("alex", 0.0, 4.0, "Good morning, I will take the notes today."),
    ("beth", 4.5, 8.0, "Thank you, we are here to review the visit."),
    ("alex", 8.5, 12.0, "Could you confirm your phone number, Bethany?"),
]


def test_the_word_count_leaves_out_a_forgotten_participants_turns_and_name(unlocked_window):
    from ui.notebook import Note

    window = unlocked_window
    transcript = turns_transcript(TURNS, "Clinic call", 12.0)
    transcript.speakers[0].name, transcript.speakers[1].name = "Alex Morgan", "Bethany Quillfeather"
    note = Note(None, transcript, None, [])
    window.notebook.save(note)
    window.show_note(window.notebook.load(note.note_id))
    assert window.note_view.word_count.text() == "24 words"

    storage = window.notebook.storage
    assert forget_person(storage, window.engines, "Bethany Quillfeather",
                         find_voice_in_notes(storage, None, "Bethany Quillfeather")) == 1
    window.show_note(window.notebook.load(note.note_id))
    shown = window.note_view.text.toPlainText()
    assert "Bethany" not in shown and shown.count("[removed at the participant's request]") == 2
    assert window.note_view.word_count.text() == "14 words"  # Alex's 8 and 6; the turn and the name are gone
