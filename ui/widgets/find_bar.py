"""The note view's find bar: a word typed here is found in the transcript; Enter / Shift+Enter step through."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


class FindBar(QWidget):
    """Finds with ``matcher(query) -> [match, …]`` and shows one with ``show(match)``; ``closed()`` on Escape."""

    closed = Signal()

    def __init__(self, matcher: Callable[[str], list], show: Callable[[object], None], parent=None):
        super().__init__(parent)
        self.matcher = matcher
        self.show_match = show
        self.matches: list = []
        self.current = -1
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in this note  (Enter: next, Shift+Enter: previous)")
        self.field.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setObjectName("subtitle")
        self.count.setMinimumWidth(80)
        self.previous_button = QToolButton()
        self.previous_button.setText("↑")
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton()
        self.next_button.setText("↓")
        self.next_button.setToolTip("Next match (Enter)")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(close)
        self.field.textChanged.connect(lambda: self.find(self.field.text()))
        self.field.returnPressed.connect(lambda: self.step(1))
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence("Shift+Return"), self.field, lambda: self.step(-1), context=Qt.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key_Escape), self.field, self.close_bar, context=Qt.WidgetShortcut)
        self.hide()

    def open(self, query: str | None = None) -> None:
        """Shows the bar with the keyboard in it; ``query`` (when given) is searched at once."""
        self.show()
        if query is not None and query != self.field.text():
            self.field.setText(query)
        self.field.setFocus(Qt.ShortcutFocusReason)
        self.field.selectAll()

    def find(self, query: str) -> None:
        """Finds ``query`` anew and shows its first match."""
        self.matches = self.matcher(query)
        self.current = -1
        self.step(1)
        if not self.matches:
            self.count.setText("No match" if query.strip() else "")

    def step(self, direction: int) -> None:
        """Shows the next (1) or previous (-1) match, wrapping around."""
        if not self.matches:
            return
        self.current = (self.current + direction) % len(self.matches)
        self.count.setText(f"{self.current + 1} of {len(self.matches)}")
        self.show_match(self.matches[self.current])

    def refresh(self) -> None:
        """Finds the query again in a changed transcript, staying on the same match number; shows nothing new."""
        if not self.isVisible():
            return
        self.matches = self.matcher(self.field.text())
        self.current = min(self.current, len(self.matches) - 1)
        self.count.setText(f"{self.current + 1} of {len(self.matches)}" if self.current >= 0
                           else "No match" if self.field.text().strip() else "")

    def close_bar(self) -> None:
        """Hides the bar; the transcript gets the keyboard back."""
        self.hide()
        self.closed.emit()
