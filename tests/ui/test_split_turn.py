"""Correcting who said what in the note view: a turn split at a word, given to another or a new speaker, undoable,
saved; a walk found no way to do it (only rename and merge, which act on a speaker everywhere)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu


def choose_in_context_menu(view, word_index: int, entry: str) -> list[str]:
    """Opens the transcript's real context menu over a word and picks "From here, said by ▸ entry"; returns
    the entries that submenu offered."""
    offered: list[str] = []

    def pick():
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, pick)
            return
        said_by = next(a.menu() for a in menu.actions() if a.text() == "From here, said by")
        offered.extend(a.text() for a in said_by.actions() if a.text())
        next(a for a in said_by.actions() if a.text() == entry).trigger()
        menu.close()

    place = view.paragraphs.layout.words[word_index]
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(place.start_char + 1)
    point = view.text.cursorRect(cursor).center()
    QTimer.singleShot(0, pick)
    view.text.contextMenuEvent(QContextMenuEvent(QContextMenuEvent.Mouse, point, view.text.viewport().mapToGlobal(point)))
    return offered


def test_a_turn_split_at_a_word_goes_to_another_speaker_undoably_and_is_saved(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    view = window.note_view
    transcript = clip_note.transcript
    original = [(s.speaker_id, s.text) for s in transcript.segments]
    first_name = transcript.speakers[0].name
    words = view.paragraphs.layout.words
    middle = len(words) // 2
    place = words[middle]

    view.give_rest_of_turn(place.segment_index, place.word_index, "", "Ben")  # what "New speaker…" does
    assert [s.name for s in transcript.speakers] == [first_name, "Ben"]
    assert [p.speaker_name for p in view.paragraphs.layout.paragraphs] == [first_name, "Ben"]
    assert view.paragraphs.layout.text.split("\n")[2].startswith("Ben")
    assert " ".join(s.text for s in transcript.segments).split() == " ".join(t for _, t in original).split()

    last = len(view.paragraphs.layout.words) - 1
    offered = choose_in_context_menu(view, last, first_name)
    assert offered == [first_name, "New speaker…"]  # the word's own speaker is not offered
    assert [p.speaker_name for p in view.paragraphs.layout.paragraphs] == [first_name, "Ben", first_name]

    view.undo()
    view.undo()
    assert [(s.speaker_id, s.text) for s in transcript.segments] == original and len(transcript.speakers) == 1
    view.redo()
    view.redo()
    assert [p.speaker_name for p in view.paragraphs.layout.paragraphs] == [first_name, "Ben", first_name]

    assert window.save_current_note()
    stored = window.notebook.load(clip_note.note_id).transcript
    assert [(s.speaker_id, s.text) for s in stored.segments] == [(s.speaker_id, s.text) for s in transcript.segments]
    assert [s.name for s in stored.speakers] == [first_name, "Ben"]
