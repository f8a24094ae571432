"""Settings: model (bundled tiny.en, base, a local folder), language, device, threads, clean-up, retention, keychain, auto-lock, watch folder."""
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
    QVBoxLayout,
    QWidget,
)

from app.watch import WatchSetting
from ui.settings import UiSettings

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


class SettingsDialog(QDialog):
    """Edits a :class:`UiSettings`; :meth:`settings` returns the edited copy."""

    def __init__(self, settings: UiSettings, parent=None, watch: WatchSetting | None = None):
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(480)
        self.original = settings

        self.model = QComboBox()
        for value, label in MODELS:
            self.model.addItem(label, value)
        self.model.addItem("A local model folder…", "path")
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
        known = [v for v, _ in MODELS]
        if settings.model in known:
            self.model.setCurrentIndex(known.index(settings.model))
        else:
            self.model.setCurrentIndex(len(MODELS))
            self.model_path.setText(settings.model)
        self.model.currentIndexChanged.connect(self._model_changed)

        self.language = QLineEdit(settings.language)
        self.language.setPlaceholderText("Automatic (en for English-only models)")
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

        form = QFormLayout()
        form.addRow("Model", self.model)
        form.addRow("", self.path_widget)
        form.addRow("Language", self.language)
        form.addRow("Device", self.device)
        form.addRow("CPU threads", self.threads)
        form.addRow("Remove before transcribing", self.clean_up)
        form.addRow("Delete recordings after", self.audio_retention)
        form.addRow("Keep only redacted text after", self.redact_after)
        form.addRow("Keychain", self.keychain)
        form.addRow("Auto-lock", self.auto_lock)
        form.addRow("Watch folder", self.watch_widget)
        form.addRow("", self.watch_enabled)
        note = QLabel("Models load from this computer only; nothing is downloaded.")
        note.setObjectName("subtitle")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._model_changed()

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
        )
