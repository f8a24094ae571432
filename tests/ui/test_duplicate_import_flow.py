"""A file whose content is already a note: dropped or chosen, the window asks (open it, import again, skip);
from the watch folder, it is skipped and the queue says so."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.watch import ImportLedger, WatchSetting
from tests.ui.test_library_flow import drop_files
from ui.viewmodels.import_queue import DONE, DUPLICATE


def _answer(window, qtbot, button_text: str) -> str:
    """Waits for the question, clicks ``button_text`` (or presses Escape for "Escape"); returns the question's text."""
    qtbot.waitUntil(lambda: window.duplicates.box is not None and window.duplicates.box.isVisible(), timeout=60_000)
    box = window.duplicates.box
    text = box.text()
    if button_text == "Escape":
        qtbot.keyClick(box, Qt.Key_Escape)
    else:
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()
    qtbot.waitUntil(lambda: window.duplicates.box is not box, timeout=5_000)
    return text


@pytest.mark.slow
def test_a_file_dropped_again_under_another_name_asks_and_each_answer_does_what_it_says(
        unlocked_window, qtbot, clip, tmp_path):
    window = unlocked_window
    with qtbot.waitSignal(window.note_saved, timeout=120_000) as saved:
        window.queue.add([clip])
    first_id = saved.args[0]
    copy = tmp_path / "the same reading.wav"
    shutil.copy(clip, copy)

    drop_files(window.library, [copy])
    question = _answer(window, qtbot, "Open the note")

    assert "the same reading.wav" in question and f"“{clip.stem}”" in question
    assert window.queue.entries[1].state == DUPLICATE and "opened" in window.queue.entries[1].message
    qtbot.waitUntil(lambda: window.note_view.note is not None and window.note_view.note.note_id == first_id)
    assert window.pages.currentWidget() is window.note_view
    assert len(window.notebook.list_notes()) == 1

    drop_files(window.library, [copy])
    _answer(window, qtbot, "Escape")  # Skip: a reflex key adds nothing

    assert "skipped" in window.queue.entries[2].message
    assert window.library.queue_box.summary.text() == "1 of 1 imported · 2 already in the notebook"
    assert len(window.notebook.list_notes()) == 1

    with qtbot.waitSignal(window.note_saved, timeout=120_000):
        window.library.choose_files = lambda: window.queue.add([copy])  # the file dialog's answer, as Import… gives it
        window.library.choose_files()
        _answer(window, qtbot, "Import again")

    assert window.queue.entries[-1].state == DONE
    assert len(window.notebook.list_notes()) == 2


def test_a_file_already_imported_by_hand_is_skipped_by_the_watch_folder_without_a_question(
        unlocked_window, qtbot, clip, tmp_path):
    window = unlocked_window
    with qtbot.waitSignal(window.note_saved, timeout=120_000):
        window.queue.add([clip])
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    window.apply_watch_setting(WatchSetting(str(inbox), True))

    shutil.copy(clip, inbox / "copied again.wav")
    qtbot.waitUntil(lambda: len(window.queue.entries) == 2 and window.queue.entries[1].state == DUPLICATE, timeout=60_000)

    assert window.queue.entries[1].message == "Already in the notebook: skipped"
    assert "copied again.wav (watch folder) is already in the notebook" in window.status_label.text()
    assert window.duplicates.box is None and not [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(window.notebook.list_notes()) == 1
    qtbot.waitUntil(lambda: ImportLedger(window.notebook.storage).count() == 1)  # not hashed again after a restart
