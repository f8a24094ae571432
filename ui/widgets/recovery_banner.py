"""The banner that offers to recover recordings a crash or kill interrupted."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton


class RecoveryBanner(QFrame):
    """Says how many interrupted recordings the notebook holds; ``recover_requested`` on Recover."""

    recover_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("recoveryBanner")
        self.setStyleSheet("#recoveryBanner { background: #3a3320; border: 1px solid #f7d060; border-radius: 6px; }")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.recover_button = QPushButton("Recover")
        self.recover_button.setObjectName("primary")
        self.later_button = QPushButton("Later")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.recover_button)
        layout.addWidget(self.later_button)
        self.recover_button.clicked.connect(self.recover_requested)
        self.later_button.clicked.connect(self.hide)
        self.hide()

    def offer(self, count: int) -> None:
        """Shows the offer for ``count`` interrupted recordings (hides the banner when there are none)."""
        if count <= 0:
            self.hide()
            return
        plural = "recording was" if count == 1 else "recordings were"
        self.message.setText(f"{count} {plural} interrupted (the app or the computer stopped). "
                             "Their audio is safe in the notebook: recover to transcribe and keep them.")
        self.recover_button.setEnabled(True)
        self.later_button.setEnabled(True)
        self.show()

    def set_busy(self, text: str) -> None:
        """Shows progress text while recovering; the buttons wait."""
        self.message.setText(text)
        self.recover_button.setEnabled(False)
        self.later_button.setEnabled(False)
