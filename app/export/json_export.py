"""JSON export: the full transcript model, readable back with ``Transcript.from_json``."""
from __future__ import annotations

from pathlib import Path

from audio_core.model import Transcript
from audio_core.whole_file import write_whole_file


def write_json(transcript: Transcript, path: Path) -> None:
    """Writes ``transcript.to_json()`` to ``path`` (UTF-8)."""
    write_whole_file(path, transcript.to_json())
