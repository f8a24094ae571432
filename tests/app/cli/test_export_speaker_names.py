"""``hushnote speakers rename`` then an export: redacted exports never print the name; verbatim ones do."""
from __future__ import annotations

import json

import pytest

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from tests.support.exports import FORMATS, exported_text

PASSPHRASE = "speaker names passphrase"


@pytest.fixture
def stored_note(isolated_home) -> str:
    """A note in the default notebook: Diane speaks of Zoë, then Speaker 2 answers."""
    from app.storage import init_notebook
    from tests.support.notebooks import FAST_KDF

    words = [Word("Thanks", 0.0, 0.4, 1, "S1"), Word(" Zoë,", 0.5, 0.9, 1, "S1"), Word(" bye.", 1.0, 1.4, 1, "S1")]
    transcript = Transcript(
        segments=[Segment(0.0, 1.5, "Thanks Zoë, bye.", words, "S1"),
                  Segment(2.0, 3.0, "See you soon.", [Word("See you soon.", 2.0, 3.0, 1, "S2")], "S2")],
        speakers=[Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2")],
        pii_spans=[PiiSpan(0, 7, 10, "PERSON", "Zoë", 0.9)],
        duration_s=3.0, source_name="call.wav", title="Call",
    )
    with init_notebook(None, PASSPHRASE, kdf=FAST_KDF) as notebook:  # cheap: the key derivation is not tested here
        return str(notebook.save_transcript(transcript))


def test_rename_then_notes_export_pseudonymizes_the_name_in_all_six_formats(run_cli, stored_note, tmp_path):
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    assert run_cli("speakers", "rename", stored_note, "S1", "Diane Ross", env=env).returncode == 0
    assert run_cli("speakers", "rename", stored_note, "S2", "Zoë Park", env=env).returncode == 0

    done = run_cli("notes", "export", stored_note, "--format", ",".join(FORMATS), "--out", str(tmp_path / "red"), env=env)
    assert done.returncode == 0, done.stderr
    for fmt in FORMATS:
        text = exported_text(tmp_path / "red" / f"note-{stored_note}.{fmt}")
        assert "Diane" not in text and "Ross" not in text and "Zoë" not in text, (fmt, text)
        assert "Speaker 1" in text and "[PERSON_1]" in text, (fmt, text)
    exported = json.loads((tmp_path / "red" / f"note-{stored_note}.json").read_text())
    assert {s["id"]: s["name"] for s in exported["speakers"]} == {"S1": "Speaker 1", "S2": "[PERSON_1]"}
    assert "**Speaker 1**" in (tmp_path / "red" / f"note-{stored_note}.md").read_text()

    verbatim = run_cli("notes", "export", stored_note, "--format", ",".join(FORMATS), "--no-redact",
                       "--out", str(tmp_path / "raw"), env=env)
    assert verbatim.returncode == 0, verbatim.stderr
    for fmt in FORMATS:
        assert "Diane Ross" in exported_text(tmp_path / "raw" / f"note-{stored_note}.{fmt}"), fmt

    kept = run_cli("notes", "export", stored_note, "--format", "txt", "--keep-speaker-names",
                   "--out", str(tmp_path / "kept"), env=env)
    assert kept.returncode == 0, kept.stderr
    text = (tmp_path / "kept" / f"note-{stored_note}.txt").read_text()
    assert "Diane Ross:" in text and "Zoë," not in text  # names kept on labels, the spoken name still redacted

    from app.storage import open_notebook

    with open_notebook(None, PASSPHRASE) as notebook:
        policies = [entry.policy for entry in notebook.list_audit_log(int(stored_note))]
    assert "speaker names pseudonymized" in policies[0] and "speaker names kept" in policies[2]


def test_hushnote_export_with_a_report_names_no_speaker(run_cli, stored_note, tmp_path):
    env = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
    assert run_cli("speakers", "rename", stored_note, "S1", "Diane Ross", env=env).returncode == 0
    done = run_cli("export", stored_note, "--format", ",".join(FORMATS), "--report", "--out", str(tmp_path), env=env)
    assert done.returncode == 0, done.stderr
    for path in tmp_path.glob(f"note-{stored_note}.*"):
        assert "Diane" not in exported_text(path), path.name
    kept = run_cli("export", stored_note, "--format", "txt", "--keep-speaker-names", "--out", str(tmp_path / "kept"), env=env)
    assert kept.returncode == 0, kept.stderr
    assert "] Diane Ross: Thanks [PERSON_1]" in (tmp_path / "kept" / f"note-{stored_note}.txt").read_text()
