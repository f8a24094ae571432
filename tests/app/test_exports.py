"""Each export format parsed back matches the transcript."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from app.export import EXPORTERS, export_transcript, parse_formats
from audio_core.errors import HushnoteError
from audio_core.model import Segment, Speaker, Transcript, Word
from tests.support.testdata import PROJECT_ROOT
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


_EXPORT_UNDER_A_SIZE_LIMIT = """
import resource, signal, sys
from pathlib import Path
from app.export import export_transcript
from audio_core.errors import HushnoteError
from audio_core.model import Transcript
transcript = Transcript.from_json(Path(sys.argv[2]).read_text())
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the kernel then fails the write (EFBIG), as a full disk fails it (ENOSPC)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), resource.RLIM_INFINITY))
try:
    export_transcript(transcript, sys.argv[4], sys.argv[3])
except HushnoteError as exc:
    sys.exit(f"hushnote: error: {exc}")
"""


@pytest.mark.parametrize("fmt", ["txt", "json", "srt", "docx"])
def test_an_export_the_disk_cannot_hold_leaves_no_half_file_and_keeps_the_earlier_one(tmp_path, fmt):
    transcript = _long_transcript()
    transcript.segments *= 60
    source = tmp_path / "meeting.json"
    source.write_text(transcript.to_json(), encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    earlier = out_dir / f"meeting.{fmt}"
    earlier.write_bytes(b"the earlier export")
    done = subprocess.run([sys.executable, "-c", _EXPORT_UNDER_A_SIZE_LIMIT, "4096", str(source), str(earlier), fmt],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(PROJECT_ROOT)))

    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("hushnote: error: cannot write") and done.stderr.count("\n") == 1, done.stderr
    assert earlier.read_bytes() == b"the earlier export"
    assert [p.name for p in out_dir.iterdir()] == [earlier.name]


def test_exports_are_readable_only_by_their_owner(tmp_path):
    path = export_transcript(make_transcript(), "txt", tmp_path / "t.txt")
    assert path.stat().st_mode & 0o777 == 0o600
