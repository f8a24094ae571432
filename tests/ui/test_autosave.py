"""No lost edit: every edit reaches the notebook by itself, a note opens once, Lock never writes a stale copy.

Each check reads the notebook back through a second, independent connection, as a relaunched app would.
"""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.support.notebooks import PASSPHRASE


def stored(window, note_id: str):
    """The note as a second connection to the notebook file reads it."""
    from ui.notebook import DesktopNotebook

    other = DesktopNotebook.unlock(PASSPHRASE, window.notebook_path)
    try:
        return other.load(note_id).transcript
    finally:
        other.close()


def double_click(qtbot, widget, pos) -> None:
    """What a real double-click sends: a click, then the double-click (QTest's alone skips the first press)."""
    qtbot.mouseClick(widget, Qt.LeftButton, pos=pos)
    qtbot.mouseDClick(widget, Qt.LeftButton, pos=pos)


def test_an_edit_is_written_without_any_further_action(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    speaker = clip_note.transcript.speakers[0].id
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        window.note_view.rename_speaker(speaker, "Ada Lovelace")
    assert stored(window, clip_note.note_id).speaker_name(speaker) == "Ada Lovelace"
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        window.note_view.edit_details("Budget review", ["finance"])
    assert stored(window, clip_note.note_id).title == "Budget review"


def test_double_click_in_the_library_opens_the_note_once_and_keeps_the_edit(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.library.refresh()
    loads = []
    real_load = window.notebook.load
    window.notebook.load = lambda note_id: loads.append(note_id) or real_load(note_id)
    table = window.library.table
    rect = table.visualRect(window.library.proxy.index(0, 0))
    double_click(qtbot, table.viewport(), rect.center())
    qtbot.waitUntil(lambda: window.note_view.note is not None, timeout=10_000)
    speaker = window.note_view.note.transcript.speakers[0].id
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        window.note_view.rename_speaker(speaker, "Grace Hopper")
    qtbot.wait(300)  # any second load would land here
    qtbot.waitUntil(lambda: not window.pool.busy, timeout=10_000)
    assert loads == [clip_note.note_id]
    assert window.note_view.speakers_names()[0] == "Grace Hopper"
    assert stored(window, clip_note.note_id).speaker_name(speaker) == "Grace Hopper"

    double_click(qtbot, table.viewport(), rect.center())  # the open note: shown as it is
    assert loads == [clip_note.note_id] and window.pages.currentWidget() is window.note_view


def test_lock_writes_an_edit_made_just_before(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    window.note_view.edit_details("Locked at once", [])
    path = window.notebook_path
    window.lock()
    from ui.notebook import DesktopNotebook

    book = DesktopNotebook.unlock(PASSPHRASE, path)
    try:
        assert book.load(clip_note.note_id).transcript.title == "Locked at once"
    finally:
        book.close()


def test_lock_never_writes_the_on_screen_copy_over_a_newer_stored_one(unlocked_window, clip_note, qtbot):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    speaker = clip_note.transcript.speakers[0].id
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        window.note_view.rename_speaker(speaker, "On screen")
    from ui.notebook import DesktopNotebook

    other = DesktopNotebook.unlock(PASSPHRASE, window.notebook_path)  # e.g. `hushnote speakers rename` meanwhile
    other.storage.rename_speaker(int(clip_note.note_id), speaker, "Renamed elsewhere")
    other.close()
    path = window.notebook_path
    window.lock()
    book = DesktopNotebook.unlock(PASSPHRASE, path)
    try:
        assert book.load(clip_note.note_id).transcript.speaker_name(speaker) == "Renamed elsewhere"
    finally:
        book.close()


def test_an_edit_survives_kill_9_of_the_app(notebook, clip_note, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.support.testdata import PROJECT_ROOT
    from tests.support.edit_then_wait import NEW_NAME, NEW_TITLE
    from ui.notebook import DesktopNotebook

    note_id = notebook.save(clip_note)
    path = notebook.storage.path
    notebook.close()
    child = subprocess.Popen([sys.executable, "-m", "tests.support.edit_then_wait", str(path), note_id],
                             stdout=subprocess.PIPE, text=True, cwd=PROJECT_ROOT, env=dict(os.environ))
    try:
        assert child.stdout.readline().strip() == "edited"
        time.sleep(1.0)  # the promise: an edit is in the notebook within a second
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL

    reopened = DesktopNotebook.unlock(PASSPHRASE, path)
    try:
        note = reopened.load(note_id)
    finally:
        reopened.close()
    assert note.transcript.title == NEW_TITLE and note.tags == ["crash"]
    assert note.transcript.speakers[0].name == NEW_NAME


def test_a_rename_made_outside_the_window_is_shown_and_not_overwritten(unlocked_window, clip_note, qtbot):
    """`hushnote speakers rename` while the app had the note open: the app's next save put the old name back."""
    from ui.notebook import DesktopNotebook

    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    speaker = clip_note.transcript.speakers[0].id
    qtbot.wait(1_200)  # the window has looked at the notebook once
    other_process = DesktopNotebook.unlock(PASSPHRASE, window.notebook_path)  # a second connection, as the CLI's
    try:
        other_process.storage.rename_speaker(int(clip_note.note_id), speaker, "Beth Carter")
    finally:
        other_process.close()

    qtbot.waitUntil(lambda: window.note_view.note.transcript.speaker_name(speaker) == "Beth Carter", timeout=5_000)
    assert window.note_view.speakers_names()[0] == "Beth Carter"
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        window.note_view.edit_details("Budget review", ["finance"])
    kept = stored(window, clip_note.note_id)
    assert kept.speaker_name(speaker) == "Beth Carter" and kept.title == "Budget review"


def test_an_unsaved_edit_and_a_rename_made_outside_meanwhile_are_both_kept(unlocked_window, clip_note, qtbot):
    """The window wrote its whole copy over a speaker renamed outside while its own edit was still unsaved."""
    from ui.notebook import DesktopNotebook

    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    speaker = clip_note.transcript.speakers[-1].id
    text = clip_note.transcript.segments[0].text
    window.note_view.edit_segment(0, "Corrected. " + text)  # typed in the window, not yet saved
    other_process = DesktopNotebook.unlock(PASSPHRASE, window.notebook_path)
    try:
        other_process.storage.rename_speaker(int(clip_note.note_id), speaker, "Beth Carter")
    finally:
        other_process.close()

    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        pass  # the autosave
    kept = stored(window, clip_note.note_id)
    assert kept.segments[0].text == "Corrected. " + text and kept.speaker_name(speaker) == "Beth Carter"
    assert window.note_view.note.transcript.speaker_name(speaker) == "Beth Carter"
    assert "Beth Carter" in window.note_view.speakers_names() and "speaker name" in window.status_label.text()
    assert window.note_view.undo_stack.canUndo()  # the edit can still be undone
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        window.note_view.undo()
    kept = stored(window, clip_note.note_id)
    assert kept.segments[0].text == text and kept.speaker_name(speaker) == "Beth Carter"


def test_undoing_an_older_edit_after_a_merge_keeps_the_change_made_outside(unlocked_window, clip_note, qtbot):
    """Undo restored the window's whole snapshot of the speakers and paragraphs, outside rename included."""
    from ui.notebook import DesktopNotebook

    from audio_core.model import Speaker

    window = unlocked_window
    clip_note.transcript.speakers.append(Speaker("S9", "Guest"))
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    first, last = clip_note.transcript.speakers[0].id, "S9"
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        window.note_view.rename_speaker(first, "Ada Lovelace")  # saved: a step of the undo history
    window.note_view.edit_details("Budget review", ["finance"])  # unsaved when the outside change lands
    other_process = DesktopNotebook.unlock(PASSPHRASE, window.notebook_path)
    try:
        other_process.storage.rename_speaker(int(clip_note.note_id), last, "Beth Carter")
        other_process.storage.set_tags(int(clip_note.note_id), ["urgent"])
    finally:
        other_process.close()
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        pass  # the autosave merges
    assert window.note_view.note.tags == ["finance", "urgent"]
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        window.note_view.undo()  # the title and tags
        window.note_view.undo()  # the rename made in the window
    kept = stored(window, clip_note.note_id)
    assert kept.speaker_name(first) != "Ada Lovelace" and kept.speaker_name(last) == "Beth Carter"
    assert kept.title != "Budget review"
    assert DesktopNotebook.unlock(PASSPHRASE, window.notebook_path).load(clip_note.note_id).tags == ["urgent"]


def test_hushnote_speakers_rename_in_another_process_while_the_window_edits(unlocked_window, clip_note, qtbot, run_cli):
    """The same, with the real command line as the other process."""
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    speaker = clip_note.transcript.speakers[0].id
    window.note_view.edit_details("Budget review", ["finance"])  # not yet saved
    renamed = run_cli("speakers", "rename", "--notebook", str(window.notebook_path), clip_note.note_id, speaker,
                      "Beth Carter", env={"HUSHNOTE_PASSPHRASE": PASSPHRASE})
    assert renamed.returncode == 0, renamed.stderr
    with qtbot.waitSignal(window.note_saved, timeout=5_000):
        pass  # the autosave
    kept = stored(window, clip_note.note_id)
    assert kept.speaker_name(speaker) == "Beth Carter" and kept.title == "Budget review"
