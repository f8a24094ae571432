"""``hushnote gui --screenshots DIR``: opens each screen on the bundled sample and saves one PNG per screen.

Runs in a throw-away notebook inside a temporary folder (deleted afterwards),
so the person's own notebook is never touched. Work runs synchronously here:
the screens are drawn only after each step is done (the duplicate-import check
and Forget a person run on the window's workers; the script waits for them).
"""
from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.engines import Engines
from audio_core.errors import HushnoteError
from audio_core.progress import CancelToken
from ui.notebook import DesktopNotebook
from ui.settings import UiSettings
from ui.workers import detect_pii_job, import_job

SCREENS = ("unlock", "library", "note", "privacy", "duplicate", "export", "settings", "vocabulary", "record", "forget",
           "forgotten")
SCREENSHOT_PASSPHRASE = "correct horse battery staple"
WINDOW_SIZE = (1180, 760)
SPEAKER_NAMES = ("Alex Morgan", "Beth Carter", "Chris Baker")  # the sample's voices, in the order they first speak
WAIT_S = 120.0


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


def _wait_for(app: QApplication, done, what: str) -> None:
    """Lets the window's workers run until ``done()``; raises HushnoteError after WAIT_S."""
    deadline = time.monotonic() + WAIT_S
    while not done():
        if time.monotonic() > deadline:
            raise HushnoteError(f"screenshots: {what} did not finish in {WAIT_S:.0f} s")
        app.processEvents()
        time.sleep(0.02)
    _settle(app)


def _name_speakers(transcript) -> None:
    """Names the sample's speakers as the person reviewing it would (in the order they first speak)."""
    order = list(dict.fromkeys(s.speaker_id for s in transcript.segments if s.speaker_id))
    for speaker in transcript.speakers:
        if speaker.id in order and order.index(speaker.id) < len(SPEAKER_NAMES):
            speaker.name = SPEAKER_NAMES[order.index(speaker.id)]


def _say_a_name_the_detector_has_not_seen(window) -> None:
    """Types a correction after detection, as a reviewer would ("Thank you." → "Thank you, Chris."): the detector
    never ran on it, so the review marks "Chris" as a speaker's name."""
    segments = window.note_view.note.transcript.segments
    for index, segment in enumerate(segments):
        if re.match(r"Thank you\.", segment.text) and "Chris" not in segment.text:
            window.note_view.edit_segment(index, "Thank you, Chris." + segment.text[len("Thank you."):])
            return


def take_screenshots(out_dir: Path, sample: Path, engines: Engines | None = None, settings: UiSettings = UiSettings()) -> list[Path]:
    """Saves unlock.png, library.png, note.png, privacy.png (a speaker's name marked in the review), duplicate.png
    (the question for a file already imported), export.png, settings.png, vocabulary.png, record.png, forget.png
    (Forget a person, the notes found) and forgotten.png (the note after it, the removed turns grey) into
    ``out_dir``; returns their paths.

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
        _name_speakers(note.transcript)
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
        _say_a_name_the_detector_has_not_seen(window)
        window.show_page("Privacy")
        _settle(app)
        if window.privacy.model.mentions:  # its row selected: the name outlined in the text, its row in sight
            window.privacy.select_finding(len(window.privacy.note.transcript.pii_spans))
        _settle(app)
        written.append(_save(window, out_dir / "privacy.png"))

        copy = Path(tmp) / "clinic call (copy).wav"
        shutil.copyfile(sample, copy)
        window.show_page("Library")
        window.queue.add([copy])
        _wait_for(app, lambda: window.duplicates.box is not None, "the duplicate check")
        written.append(_save(window.duplicates.box, out_dir / "duplicate.png"))
        window.duplicates.box.reject()
        _settle(app)
        window.status_label.clear()  # "…: skipped" is news of this step, not of the screens after it

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
        window.record.system_audio.setChecked(False)

        from ui.widgets.forget_person_dialog import open_forget_person

        named = [s.name for s in window.note_view.note.transcript.speakers if s.name in SPEAKER_NAMES]
        dialog = open_forget_person(window, named[-1] if named else SPEAKER_NAMES[-1])  # Chris Baker in the sample
        dialog.resize(760, 420)
        dialog.find()
        _wait_for(app, lambda: dialog.found_for is not None, "finding the person")
        written.append(_save(dialog, out_dir / "forget.png"))
        forgotten: list = []
        dialog.forgotten.connect(forgotten.append)
        if dialog.forget() is not None:
            _wait_for(app, lambda: bool(forgotten), "forgetting the person")
        else:
            dialog.close()
        window.show_page("Note")
        window.note_view.seek(0.0)
        _settle(app)
        written.append(_save(window, out_dir / "forgotten.png"))
        window.close()
        QTimer.singleShot(0, lambda: None)
        _settle(app)
    return written
