"""Search across notes, forgetting notes for good, and retention (data minimisation)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from app.storage import NoteNotFoundError, NotebookError
from app.privacy.retention import redact_for_retention
from app.storage.retention import RetentionPolicy, apply_retention, set_global_policy, set_note_policy
from audio_core.model import PiiSpan
from tests.support.notebooks import make_transcript


def _ago(days: float) -> str:
    return (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")


def test_search_ranks_the_best_match_first_and_highlights_it(notebook):
    once = notebook.save_transcript(make_transcript("Lunch", "we talked about the budget and lunch plans today"))
    often = notebook.save_transcript(make_transcript("Budget review", "budget budget the budget overrun in the budget"))
    notebook.save_transcript(make_transcript("Other", "nothing related is said here at all"))
    hits = notebook.search("budget")
    assert [h.note_id for h in hits] == [often, once]
    assert "«budget»" in hits[1].snippet
    assert [h.note_id for h in notebook.search("budg*")] == [often, once]
    assert [h.note_id for h in notebook.search("lunch budget")] == [once]


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR NOT", "budget)", "col:umn", "NEAR(", "-budget"])
def test_search_accepts_any_text_the_user_types(notebook, query):
    notebook.save_transcript(make_transcript("Budget", "the budget and the column or not"))
    notebook.search(query)  # no FTS syntax error reaches the user


def test_an_empty_query_is_a_clear_error(notebook):
    with pytest.raises(NotebookError, match="no words"):
        notebook.search("  ** ")


def test_forgetting_a_note_removes_its_text_audio_and_search_entry_and_frees_no_pages(notebook):
    keep = notebook.save_transcript(make_transcript("Keep", "the harmless weather report"))
    forget = notebook.save_transcript(make_transcript("Secret", "the confidential merger with Zanzibar"))
    notebook.append_audio(forget, np.full(16000, 0.1, np.float32))
    notebook.delete_note(forget)
    assert notebook.search("confidential") == [] and notebook.search("Secret") == []
    with notebook.reading() as conn:
        for table in ("segments", "words", "speakers", "redactions", "audio_chunks"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE note_id = ?", (forget,)).fetchone()[0] == 0
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0  # VACUUM left no stale pages behind
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
    with pytest.raises(NoteNotFoundError):
        notebook.load_transcript(forget)
    assert [n.id for n in notebook.list_notes()] == [keep]


def test_retention_deletes_old_audio_and_keeps_only_redacted_text(notebook):
    old = make_transcript("Old", "call Zanzibar office about the quarterly plan")
    old.created_at = _ago(40)
    old_id = notebook.save_transcript(old)
    notebook.append_audio(old_id, np.zeros(8000, np.float32))
    new_id = notebook.save_transcript(make_transcript("New", "call Zanzibar office about the weekly plan"))
    notebook.append_audio(new_id, np.zeros(8000, np.float32))

    set_global_policy(notebook, RetentionPolicy(audio_days=30, redact_after_days=30))
    report = apply_retention(notebook, redact_for_retention)
    assert (report.audio_deleted, report.redacted) == ([old_id], [old_id])
    assert notebook.get_summary(old_id).audio_s == 0 and notebook.get_summary(new_id).audio_s == 0.5
    redacted = notebook.load_transcript(old_id)
    assert "Zanzibar" not in redacted.text and "quarterly" in redacted.text
    assert "Zanzibar" not in " ".join(w.text for w in redacted.words)
    assert notebook.search("Zanzibar") == [h for h in notebook.search("Zanzibar") if h.note_id == new_id]
    assert notebook.get_summary(old_id).redacted_only
    assert apply_retention(notebook, redact_for_retention).audio_deleted == []  # idempotent

    set_note_policy(notebook, new_id, RetentionPolicy(audio_days=0))
    assert apply_retention(notebook, redact_for_retention).audio_deleted == [new_id]


def test_a_note_kept_redacted_only_names_nobody_in_its_speakers_title_or_file_name(notebook):
    # A walk found "keep only the redacted transcript" kept "Alex Morgan" as the speaker of "I'm [PERSON_1]".
    old = make_transcript("Call with Ann about Zanzibar", "I am Ann and the budget for Zanzibar is approved")
    ann = old.segments[0].text.index("Ann")
    old.pii_spans.append(PiiSpan(0, ann, ann + 3, "PERSON", "Ann"))
    old.created_at = _ago(40)
    old_id = notebook.save_transcript(old)
    set_global_policy(notebook, RetentionPolicy(redact_after_days=30))
    assert apply_retention(notebook, redact_for_retention).redacted == [old_id]
    kept = notebook.load_transcript(old_id)
    listed = notebook.get_summary(old_id)
    readable = " ".join([kept.title, kept.source_name, listed.title, *(s.name for s in kept.speakers), kept.to_json()])
    assert "Ann" not in readable and "Zanzibar" not in readable, readable
    assert all(s.profile_id is None for s in kept.speakers)  # no link to a named voice profile either
    assert notebook.search("Ann") == []


@pytest.mark.parametrize("text, days", [("30d", 30), ("2w", 14), ("12h", 0.5), ("90", 90)])
def test_purge_ages_read_like_people_write_them(text, days):
    from app.storage.retention import parse_age

    assert parse_age(text) == timedelta(days=days)


@pytest.mark.parametrize("text", ["thirty", "-3d", ""])
def test_a_bad_age_is_a_clear_error(text):
    from app.storage.retention import parse_age

    with pytest.raises(NotebookError, match="age"):
        parse_age(text)


def test_a_word_finds_the_words_it_begins_and_the_hit_is_not_marked_like_a_redaction(notebook):
    city = notebook.save_transcript(make_transcript("Trip", "we drove to Springfield for the [PERSON_1] meeting"))
    notebook.save_transcript(make_transcript("Other", "the autumn schedule"))
    hits = notebook.search("spring")
    assert [h.note_id for h in hits] == [city]
    assert "«Springfield»" in hits[0].snippet and "[Springfield]" not in hits[0].snippet
    assert [h.note_id for h in notebook.search("drove spring")] == [city]
