"""Before quitting or locking stops work in progress (imports, a recording), the window asks first."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ui.viewmodels.import_queue import PENDING


def unfinished_work(queue, recording: bool) -> str:
    """Returns what stopping now would stop, in sentences a person can act on ('' when nothing runs)."""
    parts = []
    pending = sum(1 for entry in queue.entries if entry.state in PENDING)
    if pending:
        files = "1 file is" if pending == 1 else f"{pending} files are"
        parts.append(f"{files} still being imported: they are cancelled and not saved "
                     "(the files themselves are untouched; import them again later).")
    if recording:
        parts.append("A recording is running: it stops, and the audio so far is offered for recovery when you "
                     "next unlock.")
    return " ".join(parts)


def ask_to_stop(parent, action: str, work: str) -> bool:
    """Asks whether to ``action`` ("Quit", "Lock") although ``work`` is unfinished; True only for an explicit yes.

    "Keep working" is the default and Escape's answer, so a reflex keystroke stops nothing.
    """
    box = QMessageBox(QMessageBox.Warning, f"{action} Hushnote?", f"{action} now? {work}", QMessageBox.NoButton, parent)
    stop = box.addButton(action, QMessageBox.DestructiveRole)
    keep = box.addButton("Keep working", QMessageBox.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is stop
