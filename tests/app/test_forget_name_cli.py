"""``hushnote speakers forget NAME --from-notes`` takes the person's name out of the notes too, where others say it.

Real SQLCipher notebook, the real ``hushnote`` program (search included); notes built from known turns, so no model runs.
"""
from __future__ import annotations

import pytest

from app.privacy.speaker_removal import REMOVED_MARKER
from app.storage import init_notebook, open_notebook
from audio_core.model import PiiSpan
from tests.support.notebooks import FAST_KDF, PASSPHRASE
from tests.support.voice_notes import turns_transcript

ENV = {"HUSHNOTE_PASSPHRASE": PASSPHRASE}
MEETING = [
    ("alex", 0.0, 4.0, "Welcome to the visit of Chris Baker from the clinic."),
    ("chris", 4.5, 8.0, "Thanks, my tickets are booked."),
    ("beth", 8.5, 12.0, "Chris, could you send Baker's report to Dana?"),
]
NAMED_ELSEWHERE = [("alex", 0.0, 4.0, "I spoke to chris baker yesterday; Baker agreed.")]
NAMESAKE = [("alex", 0.0, 4.0, "Chris from accounts sent the budget.")]


@pytest.fixture
def notebook_path(tmp_path):
    path = tmp_path / "nb" / "notebook.db"
    meeting = turns_transcript(MEETING, "Visit of Chris Baker", 12.0)
    meeting.speakers[1].name = "Chris Baker"
    text = meeting.segments[0].text
    at = text.index("Chris Baker")
    # a reviewed name, and one span around both the name and a place: the first goes, the second keeps "the clinic"
    meeting.pii_spans = [PiiSpan(0, at, at + 11, "PERSON", "Chris Baker", 0.9, "accepted", "presidio"),
                         PiiSpan(0, at, len(text) - 1, "MANUAL", text[at:-1], 1.0, "accepted", "manual"),
                         PiiSpan(2, 40, 44, "PERSON", "Dana", 0.8, "pending", "presidio")]
    with init_notebook(path, PASSPHRASE, kdf=FAST_KDF) as notebook:
        ids = [notebook.save_transcript(meeting, tags=["Chris Baker", "clinic"]),
               notebook.save_transcript(turns_transcript(NAMED_ELSEWHERE, "Catch-up", 4.0)),
               notebook.save_transcript(turns_transcript(NAMESAKE, "Budget", 4.0))]
    return path, ids


def test_forget_lists_the_mentions_then_takes_the_name_out_of_every_stored_form(notebook_path, run_cli):
    path, (meeting_id, elsewhere_id, namesake_id) = notebook_path
    args = ("speakers", "forget", "Chris Baker", "--from-notes", "--notebook", str(path))
    refused = run_cli(*args, env=ENV)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    listed = {int(line.split()[1]): line for line in refused.stdout.splitlines() if line.startswith("note ")}
    assert sorted(listed) == [meeting_id, elsewhere_id]  # the namesake's note is not touched
    # title, a tag, "Chris Baker" and "Chris" and "Baker's" in the others' turns
    assert "5 mentions of the name" in listed[meeting_id] and "S2" in listed[meeting_id]
    assert "does not speak" in listed[elsewhere_id] and "2 mentions of the name" in listed[elsewhere_id]

    done = run_cli(*args, "--yes", env=ENV)
    assert done.returncode == 0, done.stderr
    for word in ("Baker", "bak", "Chris Baker"):
        found = run_cli("search", word, "--notebook", str(path), env=ENV)
        assert found.returncode == 0 and "no matching notes" in found.stdout, found.stdout
    found = run_cli("search", "Chris", "--notebook", str(path), env=ENV)
    assert [line.split()[0] for line in found.stdout.splitlines() if line[:5].strip().isdigit()] == [str(namesake_id)]

    with open_notebook(path, PASSPHRASE) as notebook:
        state = notebook.note_state(meeting_id)
        other = notebook.load_transcript(elsewhere_id)
        namesake = notebook.load_transcript(namesake_id)
        audit = [e.what for e in notebook.list_audit_log()]
        with notebook.reading() as conn:  # every row of every table, the search index's own tables included
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            rows = [row for table in tables for row in conn.execute(f'SELECT * FROM "{table}"')]
    raw = b" ".join(v if isinstance(v, bytes) else str(v).encode() for row in rows for v in row).lower()
    assert b"baker" not in raw  # (the namesake keeps "Chris"; the surname is his alone)
    meeting = state.transcript
    stored = " ".join([meeting.text, meeting.title, meeting.source_name, *state.tags, *(s.name for s in meeting.speakers),
                       *("".join(w.text for w in s.words) for s in meeting.segments), *(p.text for p in meeting.pii_spans),
                       other.text, *("".join(w.text for w in s.words) for s in other.segments)])
    assert "chris" not in stored.casefold() and "baker" not in stored.casefold()
    assert meeting.segments[0].text == f"Welcome to the visit of {REMOVED_MARKER} from the clinic."
    assert meeting.segments[2].text == f"{REMOVED_MARKER}, could you send {REMOVED_MARKER} report to Dana?"
    assert "".join(w.text for w in meeting.segments[2].words).strip() == meeting.segments[2].text
    assert meeting.segments[1].text == REMOVED_MARKER and meeting.title == f"Visit of {REMOVED_MARKER}"
    assert state.tags == ["clinic"]
    # the spans still cover what they covered, on the new text, with their review decisions
    assert [(p.text, p.decision) for p in meeting.pii_spans] == [(f"{REMOVED_MARKER} from the clinic", "accepted"),
                                                                 ("Dana", "pending")]
    assert all(meeting.segments[p.segment_index].text[p.start:p.end] == p.text for p in meeting.pii_spans)
    assert other.text == f"I spoke to {REMOVED_MARKER} yesterday; {REMOVED_MARKER} agreed."
    assert namesake.text == "Chris from accounts sent the budget."
    entries = [w for w in audit if "at the participant's request" in w]
    assert len(entries) == 2 and "5 mentions" in " ".join(entries) and "2 mentions" in " ".join(entries)
    assert not [w for w in audit if "chris" in w.casefold() or "baker" in w.casefold()]
