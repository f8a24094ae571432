"""Importing through the library's queue (real transcription), per-file progress, cancel, bad files, search."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent

from ui.viewmodels.import_queue import CANCELLED, DONE, FAILED


def drop_files(widget, paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPoint(10, 10).toPointF(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    widget.dropEvent(event)


def test_empty_library_says_how_to_start_and_one_click_imports_the_bundled_sample(unlocked_window, qtbot):
    from app.paths import sample_meeting

    window = unlocked_window
    library = window.library
    assert library.stack.currentWidget() is library.empty_page
    assert "Import" in library.empty.text()
    assert library.sample_button.isVisible() and sample_meeting().exists()

    qtbot.mouseClick(library.sample_button, Qt.LeftButton)

    assert [e.path for e in window.queue.entries] == [sample_meeting()]  # queued like any chosen file
    window.queue.cancel_all()
    qtbot.waitUntil(lambda: not window.queue.running, timeout=60_000)


def test_the_sample_meeting_opens_on_its_transcript_once_imported(unlocked_window, qtbot, clip):
    window = unlocked_window
    window.library.sample = clip  # the bundled meeting takes a minute here; the 3.6 s clip goes the same way

    with qtbot.waitSignal(window.note_saved, timeout=120_000) as saved:
        qtbot.mouseClick(window.library.sample_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: window.note_view.note is not None, timeout=10_000)

    assert window.note_view.note.note_id == saved.args[0]
    assert window.pages.currentWidget() is window.note_view


def test_dropped_files_queue_transcribe_and_appear_searchable(unlocked_window, qtbot, clip, tmp_path):
    window = unlocked_window
    library = window.library
    not_audio = tmp_path / "minutes.wav"
    not_audio.write_text("this is not audio")
    progress_seen = []
    window.queue.entry_changed.connect(lambda row: progress_seen.append(window.queue.entries[row].fraction))

    with qtbot.waitSignal(window.note_saved, timeout=120_000):
        drop_files(library, [not_audio, clip])
    entries = window.queue.entries
    assert [e.state for e in entries] == [FAILED, DONE]
    assert "\n" not in entries[0].message and "Traceback" not in entries[0].message
    assert library.rows[0].status.text() == entries[0].message and not library.rows[0].cancel_button.isEnabled()
    assert library.rows[1].bar.value() == 1000
    assert any(0 < f < 1 for f in progress_seen) or 1.0 in progress_seen

    assert library.proxy.rowCount() == 1 and library.stack.currentWidget() is library.table
    assert library.proxy.index(0, 0).data() == clip.stem

    qtbot.keyClicks(library.search, "nonexistentword")
    qtbot.waitUntil(lambda: library.stack.currentWidget() is library.empty_page, timeout=5_000)
    assert "No note matches" in library.empty.text() and not library.sample_button.isVisible()
    word = max(window.notebook.load(library.model.note_at(0).note_id).transcript.text.split(), key=len).strip(".,;!?")
    library.search.clear()
    qtbot.keyClicks(library.search, word)
    qtbot.waitUntil(lambda: library.proxy.rowCount() == 1, timeout=5_000)
    snippet = library.proxy.index(0, 5).data()
    assert f"«{word.lower()}»" in snippet.lower() and not library.table.isColumnHidden(5)


def test_cancel_stops_a_running_import_and_skips_a_waiting_one(unlocked_window, qtbot, clip, tmp_path):
    import shutil

    window = unlocked_window
    queue = window.queue
    window.library.rows.clear()
    second = tmp_path / "second take.wav"  # another file: the same one queued twice is taken once
    shutil.copyfile(clip, second)
    queue.add([clip, second])
    qtbot.waitUntil(lambda: queue.entries[0].state == "running", timeout=10_000)  # once checked against the notebook
    queue.cancel(1)
    assert queue.entries[1].state == CANCELLED
    with qtbot.waitSignal(queue.idle, timeout=60_000):
        queue.cancel(0)
    assert queue.entries[0].state in (CANCELLED, DONE)
    assert window.library.rows[1].status.text() == "Cancelled"


@pytest.mark.slow
def test_with_music_clean_up_chosen_an_import_over_loud_music_is_transcribed_from_the_voice(unlocked_window, qtbot, testdata, tmp_path):
    from audio_core.encode import AudioFileWriter
    from app.wer import word_error_rate
    from tests.support.mixtures import meeting_over_music

    window = unlocked_window
    meeting = meeting_over_music(testdata)
    path = tmp_path / "standup with radio on.wav"
    with AudioFileWriter(path, 16_000, "wav") as writer:
        writer.write(meeting.mixture)
    window.apply_settings(window.settings.with_changes(clean_up="spleeter"))

    with qtbot.waitSignal(window.note_saved, timeout=180_000) as saved:
        drop_files(window.library, [path])
    assert window.queue.entries[-1].state == DONE
    transcript = window.notebook.load(saved.args[0]).transcript
    assert word_error_rate(meeting.reference, transcript.text) < 0.3, transcript.text  # 0.54-0.65 without clean-up


def test_search_hits_are_highlighted_not_bracketed():
    from ui.widgets.snippet_delegate import HIT_STYLE, snippet_html

    shown = snippet_html("…drove to «Springfield» with [PERSON_1] & co…")
    assert f'<span style="{HIT_STYLE}">Springfield</span>' in shown
    assert "[PERSON_1]" in shown and "&amp; co" in shown and "«" not in shown


def test_search_then_keyboard_alone_opens_a_match(unlocked_window, clip_note, qtbot):
    """After typing a search, Down and Enter did nothing: the results could only be reached with the mouse or six Tabs."""
    window = unlocked_window
    library = window.library
    clip_note.transcript.title = "Budget review"
    window.notebook.save(clip_note)
    library.refresh()
    window.show_page("Library")
    word = next(w.text.strip(".,?!").lower() for w in clip_note.transcript.words if len(w.text.strip(".,?!")) >= 5)

    library.search.setFocus()
    qtbot.keyClicks(library.search, word[:4])
    qtbot.keyClick(library.search, Qt.Key_Down)
    assert library.table.hasFocus() and library.table.currentIndex().row() == 0
    library.search.setFocus()
    qtbot.keyClick(library.search, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.note_view.note is not None and window.note_view.note.note_id == clip_note.note_id)
    assert window.note_view.title.text() == "Budget review"


def test_tab_leaves_the_notes_list_instead_of_walking_its_cells(unlocked_window, clip_note, qtbot):
    """Tab into the notes list went from cell to cell and never out: a keyboard trap."""
    from PySide6.QtWidgets import QApplication

    window = unlocked_window
    window.notebook.save(clip_note)
    window.library.refresh()
    window.show_page("Library")
    window.activateWindow()
    window.library.import_button.setFocus(Qt.TabFocusReason)

    qtbot.keyClick(window.library.import_button, Qt.Key_Tab)
    assert QApplication.focusWidget() is window.library.table
    qtbot.keyClick(window.library.table, Qt.Key_Tab)

    assert QApplication.focusWidget() is not window.library.table
