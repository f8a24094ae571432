"""Where two people talk at once, every text export says so: TXT/MD/DOCX paragraph headers name
who talks over a turn, SRT cues too, and WebVTT cues carry both speakers' voice tags."""
from __future__ import annotations

from app.export import export_transcript
from audio_core.model import Overlap, Segment, Speaker, Transcript, Word


def _talk_over() -> Transcript:
    """Diane talks 0.5-4.0 s, Sheila cuts in at 3.0 s; later Diane speaks alone."""
    return Transcript(
        segments=[
            Segment(0.5, 4.0, "We should ship on Friday.", [Word("We", 0.5, 0.7, 1.0, "S1"), Word("Friday.", 3.2, 4.0, 1.0, "S1")], "S1"),
            Segment(3.0, 5.0, "No, Monday.", [Word("No,", 3.0, 3.4, 1.0, "S2"), Word("Monday.", 4.2, 5.0, 1.0, "S2")], "S2"),
            Segment(6.0, 7.5, "Fine, Monday.", [Word("Fine,", 6.0, 6.5, 1.0, "S1"), Word("Monday.", 6.6, 7.5, 1.0, "S1")], "S1"),
        ],
        speakers=[Speaker("S1", "Diane"), Speaker("S2", "Sheila")],
        overlaps=[Overlap(3.0, 4.0, ["S1", "S2"])],
        duration_s=8.0,
        title="Call",
    )


def test_txt_and_markdown_name_who_talks_over_a_turn(tmp_path):
    transcript = _talk_over()
    txt = export_transcript(transcript, "txt", tmp_path / "t.txt").read_text().split("\n\n")
    md = export_transcript(transcript, "md", tmp_path / "t.md").read_text()

    assert txt[0] == "[0:00:00] Diane (overlaps with Sheila): We should ship on Friday."
    assert txt[1] == "[0:00:03] Sheila (overlaps with Diane): No, Monday."
    assert txt[2].strip() == "[0:00:06] Diane: Fine, Monday."  # spoken alone: no mark
    assert "**Diane** _(overlaps with Sheila)_ (0:00:00): We should ship on Friday." in md
    assert "**Diane** (0:00:06): Fine, Monday." in md


def test_subtitles_carry_both_speakers_where_they_overlap(tmp_path):
    transcript = _talk_over()
    srt = export_transcript(transcript, "srt", tmp_path / "t.srt").read_text()
    vtt = export_transcript(transcript, "vtt", tmp_path / "t.vtt").read_text()

    assert "Diane (overlaps with Sheila): We should ship on Friday." in srt
    assert "Sheila (overlaps with Diane): No, Monday." in srt
    assert "Diane: Fine, Monday." in srt
    assert "<v Diane>We should ship on Friday.</v>\n<v Sheila>(at the same time)</v>" in vtt
    assert "<v Sheila>No, Monday.</v>\n<v Diane>(at the same time)</v>" in vtt
    assert "<v Diane>Fine, Monday.\n" in vtt


def test_docx_marks_overlapping_turns(tmp_path):
    from docx import Document

    path = export_transcript(_talk_over(), "docx", tmp_path / "t.docx")

    texts = [p.text for p in Document(str(path)).paragraphs]
    assert any(t.endswith("Diane (overlaps with Sheila): We should ship on Friday.") for t in texts)
    assert any(t.endswith("] Diane: Fine, Monday.") for t in texts)


def test_renamed_speakers_are_named_in_the_overlap_mark(tmp_path):
    transcript = _talk_over()
    transcript.speakers[1] = Speaker("S2", "Speaker 2")

    txt = export_transcript(transcript, "txt", tmp_path / "t.txt").read_text()

    assert "Diane (overlaps with Speaker 2):" in txt and "Sheila" not in txt
