"""What a locked window shows instead of its pages: that it is locked, and the way back in."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.app import app_icon


class LockedView(QWidget):
    """What a locked window shows: that it is locked, and the way back in."""

    def __init__(self, parent=None):
        super().__init__(parent)
        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(72, 72))
        icon.setAlignment(Qt.AlignCenter)
        title = QLabel("Hushnote is locked")
        title.setObjectName("title")
        title.setAlignment(Qt.AlignCenter)
        subtitle = QLabel("Your notes are encrypted on this computer. Enter your passphrase to open them.")
        subtitle.setObjectName("subtitle")
        subtitle.setAlignment(Qt.AlignCenter)
        subtitle.setWordWrap(True)
        self.unlock_button = QPushButton("Unlock…")
        self.unlock_button.setObjectName("primary")
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(self.unlock_button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        for widget in (icon, title, subtitle):
            layout.addWidget(widget)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch()
        self.parts = [icon, title, subtitle, self.unlock_button]

    def set_asking(self, asking: bool) -> None:
        """Hides the lock's own words while the unlock dialog asks over them: the dialog's background is the
        window's, so a line of them showed beside it ("…phrase to open them."), cut off. Returns None."""
        for part in self.parts:
            part.setVisible(not asking)
