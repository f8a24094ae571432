"""Where two people talk at once, in the note view: a note in the turn's header and a hatched band on the waveform."""
from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from app.export.timecode import clock

from audio_core.model import Overlap, Speaker


def _two_speakers_talking_at_once(note):
    """Gives the clip a second speaker (its first segment again, after it) who talks over the last second of the first."""
    transcript = note.transcript
    for segment in transcript.segments:
        segment.speaker_id = "S1"
        for word in segment.words:
            word.speaker_id = "S1"
    second = copy.deepcopy(transcript.segments[0])
    shift = transcript.segments[-1].end_s - 1.0
    second.start_s, second.end_s, second.speaker_id = second.start_s + shift, second.end_s + shift, "S2"
    for word in second.words:
        word.start_s, word.end_s, word.speaker_id = word.start_s + shift, word.end_s + shift, "S2"
    transcript.segments.append(second)
    transcript.speakers = [Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2")]
    transcript.overlaps = [Overlap(shift, shift + 1.0, ["S1", "S2"])]
    return note


def _headers(view) -> list[str]:
    return [line for line in view.text.toPlainText().split("\n") if "  ·  " in line]


def test_each_turn_says_who_talks_over_it_and_follows_renames_merges_and_undo(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    note = _two_speakers_talking_at_once(clip_note)
    window.notebook.save(note)
    window.show_note(note)
    view = window.note_view
    talking_at_once = copy.deepcopy(note.transcript.overlaps)
    first, second = _headers(view)
    assert first.startswith("Speaker 1") and first.endswith("overlaps with Speaker 2")
    assert second.startswith("Speaker 2") and second.endswith("overlaps with Speaker 1")

    view.rename_speaker("S2", "Beth")
    assert _headers(view)[0].endswith("overlaps with Beth")

    view.speakers.item(0).setSelected(True)
    view.speakers.item(1).setSelected(True)
    qtbot.mouseClick(view.merge_button, Qt.LeftButton)
    assert "overlaps with" not in view.text.toPlainText()
    assert note.transcript.overlaps == []
    window.notebook.save(note)
    assert window.notebook.load(note.note_id).transcript.overlaps == []

    view.undo_stack.undo()
    assert _headers(view)[0].endswith("overlaps with Beth")
    window.notebook.save(note)
    assert window.notebook.load(note.note_id).transcript.overlaps == talking_at_once


def test_the_overlap_note_is_not_part_of_the_clickable_time(unlocked_window, clip_note, qtbot):
    note = _two_speakers_talking_at_once(clip_note)
    unlocked_window.show_note(note)
    view = unlocked_window.note_view
    paragraph = view.paragraphs.layout.paragraphs[0]
    assert view.text.toPlainText()[paragraph.time_start_char:paragraph.time_end_char] == clock(paragraph.start_s)
    assert view.text.header_part_at(_point_at(view.text, paragraph.time_start_char + 1)) == ("time", 0)
    assert view.text.header_part_at(_point_at(view.text, paragraph.header_end_char - 3)) is None


def _point_at(text_edit, position):
    cursor = QTextCursor(text_edit.document())
    cursor.setPosition(position)
    return text_edit.cursorRect(cursor).center()


def test_the_waveform_hatches_exactly_where_two_people_talk_at_once(unlocked_window, clip_note, qtbot):
    note = clip_note
    duration = note.transcript.duration_s
    view_window = unlocked_window
    view_window.show_note(note)
    waveform = view_window.note_view.waveform
    plain = waveform.grab().toImage()
    note.transcript.overlaps = [Overlap(duration * 0.4, duration * 0.6, ["S1", "S2"])]
    waveform.set_transcript(note.transcript)
    hatched = waveform.grab().toImage()

    changed = [x for x in range(plain.width())
               if any(plain.pixelColor(x, y) != hatched.pixelColor(x, y) for y in range(plain.height()))]
    assert len(changed) > 0.15 * plain.width()  # the band is visible across its whole stretch
    ratio = plain.width() / waveform.width()  # the grab may be scaled on a high-density screen
    assert min(changed) >= 0.38 * waveform.width() * ratio and max(changed) <= 0.62 * waveform.width() * ratio


def test_hovering_the_hatched_band_says_who_talks_at_once(unlocked_window, clip_note, qtbot):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    note = _two_speakers_talking_at_once(clip_note)
    note.transcript.speakers[1].name = "Beth"
    unlocked_window.show_note(note)
    waveform = unlocked_window.note_view.waveform
    overlap = note.transcript.overlaps[0]
    duration = note.transcript.duration_s
    inside = QPoint(int(1 + (waveform.width() - 2) * (overlap.start_s + overlap.end_s) / 2 / duration), waveform.height() // 2)
    QApplication.sendEvent(waveform, QHelpEvent(QEvent.ToolTip, inside, waveform.mapToGlobal(inside)))
    assert QToolTip.text().startswith("Speaker 1 and Beth talk at once")
    outside = QPoint(3, waveform.height() // 2)
    assert waveform.overlap_note_at(outside.x()) == ""


def test_the_paragraph_list_text_names_who_talks_over_each_turn(clip_note):
    from ui.viewmodels.paragraphs_model import ParagraphsModel

    model = ParagraphsModel()
    model.set_transcript(_two_speakers_talking_at_once(clip_note).transcript)
    first = model.data(model.index(0))
    assert first.startswith("Speaker 1 (0:00:00, overlaps with Speaker 2): ")
