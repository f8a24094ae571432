"""File › Import… from any page shows the library, where the queue shows the chosen files; an error names the file once."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from ui.viewmodels.import_queue import FAILED


def test_import_from_the_note_page_shows_the_queue_and_a_bad_file_is_named_once(
        unlocked_window, clip_note, qtbot, tmp_path, monkeypatch):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    minutes = tmp_path / "minutes.wav"
    minutes.write_text("these are the minutes, not audio\n")
    # The operating system's file chooser is not under test: it answers with the file a person picked.
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(minutes)], ""))
    [action] = [a for a in window.unlocked_actions if a.text() == "Import…"]

    with qtbot.waitSignal(window.queue.idle, timeout=60_000):
        action.trigger()

    assert window.pages.currentWidget() is window.library and window.library.queue_box.isVisible()
    assert window.queue.entries[0].state == FAILED
    assert window.status_label.text().count("minutes.wav") == 1, window.status_label.text()
