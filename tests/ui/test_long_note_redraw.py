"""On a long note an edit, an undo and a decision redraw only what changed, and what is shown is what a full redraw shows.

The figures are in tests/bench/bench_editor.py; here: the transcript, the review
(text, highlights, table) and the redacted preview after each step are exactly
what a fresh window would draw for the same note.
"""
from __future__ import annotations

import pytest

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from app.privacy.policy import RedactionPolicy
from app.privacy.redact import redact_transcript, redacted_texts

TURNS = [
    ("S1", "Good morning, this is Dana Whitfield from the Riverside clinic."),
    ("S2", "Hi Dana, Tom Baker here, my number is 555-214-8839."),
    ("S1", "Thanks Tom, we will see you in Portland on Monday."),
    ("S3", "I can drive Tom over to Portland myself."),
]


def _long_note(repeats: int = 40):
    from ui.notebook import Note

    segments, spans = [], []
    for r in range(repeats):
        for k, (speaker, text) in enumerate(TURNS):
            start_s = (r * len(TURNS) + k) * 4.0
            words = [Word(w if i == 0 else f" {w}", start_s + i * 0.3, start_s + i * 0.3 + 0.25, 1, speaker)
                     for i, w in enumerate(text.split())]
            for name, kind in (("Dana Whitfield", "PERSON"), ("Dana", "PERSON"), ("Tom Baker", "PERSON"), ("Tom", "PERSON"),
                               ("555-214-8839", "PHONE_NUMBER"), ("Portland", "LOCATION")):
                at = text.find(name)
                if at >= 0 and not any(s.segment_index == len(segments) and s.start <= at < s.end for s in spans):
                    spans.append(PiiSpan(len(segments), at, at + len(name), kind, name, 0.9))
            segments.append(Segment(start_s, start_s + 3.5, text, words, speaker))
    transcript = Transcript(segments=segments, speakers=[Speaker(s, f"Speaker {i + 1}") for i, s in enumerate(("S1", "S2", "S3"))],
                            pii_spans=sorted(spans, key=lambda s: (s.segment_index, s.start)), duration_s=len(segments) * 4.0,
                            title="Long call")
    return Note("1", transcript, None)


@pytest.fixture
def wired(qtbot):
    """The note view and the privacy panel wired as the window wires them, showing a 160-turn note."""
    from ui.widgets.note_view import NoteView
    from ui.widgets.privacy_panel import PrivacyPanel
    from ui.workers import WorkerPool

    view = NoteView()
    panel = PrivacyPanel(WorkerPool(), view.undo_stack)
    view.changed.connect(lambda note: panel.refresh())
    qtbot.addWidget(view)
    qtbot.addWidget(panel)
    view.show()
    panel.show()
    note = _long_note()
    view.set_note(note)
    panel.set_note(note)
    return view, panel, note


def _as_drawn_afresh(note):
    """(transcript HTML, review HTML, preview text) that new widgets draw for ``note`` as it is now."""
    from ui.viewmodels.transcript_layout import layout_transcript
    from ui.widgets.pii_text import PiiText
    from ui.widgets.transcript_text import TranscriptText

    text, review = TranscriptText(), PiiText()
    text.show_layout(layout_transcript(note.transcript), note.transcript)
    review.show_transcript(note.transcript)
    preview = "\n".join(s.text for s in redact_transcript(note.transcript, RedactionPolicy()).segments)
    return text.document().toHtml(), review.document().toHtml(), preview


def _as_shown(view, panel):
    return view.text.document().toHtml(), panel.text.document().toHtml(), panel.preview.toPlainText()


def test_edit_undo_redo_and_decisions_on_a_long_note_show_what_a_fresh_window_shows(wired):
    view, panel, note = wired
    view.edit_segment(5, "Hi Dana, Tom Baker here again, call me on 555-214-8839 please.")
    assert _as_shown(view, panel) == _as_drawn_afresh(note)
    panel.decide([3, 40], "reject")
    assert _as_shown(view, panel) == _as_drawn_afresh(note)
    assert panel.model.index(40, 3).data() == "rejected"
    view.undo()  # the rejection
    view.undo()  # the edit
    assert note.transcript.segments[5].text == TURNS[1][1]
    assert _as_shown(view, panel) == _as_drawn_afresh(note)
    view.redo()
    assert "again" in view.text.toPlainText() and _as_shown(view, panel) == _as_drawn_afresh(note)
    view.rename_speaker("S2", "Speaker 9")  # headers change: the whole transcript is drawn again
    assert "Speaker 9" in view.text.toPlainText() and _as_shown(view, panel) == _as_drawn_afresh(note)


def test_the_live_preview_is_the_exports_text():
    note = _long_note(3)
    note.transcript.pii_spans[2].decision = "rejected"
    for policy in (RedactionPolicy(), RedactionPolicy(style="fake"), RedactionPolicy(style="tag")):
        assert redacted_texts(note.transcript, policy) == [s.text for s in redact_transcript(note.transcript, policy).segments]


def test_the_waveform_colours_each_stretch_by_the_speaker_talking_there():
    from ui.widgets.waveform import NO_SPEECH, WaveformOverview, speaker_colour

    note = _long_note(2)
    waveform = WaveformOverview()
    waveform.set_audio(None, note.transcript.duration_s, note.transcript)
    colours = waveform._colours(200)
    for column in range(200):
        time_s = (column + 0.5) / 200 * note.transcript.duration_s
        talking = next((s for s in note.transcript.segments if s.start_s <= time_s <= s.end_s), None)
        expected = speaker_colour(note.transcript, talking.speaker_id) if talking else NO_SPEECH
        assert colours[column].name() == (expected.name() if talking else NO_SPEECH), column


def test_the_review_of_a_note_opened_and_edited_elsewhere_opens_at_its_top(unlocked_window, qtbot):
    window = unlocked_window
    note = _long_note()
    note.note_id = None
    window.notebook.save(note)
    window.show_note(note)  # the review is drawn while hidden
    window.note_view.edit_segment(2, TURNS[2][1] + " Really fine.")
    window.show_page("Privacy")
    panel = window.privacy
    assert "Really fine." in panel.text.toPlainText() and "Really fine." in panel.preview.toPlainText()
    assert panel.text.verticalScrollBar().value() == 0 and panel.preview.verticalScrollBar().value() == 0
