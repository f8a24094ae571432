"""A file whose content is already a note: dropped or chosen, the window asks (open it, import again, skip);
from the watch folder, it is skipped and the queue says so."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.watch import ImportLedger, WatchSetting
from tests.support.file_reads import counting_reads
from tests.ui.test_library_flow import drop_files
from ui.viewmodels.import_queue import DONE, DUPLICATE, FAILED


def _answer(window, qtbot, button_text: str) -> str:
    """Waits for the question, clicks ``button_text`` (or presses Escape for "Escape"); returns the question's text."""
    qtbot.waitUntil(lambda: window.duplicates.box is not None and window.duplicates.box.isVisible(), timeout=60_000)
    box = window.duplicates.box
    text = box.text()
    if button_text == "Escape":
        qtbot.keyClick(box, Qt.Key_Escape)
    else:
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()
    qtbot.waitUntil(lambda: window.duplicates.box is not box, timeout=5_000)
    return text


@pytest.mark.slow
def test_a_file_dropped_again_under_another_name_asks_and_each_answer_does_what_it_says(
        unlocked_window, qtbot, clip, tmp_path):
    window = unlocked_window
    with qtbot.waitSignal(window.note_saved, timeout=120_000) as saved:
        window.queue.add([clip])
    first_id = saved.args[0]
    copy = tmp_path / "the same reading.wav"
    shutil.copy(clip, copy)

    drop_files(window.library, [copy])
    question = _answer(window, qtbot, "Open the note")

    assert "the same reading.wav" in question and f"“{clip.stem}”" in question
    assert window.queue.entries[1].state == DUPLICATE and "opened" in window.queue.entries[1].message
    qtbot.waitUntil(lambda: window.note_view.note is not None and window.note_view.note.note_id == first_id)
    assert window.pages.currentWidget() is window.note_view
    assert len(window.notebook.list_notes()) == 1

    drop_files(window.library, [copy])
    _answer(window, qtbot, "Escape")  # Skip: a reflex key adds nothing

    assert "skipped" in window.queue.entries[2].message
    assert window.library.queue_box.summary.text() == "1 of 1 imported · 2 already in the notebook"
    assert len(window.notebook.list_notes()) == 1

    with qtbot.waitSignal(window.note_saved, timeout=120_000):
        window.library.choose_files = lambda: window.queue.add([copy])  # the file dialog's answer, as Import… gives it
        window.library.choose_files()
        _answer(window, qtbot, "Import again")

    assert window.queue.entries[-1].state == DONE
    assert len(window.notebook.list_notes()) == 2


def test_a_file_already_imported_by_hand_is_skipped_by_the_watch_folder_without_a_question(
        unlocked_window, qtbot, clip, tmp_path):
    window = unlocked_window
    with qtbot.waitSignal(window.note_saved, timeout=120_000):
        window.queue.add([clip])
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    window.apply_watch_setting(WatchSetting(str(inbox), True))

    shutil.copy(clip, inbox / "copied again.wav")
    qtbot.waitUntil(lambda: len(window.queue.entries) == 2 and window.queue.entries[1].state == DUPLICATE, timeout=60_000)

    assert window.queue.entries[1].message == "Already in the notebook: skipped"
    assert "copied again.wav (watch folder) is already in the notebook" in window.status_label.text()
    assert window.duplicates.box is None and not [w for w in window.findChildren(QMessageBox) if w.isVisible()]
    assert len(window.notebook.list_notes()) == 1
    qtbot.waitUntil(lambda: ImportLedger(window.notebook.storage).count() == 1)  # not hashed again after a restart


def _earlier_imports(storage, transcript, clip, folder, count: int) -> list:
    """Writes ``count`` recordings of distinct content into ``folder``, each stored as a note as an import leaves it
    (its content digest with it); returns their paths."""
    import dataclasses

    import numpy as np
    import soundfile as sf

    from app.import_sources import file_digest
    from app.storage.importing import begin_note, complete_note

    audio, rate = sf.read(clip, dtype="int16")
    paths = []
    for i in range(count):
        path = folder / f"weekly {i + 1}.wav"
        sf.write(path, np.concatenate([audio, np.zeros(int(0.1 * rate) * (i + 1), dtype=np.int16)]), rate)
        note_id = begin_note(storage, f"Weekly {i + 1}", path.name, source_sha256=file_digest(path))
        complete_note(storage, note_id, dataclasses.replace(transcript, title=f"Weekly {i + 1}", source_name=path.name))
        paths.append(path)
    return paths


def test_a_drop_of_several_files_already_in_the_notebook_asks_once_for_all_of_them(
        unlocked_window, qtbot, clip, clip_note_parts, tmp_path):
    window = unlocked_window
    earlier = _earlier_imports(window.notebook.storage, clip_note_parts[0], clip, tmp_path, 3)
    window.library.refresh()
    new = tmp_path / "new.wav"
    shutil.copy(clip, new)

    with counting_reads(new) as reads, qtbot.waitSignal(window.note_saved, timeout=120_000):
        drop_files(window.library, [*earlier, new])
        question = _answer(window, qtbot, "Skip")
    qtbot.wait(300)  # room for a second question to come up, as one per file did

    assert question == "3 of these 4 files are already in your notebook."
    assert window.duplicates.box is None, f"asked again: {window.duplicates.box.text()}"
    assert [e.message for e in window.queue.entries[:3]] == ["Already in the notebook: skipped"] * 3
    assert window.queue.entries[3].state == DONE  # the new file was imported meanwhile
    assert reads(new) == 1, "the drop's check and the import each read the new file to hash it"
    assert window.library.queue_box.summary.text() == "1 of 1 imported · 3 already in the notebook"
    assert len(window.notebook.list_notes()) == 4

    window.library.queue_box.clear_button.click()
    drop_files(window.library, earlier)
    qtbot.waitUntil(lambda: window.duplicates.box is not None and window.duplicates.box.isVisible(), timeout=60_000)
    assert window.library.queue_box.summary.text() == "3 already in the notebook"
    listing = window.duplicates.box.informativeText()
    _answer(window, qtbot, "Show the 3 notes")

    assert all(f"“{p.name}” as “Weekly {i + 1}”" in listing for i, p in enumerate(earlier))
    assert window.pages.currentWidget() is window.library
    assert window.status_label.text() == "The 3 notes these files were imported as are selected in the library."
    assert sorted(n.title for n in window.library.selected_notes()) == ["Weekly 1", "Weekly 2", "Weekly 3"]
    assert window.duplicates.box is None and len(window.notebook.list_notes()) == 4


def _listing_lines_fit(box) -> bool:
    """Whether each file the question lists shows on a line of its own (none wrapped inside)."""
    from PySide6.QtWidgets import QLabel

    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    listed = [line for line in label.text().split("\n\n")[0].splitlines()]
    return all(label.fontMetrics().horizontalAdvance(line) <= label.contentsRect().width() for line in listed)


def test_the_question_counts_the_files_of_the_drop_all_some_or_one_and_lists_each_on_one_line(
        unlocked_window, qtbot, clip, clip_note_parts, tmp_path):
    window = unlocked_window
    earlier = _earlier_imports(window.notebook.storage, clip_note_parts[0], clip, tmp_path, 3)
    gone = [tmp_path / f"moved away {i}.wav" for i in (1, 2)]  # not duplicates (nothing to read): they just fail

    drop_files(window.library, earlier)
    qtbot.waitUntil(lambda: window.duplicates.box is not None and window.duplicates.box.isVisible(), timeout=60_000)
    fits = _listing_lines_fit(window.duplicates.box)
    every = _answer(window, qtbot, "Skip")
    drop_files(window.library, [earlier[0], earlier[1], gone[0]])
    some = _answer(window, qtbot, "Skip")
    drop_files(window.library, [earlier[2], gone[1]])
    one = _answer(window, qtbot, "Skip")
    qtbot.waitUntil(lambda: all(e.state == FAILED for e in window.queue.entries if e.path in gone), timeout=60_000)

    assert fits, "a file's line wrapped inside the list"
    assert every == "These 3 files are already in your notebook."
    assert some == "2 of these 3 files are already in your notebook."
    assert one.startswith("“weekly 3.wav” is already in your notebook as “Weekly 3”, imported")
