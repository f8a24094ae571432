"""Create or unlock the notebook: passphrase, strength meter, confirmation, clear wrong-passphrase message."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ui.app import app_icon
from ui.viewmodels.passphrase_strength import LABELS, estimate_strength
from ui.workers import Worker, WorkerPool, call_job

METER_COLOURS = ("#d64545", "#e8833a", "#e0b400", "#54a85b", "#2f8f4e")
DIFFER = "The two passphrases differ: type the same one under Confirm."
TOO_WEAK = "This passphrase is too easy to guess: add another word or two, then press Enter."
CONFIRM = "Type the passphrase again under Confirm, then press Enter."


class UnlockDialog(QDialog):
    """Asks for the passphrase; ``opener(passphrase)`` opens the notebook on a worker thread.

    mode "create": passphrase + confirmation + strength meter; "unlock": passphrase only.
    ``unlocked(notebook)`` is emitted and the dialog accepted once the opener succeeds;
    a wrong passphrase shows the opener's one-line message and keeps the dialog open.
    """

    unlocked = Signal(object)

    def __init__(self, mode: str, opener: Callable[[str], object], pool: WorkerPool, parent=None, note: str = ""):
        super().__init__(parent)
        self.mode = mode
        self.opener = opener
        self.pool = pool
        self.notebook = None
        self.setWindowTitle("Create your notebook" if mode == "create" else "Unlock Hushnote")
        self.setMinimumWidth(440)

        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignCenter)
        title = QLabel("Create your encrypted notebook" if mode == "create" else "Unlock your notebook")
        title.setObjectName("title")
        title.setAlignment(Qt.AlignCenter)
        subtitle = QLabel(
            "Everything stays on this computer, encrypted with your passphrase. "
            "There is no way to recover it if you forget it."
            if mode == "create"
            else "Enter your passphrase to open your notes."
        )
        subtitle.setObjectName("subtitle")
        subtitle.setWordWrap(True)
        subtitle.setAlignment(Qt.AlignCenter)

        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.setPlaceholderText("Passphrase")
        self.confirmation = QLineEdit()
        self.confirmation.setEchoMode(QLineEdit.Password)
        self.confirmation.setPlaceholderText("Type it again")
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.strength_label = QLabel()
        self.strength_label.setObjectName("subtitle")
        if note:  # why the dialog is asking (the window locked): news, not an error, so not in the error's red
            subtitle.setText(note)
        self.message = QLabel()
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.submit = QPushButton("Create notebook" if mode == "create" else "Unlock")
        self.submit.setObjectName("primary")
        self.submit.setDefault(True)

        form = QFormLayout()
        form.addRow("Passphrase", self.passphrase)
        if mode == "create":
            form.addRow("", self.meter)
            form.addRow("", self.strength_label)
            form.addRow("Confirm", self.confirmation)
        else:
            self.meter.hide()
            self.strength_label.hide()
            self.confirmation.hide()
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        for widget in (logo, title, subtitle):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.passphrase.textChanged.connect(self._update)
        self.confirmation.textChanged.connect(self._update)
        self.submit.clicked.connect(self._submit)
        for field in (self.passphrase, self.confirmation):
            field.returnPressed.connect(self._explain_refusal)
        self._update()

    def _update(self) -> None:
        if self.mode == "create":
            strength = estimate_strength(self.passphrase.text())
            self.meter.setValue(strength.score)
            self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {METER_COLOURS[strength.score]}; border-radius: 4px; }}")
            self.strength_label.setText(f"{LABELS[strength.score]} — {strength.hint}")
            passphrase, confirmation = self.passphrase.text(), self.confirmation.text()
            matches = passphrase == confirmation
            # Not while the confirmation is still being typed: "differ" at its first letter read as an error.
            if confirmation and not passphrase.startswith(confirmation):
                self.message.setText(DIFFER)
            elif self.message.text() in (DIFFER, TOO_WEAK, CONFIRM):
                self.message.setText("")
            self.submit.setEnabled(strength.acceptable and matches)
        else:
            self.submit.setEnabled(bool(self.passphrase.text()))

    def _explain_refusal(self) -> None:
        """Enter on a passphrase the dialog cannot take yet says why, instead of doing nothing."""
        if self.mode != "create" or self.submit.isEnabled() or self.submit.text() != "Create notebook":
            return
        if not estimate_strength(self.passphrase.text()).acceptable:
            self.message.setText(TOO_WEAK)
            self.passphrase.setFocus()
        elif not self.confirmation.text():
            self.message.setText(CONFIRM)
            self.confirmation.setFocus()
        else:
            self.message.setText(DIFFER)
            self.confirmation.setFocus()
            self.confirmation.selectAll()

    def _submit(self) -> None:
        if not self.submit.isEnabled():
            return
        self.submit.setEnabled(False)
        self.message.setText("")
        self.submit.setText("Opening…")
        passphrase = self.passphrase.text()
        worker = Worker(call_job(lambda: self.opener(passphrase), "unlock"), "unlock")
        worker.succeeded.connect(self._opened)
        worker.failed.connect(self._refused)
        self.pool.start(worker)

    def _opened(self, notebook) -> None:
        self.notebook = notebook
        self.passphrase.clear()
        self.confirmation.clear()
        self.unlocked.emit(notebook)
        self.accept()

    def _refused(self, message: str) -> None:
        self.submit.setText("Create notebook" if self.mode == "create" else "Unlock")
        self.message.setText(message[:1].upper() + message[1:])
        self.passphrase.clear()  # a refused passphrase is not left in memory or on screen for the next try
        self.passphrase.setFocus()
        self._update()
