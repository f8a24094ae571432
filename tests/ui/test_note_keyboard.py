"""The keyboard on the note and privacy pages: a note opened with Enter takes typing in its transcript, Tab runs
title → transcript → speakers, and no list keeps Tab to itself."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _open_with_enter(window, clip_note, qtbot, save: bool = True) -> None:
    if save:
        window.notebook.save(clip_note)
    window.library.refresh()
    window.show_page("Library")
    window.activateWindow()
    table = window.library.table
    table.setFocus()
    table.setCurrentIndex(window.library.proxy.index(0, 0))
    qtbot.keyClick(table, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.note_view.note is not None and window.note_view.note.note_id == clip_note.note_id)


def test_a_note_opened_with_enter_puts_the_keyboard_in_its_transcript(unlocked_window, clip_note, qtbot):
    window = unlocked_window

    _open_with_enter(window, clip_note, qtbot)

    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.note_view.text)
    assert window.note_view.text.textCursor().position() == 0  # at the start, where the note opens

    window.note_view.speakers.setFocus()
    _open_with_enter(window, clip_note, qtbot, save=False)  # the same note again, from the library

    assert QApplication.focusWidget() is window.note_view.text


def test_tab_runs_from_the_title_to_the_transcript_to_the_speakers_and_back_round(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    view = window.note_view
    _open_with_enter(window, clip_note, qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.text)
    view.details_button.setFocus(Qt.TabFocusReason)
    visited = [QApplication.focusWidget()]

    for _ in range(30):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is view.details_button:
            break

    assert visited[-1] is view.details_button, f"Tab never came back round: {[type(w).__name__ for w in visited]}"
    names = [type(w).__name__ for w in visited]
    order = [visited.index(w) for w in (view.details_button, view.text, view.speakers)]
    assert order == sorted(order), names
    between = set(visited[:visited.index(view.text)])
    assert not between & {window.nav, window.settings_button, window.lock_button}, names  # no detour by the sidebar


def test_space_right_after_opening_a_note_plays_it_and_types_nothing(unlocked_window, clip_note, qtbot):
    """With the keyboard in the transcript at its first header, Space did nothing: not text to type, nor Play."""
    window = unlocked_window
    window.apply_settings(window.settings.with_changes(output_device="Headphones that are not plugged in"))
    _open_with_enter(window, clip_note, qtbot)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.note_view.text)
    shown = window.note_view.text.toPlainText()

    qtbot.keyClick(window.note_view.text, Qt.Key_Space)

    assert window.statusBar().currentMessage().startswith("Cannot play audio through")  # Play was asked for
    assert window.note_view.text.toPlainText() == shown and not window.note_view.undo_stack.canUndo()


def test_tab_leaves_the_privacy_findings_for_the_redact_button(unlocked_window, qtbot):
    """Tab into the findings walked their cells and wrapped round them: Redact and Keep were out of reach."""
    import copy

    from tests.support.transcripts import make_transcript
    from ui.notebook import Note

    window = unlocked_window
    note = Note(None, copy.deepcopy(make_transcript()), None)
    window.notebook.save(note)
    window.show_note(note)
    window.show_page("Privacy")
    window.activateWindow()
    table = window.privacy.table
    assert table.model().rowCount() >= 1
    table.setFocus(Qt.TabFocusReason)
    table.setCurrentIndex(table.model().index(0, 0))

    qtbot.keyClick(table, Qt.Key_Tab)

    assert QApplication.focusWidget() is window.privacy.accept_button
