"""Settings: model (bundled tiny.en, base, a downloaded one, a local folder), a Models page, language, device, threads,
clean-up, retention, keychain, auto-lock, watch folder; a Vocabulary page while the notebook is unlocked."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models_registry import installed_models
from app.pipeline.sides import owner_name, set_owner_name
from app.watch import WatchSetting
from audio_core.errors import HushnoteError
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.language_choice import language_choice
from ui.playback import output_devices
from ui.settings import UiSettings
from ui.widgets.models_panel import ModelsPanel
from ui.widgets.vocabulary_panel import VocabularyPanel

MODELS = (("tiny.en", "Whisper tiny, English (bundled)"), ("base", "Whisper base, multilingual"))
DEVICES = (("auto", "Automatic"), ("cpu", "CPU"), ("cuda", "NVIDIA GPU (CUDA)"))
CLEAN_UPS = (
    ("", "Nothing (best for clear speech)"),
    ("dfn", "Background noise (DeepFilterNet)"),
    ("spleeter", "Music (Spleeter)"),
    ("spleeter+dfn", "Music and noise (Spleeter and DeepFilterNet, slower)"),
)
CLEAN_UP_HINT = (
    "Imported recordings are transcribed from their voice only. Helps a lot over background music; "
    "on clear speech it makes the transcript worse, so leave it at Nothing unless the background is loud."
)
DECODER_CHOICES = (
    ("sequential", "One window at a time (best on conversations)"),
    ("batched", "Batched (faster, may miss words)"),
)
DECODER_HINT = (
    "Batched decoding transcribes several stretches of speech at once: it is faster (a quarter less CPU on a "
    "10-minute meeting) and uses more memory, and on a real phone call it missed more words, so the default "
    "decodes one 30-second window at a time."
)


class SettingsDialog(QDialog):
    """Edits a :class:`UiSettings`; :meth:`settings` returns the edited copy."""

    def __init__(self, settings: UiSettings, parent=None, watch: WatchSetting | None = None, confirm_downloads=None,
                 storage=None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(480)
        self._fitted = False
        self.original = settings

        self.model = QComboBox()
        self._fill_model_choices()
        self.model_path = QLineEdit()
        self.model_path.setPlaceholderText("Folder with model.bin and config.json (CTranslate2)")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.setContentsMargins(0, 0, 0, 0)
        path_row.addWidget(self.model_path, 1)
        path_row.addWidget(browse)
        self.path_widget = QWidget()
        self.path_widget.setLayout(path_row)
        if self.model.findData(settings.model) >= 0:
            self.model.setCurrentIndex(self.model.findData(settings.model))
        else:
            self.model.setCurrentIndex(self.model.findData("path"))
            self.model_path.setText(settings.model)
        self.model.currentIndexChanged.connect(self._model_changed)

        self.language = QLineEdit(settings.language)
        self.language.setPlaceholderText("Automatic (en for English-only models)")
        self.pii_language = language_choice(settings.pii_language)
        self.device = QComboBox()
        for value, label in DEVICES:
            self.device.addItem(label, value)
        self.device.setCurrentIndex([v for v, _ in DEVICES].index(settings.device) if settings.device in dict(DEVICES) else 0)
        self.threads = QSpinBox()
        self.threads.setRange(0, 256)
        self.threads.setSpecialValueText("All cores")
        self.threads.setValue(settings.cpu_threads)
        self.clean_up = QComboBox()
        for value, label in CLEAN_UPS:
            self.clean_up.addItem(label, value)
        self.clean_up.setCurrentIndex(max(0, self.clean_up.findData(settings.clean_up)))
        self.clean_up.setToolTip(CLEAN_UP_HINT)
        self.decoder = QComboBox()
        for value, label in DECODER_CHOICES:
            self.decoder.addItem(label, value)
        self.decoder.setCurrentIndex(max(0, self.decoder.findData(settings.decoder)))
        self.decoder.setToolTip(DECODER_HINT)
        self.import_channel = QSpinBox()
        self.import_channel.setRange(0, 256)
        self.import_channel.setPrefix("Channel ")
        self.import_channel.setSpecialValueText("Mix of all channels")
        self.import_channel.setToolTip("For recordings with one microphone per person: transcribe only this channel")
        self.import_channel.setValue(settings.import_channel)
        self.audio_retention = QSpinBox()
        self.audio_retention.setRange(0, 3650)
        self.audio_retention.setSuffix(" days")
        self.audio_retention.setSpecialValueText("Keep recordings")
        self.audio_retention.setValue(settings.audio_retention_days)
        self.redact_after = QSpinBox()
        self.redact_after.setRange(0, 3650)
        self.redact_after.setSuffix(" days")
        self.redact_after.setSpecialValueText("Keep full transcripts")
        self.redact_after.setValue(settings.redact_after_days)
        for box in (self.audio_retention, self.redact_after):
            box.valueChanged.connect(lambda days, box=box: box.setSuffix(" day" if days == 1 else " days"))
            box.setSuffix(" day" if box.value() == 1 else " days")
        self.output_device = QComboBox()
        self.output_device.addItem("System default", "")
        for name in output_devices():
            self.output_device.addItem(name, name)
        if settings.output_device and self.output_device.findData(settings.output_device) < 0:
            self.output_device.addItem(f"{settings.output_device} (not connected)", settings.output_device)
        self.output_device.setCurrentIndex(max(0, self.output_device.findData(settings.output_device)))
        self.keychain = QCheckBox("Keep the notebook key in the system keychain (no passphrase prompt)")
        self.keychain.setChecked(settings.use_keychain)
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(0, 24 * 60)
        self.auto_lock.setSuffix(" min idle")
        self.auto_lock.setSpecialValueText("Never")
        self.auto_lock.setValue(settings.auto_lock_min)

        # The watch folder is kept in the notebook (a path is personal data), so it is only editable while unlocked.
        self.watch_enabled = QCheckBox("Import new files from this folder while the notebook is unlocked")
        self.watch_folder = QLineEdit((watch or WatchSetting()).folder)
        self.watch_folder.setPlaceholderText("A folder your recorder or call app saves into")
        self.watch_enabled.setChecked((watch or WatchSetting()).enabled)
        watch_browse = QPushButton("Browse…")
        watch_browse.clicked.connect(self._browse_watch)
        watch_row = QHBoxLayout()
        watch_row.setContentsMargins(0, 0, 0, 0)
        watch_row.addWidget(self.watch_folder, 1)
        watch_row.addWidget(watch_browse)
        self.watch_widget = QWidget()
        self.watch_widget.setLayout(watch_row)
        for widget in (self.watch_enabled, self.watch_widget):
            widget.setEnabled(watch is not None)
        # Kept in the notebook too (a name is personal data): editable while unlocked, saved on OK.
        self.storage = storage
        self.owner_name = QLineEdit(owner_name(storage) if storage is not None else "")
        self.owner_name.setPlaceholderText("Me")
        self.owner_name.setToolTip("The label of your microphone's side when a call is recorded with the computer's audio")
        self.owner_name.setEnabled(storage is not None)
        self.owner_error = QLabel("")
        self.owner_error.setObjectName("error")
        self.owner_error.hide()

        form = QFormLayout()
        form.addRow("Model", self.model)
        form.addRow("", self.path_widget)
        form.addRow("Language", self.language)
        form.addRow("Find personal data in", self.pii_language)
        form.addRow("Device", self.device)
        form.addRow("CPU threads", self.threads)
        form.addRow("Remove before transcribing", self.clean_up)
        form.addRow("Decoding", self.decoder)
        form.addRow("Imports listen to", self.import_channel)
        form.addRow("Delete recordings after", self.audio_retention)
        form.addRow("Keep only redacted text after", self.redact_after)
        form.addRow("Play through", self.output_device)
        form.addRow("Keychain", self.keychain)
        form.addRow("Auto-lock", self.auto_lock)
        form.addRow("Watch folder", self.watch_widget)
        form.addRow("", self.watch_enabled)
        form.addRow("Your name in calls", self.owner_name)
        form.addRow("", self.owner_error)
        note = QLabel("Models load from this computer only; nothing is downloaded unless you ask on the Models page.")
        note.setObjectName("subtitle")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addWidget(note)
        self.models_panel = ModelsPanel(confirm=confirm_downloads, language=settings.language or None)
        self.models_panel.models_changed.connect(self._fill_model_choices)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "General")
        self.tabs.addTab(self.models_panel, "Models")
        # The vocabulary lives in the notebook (names are personal data): only an unlocked notebook shows it.
        self.vocabulary_panel = VocabularyPanel(storage) if storage is not None else None
        if self.vocabulary_panel is not None:
            self.tabs.addTab(self.vocabulary_panel, "Vocabulary")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self._model_changed()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Opens at the width its rows need (not Qt's two thirds of the screen), wholly on the screen."""
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self, self.sizeHint())

    def accept(self) -> None:
        """Saves the owner's name into the notebook, then closes; a bad name keeps the dialog open with its one line."""
        if self.storage is not None:
            name = self.owner_name.text().strip() or "Me"
            try:
                if name != owner_name(self.storage):
                    set_owner_name(self.storage, name)
            except HushnoteError as exc:
                self.owner_error.setText(str(exc))
                self.owner_error.show()
                self.tabs.setCurrentIndex(0)
                return
        super().accept()

    def done(self, result: int) -> None:
        """Closes the dialog; a download still running is cancelled (and resumes next time)."""
        self.models_panel.stop()
        super().done(result)

    def _fill_model_choices(self) -> None:
        """Lists the bundled models, every installed downloaded one, and a local folder; keeps the current choice."""
        current = self.model.currentData()
        self.model.blockSignals(True)
        self.model.clear()
        for value, label in MODELS:
            self.model.addItem(label, value)
        for known, available in installed_models():
            if available and known.hub_repo:
                self.model.addItem(f"{known.description} (downloaded)", known.name)
        self.model.addItem("A local model folder…", "path")
        if current is not None:
            self.model.setCurrentIndex(max(0, self.model.findData(current)))
        self.model.blockSignals(False)

    def _model_changed(self) -> None:
        self.path_widget.setVisible(self.model.currentData() == "path")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Model folder", self.model_path.text())
        if folder:
            self.model_path.setText(folder)

    def _browse_watch(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Watch folder", self.watch_folder.text())
        if folder:
            self.watch_folder.setText(folder)

    def watch_setting(self) -> WatchSetting:
        """Returns the watch folder setting as edited (off when no folder is given)."""
        folder = self.watch_folder.text().strip()
        return WatchSetting(folder, self.watch_enabled.isChecked() and bool(folder))

    def settings(self) -> UiSettings:
        """Returns the settings as edited."""
        model = self.model.currentData()
        if model == "path":
            model = self.model_path.text().strip() or self.original.model
        return self.original.with_changes(
            model=model,
            language=self.language.text().strip(),
            device=self.device.currentData(),
            cpu_threads=self.threads.value(),
            audio_retention_days=self.audio_retention.value(),
            redact_after_days=self.redact_after.value(),
            use_keychain=self.keychain.isChecked(),
            auto_lock_min=self.auto_lock.value(),
            clean_up=self.clean_up.currentData(),
            output_device=self.output_device.currentData(),
            import_channel=self.import_channel.value(),
            pii_language=self.pii_language.currentData(),
            decoder=self.decoder.currentData(),
        )
