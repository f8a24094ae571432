"""The privacy review follows the transcript live: colours per type, highlight <-> row, undo, whole-word hand redaction."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from audio_core.model import PiiSpan
from ui.viewmodels.word_edit import edit_segment_text

SAID = "My name is John Smith and I live at 12 Oak Street near Springfield Clinic"


def span_of(text, part, entity_type):
    start = text.index(part)
    return PiiSpan(0, start, start + len(part), entity_type, part, 0.85)


@pytest.fixture
def review_note(unlocked_window, clip_note):
    """The real clip corrected into a sentence with a name, an address and a place, found as the detector would."""
    transcript = clip_note.transcript
    transcript.segments = transcript.segments[:1]
    edit_segment_text(transcript.segments[0], SAID)
    transcript.pii_spans = [
        span_of(SAID, "John Smith", "PERSON"),
        span_of(SAID, "12 Oak Street", "ADDRESS"),
        span_of(SAID, "Springfield Clinic", "LOCATION"),
    ]
    unlocked_window.notebook.save(clip_note)
    unlocked_window.show_note(clip_note)
    unlocked_window.show_page("Privacy")
    return clip_note


def background_at(panel, position):
    cursor = QTextCursor(panel.text.document())
    cursor.setPosition(position + 1)
    return cursor.charFormat().background()


def click_text(qtbot, panel, position):
    cursor = QTextCursor(panel.text.document())
    cursor.setPosition(position)
    qtbot.mouseClick(panel.text.viewport(), Qt.LeftButton, pos=panel.text.cursorRect(cursor).center())


def test_an_edit_in_the_note_shows_at_once_in_the_review(unlocked_window, review_note, qtbot):
    window, panel = unlocked_window, unlocked_window.privacy
    window.note_view.edit_segment(0, SAID.replace("John Smith", "Jon Smyth"))
    assert "Jon Smyth" in panel.text.toPlainText() and "John" not in panel.text.toPlainText()
    assert panel.model.index(0, 1).data() == "Jon Smyth"
    assert "Jon" not in panel.preview.toPlainText() and "Smyth" not in panel.preview.toPlainText()
    assert background_at(panel, panel.text.toPlainText().index("Jon")).color().name() == "#f2a65a"
    window.note_view.undo()
    assert panel.model.index(0, 1).data() == "John Smith" and "John Smith" in panel.text.toPlainText()


def test_clicking_a_highlight_selects_its_row_and_accept_paints_only_the_findings(unlocked_window, review_note, qtbot):
    panel = unlocked_window.privacy
    text = panel.text.toPlainText()
    click_text(qtbot, panel, text.index("Oak"))
    assert panel.selected_rows() == [1]
    qtbot.mouseClick(panel.accept_button, Qt.LeftButton)
    assert review_note.transcript.pii_spans[1].decision == "accepted" and panel.selected_rows() == [1]
    for plain in ("My name", "and I live", "near"):
        assert background_at(panel, text.index(plain)).style() == Qt.NoBrush, plain
    assert background_at(panel, text.index("Oak")).style() != Qt.NoBrush


def test_each_type_has_its_own_colour_named_in_the_legend(unlocked_window, review_note):
    panel = unlocked_window.privacy
    text = panel.text.toPlainText()
    colours = {t: background_at(panel, text.index(w)).color().name()
               for t, w in (("PERSON", "John"), ("ADDRESS", "Oak"), ("LOCATION", "Springfield"))}
    assert len(set(colours.values())) == 3
    assert dict(panel.legend.entries()) == colours
    assert all(label.isVisible() for label in panel.legend.labels)
    assert all(t in panel.legend.label.text() for t in colours)


def _swatch_pixels(table, row: int, colour: str) -> int:
    """How many pixels of the row's Type cell, as drawn, are exactly ``colour`` (its swatch)."""
    image = table.viewport().grab(table.visualRect(table.model().index(row, 0))).toImage()
    return sum(image.pixelColor(x, y).name() == colour for x in range(image.width()) for y in range(image.height()))


def test_a_selected_rows_swatch_keeps_its_types_colour(unlocked_window, review_note):
    panel = unlocked_window.privacy
    panel.table.selectRow(0)  # PERSON, orange

    assert _swatch_pixels(panel.table, 1, "#3fa672") >= 64  # ADDRESS, not selected: its 8×8+ swatch as a reference
    assert _swatch_pixels(panel.table, 0, "#f2a65a") >= 64, "the selection tinted PERSON's orange"


def test_selecting_a_row_outlines_its_highlight_in_the_text(unlocked_window, review_note):
    panel = unlocked_window.privacy
    panel.table.selectRow(2)
    (selection,) = panel.text.extraSelections()
    assert selection.cursor.selectedText() == "Springfield Clinic"


def test_ctrl_z_on_the_privacy_page_undoes_and_redoes_decisions(unlocked_window, review_note, qtbot):
    panel = unlocked_window.privacy
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.reject_button, Qt.LeftButton)
    assert review_note.transcript.pii_spans[0].decision == "rejected" and "John" in panel.preview.toPlainText()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key_Z, Qt.ControlModifier)
    assert review_note.transcript.pii_spans[0].decision == "pending" and "John" not in panel.preview.toPlainText()
    panel.text.setFocus()
    qtbot.keyClick(panel.text, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert review_note.transcript.pii_spans[0].decision == "rejected"
    qtbot.mouseClick(panel.undo_button, Qt.LeftButton)
    assert review_note.transcript.pii_spans[0].decision == "pending"


def test_a_hand_redaction_of_part_of_a_word_covers_the_whole_word(unlocked_window, review_note, qtbot):
    panel = unlocked_window.privacy
    review_note.transcript.pii_spans = []
    panel.refresh()
    start = panel.text.toPlainText().index("Springfield C")
    cursor = panel.text.textCursor()
    cursor.setPosition(start + 3)  # "ingfield C": a sloppy drag
    cursor.setPosition(start + len("Springfield C"), QTextCursor.KeepAnchor)
    panel.text.setTextCursor(cursor)
    panel.manual_type.setCurrentText("LOCATION")
    qtbot.mouseClick(panel.manual_button, Qt.LeftButton)
    (span,) = review_note.transcript.pii_spans
    assert span.text == "Springfield Clinic"
    preview = panel.preview.toPlainText()
    assert "linic" not in preview and "Spr" not in preview and "near [LOCATION" in preview
    qtbot.keyClick(panel.text, Qt.Key_Z, Qt.ControlModifier)
    assert review_note.transcript.pii_spans == []


def test_an_edit_made_on_the_note_page_is_in_the_review_when_it_is_opened(unlocked_window, review_note, qtbot):
    window, panel = unlocked_window, unlocked_window.privacy
    window.show_page("Note")
    window.note_view.edit_segment(0, SAID.replace("Springfield Clinic", "Shelbyville Hospital"))
    qtbot.mouseClick(window.note_view.privacy_button, Qt.LeftButton)
    assert window.pages.currentWidget() is panel
    assert "Shelbyville Hospital" in panel.text.toPlainText() and panel.model.index(2, 1).data() == "Shelbyville Hospital"
    assert "Shelbyville" not in panel.preview.toPlainText()
