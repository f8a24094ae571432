"""Transcript exports: TXT, Markdown, SRT, WebVTT, JSON, DOCX, RTTM (speaker turns).

Exporters write exactly the transcript they are given: redaction happens
before (``app.privacy``), so an exporter never sees what it must not write.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from audio_core.errors import HushnoteError
from audio_core.model import Transcript
from app.export import docx_export, json_export, rttm, subtitles, text

Exporter = Callable[[Transcript, Path], None]

EXPORTERS: dict[str, Exporter] = {
    "txt": text.write_txt,
    "md": text.write_markdown,
    "srt": subtitles.write_srt,
    "vtt": subtitles.write_vtt,
    "json": json_export.write_json,
    "docx": docx_export.write_docx,
    "rttm": rttm.write_rttm,
}


def register_exporter(fmt: str, exporter: Exporter) -> None:
    """Adds an export format (used by optional modules such as RTTM)."""
    EXPORTERS[fmt] = exporter


def parse_formats(spec: str) -> list[str]:
    """Returns the list of formats in a comma-separated ``spec``.

    Raises HushnoteError naming the unknown formats.
    """
    formats = [f.strip().lower().lstrip(".") for f in spec.split(",") if f.strip()]
    unknown = [f for f in formats if f not in EXPORTERS]
    if unknown or not formats:
        raise HushnoteError(f"unknown format {', '.join(unknown) or spec!r}: choose from {', '.join(EXPORTERS)}")
    return formats


def export_transcript(transcript: Transcript, fmt: str, path: str | Path) -> Path:
    """Writes ``transcript`` as ``fmt`` to ``path`` and returns the path.

    Raises HushnoteError for an unknown format or an unwritable destination.
    """
    if fmt not in EXPORTERS:
        parse_formats(fmt)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        EXPORTERS[fmt](transcript, path)
    except OSError as exc:
        raise HushnoteError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
