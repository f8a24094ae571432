"""The export dialog: a renamed speaker is pseudonymized in every redacted file unless the user keeps names."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tests.support.exports import FORMATS, exported_text

NAME = "Marta Quinn"


def _export(dialog, qtbot, folder) -> list:
    dialog.folder.setText(str(folder))
    for fmt in FORMATS:
        dialog.format_boxes[fmt].setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=180_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    return dialog.written


def test_renamed_speaker_is_left_out_of_every_redacted_export_unless_kept(unlocked_window, clip_note, qtbot, tmp_path):
    window = unlocked_window
    window.notebook.save(clip_note)
    window.show_note(clip_note)
    speaker_id = clip_note.transcript.speakers[0].id
    window.note_view.rename_speaker(speaker_id, NAME)

    dialog = window.open_export()
    qtbot.addWidget(dialog)
    assert dialog.keep_speaker_names.isEnabled() and not dialog.keep_speaker_names.isChecked()
    dialog.audio.setCurrentIndex(dialog.audio.findData("alienated"))  # the report then lists the speakers
    written = _export(dialog, qtbot, tmp_path / "red")
    assert {p.suffix for p in written} >= {f".{f}" for f in FORMATS}
    for path in written:
        if path.suffix in (".flac", ".wav"):
            continue
        text = exported_text(path)
        assert "Marta" not in text and "Quinn" not in text, path.name
    assert "Speaker 1" in (tmp_path / "red" / f"{written[0].stem}.txt").read_text()  # e.g. librivox_sas-0880.txt
    assert "Speaker 1:" in next(tmp_path.glob("red/*.privacy.txt")).read_text()

    opened = []
    dialog.open_url = lambda url: opened.append(url.toLocalFile()) or True
    assert dialog.open_folder_button.isVisible()
    qtbot.mouseClick(dialog.open_folder_button, Qt.LeftButton)
    assert opened == [str(tmp_path / "red")]

    kept = window.open_export()
    qtbot.addWidget(kept)
    kept.keep_speaker_names.setChecked(True)
    stem = written[0].stem
    _export(kept, qtbot, tmp_path / "kept")
    assert NAME in (tmp_path / "kept" / f"{stem}.txt").read_text()

    verbatim = window.open_export()
    qtbot.addWidget(verbatim)
    verbatim.unredacted.setChecked(True)
    assert not verbatim.keep_speaker_names.isEnabled()
    verbatim.confirm_unredacted = lambda: True
    _export(verbatim, qtbot, tmp_path / "raw")
    assert NAME in (tmp_path / "raw" / f"{stem}.md").read_text()

    policies = [e.policy for e in window.notebook.storage.list_audit_log(int(clip_note.note_id))]
    assert "speaker names pseudonymized" in policies[0] and "speaker names kept" in policies[1]
