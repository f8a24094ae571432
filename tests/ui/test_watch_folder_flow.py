"""The app's watch folder: chosen in Settings, kept in the encrypted notebook, new files imported once through the queue."""
from __future__ import annotations

import shutil

from app.watch import WatchSetting, get_watch_setting
from ui.settings import settings_path
from ui.viewmodels.import_queue import DONE


def test_a_file_dropped_into_the_watch_folder_is_imported_once(unlocked_window, qtbot, clip, tmp_path):
    window = unlocked_window
    inbox = tmp_path / "zqxprivate-calls"
    inbox.mkdir()
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    assert dialog.watch_widget.isEnabled() and not dialog.watch_enabled.isChecked()
    dialog.watch_folder.setText(str(inbox))
    dialog.watch_enabled.setChecked(True)
    dialog.accept()

    assert get_watch_setting(window.notebook.storage) == WatchSetting(str(inbox), True)
    assert not settings_path().exists() or "zqxprivate" not in settings_path().read_text()
    assert window.folder_watcher.active

    shutil.copy(clip, inbox / "standup.wav")
    qtbot.waitUntil(lambda: bool(window.queue.entries) and window.queue.entries[0].state == DONE, timeout=120_000)
    assert [n.title for n in window.notebook.list_notes()] == ["standup"]

    window._start_watching()  # as after a restart: a fresh scan of the same folder
    qtbot.wait(5000)  # longer than the poll and settle time
    assert len(window.queue.entries) == 1
    assert len(window.notebook.list_notes()) == 1


def test_the_watch_folder_cannot_be_edited_while_locked(window, qtbot):
    assert window.open_settings() is None  # a locked window opens no settings at all
    from ui.settings import UiSettings
    from ui.widgets.settings_dialog import SettingsDialog

    dialog = SettingsDialog(UiSettings())  # without the notebook's watch setting
    qtbot.addWidget(dialog)
    assert not dialog.watch_widget.isEnabled() and not dialog.watch_enabled.isEnabled()
    assert not window.folder_watcher.active


def test_a_big_file_is_hashed_off_the_ui_thread_and_still_queued_once(qtbot, tmp_path, notebook):
    from ui.viewmodels.import_queue import ImportQueue
    from ui.watch_folder import FolderWatcher
    from ui.workers import WorkerPool

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    big = inbox / "all-hands.wav"
    with open(big, "wb") as handle:  # 1 GB, sparse: reading it takes a second or more, as a long recording does
        handle.truncate(1 << 30)
    pool = WorkerPool()
    # The import itself is not under test.
    queue = ImportQueue(lambda path, allow_duplicate, known_digest: (lambda hook, cancel: None), pool)
    watcher = FolderWatcher(queue, settle_s=0.0)
    watcher.start(notebook.storage, WatchSetting(str(inbox), True))
    watcher.timer.stop()  # polled by hand below
    watcher.poll()  # first sight: the file may still be growing
    watcher.poll()  # unchanged: ready, handed to the hashing thread
    assert watcher.hashing and queue.entries == []  # poll came back before the hash was done
    qtbot.waitUntil(lambda: not watcher.hashing, timeout=120_000)
    assert [entry.path for entry in queue.entries] == [big]
    watcher.poll()
    assert not watcher.hashing and len(queue.entries) == 1  # marked done: not hashed or queued again
    watcher.stop()
    pool.cancel_all()


def test_a_watched_file_is_read_once_for_its_digest_on_its_way_to_a_note(unlocked_window, qtbot, clip, tmp_path):
    from tests.support.file_reads import counting_reads

    window = unlocked_window
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    arrived = inbox / "all-hands.wav"  # an hour of video in real life: every read of it counts
    shutil.copy(clip, arrived)

    with counting_reads(arrived) as reads:
        window.apply_watch_setting(WatchSetting(str(inbox), True))
        qtbot.waitUntil(lambda: bool(window.queue.entries) and window.queue.entries[0].state == DONE, timeout=120_000)

    assert [n.title for n in window.notebook.list_notes()] == ["all-hands"]
    assert reads(arrived) == 1, f"the file was read {reads(arrived)} times to hash it"
