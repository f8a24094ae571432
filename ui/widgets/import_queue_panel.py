"""The library's import queue: one row per file (name, progress, stage, Cancel), in a list that scrolls past a few
rows, and "Clear finished" to take away the rows of files that are done, failed or cancelled."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.viewmodels.import_queue import DONE, DUPLICATE, PENDING, ImportQueue

ROWS_SHOWN = 4  # more scroll: forty dropped files made the window 1,757 px tall, past the screen's bottom


class ImportRow(QWidget):
    """One queued file: name, progress bar, status and a cancel button."""

    def __init__(self, name: str, on_cancel, parent=None):
        super().__init__(parent)
        self.name = QLabel(name)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(160)
        self.status = QLabel("Waiting")
        self.status.setObjectName("subtitle")
        self.status.setMinimumWidth(150)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(on_cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.name, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.cancel_button)

    def show_entry(self, entry) -> None:
        """Shows ``entry``'s progress, message and whether it can still be cancelled."""
        self.bar.setValue(int(entry.fraction * 1000))
        self.status.setText(entry.message or entry.state.capitalize())
        self.status.setToolTip(entry.message)
        self.cancel_button.setEnabled(entry.state in PENDING)
        self.bar.setVisible(entry.state in (*PENDING, DONE))


class ImportQueuePanel(QWidget):
    """Shows ``queue``'s files; hidden while there is no row to show."""

    def __init__(self, queue: ImportQueue, parent=None):
        super().__init__(parent)
        self.queue = queue
        self.rows: dict[int, ImportRow] = {}
        title = QLabel("Import queue")
        title.setStyleSheet("font-weight: 600;")
        self.summary = QLabel()
        self.summary.setObjectName("subtitle")
        self.clear_button = QPushButton("Clear finished")
        self.clear_button.setToolTip("Take away the rows of files that are done, failed or cancelled")
        self.clear_button.clicked.connect(self.clear_finished)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addWidget(self.summary, 1)
        header.addWidget(self.clear_button)
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(0)
        self.list_layout.addStretch()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.scroll)
        queue.entry_added.connect(self._entry_added)
        queue.entry_changed.connect(self._entry_changed)
        self.hide()

    def _entry_added(self, row: int) -> None:
        entry = self.queue.entries[row]
        widget = ImportRow(entry.path.name, lambda _=False, r=row: self.queue.cancel(r))
        widget.show_entry(entry)  # "Checking…" from the start, for a file a person added
        self.rows[row] = widget
        self.list_layout.insertWidget(self.list_layout.count() - 1, widget)
        self._update()
        self.show()

    def _entry_changed(self, row: int) -> None:
        if row in self.rows:
            self.rows[row].show_entry(self.queue.entries[row])
        self._update()

    def clear_finished(self) -> None:
        """Takes away the rows of files no longer waiting or being imported; hides the panel when none is left."""
        for row, widget in list(self.rows.items()):
            if self.queue.entries[row].state not in PENDING:
                del self.rows[row]
                widget.deleteLater()
        self._update()
        if not self.rows:
            self.hide()

    def _update(self) -> None:
        states = [self.queue.entries[row].state for row in self.rows]
        pending = sum(state in PENDING for state in states)
        done = sum(state == DONE for state in states)
        known = sum(state == DUPLICATE for state in states)  # not a failure: "1 of 2 imported" read as one
        parts = [f"{done} of {len(states) - known} imported"] if len(states) > known else []  # never "0 of 0"
        parts += [f"{known} already in the notebook"] if known else []
        parts += [f"{pending} to go"] if pending else []
        self.summary.setText(" · ".join(parts))
        self.clear_button.setEnabled(pending < len(states))
        row_height = max((w.sizeHint().height() for w in self.rows.values()), default=0)
        self.scroll.setFixedHeight(min(len(self.rows), ROWS_SHOWN) * row_height + 2 * self.scroll.frameWidth())
