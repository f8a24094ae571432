"""Data minimisation: delete raw audio after N days, keep only the redacted transcript after M days.

A policy is set globally (settings table) and may be overridden per note (a
note's own value wins when set). Applying it is idempotent and runs whenever
the CLI or the app opens the notebook and on ``purge``. What "redacted" means
is the privacy layer's business: its ``redact_for_retention`` is passed in.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from audio_core.model import Transcript
from app.storage import notes, settings
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
    with notebook.reading() as conn:
        values = settings.read_settings(conn, (_AUDIO_KEY, _REDACT_KEY))
    return RetentionPolicy(_value(values.get(_AUDIO_KEY)), _value(values.get(_REDACT_KEY)))


def set_global_policy(notebook: Notebook, policy: RetentionPolicy) -> None:
    """Stores the notebook-wide retention policy; returns None."""
    with notebook.transaction() as conn:
        settings.write_settings(conn, {key: "" if value is None else str(value) for key, value in
                                       ((_AUDIO_KEY, policy.audio_days), (_REDACT_KEY, policy.redact_after_days))})


def set_note_policy(notebook: Notebook, note_id: int, policy: RetentionPolicy) -> None:
    """Overrides the retention policy for one note (None fields fall back to the global one); returns None.

    Raises NoteNotFoundError for an unknown id.
    """
    with notebook.transaction() as conn:
        notes.set_retention(conn, note_id, policy.audio_days, policy.redact_after_days)


def apply_retention(notebook: Notebook, redact: Callable[[Transcript], Transcript],
                    now: datetime | None = None) -> RetentionReport:
    """Deletes audio and redacts transcripts of notes past their retention; returns what changed.

    ``redact`` turns a note's transcript into the one kept after its
    redact-after age (the privacy layer's ``redact_for_retention``).
    """
    now = now or datetime.now(timezone.utc)
    default = get_global_policy(notebook)
    with notebook.reading() as conn:
        rows = notes.retention_rows(conn)
    audio_deleted, redacted = [], []
    for row in rows:
        age = now - parse_time(row.created_at)
        audio_days = default.audio_days if row.audio_days is None else row.audio_days
        redact_days = default.redact_after_days if row.redact_after_days is None else row.redact_after_days
        if row.has_audio and audio_days is not None and age >= timedelta(days=audio_days):
            notebook.delete_audio(row.note_id)
            audio_deleted.append(row.note_id)
        if not row.redacted_only and redact_days is not None and age >= timedelta(days=redact_days):
            clean = redact(notebook.load_transcript(row.note_id))
            with notebook.transaction() as conn:
                notes.keep_redacted_only(conn, row.note_id, clean)
            redacted.append(row.note_id)
    if audio_deleted or redacted:
        notebook.vacuum()
    return RetentionReport(audio_deleted, redacted)


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
