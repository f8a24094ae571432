"""View-models without widgets: passphrase strength, word re-timing, layout, table models."""
from __future__ import annotations

from PySide6.QtCore import Qt

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from ui.notebook import NoteSummary
from ui.viewmodels.notes_model import NOTE_ID_ROLE, NotesFilterProxy, NotesTableModel
from ui.viewmodels.passphrase_strength import estimate_strength
from ui.viewmodels.pii_model import PiiSpansModel
from ui.viewmodels.transcript_layout import layout_transcript
from ui.viewmodels.word_edit import edit_segment_text


def two_speaker_transcript() -> Transcript:
    words_a = [Word("Hello", 0.0, 0.4), Word("there", 0.5, 0.9), Word("Diane", 1.0, 1.4)]
    words_b = [Word("Hi", 2.0, 2.2), Word("Sheila", 2.3, 2.8)]
    return Transcript(
        segments=[Segment(0.0, 1.4, "Hello there Diane", words_a, "A"), Segment(2.0, 2.8, "Hi Sheila", words_b, "B")],
        speakers=[Speaker("A", "Alex"), Speaker("B", "Beth")],
        duration_s=3.0,
    )


def test_when_passphrase_gets_longer_then_strength_never_drops():
    scores = [estimate_strength(p).score for p in ("", "abc", "password1", "Tr0ub4dor&3", "velvet orbit canyon lantern 42")]
    assert scores == sorted(scores)
    assert not estimate_strength("password123").acceptable
    assert estimate_strength("velvet orbit canyon lantern 42").acceptable


def test_when_a_word_is_corrected_then_other_words_keep_their_times():
    segment = two_speaker_transcript().segments[0]
    edit_segment_text(segment, "Hello there Dianne")
    assert [w.text for w in segment.words] == ["Hello", "there", "Dianne"]
    assert [(w.start_s, w.end_s) for w in segment.words] == [(0.0, 0.4), (0.5, 0.9), (1.0, 1.4)]
    edit_segment_text(segment, "Well hello there Dianne")
    assert segment.words[1].start_s == 0.0 and segment.words[-1].end_s == 1.4
    assert segment.text == "Well hello there Dianne"


def test_layout_maps_characters_and_times_to_words():
    layout = layout_transcript(two_speaker_transcript())
    assert [p.speaker_name for p in layout.paragraphs] == ["Alex", "Beth"]
    sheila = next(i for i, w in enumerate(layout.words) if layout.text[w.start_char : w.end_char] == "Sheila")
    assert layout.word_at_char(layout.words[sheila].start_char + 2) == sheila
    assert layout.word_at_time(2.5) == sheila
    assert layout.word_at_time(10.0) is None
    assert layout.word_at_char(layout.paragraphs[1].header_start_char) is None


def test_notes_table_sorts_by_real_values_and_filters_by_tag_speaker_and_search():
    model = NotesTableModel()
    model.set_notes(
        [
            NoteSummary("1", "Budget", "2026-01-02T10:00:00+00:00", 600.0, ("Alex",), ("work",)),
            NoteSummary("2", "Doctor", "2026-03-01T10:00:00+00:00", 90.0, ("Beth",), ("health",)),
            NoteSummary("3", "Standup", "2026-02-01T10:00:00+00:00", 1200.0, ("Alex", "Beth"), ("work",)),
        ]
    )
    proxy = NotesFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(2, Qt.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Doctor", "Budget", "Standup"]
    proxy.sort(1, Qt.DescendingOrder)
    assert proxy.index(0, 0).data() == "Doctor"
    proxy.set_tag("work")
    assert proxy.rowCount() == 2
    proxy.set_speaker("Beth")
    assert [proxy.index(r, 0).data(NOTE_ID_ROLE) for r in range(proxy.rowCount())] == ["3"]
    proxy.set_tag("")
    proxy.set_speaker("")
    proxy.set_allowed_ids({"1"})
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data() == "Budget"


def test_pii_model_shows_type_text_and_decision():
    transcript = two_speaker_transcript()
    transcript.pii_spans = [PiiSpan(0, 12, 17, "PERSON", "Diane", 0.85), PiiSpan(1, 3, 9, "PERSON", "Sheila", 0.9, "rejected")]
    model = PiiSpansModel()
    model.set_transcript(transcript)
    assert model.rowCount() == 2
    assert [model.index(1, c).data() for c in range(4)] == ["PERSON", "Sheila", "0.90", "rejected"]


def test_layout_keeps_the_texts_spacing_inside_split_words():
    words = [Word("call", 0.0, 0.3), Word("follow", 0.3, 0.5), Word("-up", 0.5, 0.7), Word("555", 0.8, 1.0), Word("-314.", 1.0, 1.3)]
    transcript = Transcript(segments=[Segment(0.0, 1.3, "call follow-up 555-314.", words)])
    layout = layout_transcript(transcript)
    assert layout.text.endswith("call follow-up 555-314.")
    assert [layout.text[w.start_char : w.end_char] for w in layout.words] == ["call", "follow", "-up", "555", "-314."]
