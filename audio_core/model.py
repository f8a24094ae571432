"""The one transcript model every stage reads and writes.

Times are float seconds (fields end in ``_s``); character offsets are indices
into a segment's ``text``. Library types (faster-whisper segments, pyannote
annotations, Presidio results) are converted into these at the edge.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime, timezone
from typing import Any

from audio_core.errors import InputError

SCHEMA_VERSION = 1


def _utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Word:
    """One recognised word with its time span and the recogniser's confidence."""

    text: str
    start_s: float
    end_s: float
    probability: float = 1.0
    speaker_id: str | None = None


@dataclass
class Segment:
    """A stretch of speech by one speaker: text plus its words."""

    start_s: float
    end_s: float
    text: str
    words: list[Word] = field(default_factory=list)
    speaker_id: str | None = None


@dataclass
class Speaker:
    """A speaker in one note; ``name`` is what exports show."""

    id: str
    name: str
    profile_id: str | None = None


@dataclass
class PiiSpan:
    """Personal data found in (or marked by hand in) one segment's text.

    ``decision`` is ``"pending"`` until a person reviews it; exports redact
    spans that are ``"pending"`` or ``"accepted"`` and whose type the policy
    covers, so a detection is never dropped silently.
    """

    segment_index: int
    start: int
    end: int
    entity_type: str
    text: str
    score: float = 1.0
    decision: str = "pending"  # pending | accepted | rejected
    source: str = "detector"  # detector | manual


@dataclass
class Overlap:
    """A stretch where two (or more) speakers talk at once; ``speaker_ids`` in the note's speaker ids."""

    start_s: float
    end_s: float
    speaker_ids: list[str] = field(default_factory=list)


@dataclass
class Transcript:
    """A whole note's transcript: segments in time order, speakers, PII spans, and the
    stretches where speakers overlap (each word stays with the one most likely to have said it)."""

    segments: list[Segment] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    pii_spans: list[PiiSpan] = field(default_factory=list)
    language: str = "en"
    duration_s: float = 0.0
    model: str = ""
    source_name: str = ""
    title: str = ""
    created_at: str = field(default_factory=_utc_now)
    overlaps: list[Overlap] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Returns the plain text of all segments joined by spaces."""
        return " ".join(s.text.strip() for s in self.segments if s.text.strip())

    @property
    def words(self) -> list[Word]:
        """Returns every word of every segment, in time order."""
        return [w for s in self.segments for w in s.words]

    def speaker_name(self, speaker_id: str | None) -> str:
        """Returns the display name of ``speaker_id`` (the id itself if unknown, "" if None)."""
        if speaker_id is None:
            return ""
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker.name
        return speaker_id

    def to_dict(self) -> dict[str, Any]:
        """Returns a JSON-ready dict, tagged with the schema version."""
        data = asdict(self)
        data["schema_version"] = SCHEMA_VERSION
        return data

    def to_json(self, indent: int | None = 2) -> str:
        """Returns the transcript as a JSON string (UTF-8 safe, non-ASCII kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        """Returns a transcript rebuilt from :meth:`to_dict` output.

        Raises InputError when the data is not a Hushnote transcript.
        """
        if not isinstance(data, dict) or "segments" not in data:
            raise InputError("not a Hushnote transcript (no 'segments')")
        try:
            return cls._from_checked_dict(data)
        except (TypeError, ValueError, AttributeError, KeyError) as exc:
            # a hand-edited or foreign file: a field of the wrong type or shape
            raise InputError(f"not a Hushnote transcript ({type(exc).__name__}: {exc})".splitlines()[0]) from None

    @classmethod
    def _from_checked_dict(cls, data: dict[str, Any]) -> Transcript:
        segments = [
            _build(Segment, s, words=[_build(Word, w) for w in _list(s.get("words", []) if isinstance(s, dict) else [])])
            for s in _list(data["segments"])
        ]
        return _build(
            cls,
            data,
            segments=segments,
            speakers=[_build(Speaker, s) for s in _list(data.get("speakers", []))],
            pii_spans=[_build(PiiSpan, p) for p in _list(data.get("pii_spans", []))],
            overlaps=[_build(Overlap, o) for o in _list(data.get("overlaps", []))],
        )

    @classmethod
    def from_json(cls, text: str) -> Transcript:
        """Returns a transcript parsed from :meth:`to_json` output.

        Raises InputError on malformed JSON or a non-transcript document.
        """
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError(f"not a Hushnote transcript: malformed JSON ({exc})") from None
        return cls.from_dict(data)


_FIELD_TYPES = {"float": (int, float), "int": (int,), "str": (str,), "str | None": (str, type(None))}


def _list(value: Any) -> list:
    if not isinstance(value, list):
        raise InputError(f"not a Hushnote transcript: a list is expected, not {type(value).__name__}")
    return value


def _build(cls: type, data: Any, **parts: Any):
    """Returns ``cls`` made from the known keys of ``data`` plus ``parts``; raises InputError for a wrong shape or type."""
    name = cls.__name__.lower()
    if not isinstance(data, dict):
        raise InputError(f"not a Hushnote transcript: a {name} is {type(data).__name__}, not an object")
    values = {**_known(cls, data), **parts}
    for f in fields(cls):
        allowed = _FIELD_TYPES.get(str(f.type))
        value = values.get(f.name)
        if f.name in values and allowed and (not isinstance(value, allowed) or isinstance(value, bool)):
            raise InputError(f"not a Hushnote transcript: a {name}'s {f.name} is {type(value).__name__}")
    try:
        return cls(**values)
    except TypeError:
        missing = [f.name for f in fields(cls) if f.name not in values]
        raise InputError(f"not a Hushnote transcript: a {name} lacks {', '.join(missing) or 'fields'}") from None


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Keeps only the keys ``cls`` declares, so newer files still load."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}
