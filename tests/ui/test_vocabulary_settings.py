"""Settings → Vocabulary: names and terms added and removed with real widgets, saved into the notebook at once."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.vocabulary import load_vocabulary


def _tab_titles(dialog) -> list[str]:
    return [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]


def test_entries_are_added_and_removed_and_saved_at_once(unlocked_window, qtbot):
    window = unlocked_window
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    assert "Vocabulary" in _tab_titles(dialog)
    panel = dialog.vocabulary_panel
    dialog.tabs.setCurrentWidget(panel)
    panel.kind.setCurrentIndex(panel.kind.findData("name"))
    qtbot.keyClicks(panel.entry, "Siobhan Nakagawa")
    qtbot.keyClick(panel.entry, Qt.Key_Return)  # Enter adds; it does not close the dialog
    assert dialog.isVisible()
    panel.kind.setCurrentIndex(panel.kind.findData("term"))
    panel.entry.setText("Zephyrix")
    qtbot.mouseClick(panel.add_button, Qt.LeftButton)

    # Saved before OK or Cancel: the notebook already holds both.
    assert [(e.text, e.kind) for e in load_vocabulary(window.notebook.storage)] == [
        ("Siobhan Nakagawa", "name"), ("Zephyrix", "term")]
    assert [panel.table.item(r, 0).text() for r in range(panel.table.rowCount())] == ["Siobhan Nakagawa", "Zephyrix"]

    panel.entry.setText("zephyrix")
    qtbot.mouseClick(panel.add_button, Qt.LeftButton)
    assert "already" in panel.status.text() and panel.table.rowCount() == 2
    panel.entry.setText("Ann, Bob")
    qtbot.mouseClick(panel.add_button, Qt.LeftButton)
    assert "one entry at a time" in panel.status.text() and panel.entry.text() == "Ann, Bob"  # kept to fix

    panel.table.clearSelection()
    assert not panel.remove_button.isEnabled()
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.remove_button, Qt.LeftButton)
    assert load_vocabulary(window.notebook.storage).terms == ("Zephyrix",)
    dialog.reject()  # Cancel does not undo what was saved
    assert load_vocabulary(window.notebook.storage).terms == ("Zephyrix",)


def test_the_vocabulary_is_not_shown_while_locked_and_locking_closes_it(unlocked_window, qtbot):
    window = unlocked_window
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    dialog.vocabulary_panel.entry.setText("Xochitl")
    dialog.vocabulary_panel.add_entry()
    window.lock()
    assert not dialog.isVisible()
    assert window.open_settings() is None
    from ui.settings import UiSettings
    from ui.widgets.settings_dialog import SettingsDialog

    locked = SettingsDialog(UiSettings())  # without the notebook
    qtbot.addWidget(locked)
    assert locked.vocabulary_panel is None and "Vocabulary" not in _tab_titles(locked)
