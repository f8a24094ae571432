"""Word (DOCX) export with python-docx: a title, details, and speaker paragraphs."""
from __future__ import annotations

import io
from pathlib import Path

from app.export.paragraphs import speaker_paragraphs
from app.export.timecode import clock
from audio_core.model import Transcript
from audio_core.whole_file import write_whole_file


def write_docx(transcript: Transcript, path: Path) -> None:
    """Writes ``transcript`` as a DOCX document to ``path``: bold speaker names, "(overlaps with …)" in italics
    where someone talks at the same time."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    document = Document()
    document.core_properties.title = transcript.title or "Transcript"
    document.core_properties.author = "Hushnote"
    document.add_heading(transcript.title or transcript.source_name or "Transcript", level=1)
    details = [f"Duration {clock(transcript.duration_s)}"]
    if transcript.language:
        details.append(f"language {transcript.language}")
    if transcript.speakers:
        details.append("speakers " + ", ".join(s.name for s in transcript.speakers))
    document.add_paragraph(" · ".join(details)).italic = True
    for p in speaker_paragraphs(transcript):
        paragraph = document.add_paragraph()
        stamp = paragraph.add_run(f"[{clock(p.start_s)}] ")
        stamp.font.size = Pt(9)
        stamp.font.color.rgb = RGBColor(0x70, 0x70, 0x70)
        if p.speaker_name:
            paragraph.add_run(f"{p.speaker_name}: " if not p.overlapped_by else f"{p.speaker_name} ").bold = True
        if p.speaker_name and p.overlapped_by:
            paragraph.add_run(f"(overlaps with {', '.join(p.overlapped_by)}): ").italic = True
        paragraph.add_run(p.text)
    buffer = io.BytesIO()
    document.save(buffer)
    write_whole_file(path, buffer.getvalue())
