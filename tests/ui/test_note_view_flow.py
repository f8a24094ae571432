"""The note view on a real transcribed clip: click to seek, edits keeping timestamps, speakers, undo/redo, playback."""
from __future__ import annotations

import copy
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from audio_core.model import Speaker


def open_saved(window, note):
    window.notebook.save(note)
    window.show_note(note)
    return window.note_view


def click_word(qtbot, view, index):
    place = view.paragraphs.layout.words[index]
    cursor = QTextCursor(view.text.document())
    cursor.setPosition(place.start_char + 1)
    qtbot.mouseClick(view.text.viewport(), Qt.LeftButton, pos=view.text.cursorRect(cursor).center())


def test_clicking_a_word_seeks_there_and_highlights_it(unlocked_window, clip_note, qtbot):
    view = open_saved(unlocked_window, clip_note)
    assert unlocked_window.pages.currentWidget() is view
    assert clip_note.transcript.text.split()[0].strip(",.") in view.text.toPlainText()
    last = len(view.paragraphs.layout.words) - 1
    click_word(qtbot, view, last)
    assert view.player.position_s == pytest.approx(view.paragraphs.layout.words[last].start_s, abs=0.01)
    assert view.text.current_word == last
    assert view.time_label.text().startswith("0:00:0")

    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Left)
    assert view.player.position_s == 0.0
    qtbot.keyClick(view, Qt.Key_Right)
    assert view.player.position_s == pytest.approx(min(5.0, view.player.duration_s), abs=0.01)


def test_editing_text_keeps_timestamps_and_undo_redo_restore_it(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    view = open_saved(window, clip_note)
    segment = clip_note.transcript.segments[0]
    before_text, before_times = segment.text, [(w.start_s, w.end_s) for w in segment.words]
    new_text = before_text.replace(segment.words[0].text, "CORRECTED", 1)

    view.edit_segment(0, new_text)
    assert segment.text == new_text and segment.words[0].text == "CORRECTED"
    # every word keeps its time; a word the recogniser split ("old", "-sposed") keeps the span of its parts
    assert (segment.words[0].start_s, segment.words[0].end_s) == before_times[0]
    starts, ends = {t[0] for t in before_times}, {t[1] for t in before_times}
    assert all(w.start_s in starts and w.end_s in ends for w in segment.words)
    assert segment.words[-1].end_s == before_times[-1][1]
    assert "CORRECTED" in view.text.toPlainText() and view.undo_button.isEnabled()
    window.save_current_note(wait=True)
    assert window.notebook.load(clip_note.note_id).transcript.segments[0].words[0].text == "CORRECTED"

    qtbot.mouseClick(view.undo_button, Qt.LeftButton)
    assert clip_note.transcript.segments[0].text == before_text and "CORRECTED" not in view.text.toPlainText()
    view.text.setFocus()
    qtbot.keyClick(view.text, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert clip_note.transcript.segments[0].words[0].text == "CORRECTED"


def test_rename_and_merge_speakers_update_text_and_colours(unlocked_window, clip_note, qtbot):
    transcript = clip_note.transcript
    second = copy.deepcopy(transcript.segments[0])
    second.speaker_id = "S2"
    for word in second.words:
        word.speaker_id = "S2"
        word.start_s += transcript.duration_s
        word.end_s += transcript.duration_s
    second.start_s += transcript.duration_s
    second.end_s += transcript.duration_s
    transcript.segments.append(second)
    transcript.speakers = [Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2")]
    for word in transcript.segments[0].words:
        word.speaker_id = "S1"
    transcript.segments[0].speaker_id = "S1"
    view = open_saved(unlocked_window, clip_note)
    assert view.speakers.count() == 2 and len(view.paragraphs.layout.paragraphs) == 2

    view.rename_speaker("S1", "Diane")
    assert view.paragraphs.layout.paragraphs[0].speaker_name == "Diane"
    assert view.text.toPlainText().startswith("Diane") and "Diane" in view.speakers.item(0).text()

    view.speakers.item(0).setSelected(True)
    view.speakers.item(1).setSelected(True)
    qtbot.mouseClick(view.merge_button, Qt.LeftButton)
    assert [s.id for s in transcript.speakers] == ["S1"] and {s.speaker_id for s in transcript.segments} == {"S1"}
    assert len(view.paragraphs.layout.paragraphs) == 1 and view.speakers.count() == 1
    view.undo_stack.undo()
    assert view.speakers.count() == 2
    view.undo_stack.undo()
    assert clip_note.transcript.speakers[0].name == "Speaker 1"


def test_waveform_is_drawn_and_click_seeks(unlocked_window, clip_note, qtbot):
    view = open_saved(unlocked_window, clip_note)
    image = view.waveform.grab().toImage()
    colours = {image.pixelColor(x, image.height() // 2).name() for x in range(5, image.width() - 5, 7)}
    assert len(colours) > 1
    qtbot.mouseClick(view.waveform, Qt.LeftButton, pos=view.waveform.rect().center())
    assert view.player.position_s == pytest.approx(view.player.duration_s / 2, rel=0.1)


@pytest.mark.audio_device
def test_playback_moves_the_highlight_through_the_words(unlocked_window, clip_note, qtbot, pulse):
    view = open_saved(unlocked_window, clip_note)
    seen = set()
    view.seek(0.0)
    qtbot.keyClick(view, Qt.Key_P, Qt.ControlModifier)
    if not view.player.playing:
        pytest.fail("playback did not start on the virtual PulseAudio output")
    deadline = time.monotonic() + view.player.duration_s + 3
    while view.player.playing and time.monotonic() < deadline:
        qtbot.wait(50)
        seen.add(view.text.current_word)
    assert len(seen - {None}) >= 3
    assert view.player.position_s == pytest.approx(view.player.duration_s, abs=0.2)
    qtbot.waitUntil(lambda: view.play_button.text().endswith("Play"), timeout=2_000)
    assert not view.player.playing


def test_title_and_tags_are_edited_saved_filterable_and_undoable(unlocked_window, clip_note, qtbot):
    from ui.widgets.details_dialog import NoteDetailsDialog

    window = unlocked_window
    view = open_saved(window, clip_note)
    dialog = NoteDetailsDialog(clip_note.transcript.title, clip_note.tags)
    qtbot.addWidget(dialog)
    dialog.title.setText("  Weekly sync ")
    dialog.tags.setText("team, weekly,, team ")
    assert dialog.values() == ("Weekly sync", ["team", "weekly"])

    view.edit_details(*dialog.values())
    assert view.title.text() == "Weekly sync" and "tags: team, weekly" in view.details.text()
    window.save_current_note(wait=True)
    [summary] = window.notebook.list_notes()
    assert (summary.title, summary.tags) == ("Weekly sync", ("team", "weekly"))
    window.library.tag_filter.setCurrentText("weekly")
    assert window.library.proxy.rowCount() == 1

    qtbot.mouseClick(view.undo_button, Qt.LeftButton)
    assert view.title.text() == clip_note.transcript.title and clip_note.tags == []
    window.save_current_note(wait=True)
    assert window.notebook.list_notes()[0].tags == ()
