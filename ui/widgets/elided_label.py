"""A one-line label that never widens its window: long text is elided ("…") and shown whole in a tooltip."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy


class ElidedLabel(QLabel):
    """A QLabel whose text is cut to the width it is given, however long the text (a title, a file name)."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.full_text = ""
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setMinimumWidth(40)
        self.setText(text)

    def setText(self, text: str) -> None:
        """Shows ``text``, elided to the label's width; the tooltip holds it whole when cut."""
        self.full_text = text
        self._elide()

    def text(self) -> str:
        """Returns the whole text (not the elided one shown)."""
        return self.full_text

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self.full_text, Qt.ElideRight, max(self.width(), 40))
        super().setText(shown)
        self.setToolTip(self.full_text if shown != self.full_text else "")
