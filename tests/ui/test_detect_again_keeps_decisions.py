"""Pressing "Detect personal data" again (after an edit, a new vocabulary word or another detection language) keeps the
review: a finding the user kept stays kept. It was reset to pending, so what they had kept was redacted in the next
export, with nothing on screen but "awaiting review" to say so."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ui.viewmodels.word_edit import edit_segment_text

SPOKEN = "My name is John Smith and my phone number is 555 214 8839, call me on Tuesday"


def test_detecting_again_keeps_what_the_user_kept_and_redacted(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    transcript = clip_note.transcript
    transcript.segments = transcript.segments[:1]
    edit_segment_text(transcript.segments[0], SPOKEN)
    transcript.pii_spans = []
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    window.show_page("Privacy")
    panel = window.privacy
    with qtbot.waitSignal(panel.detection_finished, timeout=120_000):
        panel.detect()
    spans = clip_note.transcript.pii_spans
    phone = next(i for i, s in enumerate(spans) if s.entity_type == "PHONE_NUMBER")
    person = next(i for i, s in enumerate(spans) if s.entity_type == "PERSON")
    panel.table.selectRow(phone)
    qtbot.mouseClick(panel.reject_button, Qt.LeftButton)
    panel.table.selectRow(person)
    qtbot.mouseClick(panel.accept_button, Qt.LeftButton)
    assert "555 214 8839" in panel.preview.toPlainText()

    with qtbot.waitSignal(panel.detection_finished, timeout=120_000):
        qtbot.mouseClick(panel.detect_button, Qt.LeftButton)

    decisions = {s.entity_type: s.decision for s in clip_note.transcript.pii_spans}
    assert decisions["PHONE_NUMBER"] == "rejected" and decisions["PERSON"] == "accepted"
    assert "555 214 8839" in panel.preview.toPlainText()  # what the user kept is still kept in the export
    window.note_view.undo_stack.undo()  # detecting again is still one undo step
    assert {s.entity_type: s.decision for s in clip_note.transcript.pii_spans}["PHONE_NUMBER"] == "rejected"
