"""Settings → Vocabulary: the notebook's names and terms, each change saved into the encrypted notebook at once."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage import NotebookError
from app.vocabulary import (
    ADDED, KIND_CHANGED, NAME, TERM, Vocabulary, add_to_vocabulary, load_vocabulary, remove_from_vocabulary,
)
from audio_core.errors import HushnoteError

KIND_LABELS = {NAME: "Name (a person)", TERM: "Term (never redacted)"}
HINT = (
    "Names and words your meetings use that the transcript gets wrong. Recognition is told about them; "
    "a listed name is treated as personal data wherever it is said, a listed term never is. "
    "Kept in the encrypted notebook."
)


class VocabularyPanel(QWidget):
    """Lists, adds and removes the vocabulary of one unlocked notebook (``storage``); emits ``changed`` after each save."""

    changed = Signal()

    def __init__(self, storage, parent=None):
        super().__init__(parent)
        self.storage = storage
        hint = QLabel(HINT)
        hint.setWordWrap(True)
        hint.setObjectName("subtitle")
        self.entry = QLineEdit()
        self.entry.setPlaceholderText("A name or term, e.g. Siobhan Nakagawa or Zephyrix")
        self.entry.setMaxLength(200)  # longer text gets the entry rules' clear message, not a silent cut
        self.kind = QComboBox()
        for kind in (NAME, TERM):
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.add_button = QPushButton("Add")
        self.add_button.setDefault(False)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_entry)
        self.entry.installEventFilter(self)  # Enter adds the entry and must not also press the dialog's OK
        add_row = QHBoxLayout()
        add_row.addWidget(self.entry, 1)
        add_row.addWidget(self.kind)
        add_row.addWidget(self.add_button)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Name or term", "Kind"])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(add_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.vocabulary = Vocabulary()
        self.reload()

    def reload(self) -> None:
        """Shows the notebook's current list; returns None (a read error is shown in the panel)."""
        try:
            self.vocabulary = load_vocabulary(self.storage)
        except NotebookError as exc:
            self.status.setText(f"Cannot read the vocabulary: {exc}")
            return
        self.table.setRowCount(0)
        for entry in self.vocabulary:
            row = self.table.rowCount()
            self.table.insertRow(row)
            text = QTableWidgetItem(entry.text)
            text.setData(Qt.UserRole, entry.text)
            self.table.setItem(row, 0, text)
            self.table.setItem(row, 1, QTableWidgetItem(entry.kind.capitalize()))
        self._selection_changed()

    def add_entry(self) -> None:
        """Adds the typed entry with the chosen kind and saves it; returns None (problems are shown in the panel)."""
        try:
            result = add_to_vocabulary(self.storage, self.entry.text(), self.kind.currentData())
        except HushnoteError as exc:
            self.status.setText(str(exc).capitalize())
            return
        if result.outcome == ADDED:
            self.status.setText(f"Added “{result.entry.text}”.")
        elif result.outcome == KIND_CHANGED:
            self.status.setText(f"“{result.entry.text}” is now a {result.entry.kind}.")
        else:
            self.status.setText(f"“{result.entry.text}” is already in the list.")
        self.entry.clear()
        self.reload()
        self._select(result.entry.text)
        self.changed.emit()

    def remove_selected(self) -> None:
        """Removes the selected entries and saves; returns None."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        texts = [self.table.item(row, 0).data(Qt.UserRole) for row in rows]
        try:
            removed = [e for e in (remove_from_vocabulary(self.storage, text) for text in texts) if e is not None]
        except HushnoteError as exc:
            self.status.setText(str(exc).capitalize())
            return
        if removed:
            self.status.setText("Removed " + ", ".join(f"“{e.text}”" for e in removed) + ".")
        self.reload()
        self.changed.emit()

    def _select(self, text: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.UserRole) == text:
                self.table.selectRow(row)
                self.table.scrollToItem(self.table.item(row, 0))

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.entry and event.type() == QEvent.KeyPress and event.key() in (Qt.Key_Return, Qt.Key_Enter):
            self.add_entry()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and self.table.hasFocus():
            self.remove_selected()
            return
        super().keyPressEvent(event)
