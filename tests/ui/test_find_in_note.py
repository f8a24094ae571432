"""Finding a word in an open note: from the library's search straight to the word, Ctrl+F on the note page,
Enter for the next match; the playhead moves there. A walk found no way to find a word inside a note."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt


def test_a_library_search_opens_the_note_on_the_word_and_play_starts_there(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.library.refresh()
    library = window.library
    qtbot.keyClicks(library.search, "youn")
    qtbot.keyClick(library.search, Qt.Key_Return)  # Enter opens the first match
    qtbot.waitUntil(lambda: window.note_view.note is not None and window.note_view.find_bar.isVisible(), timeout=10_000)
    view = window.note_view
    assert window.pages.currentWidget() is view
    assert view.text.textCursor().selectedText().lower() == "young"
    assert view.find_bar.count.text() == "1 of 1"
    word = next(w for w in view.paragraphs.layout.words
                if view.paragraphs.layout.text[w.start_char:w.end_char].lower().startswith("young"))
    assert view.player.position_s == pytest.approx(word.start_s, abs=0.01)

    qtbot.keyClick(view.find_bar.field, Qt.Key_Escape)
    assert not view.find_bar.isVisible()
    window.focus_search()  # Ctrl+F on the note page finds in the note, not in the library
    assert window.pages.currentWidget() is view and view.find_bar.isVisible()
    view.find_bar.field.clear()
    qtbot.keyClicks(view.find_bar.field, "young m")
    assert view.text.textCursor().selectedText().lower().startswith("young m")
    qtbot.keyClicks(view.find_bar.field, "xyzzy")
    assert view.find_bar.count.text() == "No match"


def test_enter_steps_through_every_match_and_wraps(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    view = window.note_view
    words = view.paragraphs.layout.words
    first_letter = view.paragraphs.layout.text[words[0].start_char].lower()
    expected = [i for i, w in enumerate(words) if view.paragraphs.layout.text[w.start_char:w.end_char].lower()
                .lstrip("-'\"").startswith(first_letter)]
    view.find_in_note(first_letter)
    seen = []
    for _ in range(len(expected) + 1):
        seen.append(view.text.textCursor().selectionStart())
        qtbot.keyClick(view.find_bar.field, Qt.Key_Return)
    assert seen[:-1] == [words[i].start_char for i in expected] and seen[-1] == seen[0]
    assert view.find_bar.count.text() == f"2 of {len(expected)}" or len(expected) == 1
