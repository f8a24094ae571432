"""A full-HD window keeps the transcript's lines short enough to read; a narrow one still wraps at its own width."""
from __future__ import annotations

from PySide6.QtWidgets import QTextEdit

from ui.widgets.transcript_text import READING_CHARS


def _longest_line_chars(text) -> int:
    document = text.document()
    longest, block = 0, document.begin()
    while block.isValid():
        layout = block.layout()
        longest = max([longest, *(layout.lineAt(i).textLength() for i in range(layout.lineCount()))])
        block = block.next()
    return longest


def test_at_1920_by_1080_a_long_turn_wraps_at_a_reading_width_and_at_800_by_600_at_the_window(
        unlocked_window, clip_note, qtbot):
    window = unlocked_window
    segment = clip_note.transcript.segments[0]
    segment.text, segment.words = " ".join([segment.text.strip()] * 12), []  # one long turn, as in a real meeting
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    text = window.note_view.text

    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: text.viewport().width() > 1200)

    assert _longest_line_chars(text) <= READING_CHARS * 1.15
    assert text.horizontalScrollBar().maximum() == 0

    window.resize(800, 600)
    qtbot.waitUntil(lambda: text.viewport().width() < 600)

    assert text.lineWrapMode() == QTextEdit.WidgetWidth and text.horizontalScrollBar().maximum() == 0
    assert _longest_line_chars(text) < READING_CHARS
