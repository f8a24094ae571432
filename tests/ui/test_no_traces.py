"""Nothing readable outside the encrypted notebook: import and export through the file dialogs, then scan.

Qt's file dialog kept its folder history in plain text (~/.config/QtProject.conf); the scan covers HOME, the
XDG folders and wherever Qt's own settings would go, for every folder, name, title and transcript word used.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

SPEAKER = "Wilhelmina Zed"
TITLE = "Project Nightjar"
IMPORT_FOLDER = "Nightjar-case-files"
EXPORT_FOLDER = "Exports-for-Quimby"


def answer_file_dialog(choose, attempts: int = 600) -> None:
    """Answers the file dialog a click opens with ``choose(dialog)``, as a person would.

    Polls every 50 ms: the dialog can open late on a busy machine, and a first answer can be refused
    (a message box over the dialog while its folder is still being read), so the answer is repeated,
    closing such a box, until the dialog is gone; after ``attempts`` polls the dialog is rejected, so
    a test fails instead of hanging. It answers one dialog only: a later dialog (the next click's) is left to
    that click's own answerer, which this one's last poll would otherwise reject or answer wrongly.
    """
    state = {"left": attempts, "answered": None}

    def try_now() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox):
            modal.close()
            QTimer.singleShot(50, try_now)
            return
        if isinstance(modal, QFileDialog):
            if state["answered"] is not None and modal is not state["answered"]:
                return  # ours took the answer and closed; this is the next click's dialog
            state["left"] -= 1
            if state["left"] <= 0:
                modal.reject()
                return
            state["answered"] = modal
            choose(modal)
            QTimer.singleShot(50, try_now)
            return
        if state["answered"] is not None:
            return  # the dialog took the answer and closed
        state["left"] -= 1
        if state["left"] > 0:
            QTimer.singleShot(50, try_now)

    QTimer.singleShot(50, try_now)


def pick_files(folder: Path, name: str):
    """Goes to ``folder`` and types ``name`` into the file-name field, then Open.

    Not ``selectFile``: Qt leaves a file-name field that has the keyboard alone (it would overwrite what a
    person is typing), and an active dialog's field has it. The walk passed only while a background load
    slowed the UI thread enough for the answer to arrive before the dialog was activated.
    """
    def choose(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(folder))
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        field.clear()
        QTest.keyClicks(field, name)
        dialog.accept()
    return choose


def pick_folder(folder: Path):
    def choose(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(folder.parent))
        dialog.setDirectory(str(folder))
        dialog.accept()
    return choose


def noting_the_folder(seen: list, choose):
    """``choose``, after noting the folder the dialog opened in."""
    def note_then_choose(dialog: QFileDialog) -> None:
        if not seen:
            seen.append(Path(dialog.directory().absolutePath()))
        choose(dialog)
    return note_then_choose


def readable_files(*roots: Path) -> list[Path]:
    return [Path(d) / f for root in roots if root.exists() for d, _, files in os.walk(root) for f in files]


def test_import_and_export_through_the_dialogs_leave_no_readable_trace(tmp_path):
    # The walk runs in a fresh process: after other tests in the same QApplication (the library and import-queue
    # flows), Qt's file dialog no longer took the answer and the whole suite hung; alone it passes every time.
    env = dict(os.environ, HUSHNOTE_NO_TRACES_WALK="1")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::test_walk_in_a_fresh_app"],
        cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout


@pytest.mark.skipif(not os.environ.get("HUSHNOTE_NO_TRACES_WALK"), reason="run in its own process by the test above")
def test_walk_in_a_fresh_app(unlocked_window, qtbot, clip, tmp_path, isolated_home):
    window = unlocked_window
    source = tmp_path / IMPORT_FOLDER
    source.mkdir()
    shutil.copy(clip, source / "interview.wav")
    out = tmp_path / EXPORT_FOLDER
    out.mkdir()

    first_opened_in, then_opened_in = [], []
    with qtbot.waitSignal(window.note_saved, timeout=180_000) as saved:
        answer_file_dialog(noting_the_folder(first_opened_in, pick_files(source, "interview.wav")))
        qtbot.mouseClick(window.library.import_button, Qt.LeftButton)
    answer_file_dialog(noting_the_folder(then_opened_in, lambda dialog: dialog.reject()))
    qtbot.mouseClick(window.library.import_button, Qt.LeftButton)
    assert first_opened_in == [isolated_home], "Import… opened in the folder the app was started from"
    assert then_opened_in == [source]  # where the last files were: kept only in the notebook (the scan below)
    window.open_note(saved.args[0])
    qtbot.waitUntil(lambda: window.note_view.note is not None, timeout=30_000)
    note = window.note_view.note
    window.note_view.rename_speaker(note.transcript.speakers[0].id, SPEAKER)
    window.note_view.edit_details(TITLE, ["casework"])
    word = max(note.transcript.text.split(), key=len).strip(".,;!?")
    assert len(word) >= 5

    dialog = window.open_export()
    qtbot.addWidget(dialog)
    dialog.keep_speaker_names.setChecked(True)
    answer_file_dialog(pick_folder(out))
    qtbot.mouseClick(dialog.browse_button, Qt.LeftButton)
    assert dialog.folder.text() == str(out)
    with qtbot.waitSignal(dialog.exported, timeout=60_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    assert SPEAKER in (out / "Project_Nightjar.txt").read_text()  # the export itself is the one plaintext asked for
    dialog.close()
    window.close()

    qt_settings = Path(QSettings(QSettings.UserScope, "QtProject").fileName())
    scanned = readable_files(isolated_home, *(Path(os.environ[v]) for v in ("XDG_CONFIG_HOME", "XDG_DATA_HOME")
                                             if v in os.environ), Path(os.environ.get("XDG_CACHE_HOME", isolated_home / ".cache")))
    scanned += [qt_settings] if qt_settings.is_file() else []
    needles = [IMPORT_FOLDER, EXPORT_FOLDER, str(tmp_path), SPEAKER, "Wilhelmina", TITLE, "Nightjar", word]
    leaks = [(path, needle) for path in scanned for needle in needles
             if needle.lower().encode() in path.read_bytes().lower() or needle.lower() in str(path).lower()]
    assert leaks == []
    assert not qt_settings.exists()
