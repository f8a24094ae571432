"""``hushnote gui --screenshots DIR``: opens each screen on the bundled sample and saves one PNG per screen.

Runs in a throw-away notebook inside a temporary folder (deleted afterwards),
so the person's own notebook is never touched. Work runs synchronously here:
the screens are drawn only after each step is done.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.engines import Engines
from audio_core.errors import HushnoteError
from audio_core.progress import CancelToken
from ui.notebook import DesktopNotebook
from ui.settings import UiSettings
from ui.workers import detect_pii_job, import_job

SCREENS = ("unlock", "library", "note", "privacy", "export")
SCREENSHOT_PASSPHRASE = "correct horse battery staple"
WINDOW_SIZE = (1180, 760)


def _settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget: QWidget, path: Path) -> Path:
    QApplication.instance().processEvents()
    if not widget.grab().save(str(path)):
        raise HushnoteError(f"cannot write the screenshot {path}")
    return path


def _run(job):
    return job(lambda *a, **k: None, CancelToken())


def take_screenshots(out_dir: Path, sample: Path, engines: Engines | None = None, settings: UiSettings = UiSettings()) -> list[Path]:
    """Saves unlock.png, library.png, note.png, privacy.png, export.png, settings.png, vocabulary.png and record.png
    into ``out_dir``; returns their paths.

    Raises InputError when ``sample`` cannot be read, HushnoteError when a PNG cannot be written.
    """
    from ui.main_window import MainWindow, pipeline_options

    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="hushnote-screens-") as tmp:
        window = MainWindow(settings.with_changes(auto_lock_min=0), engines, notebook_path=Path(tmp) / "notebook.db", persist_settings=False)
        window.resize(*WINDOW_SIZE)
        window.show()
        dialog = window.ask_unlock()
        dialog.passphrase.setText(SCREENSHOT_PASSPHRASE)
        dialog.confirmation.setText(SCREENSHOT_PASSPHRASE)
        _settle(app)
        written.append(_save(dialog, out_dir / "unlock.png"))
        dialog.close()

        notebook = DesktopNotebook.create(SCREENSHOT_PASSPHRASE, Path(tmp) / "notebook.db")
        window.set_notebook(notebook)
        note_id = _run(import_job(sample, window.engines, notebook.storage, pipeline_options(window.settings)))
        note = notebook.load(note_id)
        note.transcript.title = "Clinic follow-up call"
        note.tags = ["sample", "clinic"]
        notebook.save(note)
        window.library.refresh()
        _settle(app)
        window.show_page("Library")
        written.append(_save(window, out_dir / "library.png"))

        window.show_note(note)
        words = window.note_view.paragraphs.layout.words
        if words:
            window.note_view.seek(words[min(12, len(words) - 1)].start_s + 0.01)
        _settle(app)
        written.append(_save(window, out_dir / "note.png"))

        spans = _run(detect_pii_job(note.transcript, window.engines, window.privacy.current_policy()))
        window.privacy._detected(spans)
        if len(spans) > 2:
            window.privacy.decide([0], "accept")
            window.privacy.decide([1], "reject")
        window.show_page("Privacy")
        _settle(app)
        written.append(_save(window, out_dir / "privacy.png"))

        export = window.open_export()
        _settle(app)
        written.append(_save(export, out_dir / "export.png"))
        export.close()

        settings_dialog = window.open_settings()
        _settle(app)
        written.append(_save(settings_dialog, out_dir / "settings.png"))
        settings_dialog.close()

        from app.vocabulary import add_to_vocabulary

        add_to_vocabulary(notebook.storage, "Siobhan Nakagawa", "name")
        add_to_vocabulary(notebook.storage, "Zephyrix", "term")
        settings_dialog = window.open_settings()
        settings_dialog.tabs.setCurrentWidget(settings_dialog.vocabulary_panel)
        _settle(app)
        written.append(_save(settings_dialog, out_dir / "vocabulary.png"))
        settings_dialog.close()

        window.show_page("Record")
        window.record.system_audio.setChecked(True)
        _settle(app)
        written.append(_save(window, out_dir / "record.png"))
        window.close()
        QTimer.singleShot(0, lambda: None)
        _settle(app)
    return written
