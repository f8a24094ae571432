"""Dialogs that open wholly on the screen, at the size their contents need where the screen has room."""
from __future__ import annotations

from PySide6.QtCore import QSize


def keep_on_screen(window) -> None:
    """Moves the top-level ``window`` so its frame lies wholly on its screen (as far as its size allows)."""
    if window.screen() is None:
        return
    area, frame = window.screen().availableGeometry(), window.frameGeometry()
    x = max(area.left(), min(frame.left(), area.right() + 1 - frame.width()))
    y = max(area.top(), min(frame.top(), area.bottom() + 1 - frame.height()))
    if (x, y) != (frame.left(), frame.top()):
        window.move(x, y)


def fit_to_screen(window, wanted: QSize) -> None:
    """Resizes ``window`` to ``wanted``, bounded by its screen's free area, and keeps it on the screen.

    Qt opens a dialog at no more than two thirds of the screen's width, narrower than the one line each of its
    check boxes and notes needs at 800×600: their ends were cut off.
    """
    if window.screen() is not None:
        wanted = wanted.boundedTo(window.screen().availableGeometry().size() - (window.frameGeometry().size() - window.size()))
    window.resize(wanted.expandedTo(window.minimumSize()))
    keep_on_screen(window)
