"""The window's own keys reach it from a text field.

On X11 a QLineEdit claims Ctrl+E (end of line, as in Emacs) and Ctrl+U before any window shortcut sees them:
with the keyboard in the note's find field or the library's search, Ctrl+E (Export…) did nothing at all.
The field keeps every other key; the End key still ends the line.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit


class WindowKeysFirst(QObject):
    """An application event filter: a key one of ``window``'s enabled actions is bound to goes to the action,
    not to a line edit of that window that would take it as an editing key."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:
        if (event.type() == QEvent.ShortcutOverride and isinstance(watched, QLineEdit)
                and watched.window() is self.window):
            pressed = QKeySequence(event.keyCombination())
            # Filtered, the override stays unaccepted: Qt then runs the window's shortcut.
            return any(action.isEnabled() and action.shortcut() == pressed
                       for action in self.window.findChildren(QAction))
        return False
