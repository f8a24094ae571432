"""Privacy review and export through the widgets: detection, accept/reject, hand redaction, preview, export choices."""
from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from ui.viewmodels.word_edit import edit_segment_text

SPOKEN = "My name is John Smith and my phone number is 555 214 8839, call me on Tuesday"


@pytest.fixture
def pii_note(unlocked_window, clip_note):
    """The real clip, its words corrected by hand into a sentence full of personal data, saved in the notebook."""
    transcript = clip_note.transcript
    transcript.segments = transcript.segments[:1]
    edit_segment_text(transcript.segments[0], SPOKEN)
    transcript.pii_spans = []
    transcript.title = "Call with John"  # redacted exports are named "Call_with_PERSON_1", verbatim ones "Call_with_John"
    unlocked_window.notebook.save(clip_note)
    unlocked_window.show_note(clip_note)
    return clip_note


def finding(panel, entity_type):
    return next(i for i, s in enumerate(panel.note.transcript.pii_spans) if s.entity_type == entity_type)


def select_row(panel, row):
    panel.table.selectRow(row)
    assert panel.selected_rows() == [row]


def test_review_detect_accept_reject_redact_by_hand_and_preview(unlocked_window, pii_note, qtbot):
    window = unlocked_window
    qtbot.mouseClick(window.note_view.privacy_button, Qt.LeftButton)
    panel = window.privacy
    assert window.pages.currentWidget() is panel and "No findings" in panel.status.text()

    with qtbot.waitSignal(panel.detection_finished, timeout=120_000):
        qtbot.mouseClick(panel.detect_button, Qt.LeftButton)
    types = {s.entity_type for s in pii_note.transcript.pii_spans}
    assert {"PERSON", "PHONE_NUMBER"} <= types and panel.model.rowCount() == len(pii_note.transcript.pii_spans)
    person = pii_note.transcript.pii_spans[finding(panel, "PERSON")]
    cursor = QTextCursor(panel.text.document())
    cursor.setPosition(person.start + 1)
    assert cursor.charFormat().background().color().name() == "#f2a65a"  # PERSON highlight
    preview = panel.preview.toPlainText()
    assert "John" not in preview and "8839" not in preview and "[PERSON_1]" in preview

    select_row(panel, finding(panel, "PERSON"))
    qtbot.mouseClick(panel.accept_button, Qt.LeftButton)
    select_row(panel, finding(panel, "PHONE_NUMBER"))
    qtbot.mouseClick(panel.reject_button, Qt.LeftButton)
    decisions = {s.entity_type: s.decision for s in pii_note.transcript.pii_spans}
    assert decisions["PERSON"] == "accepted" and decisions["PHONE_NUMBER"] == "rejected"
    assert "555" in panel.preview.toPlainText() and "John" not in panel.preview.toPlainText()

    text = panel.text.toPlainText()
    start = text.index("Tuesday")
    cursor = panel.text.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Tuesday"), QTextCursor.KeepAnchor)
    panel.text.setTextCursor(cursor)
    panel.manual_type.setCurrentText("DATE_TIME")
    count = len(pii_note.transcript.pii_spans)
    qtbot.mouseClick(panel.manual_button, Qt.LeftButton)
    assert len(pii_note.transcript.pii_spans) in (count, count + 1)  # the detector may have found it already
    assert "Tuesday" not in panel.preview.toPlainText()
    assert any(s.source == "manual" for s in pii_note.transcript.pii_spans)

    window.note_view.undo_stack.undo()
    assert not any(s.source == "manual" for s in pii_note.transcript.pii_spans)
    window.note_view.undo_stack.redo()
    window.save_current_note(wait=True)
    stored = window.notebook.load(pii_note.note_id).transcript
    assert {s.decision for s in stored.pii_spans} >= {"accepted", "rejected"}


def test_export_is_redacted_by_default_with_report_audio_and_audit(unlocked_window, pii_note, qtbot, tmp_path, engines):
    window = unlocked_window
    from app.privacy.detect import detect_pii

    window.privacy._detected(detect_pii(pii_note.transcript, engines.pii_analyzer))
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    assert dialog.redacted.isChecked() and dialog.report.isChecked()
    dialog.folder.setText(str(tmp_path / "out"))
    dialog.format_boxes["docx"].setChecked(False)
    dialog.format_boxes["json"].setChecked(True)
    dialog.audio.setCurrentIndex(dialog.audio.findData("bleeped"))
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    names = sorted(p.name for p in dialog.written)
    assert names == ["Call_with_PERSON_1.bleeped.flac", "Call_with_PERSON_1.json", "Call_with_PERSON_1.privacy.json",
                     "Call_with_PERSON_1.privacy.txt", "Call_with_PERSON_1.txt"]
    text = (tmp_path / "out" / "Call_with_PERSON_1.txt").read_text()
    assert "John" not in text and "8839" not in text and "[PERSON_1]" in text
    report = json.loads((tmp_path / "out" / "Call_with_PERSON_1.privacy.json").read_text())
    assert report["redacted"] and report["counts_by_type"].get("PERSON", 0) >= 1 and report["audio"] == "bleeped"
    assert dialog.progress.value() == 100 and "Saved" in dialog.status.text()
    audit = window.notebook.storage.list_audit_log(int(pii_note.note_id))
    assert len(audit) == 1


def test_unredacted_export_needs_confirmation(unlocked_window, pii_note, qtbot, tmp_path):
    dialog = unlocked_window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "plain"))
    dialog.report.setChecked(False)
    dialog.unredacted.setChecked(True)
    asked = []
    dialog.confirm_unredacted = lambda: asked.append(True) or False
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert asked and dialog.worker is None and not (tmp_path / "plain").exists()

    dialog.confirm_unredacted = lambda: True
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert "John Smith" in (tmp_path / "plain" / "Call_with_John.txt").read_text()


def test_export_to_an_unwritable_folder_shows_one_line(unlocked_window, pii_note, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    # the real failure (a file where the folder should be); only the modal box is replaced so the test is not blocked
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, message: shown.append(message))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    dialog = unlocked_window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(blocker / "sub"))
    qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "\n" not in shown[0] and "Traceback" not in shown[0] and "cannot write" in shown[0].lower()


def test_alienated_audio_export_writes_bleeped_and_alienated_copies(unlocked_window, pii_note, qtbot, tmp_path):
    import numpy as np

    from audio_core.decode import decode_audio

    dialog = unlocked_window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "voices"))
    dialog.format_boxes["docx"].setChecked(False)
    assert not dialog.method.isEnabled() and not dialog.strength.isEnabled()  # only alienated audio has voices to change
    dialog.audio.setCurrentIndex(dialog.audio.findData("alienated"))
    assert dialog.method.isEnabled() and dialog.method.currentData() == "resynth"  # the default for an English note
    dialog.method.setCurrentIndex(dialog.method.findData("normalise_random"))
    assert "Balanced" in dialog.strength_hint.text()
    dialog.strength.setValue(100)  # the strongest setting says what it costs
    assert "misheard" in dialog.strength_hint.text() and "Harder to re-identify" in dialog.strength_hint.text()
    dialog.method.setCurrentIndex(dialog.method.findData("pitch_formant"))
    dialog.strength.setValue(60)
    assert dialog.strength_label.text() == "0.60" and "report measures" in dialog.strength_hint.text()
    said = []
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
        dialog.worker.artifact.connect(lambda *_: said.append(dialog.status.text()))  # after the dialog's own slot
    # The measured report takes minutes on long notes: the dialog says which step runs, not just "Exporting…".
    assert [text for text in said if "privacy report" in text] and [text for text in said if "audio" in text], said
    alienated = decode_audio(tmp_path / "voices" / "Call_with_PERSON_1.alienated.flac")
    assert (tmp_path / "voices" / "Call_with_PERSON_1.bleeped.flac").exists()
    assert abs(len(alienated) - len(pii_note.audio)) < 160
    n = min(len(alienated), len(pii_note.audio))
    assert not np.allclose(alienated[:n], pii_note.audio[:n], atol=1e-3)  # the voice really changed
    report = (tmp_path / "voices" / "Call_with_PERSON_1.privacy.txt").read_text()
    assert "Voices alienated: pitch_formant, strength 0.6" in report  # what the user chose
    # The app's report measures the alienation like `hushnote export --report` does.
    assert "voice similarity original vs alienated 0." in report or "voice similarity original vs alienated -" in report
    assert "Speech recognition on alienated audio:" in report


def test_background_only_audio_export_removes_the_speech(unlocked_window, pii_note, qtbot, tmp_path):
    import numpy as np

    from audio_core.decode import decode_audio

    dialog = unlocked_window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "bg"))
    dialog.format_boxes["docx"].setChecked(False)
    dialog.report.setChecked(False)
    dialog.audio.setCurrentIndex(dialog.audio.findData("background"))
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    background = decode_audio(tmp_path / "bg" / "Call_with_PERSON_1.background.flac")
    speech_rms = float(np.sqrt(np.mean(pii_note.audio**2)))
    assert float(np.sqrt(np.mean(background**2))) < 0.3 * speech_rms


def test_alienated_voices_over_the_kept_background_through_the_dialog(unlocked_window, pii_note, qtbot, tmp_path):
    from audio_core.separate import BACKENDS

    dialog = unlocked_window.open_export()
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "kept"))
    dialog.format_boxes["docx"].setChecked(False)
    assert [dialog.separator.itemData(i) for i in range(dialog.separator.count())] == list(BACKENDS)
    assert not dialog.keep_background.isEnabled() and not dialog.separator.isEnabled()
    dialog.audio.setCurrentIndex(dialog.audio.findData("background"))
    assert dialog.separator.isEnabled() and not dialog.keep_background.isEnabled()
    dialog.audio.setCurrentIndex(dialog.audio.findData("alienated"))
    assert dialog.keep_background.isEnabled() and not dialog.separator.isEnabled()
    dialog.keep_background.setChecked(True)
    assert dialog.separator.isEnabled()
    dialog.separator.setCurrentIndex(dialog.separator.findData("spleeter"))
    with qtbot.waitSignal(dialog.exported, timeout=180_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert (tmp_path / "kept" / "Call_with_PERSON_1.alienated.flac").exists()
    report = (tmp_path / "kept" / "Call_with_PERSON_1.privacy.txt").read_text()
    assert "Only the voices were alienated; the background, separated by spleeter, is kept untouched" in report


def test_a_selected_finding_stays_selected_when_a_change_made_outside_is_shown(unlocked_window, pii_note, qtbot):
    """After a change made outside the window (`hushnote speakers rename`) was shown, the privacy panel's selected
    row was lost: the reviewer had to find their place again."""
    from tests.support.notebooks import PASSPHRASE
    from ui.notebook import DesktopNotebook

    window = unlocked_window
    panel = window.privacy
    window.show_page("Privacy")
    with qtbot.waitSignal(panel.detection_finished, timeout=120_000):
        panel.detect()
    with qtbot.waitSignal(window.note_saved, timeout=10_000):
        pass  # the findings are written
    phone = finding(panel, "PHONE_NUMBER")
    panel.select_finding(phone)
    qtbot.wait(1_200)  # the window has looked at the notebook once
    speaker = pii_note.transcript.speakers[0].id
    other_process = DesktopNotebook.unlock(PASSPHRASE, window.notebook_path)  # a second connection, as the CLI's
    try:
        other_process.storage.rename_speaker(int(pii_note.note_id), speaker, "Beth Carter")
    finally:
        other_process.close()
    qtbot.waitUntil(lambda: panel.note.transcript.speaker_name(speaker) == "Beth Carter", timeout=5_000)
    assert [panel.model.span_at(row).entity_type for row in panel.selected_rows()] == ["PHONE_NUMBER"]
