"""Answering the app's real question boxes (QMessageBox.exec) from a test, as a person would click them."""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_next_box(button_text: str, seen: list[str], timeout_s: float = 20.0) -> None:
    """Clicks the button labelled ``button_text`` on the next message box that opens; appends its text to ``seen``.

    Polls from the event loop (the box's own loop runs it); gives up silently after ``timeout_s``, so a box
    that never opens fails the test's own assertion instead of hanging it.
    """
    deadline = time.monotonic() + timeout_s

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            for button in box.buttons():
                if button.text().replace("&", "") == button_text:
                    seen.append(box.text())
                    button.click()
                    return
        if time.monotonic() < deadline:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
