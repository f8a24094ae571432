"""An interrupted recording is offered for recovery when the notebook opens; live personal data is marked as it is spoken."""
from __future__ import annotations

from PySide6.QtCore import Qt

from audio_core.model import Word
from app.recording import LiveTranscript
from tests.support.notebooks import PASSPHRASE, create_desktop_notebook


def test_an_interrupted_recording_is_offered_and_recovered_on_unlock(window, qtbot, clip_note_parts, tmp_path):
    from ui.notebook import DesktopNotebook

    _, audio = clip_note_parts
    notebook = create_desktop_notebook(tmp_path / "notebook.db")
    note_id = notebook.storage.start_recording("Standup")  # what a killed recording leaves behind
    for start in range(0, audio.size, 8000):
        notebook.storage.append_audio(note_id, audio[start : start + 8000])
    notebook.close()

    window.set_notebook(DesktopNotebook.unlock(PASSPHRASE, tmp_path / "notebook.db"))
    banner = window.library.recovery
    assert banner.isVisible() and "1 recording was interrupted" in banner.message.text()

    qtbot.mouseClick(banner.recover_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=120_000)
    assert window.notebook.storage.interrupted_recordings() == []
    note = window.notebook.load(str(note_id))
    assert note.transcript.title == "Standup" and "young man" in note.transcript.text.lower()
    assert "Recovered 1" in window.status_label.text()


def test_no_banner_without_interrupted_recordings(unlocked_window):
    assert not unlocked_window.library.recovery.isVisible()


def test_the_banner_can_be_put_off(window, tmp_path):
    notebook = create_desktop_notebook(tmp_path / "notebook.db")
    notebook.storage.start_recording("Call")
    window.set_notebook(notebook)
    window.library.recovery.later_button.click()
    assert not window.library.recovery.isVisible()
    assert len(window.notebook.storage.interrupted_recordings()) == 1  # nothing lost; offered again next time


def test_live_transcript_marks_personal_data_and_greys_tentative_words(unlocked_window):
    view = unlocked_window.record
    words = [Word(t, i * 0.4, i * 0.4 + 0.3) for i, t in enumerate(["Call", "Diane", "on", "555-314-8839", "tomorrow"])]
    view._artifact("live", LiveTranscript(words[:4], words[4:], {1: "PERSON", 3: "PHONE_NUMBER"}, 0, 2.0))
    html = view.live.toHtml()
    assert view.live.toPlainText() == "Call Diane on 555-314-8839 tomorrow"
    assert html.count("background-color:") >= 2  # the name and the number are marked
    assert "#f2a65a" in html and "#6cc3d5" in html  # in the privacy panel's colours for their types
    assert "#8a8fa0" in html  # the tentative word is grey
