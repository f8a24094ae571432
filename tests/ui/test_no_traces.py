"""Nothing readable outside the encrypted notebook: import and export through the file dialogs, then scan.

Qt's file dialog kept its folder history in plain text (~/.config/QtProject.conf); the scan covers HOME, the
XDG folders and wherever Qt's own settings would go, for every folder, name, title and transcript word used.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

SPEAKER = "Wilhelmina Zed"
TITLE = "Project Nightjar"
IMPORT_FOLDER = "Nightjar-case-files"
EXPORT_FOLDER = "Exports-for-Quimby"


def answer_file_dialog(choose) -> None:
    """Waits for the file dialog a click opens and answers it with ``choose(dialog)``, as a person would."""
    def try_now() -> None:
        # The dialog the click opened is the active modal one (a dialog left over by another test is not).
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, try_now)
            return
        choose(dialog)

    QTimer.singleShot(50, try_now)


def pick_files(folder: Path, name: str):
    def choose(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(folder))
        dialog.selectFile(name)
        dialog.accept()
    return choose


def pick_folder(folder: Path):
    def choose(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(folder.parent))
        dialog.setDirectory(str(folder))
        dialog.accept()
    return choose


def readable_files(*roots: Path) -> list[Path]:
    return [Path(d) / f for root in roots if root.exists() for d, _, files in os.walk(root) for f in files]


def test_import_and_export_through_the_dialogs_leave_no_readable_trace(unlocked_window, qtbot, clip, tmp_path,
                                                                      isolated_home):
    window = unlocked_window
    source = tmp_path / IMPORT_FOLDER
    source.mkdir()
    shutil.copy(clip, source / "interview.wav")
    out = tmp_path / EXPORT_FOLDER
    out.mkdir()

    with qtbot.waitSignal(window.note_saved, timeout=180_000) as saved:
        answer_file_dialog(pick_files(source, "interview.wav"))
        qtbot.mouseClick(window.library.import_button, Qt.LeftButton)
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
