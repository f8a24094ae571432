"""The export dialog: formats, redacted (default) or unredacted (confirmed), audio, privacy report, progress."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.export import EXPORTERS
from ui.widgets.screen_fit import keep_on_screen
from ui.widgets.language_choice import language_choice
from ui.notebook import Note
from app.export_job import AUDIO_MODES, ExportRequest
from audio_core.alienate.options import (DEFAULT_METHOD, DEFAULT_STRENGTH, FALLBACK_METHOD, METHODS,
                                         RANDOM_OVERPULL_FROM, AlienationOptions)
from audio_core.alienate.default_method import default_alienation
from ui.widgets.remove_participants import RemoveParticipantsBox
from ui.workers import Worker, WorkerPool, export_job

AUDIO_LABELS = {
    "none": "No audio",
    "bleeped": "Bleeped (personal data beeped out)",
    "alienated": "Alienated voices (harder to recognise; measured in the report)",
    "background": "Background only (speech removed)",
}
METHOD_LABELS = {
    "normalise_random": "Common voice + secret offsets per speaker (for other languages, or without a transcript)",
    "normalise": "Common voice (strongest against the original recordings)",
    "combined": "McAdams + pitch and formant shift",
    "mcadams": "McAdams (LPC pole warping)",
    "pitch_formant": "Pitch and formant shift (keeps the most words)",
    "world": "WORLD vocoder (new pitch contour, warped formants)",
    "cepstral": "A secret TTS voice's timbre and pitch (WORLD vocoder)",
    "resynth": "Words spoken again by a TTS voice (recommended: no original voice left; intonation lost)",
}
SEPARATOR_LABELS = {
    "dfn": "Noise and room sound (DeepFilterNet)",
    "spleeter": "Music (Spleeter)",
    "spleeter+dfn": "Music and noise (Spleeter and DeepFilterNet, slower)",
}
FORMAT_LABELS = {"txt": "Plain text", "md": "Markdown", "srt": "SubRip subtitles", "vtt": "WebVTT subtitles", "json": "JSON", "docx": "Word"}


def strength_hint(method: str, strength: float) -> str:
    """Returns what an alienation strength trades, as measured by tests/bench/bench_alienation.py."""
    if method == "resynth":
        return ("The exported (redacted) transcript is spoken again by a secret TTS voice per speaker: nothing of "
                "the original voices is kept, nor their intonation, laughter or words the transcript missed. "
                "Strength does not apply.")
    if strength < 0.5:
        return "Weak: voices change little and stay fairly easy to recognise."
    if method == "normalise_random" and strength > RANDOM_OVERPULL_FROM:
        return ("Stronger than the default: voices are pushed past the common voice. Harder to re-identify, "
                "but more words are misheard. The report measures both on this note.")
    if method == "normalise_random":
        return ("Balanced: on voices it was not tuned on, an attacker holding the original voices erred 45 % of the "
                "time, one that trains on alienated voices 23 %; about +12 points of words misheard on real speech. "
                "The report measures both on this note.")
    return "The report measures how recognisable the voices stay and how many words are misheard."


class ExportDialog(QDialog):
    """Exports one note under ``policy_name``; ``exported(paths)`` after writing, failures in a message box."""

    exported = Signal(list)

    def __init__(self, note: Note, pool: WorkerPool, policy_name: str = "default", engines=None, storage=None,
                 out_dir: Path | None = None, parent=None, detection_language: str = ""):
        super().__init__(parent)
        self.note = note
        self.pool = pool
        self.policy_name = policy_name
        self.engines = engines
        self.storage = storage
        self.worker: Worker | None = None
        self.written: list[Path] = []
        self.confirm_unredacted = lambda: QMessageBox.warning(
            self,
            "Export without redaction?",
            "The files will contain every name, number and address that was said, in plain text, "
            "outside the encrypted notebook.\n\nExport unredacted anyway?",
            QMessageBox.Yes | QMessageBox.Cancel,
            QMessageBox.Cancel,
        ) == QMessageBox.Yes
        self.setWindowTitle("Export")
        self.setMinimumWidth(520)
        self._fitted = False

        title = QLabel(f"Export “{note.transcript.title or 'note'}”")
        title.setObjectName("title")
        title.setWordWrap(True)  # a long title must not widen the dialog past the screen
        self.format_boxes: dict[str, QCheckBox] = {}
        formats = QGridLayout()
        for i, fmt in enumerate(EXPORTERS):
            box = QCheckBox(f"{FORMAT_LABELS.get(fmt, fmt.upper())} (.{fmt})")
            box.setChecked(fmt in ("txt", "docx"))
            self.format_boxes[fmt] = box
            formats.addWidget(box, i // 2, i % 2)

        self.redacted = QRadioButton(f"Redacted — personal data replaced (policy “{policy_name}”, recommended)")
        self.unredacted = QRadioButton("Unredacted — the full text")
        group = QButtonGroup(self)
        group.addButton(self.redacted)
        group.addButton(self.unredacted)
        self.redacted.setChecked(True)
        self.keep_speaker_names = QCheckBox("Keep speakers' names (otherwise “Speaker 2” or the text's pseudonym)")
        self.keep_speaker_names.setToolTip("A speaker's name is personal data: a redacted export replaces it unless "
                                           "you keep it here. The audit log records the choice.")
        self.redacted.toggled.connect(self.keep_speaker_names.setEnabled)
        self.keep_title = QCheckBox("Keep the title as written (otherwise its names and other personal data are replaced)")
        self.keep_title.setToolTip("A title you typed can name people (“Interview with Anna Schmidt”): a redacted export "
                                   "replaces them as in the text, in the files and their names, unless you keep it here. "
                                   "The audit log records the choice.")
        self.redacted.toggled.connect(self.keep_title.setEnabled)
        self.detection_language = language_choice(detection_language, note.transcript.language or "en")
        self.detection_language.setToolTip("The language the note's personal data is found in. Another language than "
                                           "the note's looks for it anew before redacting (your review decisions stay).")
        self.redacted.toggled.connect(self.detection_language.setEnabled)
        redaction = QVBoxLayout()
        redaction.addWidget(self.redacted)
        redaction.addWidget(self.keep_speaker_names)
        redaction.addWidget(self.keep_title)
        redaction.addWidget(self.unredacted)

        self.audio = QComboBox()
        for mode in AUDIO_MODES:
            self.audio.addItem(AUDIO_LABELS[mode], mode)
        if note.audio is None:
            self.audio.setEnabled(False)
            self.audio.setToolTip("This note has no recording kept")
        # the note's own default: resynthesis for an English note with a transcript, else the signal method
        self.default_alienation = default_alienation(note.transcript.language,
                                                     any(s.text.strip() for s in note.transcript.segments))
        defaults = self.default_alienation.options
        self.method = QComboBox()
        for method in dict.fromkeys((DEFAULT_METHOD, FALLBACK_METHOD) + METHODS):
            self.method.addItem(METHOD_LABELS.get(method, method), method)
        self.method.setCurrentIndex(self.method.findData(defaults.method))
        self.method_note = QLabel()  # which method this note gets by default, and why
        self.method_note.setWordWrap(True)
        self.method_note.setObjectName("subtitle")
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()
        self.strength = QSlider(Qt.Horizontal)
        self.strength.setRange(0, 100)
        self.strength.setValue(round(defaults.strength * 100))
        self.strength_label = QLabel()
        self.strength_label.setText(f"{defaults.strength:.2f}")
        self.strength_hint = QLabel()
        self.strength_hint.setWordWrap(True)
        self.strength.valueChanged.connect(self._strength_changed)
        self.method.currentIndexChanged.connect(self._strength_changed)
        self.method.currentIndexChanged.connect(self._audio_changed)
        self._strength_changed()
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength, 1)
        strength_row.addWidget(self.strength_label)
        self.keep_background = QCheckBox("Keep the background untouched (change only the voices)")
        self.keep_background.setToolTip("Music and room sound stay as recorded; whatever voice the separator "
                                        "leaves in the background is not changed, and the report measures the result.")
        self.separator = QComboBox()
        for backend, label in SEPARATOR_LABELS.items():
            self.separator.addItem(label, backend)
        self.separator.setToolTip("What is behind the voices: pick Music for songs or a radio, so they are kept whole.")
        self.keep_background.toggled.connect(self._audio_changed)
        self.audio.currentIndexChanged.connect(self._audio_changed)
        self._audio_changed()
        self.remove_participants = RemoveParticipantsBox(note.transcript.speakers)
        self.report = QCheckBox("Include the privacy report (what was redacted and how)")
        self.report.setChecked(True)

        self.folder = QLineEdit(str(out_dir or Path.home()))
        self.browse_button = QPushButton("Browse…")
        self.browse_button.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse_button)

        form = QFormLayout()
        form.addRow("Formats", _wrap(formats))
        form.addRow("Text", _wrap(redaction))
        form.addRow("Find personal data in", self.detection_language)
        form.addRow("Remove", self.remove_participants)
        form.addRow("Audio", self.audio)
        form.addRow("Voices", self.method)
        form.addRow("", self.method_note)
        form.addRow("Strength", _wrap(strength_row))
        form.addRow("", self.strength_hint)
        form.addRow("", self.keep_background)
        form.addRow("Background", self.separator)
        form.addRow("", self.report)
        form.addRow("Save to", _wrap(folder_row))

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel("Exports are the only files Hushnote writes outside the encrypted notebook.")
        self.status.setObjectName("subtitle")
        self.status.setWordWrap(True)
        self.cancel_button = QPushButton("Cancel")
        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.hide()
        self.export_button = QPushButton("Export")
        self.export_button.setObjectName("primary")
        self.export_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)

        # The options scroll on a short screen (800×600, large text) while the title, progress and buttons stay in
        # view; where the screen has room the dialog opens at the options' full height, with nothing to scroll.
        options = QWidget()
        options_layout = QVBoxLayout(options)
        options_layout.setContentsMargins(0, 0, 0, 0)
        options_layout.addLayout(form)
        options_layout.addStretch(1)  # extra height goes below the options, not between their rows
        self.options_area = QScrollArea()
        self.options_area.setWidget(options)
        self.options_area.setWidgetResizable(True)
        self.options_area.setFrameShape(QScrollArea.NoFrame)
        self.options_area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.options_area.setMinimumHeight(160)
        self.options_area.setMinimumWidth(options.sizeHint().width() + self.options_area.verticalScrollBar().sizeHint().width())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.addWidget(title)
        layout.addWidget(self.options_area, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)

        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self._cancel)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_url = QDesktopServices.openUrl

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Opens at the options' full height where the screen has room (90 % of it at most)."""
        super().showEvent(event)
        if self._fitted:
            return
        self._fitted = True
        chrome = self.sizeHint().height() - self.options_area.sizeHint().height()
        wanted = chrome + self.options_area.widget().sizeHint().height() + 2
        screen = self.screen().availableGeometry().height() if self.screen() is not None else wanted
        height = max(self.minimumSizeHint().height(), min(wanted, int(screen * 0.9)))
        self.resize(max(self.width(), self.sizeHint().width()), height)
        keep_on_screen(self)  # it was placed for its first size, then grown to its options

    def chosen_formats(self) -> list[str]:
        """Returns the ticked formats."""
        return [fmt for fmt, box in self.format_boxes.items() if box.isChecked()]

    def chosen_alienation(self) -> AlienationOptions | None:
        """Returns the alienation method and strength chosen for "alienated" audio; None when the note's default is
        left as it was (the export then decides it, and the report says why)."""
        chosen = AlienationOptions(method=self.method.currentData(), strength=self.strength.value() / 100)
        default = self.default_alienation.options
        if chosen.method == default.method and (chosen.method == "resynth" or chosen.strength == DEFAULT_STRENGTH):
            return None
        return chosen

    def _method_changed(self) -> None:
        method, default = self.method.currentData(), self.default_alienation
        if method == default.options.method:
            note = ("Recommended for this note: " if not default.fallback else "Used for this note: ") + default.reason + "."
        elif method == "resynth" and default.fallback:
            note = f"Not recommended here; this note gets {default.options.method} by default: {default.reason}."
        else:
            note = f"Chosen instead of this note's default, {default.options.method}."
        self.method_note.setText(note[:1].upper() + note[1:])

    def _strength_changed(self) -> None:
        strength = self.strength.value() / 100
        self.strength_label.setText(f"{strength:.2f}")
        self.strength_hint.setText(strength_hint(self.method.currentData(), strength))

    def _audio_changed(self) -> None:
        alienating = self.audio.isEnabled() and self.audio.currentData() == "alienated"
        self.method.setEnabled(alienating)
        self.strength.setEnabled(alienating and self.method.currentData() != "resynth")
        self.keep_background.setEnabled(alienating)
        background_only = self.audio.isEnabled() and self.audio.currentData() == "background"
        self.separator.setEnabled(background_only or (alienating and self.keep_background.isChecked()))

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export to", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start_export(self) -> None:
        """Checks the choices (confirming an unredacted export) and writes the files on a worker."""
        formats = self.chosen_formats()
        if not formats:
            self.status.setText("Choose at least one format.")
            return
        if self.unredacted.isChecked() and not self.confirm_unredacted():
            return
        request = ExportRequest(
            out_dir=Path(self.folder.text()).expanduser(),
            stem="",  # named after the exported title: a redacted export's file names name no one either
            formats=tuple(formats),
            redact=self.redacted.isChecked(),
            policy_name=self.policy_name,
            audio=self.audio.currentData(),
            keep_background=self.keep_background.isEnabled() and self.keep_background.isChecked(),
            separator=self.separator.currentData(),
            report=self.report.isChecked(),
            alienation=self.chosen_alienation(),
            origin="the desktop app",
            keep_speaker_names=self.redacted.isChecked() and self.keep_speaker_names.isChecked(),
            keep_title=self.redacted.isChecked() and self.keep_title.isChecked(),
            detection_language=self.detection_language.currentData() if self.redacted.isChecked() else "",
            remove_speakers=self.remove_participants.chosen(),
        )
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText("Exporting…")
        self.worker = Worker(export_job(request, self.note, self.engines, self.storage), "export")
        self.worker.progress.connect(self._progress)
        self.worker.artifact.connect(self._stage)
        self.worker.succeeded.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(lambda: self.status.setText("Export cancelled."))
        self.worker.finished.connect(self._finished)
        self.pool.start(self.worker)

    def _progress(self, step: str, completed: float, total: float) -> None:
        if step == "export" and total > 0:
            self.progress.setValue(int(100 * completed / total))

    def _stage(self, step: str, stage) -> None:
        if step == "export" and stage in EXPORT_STAGES:
            self.status.setText(EXPORT_STAGES[stage])

    def _done(self, result) -> None:
        self.written = list(result.paths)
        self.progress.setValue(100)
        self.status.setText("Saved " + ", ".join(p.name for p in self.written) + f" in {self.folder.text()}")
        self.cancel_button.setText("Close")
        self.open_folder_button.show()
        self.exported.emit(self.written)

    def open_folder(self) -> bool:
        """Shows the export folder in the system's file manager; returns whether it could be opened."""
        return bool(self.open_url(QUrl.fromLocalFile(str(Path(self.folder.text()).expanduser()))))

    def _failed(self, message: str) -> None:
        self.status.setText("Export failed.")
        QMessageBox.critical(self, "Export failed", message[:1].upper() + message[1:])

    def _finished(self) -> None:
        self.worker = None
        self.export_button.setEnabled(True)

    def _cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
        else:
            self.reject()


# What the dialog says while each step of an export runs (app.export_job's progress artifacts); the measured
# report of alienated audio takes minutes on a laptop, so it says so.
EXPORT_STAGES = {
    "prepare": "Preparing the redacted text…",
    "transcript": "Writing the transcript files…",
    "audio": "Writing the audio: personal data bleeped, voices changed if chosen…",
    "report": "Measuring the protection for the privacy report (a few minutes for alienated voices)…",
}


def _wrap(layout) -> QWidget:
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget
