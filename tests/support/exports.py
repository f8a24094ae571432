"""Reading exported transcripts back as plain text, whatever their format."""
from __future__ import annotations

from pathlib import Path

FORMATS = ("txt", "md", "srt", "vtt", "json", "docx")


def exported_text(path: Path) -> str:
    """Returns the text a reader sees in an exported transcript (DOCX paragraphs; Markdown unescaped)."""
    if path.suffix == ".docx":
        import docx

        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    text = path.read_text(encoding="utf-8")
    return text.replace("\\", "") if path.suffix == ".md" else text  # Markdown escapes [ ] _
