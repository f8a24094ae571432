"""The Notebook API other parts of Hushnote build on: notes, audio, profiles, audit log."""
from __future__ import annotations

import numpy as np
import pytest

from app.storage import NoteNotFoundError, open_notebook
from tests.support.notebooks import FAST_KDF, PASSPHRASE, make_transcript  # noqa: F401


def test_a_saved_transcript_comes_back_identical_after_reopening(notebook, notebook_path):
    transcript = make_transcript()
    note_id = notebook.save_transcript(transcript, tags=["weekly", "budget"])
    notebook.close()
    with open_notebook(notebook_path, PASSPHRASE) as reopened:
        assert reopened.load_transcript(note_id) == transcript
        [summary] = reopened.list_notes()
    assert (summary.title, summary.tags, summary.speaker_names) == ("Weekly sync", ["weekly", "budget"], ["Ann", "Bob"])
    assert (summary.duration_s, summary.language, summary.model) == (4.0, "en", "tiny.en")


def test_edits_speaker_names_and_redaction_decisions_are_kept(notebook):
    note_id = notebook.save_transcript(make_transcript())
    notebook.rename_speaker(note_id, "S1", "Alice")
    notebook.set_redaction_decision(note_id, 0, "rejected")  # the one span: "Zanzibar"
    edited = notebook.load_transcript(note_id)
    edited.segments[0].text = "the yearly budget"
    notebook.update_transcript(note_id, edited)
    again = notebook.load_transcript(note_id)
    assert again.speaker_name("S1") == "Alice"
    assert again.pii_spans[0].decision == "rejected"
    assert again.segments[0].text == "the yearly budget"
    assert [h.note_id for h in notebook.search("yearly")] == [note_id]
    assert notebook.search("quarterly") == []


def test_unknown_notes_give_a_clear_error(notebook):
    with pytest.raises(NoteNotFoundError, match="no note 42"):
        notebook.load_transcript(42)


def test_recording_in_chunks_survives_as_an_interrupted_note_and_reads_back(notebook, notebook_path):
    note_id = notebook.start_recording("Call")
    tone = (0.25 * np.sin(2 * np.pi * 440 * np.arange(16000) / 16000)).astype(np.float32)
    for _ in range(3):
        notebook.append_audio(note_id, tone)
    notebook.close()
    with open_notebook(notebook_path, PASSPHRASE) as reopened:
        [interrupted] = reopened.interrupted_recordings()
        assert interrupted.id == note_id and interrupted.audio_s == 3.0
        audio = reopened.read_audio(note_id)
        assert audio.dtype == np.float32 and len(audio) == 48000
        assert np.max(np.abs(audio - np.tile(tone, 3))) < 1e-3  # FLAC is lossless; only 16-bit rounding
        reopened.finish_recording(note_id, make_transcript("Call"))
        assert reopened.interrupted_recordings() == []
        assert reopened.get_summary(note_id).state == "complete"


def test_voice_profiles_and_the_audit_log(notebook):
    embedding = np.linspace(-1, 1, 256, dtype=np.float32)
    profile_id = notebook.save_voice_profile("Ann", embedding)
    [profile] = notebook.list_voice_profiles()
    assert profile.id == profile_id and np.array_equal(profile.embedding, embedding)
    notebook.delete_voice_profile(profile_id)
    assert notebook.list_voice_profiles() == []

    note_id = notebook.save_transcript(make_transcript())
    notebook.record_export(note_id, "transcript", ["txt", "srt"], "all PII types", True)
    notebook.record_export(None, "search results", ["md"], "none", False)
    assert [(e.note_id, e.formats, e.redacted) for e in notebook.list_audit_log()] == [
        (note_id, ["txt", "srt"], True), (None, ["md"], False)]
    assert len(notebook.list_audit_log(note_id)) == 1
