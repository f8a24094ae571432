"""Plain text and Markdown exports: one paragraph per speaker turn."""
from __future__ import annotations

from pathlib import Path

from app.export.paragraphs import speaker_paragraphs
from app.export.timecode import clock
from audio_core.model import Transcript
from audio_core.whole_file import write_whole_file


def render_txt(transcript: Transcript) -> str:
    """Returns the transcript as plain text: "[H:MM:SS] Name: text" paragraphs ("Name (overlaps with Other): …"
    where someone talks at the same time)."""
    lines = []
    for p in speaker_paragraphs(transcript):
        who = f"{p.header}: " if p.speaker_name else ""
        lines.append(f"[{clock(p.start_s)}] {who}{p.text}")
    return "\n\n".join(lines) + "\n"


def write_txt(transcript: Transcript, path: Path) -> None:
    """Writes :func:`render_txt` output to ``path`` (UTF-8)."""
    write_whole_file(path, render_txt(transcript))


def _escape_md(text: str) -> str:
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(transcript: Transcript) -> str:
    """Returns the transcript as Markdown: a title, details, and "**Name** (time): text" paragraphs
    ("**Name** _(overlaps with Other)_ (time): …" where someone talks at the same time)."""
    title = _escape_md(transcript.title or transcript.source_name or "Transcript")
    out = [f"# {title}", ""]
    details = [f"Duration: {clock(transcript.duration_s)}"]
    if transcript.language:
        details.append(f"Language: {transcript.language}")
    if transcript.speakers:
        details.append("Speakers: " + ", ".join(_escape_md(s.name) for s in transcript.speakers))
    out += [" · ".join(details), ""]
    for p in speaker_paragraphs(transcript):
        who = f"**{_escape_md(p.speaker_name)}** " if p.speaker_name else ""
        if p.overlapped_by:
            who += f"_(overlaps with {_escape_md(', '.join(p.overlapped_by))})_ "
        out += [f"{who}({clock(p.start_s)}): {_escape_md(p.text)}", ""]
    return "\n".join(out)


def write_markdown(transcript: Transcript, path: Path) -> None:
    """Writes :func:`render_markdown` output to ``path`` (UTF-8)."""
    write_whole_file(path, render_markdown(transcript))
