"""The menu bar: every window command is there with its key shown, the keys work, and nothing of the notebook
is reachable while locked. A walk found no menus at all: the shortcuts could only be learnt from the README."""
from __future__ import annotations

from PySide6.QtCore import Qt


def menu_entries(window) -> dict[str, str]:
    entries = {}
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            if action.text():
                text, _, shown = action.text().partition("\t")
                entries[text] = action.shortcut().toString() or shown
    return entries


def test_the_menus_show_each_command_with_its_key(unlocked_window):
    entries = menu_entries(unlocked_window)
    for text, keys in {"Import…": "Ctrl+I", "New recording": "Ctrl+R", "Export…": "Ctrl+E", "Lock": "Ctrl+L",
                       "Settings…": "Ctrl+,", "Quit": "Ctrl+Q", "Undo": "Ctrl+Z", "Redo": "Ctrl+Shift+Z",
                       "Find": "Ctrl+F", "Play / pause": "Ctrl+P", "Edit text": "F2", "Library": "Ctrl+1"}.items():
        assert entries.get(text) == keys, (text, entries.get(text))


def test_view_keys_switch_pages_and_a_locked_window_offers_only_unlock_and_quit(unlocked_window, qtbot):
    window = unlocked_window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.record
    qtbot.keyClick(window, Qt.Key_1, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.library

    window.lock()
    enabled = {a.text().partition("\t")[0] for m in window.menuBar().actions() for a in m.menu().actions()
               if a.text() and a.isEnabled()}
    assert enabled == {"Unlock…", "Quit"}


def test_delete_from_the_menu_shows_the_library_before_asking(unlocked_window, clip_note, qtbot):
    from tests.support.message_boxes import answer_next_box

    window = unlocked_window
    window.notebook.save(clip_note)
    window.library.refresh()
    window.library.table.selectRow(0)
    window.show_note(clip_note)
    asked = []
    answer_next_box("Cancel", asked)
    next(a for m in window.menuBar().actions() for a in m.menu().actions()
         if a.text().startswith("Delete selected notes")).trigger()
    assert len(asked) == 1 and window.pages.currentWidget() is window.library
    assert len(window.notebook.list_notes()) == 1
