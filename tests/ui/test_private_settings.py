"""The output device can name its owner: it lives in the encrypted notebook, never in the plain settings file."""
from __future__ import annotations

import json

from tests.support.notebooks import PASSPHRASE
from ui.notebook import DesktopNotebook
from ui.private_settings import OUTPUT_DEVICE_KEY, read_output_device

DEVICE = "Anna's AirPods"


def _plain_settings_text() -> str:
    from ui.settings import settings_path

    return settings_path().read_text(encoding="utf-8")


def _lock(window) -> None:
    window.lock()
    if window.unlock_dialog is not None:  # the passphrase prompt lock opens would stay modal for the next test
        window.unlock_dialog.reject()
        window.unlock_dialog.deleteLater()


def test_an_older_plain_file_s_device_moves_into_the_notebook_on_unlock_and_off_disk(qtbot, engines, tmp_path, notebook):
    from ui.main_window import MainWindow
    from ui.settings import load_settings, settings_path

    settings_path().write_text(json.dumps({"auto_lock_min": 0, "output_device": DEVICE, "model": "tiny.en"}), encoding="utf-8")
    window = MainWindow(load_settings(), engines, notebook_path=tmp_path / "notebook.db", persist_settings=True)
    qtbot.addWidget(window)
    window.set_notebook(notebook)
    assert "Anna" not in _plain_settings_text()
    assert json.loads(_plain_settings_text())["auto_lock_min"] == 0  # the other choices are kept
    assert read_output_device(notebook.storage) == DEVICE
    assert window.note_view.output_device == DEVICE and window.note_view.player.device == DEVICE
    _lock(window)
    assert window.note_view.output_device == "" and window.settings.output_device == ""
    assert "Anna" not in _plain_settings_text()
    window.close()


def test_a_device_chosen_in_settings_is_saved_in_the_notebook_only(qtbot, engines, tmp_path, notebook):
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    window = MainWindow(UiSettings(auto_lock_min=0), engines, notebook_path=tmp_path / "notebook.db", persist_settings=True)
    qtbot.addWidget(window)
    window.set_notebook(notebook)
    window.apply_settings(window.settings.with_changes(output_device=DEVICE))
    assert "Anna" not in _plain_settings_text()
    assert notebook.storage.read_settings([OUTPUT_DEVICE_KEY]) == {OUTPUT_DEVICE_KEY: DEVICE}
    _lock(window)
    assert window.note_view.output_device == ""
    window.set_notebook(DesktopNotebook.unlock(PASSPHRASE, tmp_path / "notebook.db"))  # unlocked again: the choice is back
    assert window.settings.output_device == DEVICE and window.note_view.output_device == DEVICE
    _lock(window)
    window.close()
