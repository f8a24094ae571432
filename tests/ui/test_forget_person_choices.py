"""Edit › Forget a person… offers the people of the notes, not only enrolled voices: a first-time user has no voice
profile, and the dropdown was empty, so the dialog looked dead (QA walk). The open note's speakers come first."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.support.voice_notes import turns_transcript

CLINIC = [("alex", 0.0, 4.0, "Welcome to the visit."), ("chris", 4.5, 8.0, "Thanks, my tickets are booked.")]
STANDUP = [("dana", 0.0, 4.0, "The build is green."), ("me", 4.5, 8.0, "Good, ship it.")]


def test_a_first_time_user_chooses_a_speaker_of_the_notes_the_open_notes_first(unlocked_window, qtbot):
    from ui.notebook import Note

    window = unlocked_window
    clinic = turns_transcript(CLINIC, "Clinic visit", 8.0)
    clinic.speakers[1].name = "Chris Baker"  # "Speaker 1" names nobody
    standup = turns_transcript(STANDUP, "Standup", 8.0)
    standup.speakers[0].name, standup.speakers[1].name = "Dana Reyes", "Me"
    clinic_note, standup_note = Note(None, clinic, None), Note(None, standup, None)
    window.notebook.save(clinic_note)
    window.notebook.save(standup_note)  # the newer note
    window.library.refresh()
    window.show_note(clinic_note)

    menu = next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.text().startswith("Forget a person"))
    menu.trigger()
    dialog = window.forget_person_dialog
    offered = [dialog.person.itemText(i) for i in range(dialog.person.count())]
    assert offered == ["Chris Baker", "Dana Reyes"]  # no profile enrolled; the open note's speaker first
    assert dialog.person.currentText() == ""  # nobody chosen for the user

    dialog.person.setCurrentIndex(0)
    qtbot.mouseClick(dialog.find_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.notes.count() == 1, timeout=20_000)
    assert "Clinic visit" in dialog.notes.item(0).text() and "a speaker named so" in dialog.notes.item(0).text()
    assert dialog.forget_button.isEnabled() and dialog.forget_button.text() == "Forget in 1 note"
    dialog.close()


def test_with_nobody_named_the_dialog_says_to_type_the_name(unlocked_window):
    from ui.notebook import Note

    window = unlocked_window
    window.notebook.save(Note(None, turns_transcript(CLINIC, "Clinic visit", 8.0), None))  # "Speaker 1", "Speaker 2"
    menu = next(a for m in window.menuBar().actions() for a in m.menu().actions() if a.text().startswith("Forget a person"))
    menu.trigger()
    dialog = window.forget_person_dialog
    assert dialog.person.count() == 0 and "type the person's name" in dialog.status.text()
    dialog.close()
