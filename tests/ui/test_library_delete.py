"""Deleting notes from the library: several at once, asked first, gone from the notebook, the open note closed."""
from __future__ import annotations

import copy

from PySide6.QtCore import QItemSelectionModel, Qt

from tests.support.message_boxes import answer_next_box


def saved_notes(window, clip_note, titles):
    for title in titles:
        note = copy.deepcopy(clip_note)
        note.transcript.title = title
        window.notebook.save(note)
    window.library.refresh()


def select_titles(library, titles) -> None:
    selection = library.table.selectionModel()
    selection.clearSelection()
    for row in range(library.proxy.rowCount()):
        if library.proxy.index(row, 0).data() in titles:
            selection.select(library.proxy.index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)


def test_delete_key_deletes_the_selected_notes_after_asking(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    library = window.library
    saved_notes(window, clip_note, ["Budget review", "Hiring panel", "Weekly sync"])
    assert library.proxy.rowCount() == 3
    first = next(s for s in window.notebook.list_notes() if s.title == "Budget review")
    window.open_note(first.note_id)
    qtbot.waitUntil(lambda: window.note_view.note is not None, timeout=10_000)
    window.show_page("Library")

    select_titles(library, {"Budget review", "Weekly sync"})
    library.table.setFocus()
    asked = []
    answer_next_box("Cancel", asked)
    qtbot.keyClick(library.table, Qt.Key_Delete)
    assert len(asked) == 1 and "“Budget review”" in asked[0] and "“Weekly sync”" in asked[0]
    assert "cannot be undone" in asked[0]
    assert len(window.notebook.list_notes()) == 3 and window.note_view.note is not None  # Cancel deletes nothing

    answer_next_box("Delete", asked)
    library.table.setFocus()
    qtbot.keyClick(library.table, Qt.Key_Delete)
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 1, timeout=20_000)
    assert [s.title for s in window.notebook.list_notes()] == ["Hiring panel"]
    assert library.proxy.index(0, 0).data() == "Hiring panel"
    assert window.note_view.note is None  # the deleted note was open: it is closed, not saved back
    assert "Deleted 2 notes" in window.status_label.text()
    assert [s.title for s in library.selected_notes()] == ["Hiring panel"]  # the keyboard keeps its place
    window.save_current_note()
    assert [s.title for s in window.notebook.list_notes()] == ["Hiring panel"]


def test_the_row_menu_names_the_delete_key(unlocked_window, clip_note, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    window = unlocked_window
    library = window.library
    saved_notes(window, clip_note, ["One", "Two"])
    select_titles(library, {"One", "Two"})
    shown = []

    def read_menu():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            shown.extend((a.text(), a.shortcut().toString()) for a in menu.actions() if a.text())
            menu.close()
        else:
            QTimer.singleShot(20, read_menu)

    QTimer.singleShot(0, read_menu)
    library._row_menu(library.table.visualRect(library.proxy.index(0, 0)).center())
    assert ("Delete 2 notes…", "Del") in shown


def test_the_library_follows_notes_saved_and_forgotten_by_another_process(unlocked_window, clip_note, qtbot, tmp_path):
    """``hushnote transcribe --save`` or ``hushnote forget`` from a terminal while the app is open: the list follows."""
    from tests.support.notebooks import PASSPHRASE
    from ui.notebook import DesktopNotebook

    window = unlocked_window
    library = window.library
    saved_notes(window, clip_note, ["Kept"])
    select_titles(library, {"Kept"})
    other = DesktopNotebook.unlock(PASSPHRASE, tmp_path / "notebook.db")  # its own connection, as another process has
    try:
        note = copy.deepcopy(clip_note)
        note.transcript.title = "From the terminal"
        other.save(note)
        qtbot.waitUntil(lambda: library.proxy.rowCount() == 2, timeout=5_000)
        assert {s.title for s in library.selected_notes()} == {"Kept"}  # what the user had selected stays selected
        other.delete_many([note.note_id])
        qtbot.waitUntil(lambda: library.proxy.rowCount() == 1, timeout=5_000)
    finally:
        other.close()
