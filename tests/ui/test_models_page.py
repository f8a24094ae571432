"""The Models page of the settings: consent, download with progress, cancel and resume, choose the new model."""
from __future__ import annotations

import pytest

from app.model_download import staging_dir
from app.models_registry import is_downloaded, resolve_model
from tests.support.local_hub import LocalHub
from ui.settings import UiSettings
from ui.widgets.models_panel import ModelsPanel
from ui.widgets.settings_dialog import SettingsDialog

REPO = "Systran/faster-whisper-small"


@pytest.fixture
def hub(monkeypatch):
    with LocalHub() as local_hub:
        local_hub.add_repo(REPO, resolve_model("tiny.en").path)
        monkeypatch.setenv("HF_ENDPOINT", local_hub.endpoint)
        yield local_hub


def state_of(panel: ModelsPanel, name: str) -> str:
    row = next(i for i, (m, _) in enumerate(panel.models) if m.name == name)
    return panel.table.item(row, 1).text()


def test_declined_consent_downloads_nothing(qtbot, hub):
    asked = []
    panel = ModelsPanel(confirm=lambda text: asked.append(text) and False)
    qtbot.addWidget(panel)
    panel.select("small")
    assert panel.download_selected() is None
    assert REPO in asked[0] and "127.0.0.1" in asked[0] and "MB" in asked[0]
    assert hub.requests == []
    assert "Nothing was downloaded" in panel.status.text()
    assert state_of(panel, "small") == "Download"


def test_cancel_keeps_the_partial_download_and_download_again_resumes(qtbot, hub):
    panel = ModelsPanel(confirm=lambda text: True)
    qtbot.addWidget(panel)
    panel.select("small")
    worker = panel.download_selected()
    worker.progress.connect(lambda step, done, total: panel.cancel_download() if done > total / 3 else None)
    with qtbot.waitSignal(worker.cancelled, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: not panel.pool.busy)
    assert "resume" in panel.status.text() and not is_downloaded("small")
    assert (staging_dir("small") / "model.bin.partial").is_file()
    assert state_of(panel, "small").startswith("Resume (")

    panel.select("small")
    worker = panel.download_selected()
    with qtbot.waitSignal(worker.succeeded, timeout=120_000):
        pass
    qtbot.waitUntil(lambda: not panel.pool.busy)
    assert is_downloaded("small") and state_of(panel, "small") == "Installed"
    assert any(r.range for r in hub.requests if r.path.endswith("model.bin"))


def test_a_model_downloaded_on_the_models_page_can_be_chosen_at_once(qtbot, hub):
    dialog = SettingsDialog(UiSettings(), confirm_downloads=lambda text: True)
    qtbot.addWidget(dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == ["General", "Models"]
    assert dialog.model.findData("small") == -1
    panel = dialog.models_panel
    assert panel.recommendation.text().startswith("Recommended for this computer:")
    panel.select("small")
    with qtbot.waitSignal(panel.models_changed, timeout=120_000):
        panel.download_selected()
    qtbot.waitUntil(lambda: not panel.pool.busy)
    dialog.model.setCurrentIndex(dialog.model.findData("small"))
    assert dialog.settings().model == "small"


def test_closing_the_settings_mid_download_cancels_it_and_keeps_what_arrived(qtbot, hub):
    dialog = SettingsDialog(UiSettings(), confirm_downloads=lambda text: True)
    qtbot.addWidget(dialog)
    panel = dialog.models_panel
    panel.select("small")
    worker = panel.download_selected()
    with qtbot.waitSignal(worker.progress, timeout=60_000):
        pass
    dialog.reject()  # waits for the download's thread to end
    qtbot.waitUntil(lambda: not panel.pool.busy)
    assert "cancelled" in panel.status.text()
    assert not is_downloaded("small")
    assert staging_dir("small").is_dir()


def test_first_run_recommends_a_model_for_this_computer_without_downloading(window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt

    from tests.support.notebooks import PASSPHRASE

    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # anything contacted would fail loudly
    dialog = window.ask_unlock()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.confirmation, PASSPHRASE)
    with qtbot.waitSignal(window.unlocked, timeout=30_000):
        qtbot.mouseClick(dialog.submit, Qt.LeftButton)
    text = window.status_label.text()
    from app.model_speed import recommend_for_this_machine
    from app.models_registry import KNOWN_MODELS, is_installed

    recommended = KNOWN_MODELS[recommend_for_this_machine().model]
    assert f"Recommended model for this computer: {recommended.name}" in text
    # An installed model (base comes from PyPI with the install) was offered as a download.
    assert ("Settings → Models downloads it" in text) == (not is_installed(recommended)), text
    assert ("it is installed: choose it in Settings → General" in text) == is_installed(recommended), text
    assert not staging_dir("base").exists() and not staging_dir("small").exists()
