"""Speaker turns: consecutive segments of one speaker merged into a paragraph."""
from __future__ import annotations

from dataclasses import dataclass

from audio_core.model import Transcript


@dataclass(frozen=True)
class Paragraph:
    speaker_name: str
    start_s: float
    end_s: float
    text: str


def speaker_paragraphs(transcript: Transcript) -> list[Paragraph]:
    """Returns the transcript as speaker turns, in time order."""
    paragraphs: list[Paragraph] = []
    for segment in transcript.segments:
        text = segment.text.strip()
        if not text:
            continue
        name = transcript.speaker_name(segment.speaker_id)
        if paragraphs and paragraphs[-1].speaker_name == name:
            last = paragraphs[-1]
            paragraphs[-1] = Paragraph(name, last.start_s, segment.end_s, f"{last.text} {text}")
        else:
            paragraphs.append(Paragraph(name, segment.start_s, segment.end_s, text))
    return paragraphs
