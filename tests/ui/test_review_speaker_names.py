"""A speaker's name written in another speaker's turn is marked in the privacy review like any other name.

Exports redacted it (``app.privacy.speaker_mentions``) and the preview hid it, but the review's text showed it plain,
so the reviewer could neither see why it vanished from the preview nor keep it.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from audio_core.model import Segment, Speaker, Word

TURNS = [("S1", "Thanks for joining, I will keep it short."), ("S2", "I spoke with Dana Whitfield about the budget.")]


@pytest.fixture
def named_note(unlocked_window, clip_note):
    """The clip as two turns; speaker S1 is named Dana Whitfield, whose name S2 says; the detector found nothing."""
    transcript = clip_note.transcript
    segments = []
    for i, (speaker, text) in enumerate(TURNS):
        start_s = i * 1.8
        words = [Word(w, start_s + k * 0.2, start_s + k * 0.2 + 0.15, 0.9, speaker) for k, w in enumerate(text.split())]
        segments.append(Segment(start_s, start_s + 1.8, text, words, speaker))
    transcript.segments = segments
    transcript.speakers = [Speaker("S1", "Dana Whitfield"), Speaker("S2", "Speaker 2")]
    transcript.pii_spans = []
    unlocked_window.notebook.save(clip_note)
    unlocked_window.show_note(clip_note)
    unlocked_window.show_page("Privacy")
    return clip_note


def char_format(panel, position):
    cursor = QTextCursor(panel.text.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat()


def test_a_speakers_name_in_the_text_is_marked_as_a_person_and_can_be_kept(unlocked_window, named_note, qtbot):
    panel = unlocked_window.privacy
    text = panel.text.toPlainText()
    at = text.index("Dana Whitfield")
    mark = char_format(panel, at)
    assert mark.background().color().name() == "#f2a65a"  # the colour of every PERSON
    assert "speaker's name" in mark.toolTip()
    assert char_format(panel, text.index("budget")).background().style() == Qt.NoBrush
    assert "PERSON" in panel.legend.label.text() and "Dana" not in panel.preview.toPlainText()
    assert "1 finding" in panel.status.text()

    cursor = QTextCursor(panel.text.document())
    cursor.setPosition(at + 2)
    qtbot.mouseClick(panel.text.viewport(), Qt.LeftButton, pos=panel.text.cursorRect(cursor).center())
    (row,) = panel.selected_rows()
    assert panel.model.index(row, 1).data() == "Dana Whitfield" and panel.model.index(row, 4).data() == "speaker name"

    qtbot.mouseClick(panel.reject_button, Qt.LeftButton)  # Keep: this mention may stay in exports
    assert "with Dana Whitfield about" in panel.preview.toPlainText()
    assert char_format(panel, at).fontStrikeOut() and panel.selected_rows() == [0]
    assert panel.model.index(0, 3).data() == "rejected" and panel.model.rowCount() == 1
    assert [(s.text, s.decision) for s in named_note.transcript.pii_spans] == [("Dana Whitfield", "rejected")]

    qtbot.keyClick(panel.table, Qt.Key_Z, Qt.ControlModifier)
    assert "Dana" not in panel.preview.toPlainText() and not char_format(panel, at).fontStrikeOut()
    assert char_format(panel, at).background().color().name() == "#f2a65a" and named_note.transcript.pii_spans == []


def test_detecting_again_keeps_the_selected_name_selected(unlocked_window, named_note, qtbot):
    panel = unlocked_window.privacy
    segment = named_note.transcript.segments[0]
    segment.text = "Thanks for joining from Portland, I will keep it short."  # the detector will find a place first
    panel.refresh()
    panel.table.selectRow(0)
    assert panel.model.span_at(0).text == "Dana Whitfield" and "1 of them a speaker's name" in panel.status.text()

    with qtbot.waitSignal(panel.detection_finished, timeout=60_000):
        qtbot.mouseClick(panel.detect_button, Qt.LeftButton)
    assert "Portland" in [s.text for s in named_note.transcript.pii_spans]
    assert [panel.model.span_at(row).text for row in panel.selected_rows()] == ["Dana Whitfield"]
