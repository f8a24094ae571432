"""Where two people talk at once, kept in the encrypted notebook: saved, loaded, upgraded, edited, forgotten."""
from __future__ import annotations

from app.speakers import merge_speakers
from app.storage import open_notebook
from app.storage.database import migrate
from app.storage.keys import new_data_key, wrap_data_key, write_key_file
from app.storage.access import key_file_path
from audio_core.model import Overlap, Segment, Speaker, Transcript, Word
from tests.support.notebooks import FAST_KDF, PASSPHRASE


def _crosstalk() -> Transcript:
    words = [Word("we", 0.0, 0.5, 0.9, "S1"), Word("ship", 0.6, 1.0, 0.9, "S1"), Word("no", 1.1, 1.5, 0.9, "S2")]
    return Transcript(
        segments=[Segment(0.0, 1.0, "we ship", words[:2], "S1"), Segment(1.1, 1.5, "no", words[2:], "S2")],
        speakers=[Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2"), Speaker("S3", "Speaker 3")],
        overlaps=[Overlap(0.8, 1.2, ["S1", "S2"]), Overlap(1.3, 1.4, ["S2", "S3"])],
        duration_s=1.5,
    )


def test_overlaps_are_saved_and_loaded_back_with_the_note(notebook):
    note_id = notebook.save_transcript(_crosstalk())
    assert notebook.load_transcript(note_id).overlaps == _crosstalk().overlaps


def test_a_merge_saved_to_the_notebook_keeps_the_overlaps_consistent(notebook):
    note_id = notebook.save_transcript(_crosstalk())
    notebook.update_transcript(note_id, merge_speakers(notebook.load_transcript(note_id), "S3", "S1"))
    assert notebook.load_transcript(note_id).overlaps == [Overlap(0.8, 1.2, ["S1", "S2"]), Overlap(1.3, 1.4, ["S1", "S2"])]
    notebook.update_transcript(note_id, merge_speakers(notebook.load_transcript(note_id), "S2", "S1"))
    assert notebook.load_transcript(note_id).overlaps == []


def test_forgetting_a_note_forgets_its_overlaps(notebook):
    note_id = notebook.save_transcript(_crosstalk())
    notebook.delete_note(note_id)
    with notebook.reading() as conn:
        assert conn.execute("SELECT count(*) FROM overlaps").fetchone()[0] == 0


def test_a_notebook_made_before_overlaps_were_stored_opens_and_then_stores_them(tmp_path):
    import sqlcipher3

    path = tmp_path / "v3.db"
    data_key = new_data_key()
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    assert migrate(conn, target_version=3) == 3
    conn.execute("INSERT INTO notes (id, title, created_at) VALUES (1, 'Before overlaps', '2026-01-02T09:00:00+00:00')")
    conn.execute("INSERT INTO speakers VALUES (1, 'S1', 0, 'Dora', NULL)")
    conn.execute("INSERT INTO segments VALUES (1, 0, 0.0, 2.0, 'an older note', 'S1')")
    conn.close()
    write_key_file(key_file_path(path), wrap_data_key(data_key, PASSPHRASE, FAST_KDF))

    with open_notebook(path, PASSPHRASE) as notebook:
        old = notebook.load_transcript(1)
        assert (old.text, old.overlaps) == ("an older note", [])
        new_id = notebook.save_transcript(_crosstalk())
        assert notebook.load_transcript(new_id).overlaps == _crosstalk().overlaps
