"""The export dialog: a typed title naming someone is redacted in every file and in the file names, unless kept."""
from __future__ import annotations

from PySide6.QtCore import Qt

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from tests.support.exports import FORMATS, exported_text

TITLE = "Interview with Anna Schmidt"


def _titled_note():
    from ui.notebook import Note

    text = "Thanks Anna, see you on Monday."
    words = [Word(w if i == 0 else f" {w}", i * 0.4, i * 0.4 + 0.3, 1, "S1") for i, w in enumerate(text.split())]
    return Note(None, Transcript(segments=[Segment(0.0, 3.0, text, words, "S1")], speakers=[Speaker("S1", "Speaker 1")],
                                 pii_spans=[PiiSpan(0, 7, 11, "PERSON", "Anna", 0.9)], duration_s=3.0,
                                 source_name="interview.wav", title=TITLE, language="en"))


def _export(dialog, qtbot, folder, formats=FORMATS) -> list:
    dialog.folder.setText(str(folder))
    for fmt, box in dialog.format_boxes.items():
        box.setChecked(fmt in formats)
    with qtbot.waitSignal(dialog.exported, timeout=180_000):
        qtbot.mouseClick(dialog.export_button, Qt.LeftButton)
    return dialog.written


def test_a_named_title_is_redacted_in_every_file_and_file_name_unless_kept(unlocked_window, qtbot, tmp_path):
    window = unlocked_window
    note = _titled_note()
    note.note_id = window.notebook.save(note)
    window.show_note(note)

    dialog = window.open_export()
    qtbot.addWidget(dialog)
    assert dialog.keep_title.isEnabled() and not dialog.keep_title.isChecked()
    written = _export(dialog, qtbot, tmp_path / "red")
    assert sorted(p.name for p in written) == sorted(
        [f"Interview_with_PERSON_1.{fmt}" for fmt in FORMATS] + ["Interview_with_PERSON_1.privacy.json",
                                                               "Interview_with_PERSON_1.privacy.txt"])
    for path in written:
        text = exported_text(path)
        assert "Anna" not in text and "Schmidt" not in text, path.name
    assert "Interview with [PERSON_1]" in exported_text(tmp_path / "red" / "Interview_with_PERSON_1.docx")
    assert "Interview_with_PERSON_1" in dialog.status.text()

    kept = window.open_export()
    qtbot.addWidget(kept)
    kept.keep_title.setChecked(True)
    _export(kept, qtbot, tmp_path / "kept", ("md",))
    text = exported_text(tmp_path / "kept" / "Interview_with_Anna_Schmidt.md")
    assert f"# {TITLE}" in text and "Thanks [PERSON_1]," in text

    verbatim = window.open_export()
    qtbot.addWidget(verbatim)
    verbatim.unredacted.setChecked(True)
    assert not verbatim.keep_title.isEnabled()
    verbatim.confirm_unredacted = lambda: True
    _export(verbatim, qtbot, tmp_path / "raw", ("md",))
    assert f"# {TITLE}" in exported_text(tmp_path / "raw" / "Interview_with_Anna_Schmidt.md")

    policies = [e.policy for e in window.notebook.storage.list_audit_log(int(note.note_id))]
    assert "title redacted" in policies[0] and "title kept" in policies[1]


def test_the_next_export_offers_the_folder_the_last_one_went_to_kept_only_in_the_notebook(unlocked_window, qtbot, tmp_path):
    """Each export offered the home folder again, however often the person had chosen another one."""
    from ui.private_settings import EXPORT_FOLDER_KEY

    window = unlocked_window
    note = _titled_note()
    note.note_id = window.notebook.save(note)
    window.show_note(note)
    dialog = window.open_export()
    qtbot.addWidget(dialog)
    _export(dialog, qtbot, tmp_path / "zqxclients", formats=["txt"])
    dialog.reject()

    again = window.open_export()
    qtbot.addWidget(again)

    assert again.folder.text() == str(tmp_path / "zqxclients")
    assert window.notebook.storage.read_settings([EXPORT_FOLDER_KEY])[EXPORT_FOLDER_KEY] == str(tmp_path / "zqxclients")
    plain = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix in (".json", ".ini", ".conf")]
    assert not [p for p in plain if b"zqxclients" in p.read_bytes()]
