"""Data minimisation: delete raw audio after N days, keep only the redacted transcript after M days.

A policy is set globally (settings table) and may be overridden per note (a
note's own value wins when set). Applying it
is idempotent and runs whenever the CLI opens the notebook and on ``purge``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from audio_core.model import Transcript
from app.storage import transcript_rows
from app.storage.errors import NoteNotFoundError
from app.storage.notebook import Notebook

_AUDIO_KEY = "retention.audio_days"
_REDACT_KEY = "retention.redact_after_days"


@dataclass(frozen=True)
class RetentionPolicy:
    """How long raw data is kept.

    audio_days: delete a note's audio this many days after it was created (None: keep).
    redact_after_days: after this many days keep only the redacted transcript (None: keep all; 0: at once).
    """

    audio_days: int | None = None
    redact_after_days: int | None = None


@dataclass(frozen=True)
class RetentionReport:
    """What applying the policy changed: note ids whose audio was deleted / text redacted."""

    audio_deleted: list[int]
    redacted: list[int]


def _value(text: str | None) -> int | None:
    return None if text in (None, "") else int(text)


def get_global_policy(notebook: Notebook) -> RetentionPolicy:
    """Returns the notebook-wide retention policy (default: keep everything)."""
    with notebook._reading() as conn:
        values = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?)", (_AUDIO_KEY, _REDACT_KEY)))
    return RetentionPolicy(_value(values.get(_AUDIO_KEY)), _value(values.get(_REDACT_KEY)))


def set_global_policy(notebook: Notebook, policy: RetentionPolicy) -> None:
    """Stores the notebook-wide retention policy; returns None."""
    with notebook._writing() as conn:
        for key, value in ((_AUDIO_KEY, policy.audio_days), (_REDACT_KEY, policy.redact_after_days)):
            conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, "" if value is None else str(value)))


def set_note_policy(notebook: Notebook, note_id: int, policy: RetentionPolicy) -> None:
    """Overrides the retention policy for one note (None fields fall back to the global one); returns None.

    Raises NoteNotFoundError for an unknown id.
    """
    with notebook._writing() as conn:
        if conn.execute("UPDATE notes SET audio_retention_days = ?, redact_after_days = ? WHERE id = ?",
                        (policy.audio_days, policy.redact_after_days, note_id)).rowcount == 0:
            raise NoteNotFoundError(f"no note {note_id} in this notebook")


def redact_for_storage(transcript: Transcript) -> Transcript:
    """Returns the transcript with its pending/accepted PII spans removed (privacy layer when present).

    Words overlapping a redacted span are dropped; span texts become the entity tag.
    """
    try:
        from app.privacy.policy import POLICIES
        from app.privacy.redact import redact_transcript
    except ImportError:
        return _redact_spans(transcript)
    # The stored note keeps its speaker labels: the library lists and filters by them.
    return redact_transcript(transcript, POLICIES["default"], keep_speaker_names=True)


def _redact_spans(transcript: Transcript) -> Transcript:
    redacted = Transcript.from_dict(transcript.to_dict())
    by_segment: dict[int, list] = {}
    for span in redacted.pii_spans:
        if span.decision != "rejected":
            by_segment.setdefault(span.segment_index, []).append(span)
    for index, spans in by_segment.items():
        segment = redacted.segments[index]
        secrets = [segment.text[s.start:s.end] for s in spans]
        for span in sorted(spans, key=lambda s: s.start, reverse=True):
            segment.text = segment.text[: span.start] + f"[{span.entity_type}]" + segment.text[span.end:]
        segment.words = [w for w in segment.words if not any(w.text.strip(" .,?!").lower() in s.lower() for s in secrets if s)]
    redacted.pii_spans = []  # offsets no longer match, and the spans hold the raw values
    return redacted


def apply_retention(notebook: Notebook, now: datetime | None = None) -> RetentionReport:
    """Deletes audio and redacts transcripts of notes past their retention; returns what changed."""
    now = now or datetime.now(timezone.utc)
    default = get_global_policy(notebook)
    with notebook._reading() as conn:
        rows = conn.execute(
            "SELECT id, created_at, audio_retention_days, redact_after_days, redacted_only,"
            " EXISTS (SELECT 1 FROM audio_chunks WHERE note_id = notes.id) FROM notes WHERE state = 'complete'"
        ).fetchall()
    audio_deleted, redacted = [], []
    for note_id, created_at, audio_days, redact_days, already_redacted, has_audio in rows:
        age = now - parse_time(created_at)
        audio_days = default.audio_days if audio_days is None else audio_days
        redact_days = default.redact_after_days if redact_days is None else redact_days
        if has_audio and audio_days is not None and age >= timedelta(days=audio_days):
            notebook.delete_audio(note_id)
            audio_deleted.append(note_id)
        if not already_redacted and redact_days is not None and age >= timedelta(days=redact_days):
            _keep_redacted_only(notebook, note_id)
            redacted.append(note_id)
    if audio_deleted or redacted:
        notebook.vacuum()
    return RetentionReport(audio_deleted, redacted)


def _keep_redacted_only(notebook: Notebook, note_id: int) -> None:
    clean = redact_for_storage(notebook.load_transcript(note_id))
    with notebook._writing() as conn:
        transcript_rows.delete_transcript_rows(conn, note_id)
        transcript_rows.insert_transcript_rows(conn, note_id, clean)
        conn.execute("UPDATE notes SET redacted_only = 1 WHERE id = ?", (note_id,))


def parse_time(text: str) -> datetime:
    """Returns the ISO 8601 time in ``text`` as an aware datetime (UTC when no zone is given)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def parse_age(text: str) -> timedelta:
    """Returns the age in ``text`` such as "30d", "12h", "2w" or "90" (days).

    Raises NotebookError for anything else.
    """
    from app.storage.errors import NotebookError

    units = {"d": 1.0, "w": 7.0, "h": 1 / 24, "m": 1 / 1440}
    text = text.strip().lower()
    number, unit = (text[:-1], text[-1]) if text and text[-1] in units else (text, "d")
    try:
        value = float(number)
    except ValueError:
        raise NotebookError(f"cannot read the age {text!r}: use a number of days like 30d, 2w or 12h") from None
    if value < 0:
        raise NotebookError("the age must not be negative")
    return timedelta(days=value * units[unit])
