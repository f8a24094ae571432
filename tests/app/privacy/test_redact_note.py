"""``hushnote redact NOTE``: a stored note redacted from the encrypted notebook, review decisions stored with it."""
from __future__ import annotations

from app.cli.main import main
from audio_core.model import Segment, Transcript, Word
from app.storage import init_notebook, open_notebook
from tests.support.notebooks import FAST_KDF

PASSPHRASE = "correct horse battery staple"


def stored_note(path, analyzer) -> int:
    from app.privacy.detect import detect_pii

    text = "Hi, this is Tom Baker, my number is 555-214-8839 and I live in Chicago."
    words = [Word(" " + w, i * 0.4, i * 0.4 + 0.35) for i, w in enumerate(text.split())]
    transcript = Transcript(segments=[Segment(0.0, 6.0, text, words)], source_name="call.wav", title="call")
    transcript.pii_spans = detect_pii(transcript, analyzer)
    with init_notebook(path, PASSPHRASE, kdf=FAST_KDF) as notebook:
        return notebook.save_transcript(transcript)


def test_when_a_note_is_redacted_with_review_then_decisions_are_stored_and_the_export_audited(
    pii_analyzer, tmp_path, monkeypatch, capsys
):
    path = tmp_path / "notebook.db"
    note_id = stored_note(path, pii_analyzer)
    monkeypatch.setenv("HUSHNOTE_PASSPHRASE", PASSPHRASE)
    with open_notebook(path, PASSPHRASE) as notebook:
        spans = notebook.load_transcript(note_id).pii_spans
    chicago = next(i for i, s in enumerate(spans) if s.text == "Chicago")

    code = main(["redact", str(note_id), "--notebook", str(path), "--keep", str(chicago), "--add", "live"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "Tom" not in printed and "8839" not in printed and " live " not in printed
    assert "Chicago" in printed  # kept on review

    with open_notebook(path, PASSPHRASE) as notebook:
        stored = notebook.load_transcript(note_id)
        audit = notebook.list_audit_log(note_id)
    assert stored.pii_spans[chicago].decision == "rejected"
    assert any(s.source == "manual" and s.text == "live" for s in stored.pii_spans)
    assert [(e.redacted, e.note_id) for e in audit] == [(True, note_id)]
