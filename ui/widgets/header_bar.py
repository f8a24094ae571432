"""A page header whose title stays readable: the buttons move under it when the window is too narrow for both."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLayout, QSizePolicy, QWidget

#: the least width a title keeps beside the buttons before they move to a row of their own
TITLE_MIN_WIDTH_PX = 260


class HeaderBar(QWidget):
    """``titles`` (a layout, usually an elided title and a subtitle) and ``buttons`` on one row, or two when narrow."""

    def __init__(self, titles: QLayout, buttons: list[QWidget], parent=None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.titles = titles
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(6)
        for button in buttons:
            self.buttons.addWidget(button)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(8)
        self.grid.addLayout(self.titles, 0, 0)
        self.grid.setColumnStretch(0, 1)
        self.wrapped = False
        self._place_buttons()

    def _place_buttons(self) -> None:
        self.grid.removeItem(self.buttons)
        if self.wrapped:
            self.grid.addLayout(self.buttons, 1, 0, 1, 2, Qt.AlignRight)
        else:
            self.grid.addLayout(self.buttons, 0, 1, Qt.AlignRight | Qt.AlignVCenter)

    def fit(self, width: int) -> None:
        """Puts the buttons beside the title when ``width`` leaves it room, else on a row below; returns None."""
        wrapped = width - self.buttons.sizeHint().width() - self.grid.horizontalSpacing() < TITLE_MIN_WIDTH_PX
        if wrapped != self.wrapped:
            self.wrapped = wrapped
            self._place_buttons()

    def resizeEvent(self, event) -> None:
        self.fit(event.size().width())
        super().resizeEvent(event)
