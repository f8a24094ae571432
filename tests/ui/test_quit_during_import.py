"""Closing or locking the window while files are being imported: asked first; "Keep working" stops nothing."""
from __future__ import annotations

from tests.support.message_boxes import answer_next_box
from ui.viewmodels.import_queue import CANCELLED, DONE, RUNNING, WAITING


def test_closing_during_an_import_asks_and_keep_working_loses_nothing(unlocked_window, qtbot, clip, tmp_path):
    import shutil

    window = unlocked_window
    second = tmp_path / "second take.wav"
    shutil.copyfile(clip, second)
    window.queue.add([clip, second])
    asked = []
    answer_next_box("Keep working", asked)
    window.close()
    assert len(asked) == 1 and "2 files are still being imported" in asked[0]
    assert window.isVisible() and window.notebook is not None
    assert [e.state for e in window.queue.entries] == [RUNNING, WAITING]

    answer_next_box("Keep working", asked)
    window.lock()
    assert len(asked) == 2 and window.notebook is not None  # Lock asks too, and stays unlocked

    qtbot.waitUntil(lambda: window.queue.entries[0].state == DONE, timeout=120_000)
    answer_next_box("Quit", asked)
    window.close()
    assert len(asked) == 3 and "1 file is still being imported" in asked[2]
    assert not window.isVisible()
    qtbot.waitUntil(lambda: window.queue.entries[1].state == CANCELLED, timeout=60_000)


def test_closing_with_nothing_running_asks_nothing(unlocked_window):
    window = unlocked_window
    asked = []
    answer_next_box("Keep working", asked, timeout_s=1.0)
    window.close()
    assert asked == [] and not window.isVisible()


def test_the_same_file_dropped_twice_is_imported_once(unlocked_window, qtbot, clip):
    window = unlocked_window
    window.queue.add([clip])
    window.queue.add([clip, clip.parent / ".." / clip.parent.name / clip.name])  # the same file by another path
    assert len(window.queue.entries) == 1
    assert f"{clip.name} is already in the import queue" in window.status_label.text()
    window.queue.cancel_all()
    qtbot.waitUntil(lambda: not window.queue.running, timeout=60_000)


def test_forty_dropped_files_keep_the_window_on_the_screen_and_finished_rows_can_be_cleared(unlocked_window, qtbot,
                                                                                          tmp_path):
    """A walk dropped forty files: each queue row added height until the window was 1,757 px tall on an 800 px screen."""
    window = unlocked_window
    files = []
    for i in range(40):
        files.append(tmp_path / f"minutes {i:02d}.wav")
        files[-1].write_text("not audio")
    window.queue.add(files)
    qtbot.wait(50)
    screen = window.screen().availableGeometry()
    assert window.frameGeometry().height() <= screen.height() and window.minimumSizeHint().height() <= screen.height()
    panel = window.library.queue_box
    assert len(panel.rows) == 40 and panel.scroll.height() < 200

    window.queue.cancel_all()
    qtbot.waitUntil(lambda: not window.queue.running, timeout=60_000)
    assert panel.clear_button.isEnabled()
    panel.clear_finished()
    assert panel.rows == {} and not panel.isVisible()


def test_quitting_closes_the_windows_dialogs(unlocked_window, clip_note, qtbot):
    """Ctrl+Q with Export open closed the main window only: the export dialog stayed, over a closed notebook."""
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    dialog = window.open_export()
    assert dialog.isVisible()
    window.close()
    assert not dialog.isVisible() and not window.isVisible()
