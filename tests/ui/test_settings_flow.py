"""Settings through the dialog: model choice (bundled, base, local folder), threads, clean-up, import channel, retention, keychain, auto-lock."""
from __future__ import annotations

from PySide6.QtCore import Qt

from ui.main_window import pipeline_options
from ui.settings import UiSettings, load_settings, save_settings, settings_path


def test_settings_dialog_edits_and_applies_every_choice(unlocked_window, qtbot, tmp_path):
    window = unlocked_window  # a locked window offers no settings
    dialog = window.open_settings()
    qtbot.addWidget(dialog)
    assert dialog.model.currentData() == "tiny.en" and not dialog.path_widget.isVisible()
    dialog.model.setCurrentIndex(dialog.model.findData("path"))
    assert dialog.path_widget.isVisible()
    dialog.model_path.setText(str(tmp_path / "my-model"))
    dialog.language.setText("de")
    dialog.device.setCurrentIndex(dialog.device.findData("cpu"))
    dialog.threads.setValue(2)
    dialog.audio_retention.setValue(30)
    dialog.redact_after.setValue(90)
    dialog.keychain.setChecked(True)
    dialog.auto_lock.setValue(5)
    assert dialog.clean_up.currentData() == "" and "music" in dialog.clean_up.toolTip()
    dialog.clean_up.setCurrentIndex(dialog.clean_up.findData("spleeter"))
    assert dialog.import_channel.value() == 0 and dialog.import_channel.text() == "Mix of all channels"
    dialog.import_channel.setValue(3)
    assert dialog.decoder.currentData() == "sequential" and "faster" in dialog.decoder.toolTip()
    dialog.decoder.setCurrentIndex(dialog.decoder.findData("batched"))
    old_engines = window.engines
    dialog.accept()
    assert window.settings == UiSettings(str(tmp_path / "my-model"), "de", "cpu", 2, 30, 90, True, 5, "spleeter", import_channel=3,
                                         decoder="batched")
    assert pipeline_options(window.settings).clean_up == "spleeter" and pipeline_options(window.settings).channel == 3
    assert pipeline_options(window.settings).asr.decoder == "batched"
    assert pipeline_options(UiSettings()).asr.decoder == "sequential"
    assert pipeline_options(UiSettings()).channel is None
    assert window.engines is not old_engines and window.engines.settings.cpu_threads == 2
    assert window.engines.settings.model == str(tmp_path / "my-model")


def test_retention_settings_go_into_the_notebook(unlocked_window):
    from app.storage.retention import RetentionPolicy, get_global_policy

    window = unlocked_window
    window.apply_settings(window.settings.with_changes(audio_retention_days=7, redact_after_days=0))
    assert get_global_policy(window.notebook.storage) == RetentionPolicy(7, None)


def test_settings_survive_a_restart_and_a_damaged_file_falls_back_to_defaults():
    chosen = UiSettings(model="base", auto_lock_min=3, use_keychain=True)
    path = save_settings(chosen)
    assert load_settings() == chosen
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert "transcript" not in path.read_text()
    settings_path().write_text("{ not json")
    assert load_settings() == UiSettings()


def test_a_clean_up_or_decoder_the_app_does_not_know_is_left_out_rather_than_failing_every_import():
    settings_path().write_text('{"clean_up": "demucs", "decoder": "turbo", "language": "en"}')
    options = pipeline_options(load_settings())
    assert options.clean_up == "" and options.asr.decoder == "sequential" and options.asr.language == "en"


def test_keyboard_shortcut_ctrl_f_focuses_search(unlocked_window, qtbot):
    window = unlocked_window
    window.show_page("Record")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_F, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.library


def test_dark_and_light_palettes_follow_the_choice(hushnote_qapp):
    from PySide6.QtGui import QPalette

    from ui.app import apply_palette

    apply_palette(hushnote_qapp, dark=True)
    assert hushnote_qapp.palette().color(QPalette.Window).lightness() < 80
    apply_palette(hushnote_qapp, dark=False)
    assert hushnote_qapp.palette().color(QPalette.Window).lightness() > 200
    assert not hushnote_qapp.windowIcon().isNull()
