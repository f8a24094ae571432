"""The window's menu bar: every command, with its key shown beside it, so the shortcuts can be learnt from the menus.

The window-wide keys (Ctrl+I, Ctrl+R, Ctrl+E, Ctrl+L, Ctrl+F, Ctrl+Q…) live on these actions. Keys that belong
to a page (Ctrl+Z, Ctrl+P, F2, ← →, Del) stay with it and are only shown here: a second owner would make Qt
treat the key as ambiguous and do nothing.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence


def _action(window, menu, text: str, slot: Callable[[], object], keys: str = "", shown_keys: str = "") -> QAction:
    action = QAction(f"{text}\t{QKeySequence(shown_keys).toString(QKeySequence.NativeText)}" if shown_keys else text,
                     window)
    if keys:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda _=False: slot())
    menu.addAction(action)
    return action


def _delete_in_library(window) -> None:
    """Shows the library first: the question names the notes, the list shows which ones are selected."""
    window.show_page("Library")
    window.library.request_delete()


def _forget_person(window, name: str = "") -> None:
    from ui.widgets.forget_person_dialog import open_forget_person

    open_forget_person(window, name)


def _import_in_library(window) -> None:
    """Shows the library first: its queue is where the chosen files' progress and errors show."""
    window.show_page("Library")
    window.library.choose_files()


def build_menu_bar(window) -> list[QAction]:
    """Adds File, Edit, View and Note menus to ``window`` (a MainWindow); returns the actions that need the notebook
    unlocked (the window disables them while locked)."""
    bar = window.menuBar()
    note = window.note_view
    file_menu = bar.addMenu("&File")
    unlocked = [
        _action(window, file_menu, "Import…", lambda: _import_in_library(window), "Ctrl+I"),
        _action(window, file_menu, "New recording", lambda: window.show_page("Record"), "Ctrl+R"),
        _action(window, file_menu, "Export…", window.open_export, "Ctrl+E"),
    ]
    file_menu.addSeparator()
    window.lock_action = _action(window, file_menu, "Lock", window.lock_or_unlock, "Ctrl+L")
    unlocked.append(_action(window, file_menu, "Settings…", window.open_settings, "Ctrl+,"))
    file_menu.addSeparator()
    _action(window, file_menu, "Quit", window.close, "Ctrl+Q")

    edit_menu = bar.addMenu("&Edit")
    unlocked += [
        _action(window, edit_menu, "Undo", note.undo, shown_keys="Ctrl+Z"),
        _action(window, edit_menu, "Redo", note.redo, shown_keys="Ctrl+Shift+Z"),
    ]
    edit_menu.addSeparator()
    unlocked += [
        _action(window, edit_menu, "Find", window.focus_search, "Ctrl+F"),
        _action(window, edit_menu, "Delete selected notes…", lambda: _delete_in_library(window), shown_keys="Del"),
        _action(window, edit_menu, "Forget a person…", lambda: _forget_person(window)),
    ]

    view_menu = bar.addMenu("&View")
    for number, page in enumerate(("Library", "Record", "Note", "Privacy"), start=1):
        unlocked.append(_action(window, view_menu, page, lambda page=page: window.show_page(page), f"Ctrl+{number}"))

    note.forget_requested.connect(lambda name: _forget_person(window, name))  # the speakers list's own entry
    note_menu = bar.addMenu("&Note")
    unlocked += [
        _action(window, note_menu, "Play / pause", note.toggle_playback, shown_keys="Ctrl+P"),
        _action(window, note_menu, "Back 5 seconds", lambda: note.seek(note.player.position_s - 5.0), shown_keys="Left"),
        _action(window, note_menu, "Forward 5 seconds", lambda: note.seek(note.player.position_s + 5.0),
                shown_keys="Right"),
        _action(window, note_menu, "Edit text", note.edit_current_segment, shown_keys="F2"),
        _action(window, note_menu, "Privacy review", lambda: window.show_page("Privacy")),
    ]
    return unlocked
