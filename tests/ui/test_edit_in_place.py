"""Editing the transcript where it stands, on a real transcribed clip in real widgets, read back from the notebook."""
from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

from audio_core.model import Speaker
from tests.support.notebooks import PASSPHRASE


def open_saved(window, note):
    window.notebook.save(note)
    window.show_note(note)
    return window.note_view


def click_at(qtbot, text, position):
    cursor = QTextCursor(text.document())
    cursor.setPosition(position)
    qtbot.mouseClick(text.viewport(), Qt.LeftButton, pos=text.cursorRect(cursor).center())


def stored(window, note):
    """The note as a second, independent connection to the notebook file reads it."""
    from ui.notebook import DesktopNotebook

    second = DesktopNotebook.unlock(PASSPHRASE, window.notebook.storage.path)
    try:
        return second.load(note.note_id)
    finally:
        second.close()


@pytest.fixture
def two_speaker_note(clip_note):
    """The clip's words split into two turns: the first half by Speaker 1, the rest by Speaker 2."""
    from audio_core.model import Segment

    transcript = clip_note.transcript
    words = copy.deepcopy(transcript.words)
    half = len(words) // 2
    turns = []
    for speaker_id, part in (("S1", words[:half]), ("S2", words[half:])):
        for word in part:
            word.speaker_id = speaker_id
        text = " ".join(w.text.strip() for w in part)
        turns.append(Segment(part[0].start_s, part[-1].end_s, text, part, speaker_id))
    transcript.segments = turns
    transcript.speakers = [Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2")]
    return clip_note


def test_typing_in_a_segment_edits_it_in_place_keeps_timings_and_is_saved(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    view = open_saved(window, clip_note)
    text = view.text
    assert not text.isReadOnly() and text.lineWrapMode() == QTextEdit.WidgetWidth
    segment = clip_note.transcript.segments[0]
    times = [(w.start_s, w.end_s) for w in segment.words]
    first = view.paragraphs.layout.words[0]
    words_before = int(view.word_count.text().split()[0])

    click_at(qtbot, text, first.end_char)  # the caret right after the first word
    qtbot.keyClicks(text, " really")
    assert int(view.word_count.text().split()[0]) == words_before + 1  # counted while typing, before any commit
    qtbot.keyClick(text, Qt.Key_Return)  # Enter ends the edit: one undo step

    assert segment.text.split()[1] == "really" and "\n" not in segment.text
    assert (segment.words[0].start_s, segment.words[0].end_s) == times[0]
    assert (segment.words[-1].start_s, segment.words[-1].end_s) == times[-1]
    assert text.textCursor().position() == first.end_char + len(" really")  # the caret stays where the person typed
    window.save_current_note(wait=True)
    assert stored(window, clip_note).transcript.segments[0].text == segment.text

    qtbot.keyClick(text, Qt.Key_Z, Qt.ControlModifier)
    assert "really" not in clip_note.transcript.segments[0].text and "really" not in text.toPlainText()
    assert int(view.word_count.text().split()[0]) == words_before
    qtbot.keyClick(text, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert clip_note.transcript.segments[0].text.split()[1] == "really"


def test_a_pause_in_typing_is_saved_and_an_unfinished_edit_is_not_lost_on_lock(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    view = open_saved(window, clip_note)
    click_at(qtbot, view.text, view.paragraphs.layout.words[0].end_char)
    qtbot.keyClicks(view.text, " paused")
    qtbot.waitUntil(lambda: "paused" in clip_note.transcript.segments[0].text, timeout=5000)  # the pause ends the edit
    qtbot.keyClicks(view.text, " unfinished")
    window.save_current_note(wait=True)  # what Lock, Export and closing call
    assert "paused unfinished" in stored(window, clip_note).transcript.segments[0].text


def test_headers_and_segment_boundaries_cannot_be_typed_over(unlocked_window, two_speaker_note, qtbot):
    view = open_saved(unlocked_window, two_speaker_note)
    before = view.text.toPlainText()
    paragraph = view.paragraphs.layout.paragraphs[0]
    cursor = view.text.textCursor()
    cursor.setPosition(paragraph.header_start_char + 2)
    view.text.setTextCursor(cursor)
    qtbot.keyClicks(view.text, "xx")
    start = view.paragraphs.layout.segments[0].start_char
    cursor.setPosition(start)
    view.text.setTextCursor(cursor)
    qtbot.keyClick(view.text, Qt.Key_Backspace)  # would join the segment to its header
    view.text.commit_edit()
    assert view.text.toPlainText() == before and not view.undo_stack.canUndo()


def test_clicking_a_paragraphs_time_seeks_the_player_there(unlocked_window, two_speaker_note, qtbot):
    view = open_saved(unlocked_window, two_speaker_note)
    second = view.paragraphs.layout.paragraphs[1]
    assert second.start_s > 1.0
    click_at(qtbot, view.text, second.time_start_char + 1)
    assert view.player.position_s == pytest.approx(second.start_s, abs=0.01)


def test_clicking_a_speaker_label_renames_that_speaker(unlocked_window, two_speaker_note, qtbot):
    window = unlocked_window
    view = open_saved(window, two_speaker_note)
    second = view.paragraphs.layout.paragraphs[1]
    click_at(qtbot, view.text, second.header_start_char + 2)
    popup = view.name_popup
    assert popup.isVisible() and popup.text() == "Speaker 2"
    popup.selectAll()
    qtbot.keyClicks(popup, "Dana Whitfield")
    qtbot.keyClick(popup, Qt.Key_Return)

    assert view.speakers_names() == ["Speaker 1", "Dana Whitfield"]
    assert view.paragraphs.layout.paragraphs[1].speaker_name == "Dana Whitfield"
    assert view.text.toPlainText().count("Dana Whitfield") == 1
    window.save_current_note(wait=True)
    assert [s.name for s in stored(window, two_speaker_note).transcript.speakers] == ["Speaker 1", "Dana Whitfield"]
    view.undo()
    assert view.speakers_names() == ["Speaker 1", "Speaker 2"]


def test_escape_closes_the_name_popup_without_renaming(unlocked_window, two_speaker_note, qtbot):
    view = open_saved(unlocked_window, two_speaker_note)
    click_at(qtbot, view.text, view.paragraphs.layout.paragraphs[0].header_start_char + 1)
    popup = view.name_popup
    qtbot.keyClicks(popup, "Nobody")
    qtbot.keyClick(popup, Qt.Key_Escape)
    assert not popup.isVisible() and view.speakers_names() == ["Speaker 1", "Speaker 2"]


def test_word_count_follows_edits_and_undo(unlocked_window, clip_note, qtbot):
    view = open_saved(unlocked_window, clip_note)
    count = len(clip_note.transcript.text.split())  # words as a reader counts them ("follow-up" is one)
    assert view.word_count.text() == f"{count} words"
    view.edit_segment(0, clip_note.transcript.segments[0].text + " and two more")
    assert view.word_count.text() == f"{count + 3} words"
    view.undo()
    assert view.word_count.text() == f"{count} words"


def test_a_long_note_opens_at_its_beginning(unlocked_window, clip_note, qtbot):
    transcript = clip_note.transcript
    transcript.segments = [copy.deepcopy(transcript.segments[0]) for _ in range(40)]
    for i, segment in enumerate(transcript.segments):
        segment.speaker_id = f"S{i % 2 + 1}"
    transcript.speakers = [Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2")]
    view = open_saved(unlocked_window, clip_note)
    view.text.setFocus()
    qtbot.wait(50)
    assert view.text.verticalScrollBar().maximum() > 0
    assert view.text.verticalScrollBar().value() == 0 and view.text.textCursor().position() == 0


def test_pasted_lines_join_the_segment_as_one_line(unlocked_window, clip_note, qtbot):
    from PySide6.QtWidgets import QApplication

    view = open_saved(unlocked_window, clip_note)
    click_at(qtbot, view.text, view.paragraphs.layout.words[0].end_char)
    QApplication.clipboard().setText("  pasted\nfrom   a\nnote ")
    qtbot.keyClick(view.text, Qt.Key_V, Qt.ControlModifier)
    view.commit_edit()
    assert " pasted from a note " in clip_note.transcript.segments[0].text
    assert "\n" not in clip_note.transcript.segments[0].text


def test_edit_text_button_puts_the_caret_in_the_segment_ready_to_type(unlocked_window, clip_note, qtbot):
    view = open_saved(unlocked_window, clip_note)
    qtbot.mouseClick(view.edit_button, Qt.LeftButton)
    assert view.text.hasFocus() and view.text.textCursor().position() == view.paragraphs.layout.segments[0].end_char
    qtbot.keyClicks(view.text, " Amen")
    qtbot.keyClick(view.text, Qt.Key_Enter)
    assert clip_note.transcript.segments[0].text.endswith(" Amen")
