"""Creating and unlocking the encrypted notebook through the dialog, and auto-lock after idle time."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.support.message_boxes import answer_next_box
from app.storage import KdfOptions
from app.storage.keys import read_key_file
from tests.support.notebooks import PASSPHRASE, create_desktop_notebook


def test_create_needs_a_fair_passphrase_typed_twice_then_unlocks(window, qtbot, tmp_path):
    dialog = window.ask_unlock()
    assert dialog.mode == "create" and not window.pages.isEnabled()
    qtbot.keyClicks(dialog.passphrase, "abc123")
    qtbot.keyClicks(dialog.confirmation, "abc123")
    assert not dialog.submit.isEnabled()
    assert dialog.meter.value() <= 1 and dialog.strength_label.text().startswith(("Too weak", "Weak"))

    dialog.passphrase.clear()
    dialog.confirmation.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.confirmation, PASSPHRASE + "x")
    assert not dialog.submit.isEnabled() and "differ" in dialog.message.text()
    qtbot.keyClick(dialog.confirmation, Qt.Key_Backspace)
    assert dialog.submit.isEnabled() and dialog.meter.value() >= 3

    with qtbot.waitSignal(window.unlocked, timeout=30_000):
        qtbot.mouseClick(dialog.submit, Qt.LeftButton)
    assert window.pages.isEnabled() and window.notebook is not None
    assert (tmp_path / "notebook.db").exists() and (tmp_path / "notebook.key").exists()
    # the app's own key derivation (other window tests make their notebooks with a cheap one)
    assert read_key_file(tmp_path / "notebook.key").kdf == KdfOptions() == KdfOptions(3, 64 * 1024, 1)
    assert dialog.passphrase.text() == "" and not dialog.isVisible()


def test_enter_on_a_passphrase_it_cannot_take_says_why(window, qtbot, tmp_path):
    """A walk found Enter on a weak passphrase did nothing at all, and "differ" shown at the confirmation's first letter."""
    dialog = window.ask_unlock()
    qtbot.keyClicks(dialog.passphrase, "summer")
    qtbot.keyClick(dialog.passphrase, Qt.Key_Return)
    assert "too easy to guess" in dialog.message.text() and window.notebook is None

    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    assert dialog.message.text() == ""
    qtbot.keyClick(dialog.passphrase, Qt.Key_Return)
    assert "again under Confirm" in dialog.message.text() and dialog.focusWidget() is dialog.confirmation

    qtbot.keyClicks(dialog.confirmation, PASSPHRASE[:5])  # still typing: not an error yet
    assert "differ" not in dialog.message.text()
    qtbot.keyClick(dialog.confirmation, Qt.Key_Return)
    assert "differ" in dialog.message.text() and window.notebook is None
    assert not (tmp_path / "notebook.key").exists()


def test_wrong_passphrase_shows_a_clear_message_and_stays_locked(window, qtbot, tmp_path):
    create_desktop_notebook(tmp_path / "notebook.db").close()
    dialog = window.ask_unlock()
    assert dialog.mode == "unlock" and not dialog.confirmation.isVisible()
    qtbot.keyClicks(dialog.passphrase, "not my passphrase")
    qtbot.mouseClick(dialog.submit, Qt.LeftButton)
    qtbot.waitUntil(lambda: "passphrase" in dialog.message.text().lower(), timeout=30_000)
    assert dialog.isVisible() and window.notebook is None and not window.pages.isEnabled()
    assert "Traceback" not in dialog.message.text() and "\n" not in dialog.message.text()

    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=30_000):
        qtbot.keyClick(dialog.passphrase, Qt.Key_Return)
    assert window.notebook is not None


def test_idle_time_locks_the_notebook_and_clears_the_views(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.library.refresh()
    window.show_note(clip_note)
    assert window.library.model.rowCount() == 1
    window.apply_settings(window.settings.with_changes(auto_lock_min=1))
    assert window.idle_timer.isActive() and window.idle_timer.interval() == 60_000
    window.idle_timer.setInterval(300)  # the real minimum is a minute; the timer is the same
    window.idle_timer.start()
    with qtbot.waitSignal(window.locked, timeout=10_000):
        pass
    assert window.notebook is None
    assert window.library.model.rowCount() == 0 and window.note_view.note is None
    assert window.unlock_dialog.isVisible() and window.unlock_dialog.mode == "unlock"


def test_escape_on_the_unlock_dialog_leaves_a_window_that_offers_unlock(window, qtbot, tmp_path):
    create_desktop_notebook(tmp_path / "notebook.db").close()
    dialog = window.ask_unlock()
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert not dialog.isVisible() and window.notebook is None
    assert window.content.currentWidget() is window.locked_view and window.locked_view.isVisible()
    assert not window.library.isVisible()  # no "No notes yet", no queue of file names
    assert window.lock_button.isEnabled() and window.lock_button.text() == "Unlock…"
    assert window.open_settings() is None and not window.settings_button.isEnabled()

    qtbot.mouseClick(window.locked_view.unlock_button, Qt.LeftButton)
    again = window.unlock_dialog
    assert again.isVisible() and again is not dialog
    qtbot.keyClick(again, Qt.Key_Escape)
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)  # Ctrl+L on a locked window asks again
    assert window.unlock_dialog.isVisible()
    qtbot.keyClicks(window.unlock_dialog.passphrase, "wrong passphrase")
    qtbot.keyClick(window.unlock_dialog.passphrase, Qt.Key_Return)
    qtbot.waitUntil(lambda: "passphrase" in window.unlock_dialog.message.text().lower(), timeout=30_000)
    assert window.unlock_dialog.passphrase.text() == ""  # the wrong one is not left in the field
    qtbot.keyClicks(window.unlock_dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=30_000):
        qtbot.keyClick(window.unlock_dialog.passphrase, Qt.Key_Return)
    assert window.content.currentWidget() is window.pages and window.settings_button.isEnabled()
    assert window.lock_button.text() == "Lock"


def test_an_import_queued_before_lock_shows_no_file_name_while_locked(unlocked_window, qtbot, clip):
    window = unlocked_window
    window.queue.add([clip])
    asked = []
    answer_next_box("Lock", asked)
    window.lock()
    assert asked and window.notebook is None
    assert clip.name not in window.status_label.text()
    assert not window.library.queue_box.isVisible()
    qtbot.wait(200)  # the cancelled import reports back
    assert clip.name not in window.status_label.text()


def test_locking_closes_the_open_export_dialog_so_no_title_or_name_shows(unlocked_window, clip_note, qtbot):
    """A walk found the export dialog (title, speakers' names, folder, files written) still shown beside the
    unlock dialog after the idle lock."""
    from PySide6.QtWidgets import QDialog

    window = unlocked_window
    clip_note.transcript.title = "Call with Anna Schmidt"
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    window.lock()
    shown = [w for w in window.findChildren(QDialog) if w.isVisible()]
    assert shown == [window.unlock_dialog], [w.windowTitle() for w in shown]


def test_unlocking_comes_back_to_the_page_and_note_that_were_open(unlocked_window, clip_note, qtbot):
    """After unlock the window showed the library, not the note's privacy review the user was working on."""
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    window.show_page("Privacy")
    window.lock()
    assert window.note_view.note is None
    dialog = window.unlock_dialog
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=30_000):
        qtbot.keyClick(dialog.passphrase, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.note_view.note is not None, timeout=30_000)
    assert window.note_view.note.note_id == clip_note.note_id
    assert window.pages.currentWidget() is window.privacy


def test_the_lock_notice_is_not_shown_as_an_error(unlocked_window):
    """After Lock, "Locked. Enter your passphrase to continue." stood in the error line, in red, like a wrong passphrase."""
    window = unlocked_window
    window.lock()
    dialog = window.unlock_dialog
    assert dialog.message.text() == ""
    assert any(label.text().startswith("Locked.") and label.objectName() == "subtitle"
               for label in dialog.findChildren(type(dialog.message)))


def test_while_the_unlock_dialog_asks_no_word_of_the_locked_page_shows_beside_it(window, qtbot, tmp_path):
    """The dialog has the window's background: "…phrase to open them." showed cut off beside it."""
    from PySide6.QtWidgets import QLabel

    create_desktop_notebook(tmp_path / "notebook.db").close()
    dialog = window.ask_unlock()
    qtbot.waitUntil(dialog.isVisible)

    assert not [label.text() for label in window.locked_view.findChildren(QLabel) if label.isVisible()]
    assert not window.locked_view.unlock_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key_Escape)
    assert window.locked_view.unlock_button.isVisible()  # no dialog: the page says how to get back in
    assert any(label.text().startswith("Your notes are encrypted") and label.isVisible()
               for label in window.locked_view.findChildren(QLabel))
