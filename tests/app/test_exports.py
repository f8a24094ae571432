"""Each export format parsed back matches the transcript."""
from __future__ import annotations

import json
import re

import pytest

from app.export import EXPORTERS, export_transcript, parse_formats
from audio_core.errors import HushnoteError
from audio_core.model import Segment, Speaker, Transcript, Word
from tests.support.transcripts import make_transcript


def _long_transcript() -> Transcript:
    words = [Word(f"word{i}", 10 + i * 0.4, 10 + i * 0.4 + 0.3) for i in range(40)]
    long = Segment(10.0, 26.0, " ".join(w.text for w in words), words, "S1")
    transcript = make_transcript()
    transcript.segments.append(long)
    return transcript


def _parse_cues(text: str, separator: str):
    pattern = re.compile(
        r"(\d\d):(\d\d):(\d\d)" + re.escape(separator) + r"(\d{3}) --> (\d\d):(\d\d):(\d\d)" + re.escape(separator) + r"(\d{3})\n(.+?)(?:\n\n|\n?$)",
        re.S,
    )
    cues = []
    for m in pattern.finditer(text):
        g = [int(x) for x in m.groups()[:8]]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        cues.append((start, end, m.group(9).strip()))
    return cues


@pytest.mark.parametrize("fmt,separator", [("srt", ","), ("vtt", ".")])
def test_subtitle_timings_follow_the_transcript(tmp_path, fmt, separator):
    transcript = _long_transcript()
    text = export_transcript(transcript, fmt, tmp_path / f"t.{fmt}").read_text()

    cues = _parse_cues(text, separator)

    assert cues[0][0] == pytest.approx(0.5) and cues[0][1] == pytest.approx(2.0)
    assert all(start < end for start, end, _ in cues)
    assert all(a[0] <= b[0] for a, b in zip(cues, cues[1:]))
    assert len(cues) > len(transcript.segments)  # the 16 s segment is split into readable cues
    assert all(end - start <= 7.0 + 1e-6 for start, end, _ in cues[2:])
    spoken = " ".join(c[2] for c in cues)
    assert "word0" in spoken and "word39" in spoken
    if fmt == "vtt":
        assert text.startswith("WEBVTT")
        assert "<v Diane>Hello Zoë, 555-214-8839." in text
    else:
        assert "Diane: Hello Zoë, 555-214-8839." in text
        assert [int(n) for n in re.findall(r"^(\d+)\n\d\d:", text, re.M)] == list(range(1, len(cues) + 1))


def test_txt_and_markdown_have_speaker_paragraphs(tmp_path):
    transcript = make_transcript()
    txt = export_transcript(transcript, "txt", tmp_path / "t.txt").read_text()
    md = export_transcript(transcript, "md", tmp_path / "t.md").read_text()

    assert txt.splitlines()[0] == "[0:00:00] Diane: Hello Zoë, 555-214-8839."
    assert "Speaker 2: Thanks." in txt
    assert md.startswith("# Call")
    assert "**Diane** (0:00:00): Hello Zoë, 555-214-8839." in md


def test_json_export_reads_back_as_the_same_transcript(tmp_path):
    transcript = make_transcript()
    path = export_transcript(transcript, "json", tmp_path / "t.json")
    assert Transcript.from_dict(json.loads(path.read_text())) == transcript


def test_docx_opens_and_holds_every_paragraph(tmp_path):
    from docx import Document

    transcript = make_transcript()
    path = export_transcript(transcript, "docx", tmp_path / "t.docx")

    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Call"
    assert any(t.endswith("Diane: Hello Zoë, 555-214-8839.") for t in texts)
    assert any(t.endswith("Speaker 2: Thanks.") for t in texts)
    assert document.core_properties.title == "Call"


def test_format_list_is_validated():
    assert parse_formats("TXT, srt,.vtt") == ["txt", "srt", "vtt"]
    with pytest.raises(HushnoteError, match="unknown format 'pdf'"):
        parse_formats("txt,pdf")
    assert {"txt", "md", "srt", "vtt", "json", "docx"} <= set(EXPORTERS)


def test_unwritable_destination_gives_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HushnoteError, match="cannot write"):
        export_transcript(make_transcript(), "txt", blocker / "sub" / "t.txt")
