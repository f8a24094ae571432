"""After a restart, the window opens again on the note that was open, where it was being read; where that was is
kept in the encrypted notebook, not in a plain settings file."""
from __future__ import annotations

import copy

import pytest

from PySide6.QtWidgets import QApplication, QMessageBox

from audio_core.model import Segment
from tests.support.notebooks import PASSPHRASE
from tests.support.transcripts import make_transcript
from ui.last_place import LAST_PLACE_KEY
from ui.notebook import DesktopNotebook, Note


def _long_note() -> Note:
    transcript = make_transcript()
    turns = transcript.segments
    transcript.segments = [Segment(k * 2.0, k * 2.0 + 1.5, f"Turn {k}: {turns[k % 2].text} and the budget for item {k}.",
                                   [], turns[k % 2].speaker_id) for k in range(150)]
    transcript.pii_spans = []
    transcript.duration_s = 300.0
    return Note(None, copy.deepcopy(transcript), None)


def _new_window(engines, tmp_path, qtbot):
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    window = MainWindow(UiSettings(auto_lock_min=0), engines, notebook_path=tmp_path / "notebook.db", persist_settings=False)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_restart_reopens_the_note_that_was_open_where_it_was_read(unlocked_window, qtbot, engines, tmp_path):
    window = unlocked_window
    note = _long_note()
    note_id = window.notebook.save(note)
    window.open_note(note_id)
    qtbot.waitUntil(lambda: window.note_view.note is not None and window.note_view.note.note_id == note_id)
    text = window.note_view.text.toPlainText()
    window.note_view.scroll_to_char(text.index("Turn 90:"))
    assert window.note_view.text.verticalScrollBar().value() > 0
    top_before = window.note_view.top_char()

    window.close()
    book = DesktopNotebook.unlock(PASSPHRASE, tmp_path / "notebook.db")
    assert note_id in book.storage.read_settings([LAST_PLACE_KEY])[LAST_PLACE_KEY]  # in the encrypted notebook
    book.close()
    assert not any(note_id.encode() + b'"' in p.read_bytes() for p in tmp_path.rglob("*.json"))

    again = _new_window(engines, tmp_path, qtbot)
    again.set_notebook(DesktopNotebook.unlock(PASSPHRASE, tmp_path / "notebook.db"))

    qtbot.waitUntil(lambda: again.note_view.note is not None and again.note_view.note.note_id == note_id, timeout=10_000)
    assert again.pages.currentWidget() is again.note_view
    shown = again.note_view.text.toPlainText()
    assert shown[again.note_view.top_char():].startswith(text[top_before:top_before + 20])
    assert QApplication.focusWidget() is again.note_view.text
    again.close()


def test_a_restart_after_closing_on_the_library_or_after_the_note_was_deleted_opens_the_library(
        unlocked_window, qtbot, engines, tmp_path):
    window = unlocked_window
    note_id = window.notebook.save(_long_note())
    window.open_note(note_id)
    qtbot.waitUntil(lambda: window.note_view.note is not None)
    window.lock()  # locked on the note, then quit from the locked window
    window.close()
    book = DesktopNotebook.unlock(PASSPHRASE, tmp_path / "notebook.db")
    book.storage.delete_note(int(note_id))
    book.close()

    again = _new_window(engines, tmp_path, qtbot)
    again.set_notebook(DesktopNotebook.unlock(PASSPHRASE, tmp_path / "notebook.db"))
    qtbot.wait(300)

    assert again.pages.currentWidget() is again.library and again.note_view.note is None
    assert not [box for box in again.findChildren(QMessageBox) if box.isVisible()]  # no error for a note gone
    again.close()


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_logout_or_shutdown_signal_quits_as_ctrl_q_does_the_edit_written_and_the_note_reopened(
        notebook, signal_name):
    """``kill PID`` (a logout, a shutdown) ended the app without saving where it was: the next start showed the
    library, and an edit within the autosave's delay was lost."""
    import os
    import signal
    import subprocess
    import sys

    from tests.support.quit_signal_child import NEW_TITLE
    from tests.support.testdata import PROJECT_ROOT
    from ui.last_place import read_last_place

    note_id = notebook.save(_long_note())
    path = notebook.storage.path
    notebook.close()
    child = subprocess.Popen([sys.executable, "-m", "tests.support.quit_signal_child", str(path), note_id],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT_ROOT,
                             env=dict(os.environ))
    try:
        assert child.stdout.readline().strip() == "edited"
        child.send_signal(getattr(signal, signal_name))
        _, errors = child.communicate(timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0, errors  # quit, not killed by the signal

    book = DesktopNotebook.unlock(PASSPHRASE, path)
    try:
        place = read_last_place(book.storage)
        note = book.load(note_id)
    finally:
        book.close()
    assert place is not None and place.note_id == note_id and place.shows_note  # the next start opens it
    assert note.transcript.title == NEW_TITLE and note.tags == ["logout"]
