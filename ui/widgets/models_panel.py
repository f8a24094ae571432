"""The Models page of the settings: what is installed, what is recommended, download (with consent) and remove."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.model_download import download_model, partial_bytes, plan_download, remove_model
from app.model_speed import estimate_speed, measured_speeds, recommend_for_this_machine
from app.models_registry import KNOWN_MODELS, installed_models, installed_size_bytes, is_installed
from ui.workers import Worker, WorkerPool

COLUMNS = ("Model", "State", "Size", "Languages", "Speed here")


def ask_user(parent: QWidget, text: str) -> bool:
    """Returns True when the user agrees to ``text`` in a Yes/No box (No is the default)."""
    answer = QMessageBox.question(parent, "Download a model?", text, QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
    return answer == QMessageBox.Yes


def first_run_hint(current_model: str, language: str | None = None) -> str:
    """Returns the line shown once a new notebook exists: the model recommended here, unless already in use."""
    advice = recommend_for_this_machine(language)
    if advice.model == current_model:
        return "Notebook created."
    known = KNOWN_MODELS.get(advice.model)
    if known is not None and is_installed(known):  # base comes with the install: nothing to download
        return (f"Notebook created. Recommended model for this computer: {advice.model} ({advice.reason}); "
                "it is installed: choose it in Settings → General.")
    return (f"Notebook created. Recommended model for this computer: {advice.model} ({advice.reason}); "
            "Settings → Models downloads it, only if you ask.")


class ModelsPanel(QWidget):
    """Lists the known models; downloads one only after ``confirm(description)`` returns True.

    models_changed() is emitted after a model was installed or removed.
    """

    models_changed = Signal()

    def __init__(self, pool: WorkerPool | None = None, confirm: Callable[[str], bool] | None = None,
                 language: str | None = None, parent=None):
        super().__init__(parent)
        self.pool = pool or WorkerPool(self)
        self.confirm = confirm or (lambda text: ask_user(self, text))
        self.worker: Worker | None = None
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.recommendation = QLabel()
        self.recommendation.setWordWrap(True)
        self.status = QLabel("Nothing is downloaded unless you press Download and agree.")
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.download_button = QPushButton("Download…")
        self.remove_button = QPushButton("Remove")
        self.cancel_button = QPushButton("Cancel download")
        self.cancel_button.setVisible(False)
        self.download_button.clicked.connect(self.download_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.cancel_button.clicked.connect(self.cancel_download)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.download_button, self.remove_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.recommendation)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.advice = recommend_for_this_machine(language)
        self.refresh()

    def refresh(self) -> None:
        """Re-reads which models are installed and redraws the table."""
        self.models = installed_models()
        measured = measured_speeds()
        self.table.setRowCount(len(self.models))
        for row, (model, available) in enumerate(self.models):
            size = installed_size_bytes(model) if available else model.size_bytes
            speed = estimate_speed(model, measured)
            kept = 0 if available or not model.hub_repo else partial_bytes(model.name)
            state = "Installed" if available else f"Resume ({kept / 1e6:,.0f} MB here)" if kept else "Download" if model.hub_repo else "Not installed"
            cells = (model.name, state,
                     f"{'' if available else '~'}{size / 1e6:,.0f} MB", model.languages, speed.describe() if speed else "not measured")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(model.source)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        installed = dict((m.name, ok) for m, ok in self.models)
        suffix = "" if installed.get(self.advice.model) else " Select it and press Download to get it."
        self.recommendation.setText(f"Recommended for this computer: {self.advice.model} ({self.advice.reason}).{suffix}")
        self._update_buttons()

    def select(self, name: str) -> None:
        """Selects the row of model ``name``."""
        row = next(i for i, (m, _) in enumerate(self.models) if m.name == name)
        self.table.selectRow(row)

    def _selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.models[rows[0].row()] if rows else (None, False)

    def _update_buttons(self) -> None:
        model, available = self._selected()
        busy = self.worker is not None
        self.download_button.setEnabled(not busy and model is not None and bool(model.hub_repo) and not available)
        self.remove_button.setEnabled(not busy and model is not None and bool(model.hub_repo) and available)

    def download_selected(self) -> Worker | None:
        """Asks for consent, then downloads the selected model off the UI thread; returns the worker (None if declined)."""
        model, _ = self._selected()
        if model is None or not model.hub_repo:
            return None
        plan = plan_download(model.name)
        if not self.confirm(plan.describe()):
            self.status.setText("Nothing was downloaded.")
            return None
        self.worker = Worker(lambda hook, cancel: download_model(plan, hook, cancel), f"download {model.name}")
        self.worker.progress.connect(self._show_progress)
        self.worker.succeeded.connect(lambda _: self.status.setText(f"{model.name} is installed; choose it as the model on General."))
        self.worker.failed.connect(self.status.setText)
        self.worker.cancelled.connect(lambda: self.status.setText("Download cancelled; press Download again to resume it."))
        self.worker.finished.connect(self._finish)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status.setText(f"Downloading {model.name} from {plan.host}…")
        self._update_buttons()
        return self.pool.start(self.worker)

    def cancel_download(self) -> None:
        """Asks a running download to stop; what arrived is kept for a resume."""
        if self.worker is not None:
            self.worker.cancel()

    def stop(self) -> None:
        """Cancels a running download and waits for its thread (the page is closing); partial files stay for a resume."""
        self.pool.cancel_all()

    def remove_selected(self) -> None:
        """Deletes the selected downloaded model."""
        model, available = self._selected()
        if model is None or not available or not model.hub_repo:
            return
        freed = remove_model(model.name)
        self.status.setText(f"Removed {model.name}: {freed / 1e6:,.0f} MB freed.")
        self.refresh()
        self.models_changed.emit()

    def _show_progress(self, step: str, completed: float, total: float) -> None:
        if total > 0:
            self.progress.setValue(int(100 * completed / total))

    def _finish(self) -> None:
        self.worker = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.refresh()
        self.models_changed.emit()
