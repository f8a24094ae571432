"""A note's title is personal data a user types: redacted exports replace its names, verbatim ones keep it."""
from __future__ import annotations

import json

import pytest

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from tests.support.exports import FORMATS, exported_text

PASSPHRASE = "title export passphrase"
TITLE = "Interview with Anna Schmidt"


@pytest.fixture
def titled_note(isolated_home) -> str:
    """A note in the default notebook whose text says "Anna" and whose title names Anna Schmidt."""
    from app.storage import init_notebook
    from tests.support.notebooks import FAST_KDF

    text = "Thanks Anna, bye."
    transcript = Transcript(
        segments=[Segment(0.0, 1.5, text, [Word("Thanks", 0.0, 0.4, 1, "S1"), Word(" Anna,", 0.5, 0.9, 1, "S1"),
                                           Word(" bye.", 1.0, 1.4, 1, "S1")], "S1")],
        speakers=[Speaker("S1", "Speaker 1")],
        pii_spans=[PiiSpan(0, 7, 11, "PERSON", "Anna", 0.9)],
        duration_s=1.5, source_name="anna_schmidt.wav", title=TITLE, language="en",
    )
    with init_notebook(None, PASSPHRASE, kdf=FAST_KDF) as notebook:  # cheap: the key derivation is not tested here
        return str(notebook.save_transcript(transcript))


def _audit_policies(note: str) -> list[str]:
    from app.storage import open_notebook

    with open_notebook(None, PASSPHRASE) as notebook:
        return [entry.policy for entry in notebook.list_audit_log(int(note))]


def test_notes_export_redacts_the_title_in_all_six_formats_unless_kept(run_cli, titled_note, tmp_path):
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    done = run_cli("notes", "export", titled_note, "--format", ",".join(FORMATS), "--out", str(tmp_path / "red"), env=env)
    assert done.returncode == 0, done.stderr
    for fmt in FORMATS:
        text = exported_text(tmp_path / "red" / f"note-{titled_note}.{fmt}")
        assert "Anna" not in text and "Schmidt" not in text and "anna" not in text, (fmt, text)
    assert "# Interview with [PERSON_1]" in exported_text(tmp_path / "red" / f"note-{titled_note}.md")
    assert "Interview with [PERSON_1]" in exported_text(tmp_path / "red" / f"note-{titled_note}.docx")
    exported = json.loads((tmp_path / "red" / f"note-{titled_note}.json").read_text())
    assert (exported["title"], exported["source_name"]) == ("Interview with [PERSON_1]", "[PERSON_1].wav")

    kept = run_cli("notes", "export", titled_note, "--format", "md", "--keep-title", "--out", str(tmp_path / "kept"), env=env)
    assert kept.returncode == 0, kept.stderr
    text = exported_text(tmp_path / "kept" / f"note-{titled_note}.md")
    assert f"# {TITLE}" in text and "Thanks [PERSON_1]," in text  # the title kept, the text still redacted

    verbatim = run_cli("notes", "export", titled_note, "--format", "md", "--no-redact", "--out", str(tmp_path / "raw"), env=env)
    assert verbatim.returncode == 0, verbatim.stderr
    assert f"# {TITLE}" in exported_text(tmp_path / "raw" / f"note-{titled_note}.md")
    policies = _audit_policies(titled_note)
    assert "title redacted" in policies[0] and "title kept" in policies[1]


def test_hushnote_export_with_a_report_names_no_one_from_the_title(run_cli, titled_note, tmp_path):
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    done = run_cli("export", titled_note, "--format", "txt,json", "--report", "--out", str(tmp_path), env=env)
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in tmp_path.glob(f"note-{titled_note}.*"))
    assert written == [f"note-{titled_note}.{ext}" for ext in ("json", "privacy.json", "privacy.txt", "txt")]
    for path in tmp_path.glob(f"note-{titled_note}.*"):
        assert "Anna" not in path.read_text() and "Schmidt" not in path.read_text(), path.name
    assert "Hushnote privacy report — Interview with [PERSON_1]" in (tmp_path / f"note-{titled_note}.privacy.txt").read_text()


def test_a_redacted_export_of_a_file_named_after_someone_has_no_name_in_its_file_names(run_cli, titled_note, tmp_path):
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    shown = run_cli("notes", "export", titled_note, "--format", "json", "--no-redact", "--out", str(tmp_path / "raw"),
                    env=env)
    assert shown.returncode == 0, shown.stderr
    named = tmp_path / "anna_schmidt.json"
    named.write_bytes((tmp_path / "raw" / f"note-{titled_note}.json").read_bytes())

    done = run_cli("export", str(named), "--format", "txt,md", "--report", "--out", str(tmp_path / "red"), env=env)
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "red").iterdir())
    assert names == ["[PERSON_1].md", "[PERSON_1].privacy.json", "[PERSON_1].privacy.txt", "[PERSON_1].txt"]

    kept = run_cli("export", str(named), "--format", "txt", "--keep-title", "--out", str(tmp_path / "kept"), env=env)
    assert kept.returncode == 0, kept.stderr
    assert [p.name for p in (tmp_path / "kept").iterdir()] == ["anna_schmidt.txt"]


def test_two_files_whose_names_redact_alike_do_not_overwrite_each_other(run_cli, tmp_path):
    import numpy as np
    import soundfile as sf

    for name in ("Call with Anna Schmidt.wav", "Call with Peter Novak.wav"):
        sf.write(tmp_path / name, np.zeros(16000, np.float32), 16000)
    done = run_cli("transcribe", str(tmp_path / "Call with Anna Schmidt.wav"), str(tmp_path / "Call with Peter Novak.wav"),
                   "--no-diarize", "--format", "txt", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 2, names
    assert not any("Anna" in n or "Schmidt" in n or "Peter" in n or "Novak" in n for n in names), names
