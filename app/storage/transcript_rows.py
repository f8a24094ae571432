"""Writing a Transcript into the notebook's tables and reading it back."""
from __future__ import annotations

import json

from audio_core.model import Overlap, PiiSpan, Segment, Speaker, Transcript, Word


def insert_transcript_rows(conn, note_id: int, transcript: Transcript) -> None:
    """Inserts speakers, segments, words, redaction spans and overlaps of ``transcript`` for ``note_id``; returns None."""
    conn.executemany(
        "INSERT INTO speakers (note_id, speaker_id, position, name, profile_id) VALUES (?, ?, ?, ?, ?)",
        [(note_id, s.id, k, s.name, s.profile_id) for k, s in enumerate(transcript.speakers)],
    )
    conn.executemany(
        "INSERT INTO segments (note_id, segment_index, start_s, end_s, text, speaker_id) VALUES (?, ?, ?, ?, ?, ?)",
        [(note_id, i, s.start_s, s.end_s, s.text, s.speaker_id) for i, s in enumerate(transcript.segments)],
    )
    conn.executemany(
        "INSERT INTO words (note_id, segment_index, word_index, text, start_s, end_s, probability, speaker_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (note_id, i, j, w.text, w.start_s, w.end_s, w.probability, w.speaker_id)
            for i, s in enumerate(transcript.segments)
            for j, w in enumerate(s.words)
        ],
    )
    conn.executemany(
        "INSERT INTO redactions (note_id, span_index, segment_index, start, end, entity_type, text, score, decision, source)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (note_id, k, p.segment_index, p.start, p.end, p.entity_type, p.text, p.score, p.decision, p.source)
            for k, p in enumerate(transcript.pii_spans)
        ],
    )
    conn.executemany(
        "INSERT INTO overlaps (note_id, overlap_index, start_s, end_s, speaker_ids) VALUES (?, ?, ?, ?, ?)",
        [(note_id, k, o.start_s, o.end_s, json.dumps(list(o.speaker_ids))) for k, o in enumerate(transcript.overlaps)],
    )
    index_note_text(conn, note_id, transcript.title, transcript.text)


def delete_transcript_rows(conn, note_id: int) -> None:
    """Deletes speakers, segments, words, redactions, overlaps and the search entry of ``note_id``; returns None."""
    for table in ("speakers", "segments", "words", "redactions", "overlaps"):
        conn.execute(f"DELETE FROM {table} WHERE note_id = ?", (note_id,))
    conn.execute("DELETE FROM notes_fts WHERE rowid = ?", (note_id,))


def index_note_text(conn, note_id: int, title: str, body: str) -> None:
    """Replaces the full-text search entry of ``note_id``; returns None."""
    conn.execute("DELETE FROM notes_fts WHERE rowid = ?", (note_id,))
    conn.execute("INSERT INTO notes_fts (rowid, title, body) VALUES (?, ?, ?)", (note_id, title, body))


def read_transcript(conn, note_id: int, row) -> Transcript:
    """Returns the Transcript of ``note_id``, ``row`` being its notes row (title, created_at, duration_s, language, model, source_name)."""
    title, created_at, duration_s, language, model, source_name = row
    words_by_segment: dict[int, list[Word]] = {}
    for seg_index, text, start_s, end_s, probability, speaker_id in conn.execute(
        "SELECT segment_index, text, start_s, end_s, probability, speaker_id FROM words"
        " WHERE note_id = ? ORDER BY segment_index, word_index",
        (note_id,),
    ):
        words_by_segment.setdefault(seg_index, []).append(Word(text, start_s, end_s, probability, speaker_id))
    segments = [
        Segment(start_s, end_s, text, words_by_segment.get(index, []), speaker_id)
        for index, start_s, end_s, text, speaker_id in conn.execute(
            "SELECT segment_index, start_s, end_s, text, speaker_id FROM segments WHERE note_id = ? ORDER BY segment_index",
            (note_id,),
        )
    ]
    speakers = [
        Speaker(*r)
        for r in conn.execute(
            "SELECT speaker_id, name, profile_id FROM speakers WHERE note_id = ? ORDER BY position", (note_id,)
        )
    ]
    spans = [
        PiiSpan(*r)
        for r in conn.execute(
            "SELECT segment_index, start, end, entity_type, text, score, decision, source FROM redactions"
            " WHERE note_id = ? ORDER BY span_index",
            (note_id,),
        )
    ]
    overlaps = [
        Overlap(start_s, end_s, json.loads(speaker_ids))
        for start_s, end_s, speaker_ids in conn.execute(
            "SELECT start_s, end_s, speaker_ids FROM overlaps WHERE note_id = ? ORDER BY overlap_index", (note_id,)
        )
    ]
    return Transcript(
        segments=segments, speakers=speakers, pii_spans=spans, overlaps=overlaps, language=language, duration_s=duration_s,
        model=model, source_name=source_name, title=title, created_at=created_at,
    )


def tags_to_json(tags) -> str:
    """Returns the tags as a JSON list of unique, stripped, non-empty strings (order kept)."""
    seen: list[str] = []
    for tag in tags:
        tag = str(tag).strip()
        if tag and tag not in seen:
            seen.append(tag)
    return json.dumps(seen, ensure_ascii=False)
