"""Edit › Forget a person…: the app's way to take one participant out of every note, as ``speakers forget --from-notes``.

A real window on a real notebook: the dialog lists the notes with how each was found (a speaker named so, the name
in full as the recogniser spelt it), says it cannot be undone before anything changes, then rewrites them; the open
note shows the change and the audit log records it.
"""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.privacy.speaker_removal import REMOVED_MARKER
from tests.support.voice_notes import turns_transcript

MEETING = [("alex", 0.0, 4.0, "Welcome to the visit of Chris Baker."), ("chris", 4.5, 8.0, "Thanks, my tickets are booked."),
           ("beth", 8.5, 12.0, "Chris, could you send the report?")]
SPELT = [("alex", 0.0, 4.0, "I spoke to Kris Baker yesterday about the budget.")]
NAMESAKE = [("alex", 0.0, 4.0, "Chris from accounts sent the budget.")]


def _menu_action(window, text: str):
    return next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.text().startswith(text))


def test_the_dialog_lists_how_each_note_was_found_warns_then_forgets(unlocked_window, qtbot):
    from ui.notebook import Note

    window = unlocked_window
    meeting = turns_transcript(MEETING, "Clinic visit", 12.0)
    meeting.speakers[1].name = "Chris Baker"
    notes = [Note(None, meeting, None), Note(None, turns_transcript(SPELT, "Catch-up", 4.0), None),
             Note(None, turns_transcript(NAMESAKE, "Budget", 4.0), None)]
    for note in notes:
        window.notebook.save(note)
    window.library.refresh()
    window.show_note(notes[0])

    _menu_action(window, "Forget a person").trigger()
    dialog = window.forget_person_dialog
    assert "cannot be undone" in dialog.warning.text() and dialog.warning.isVisible()
    assert not dialog.forget_button.isEnabled()
    dialog.person.lineEdit().setText("Chris Baker")
    qtbot.mouseClick(dialog.find_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.notes.count() == 2, timeout=20_000)
    lines = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
    assert "Clinic visit" in lines[0] and "a speaker named so" in lines[0] and "2 mentions of the name" in lines[0]
    assert "Catch-up" in lines[1] and "named in full as 'Kris Baker'" in lines[1], lines
    assert dialog.forget_button.text() == "Forget in 2 notes" and dialog.forget_button.isEnabled()
    assert not dialog.forget_button.isDefault()  # Enter by reflex forgets nothing

    with qtbot.waitSignal(dialog.forgotten, timeout=30_000):
        qtbot.mouseClick(dialog.forget_button, Qt.LeftButton)
    shown = window.note_view.text.toPlainText()
    assert REMOVED_MARKER in shown and "tickets" not in shown and "Chris" not in shown
    stored = {n.note_id: window.notebook.load(n.note_id).transcript for n in notes}
    assert "Kris" not in stored[notes[1].note_id].text and "Baker" not in stored[notes[1].note_id].text
    assert stored[notes[2].note_id].text == "Chris from accounts sent the budget."  # a namesake keeps his name
    audit = [e.what for e in window.notebook.storage.list_audit_log()]
    assert len([w for w in audit if "at the participant's request" in w]) == 2
    assert not [w for w in audit if "chris" in w.casefold() or "baker" in w.casefold()]
    assert "Forgotten at their request in 2 notes" in window.status_label.text()


def test_the_speakers_list_offers_to_forget_the_selected_speaker(unlocked_window, qtbot):
    from ui.notebook import Note

    window = unlocked_window
    meeting = turns_transcript(MEETING, "Clinic visit", 12.0)
    meeting.speakers[1].name = "Chris Baker"
    note = Note(None, meeting, None)
    window.notebook.save(note)
    window.show_note(note)
    speakers = window.note_view.speakers
    speakers.setCurrentRow(next(i for i in range(speakers.count()) if speakers.item(i).data(Qt.UserRole) == "S2"))
    entry = next(a for a in speakers.actions() if a.text().startswith("Forget this person"))
    entry.trigger()
    dialog = window.forget_person_dialog
    assert dialog.isVisible() and dialog.person.currentText() == "Chris Baker"
    assert len(window.notebook.list_notes()) == 1 and "tickets" in window.notebook.load(note.note_id).transcript.text
    dialog.close()
