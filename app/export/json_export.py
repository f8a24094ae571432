"""JSON export: the full transcript model, readable back with ``Transcript.from_json``."""
from __future__ import annotations

from pathlib import Path

from audio_core.model import Transcript


def write_json(transcript: Transcript, path: Path) -> None:
    """Writes ``transcript.to_json()`` to ``path`` (UTF-8)."""
    path.write_text(transcript.to_json(), encoding="utf-8")
