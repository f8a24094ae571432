"""An editor's whole-note write keeps what another connection stored after the editor read the note."""
from __future__ import annotations

import copy

from app.note_merge import NoteState
from app.storage import open_notebook
from tests.support.notebooks import PASSPHRASE, make_transcript


def read(notebook, note_id) -> NoteState:
    return NoteState(notebook.load_transcript(note_id), notebook.get_summary(note_id).tags)


def test_a_save_over_an_outside_rename_keeps_both(notebook, notebook_path):
    note_id = notebook.save_transcript(make_transcript(), tags=["work"])
    base = read(notebook, note_id)
    mine = NoteState(copy.deepcopy(base.transcript), ["work", "finance"])
    mine.transcript.pii_spans[0].decision = "rejected"  # e.g. `hushnote redact N --keep` while detection ran
    with open_notebook(notebook_path, PASSPHRASE) as other:  # the app, meanwhile
        other.rename_speaker(note_id, "S2", "Beth Carter")
        other.set_tags(note_id, ["work", "urgent"])

    merge, now = notebook.save_edits(note_id, base, mine)

    with open_notebook(notebook_path, PASSPHRASE) as reopened:
        stored = read(reopened, note_id)
    assert stored.transcript.speaker_name("S2") == "Beth Carter"
    assert stored.transcript.pii_spans[0].decision == "rejected"
    assert stored.tags == ["work", "finance", "urgent"]
    assert merge.taken == ["speaker name", "tags"] and now == stored


def test_a_save_with_nothing_changed_outside_writes_the_copy_as_it_is(notebook):
    note_id = notebook.save_transcript(make_transcript())
    base = read(notebook, note_id)
    mine = NoteState(copy.deepcopy(base.transcript), ["x"])
    mine.transcript.title = "Renamed"
    merge, now = notebook.save_edits(note_id, base, mine)
    assert not merge.changed_outside and now.transcript.title == "Renamed" and now.tags == ["x"]



def test_edit_transcript_writes_the_edit_of_what_it_read(notebook):
    note_id = notebook.save_transcript(make_transcript())

    def rename(transcript):
        transcript.speakers[0].name = "Ada"
        return transcript

    assert notebook.edit_transcript(note_id, rename).speaker_name("S1") == "Ada"
    assert notebook.load_transcript(note_id).speaker_name("S1") == "Ada"
