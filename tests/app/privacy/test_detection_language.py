"""Personal data is looked for in the transcript's language, or in the one the user picks; review decisions survive."""
from __future__ import annotations

import json

from app.export_job import ExportRequest, export_note
from app.privacy.detect import detect_pii
from app.privacy.review import detect_again
from audio_core.model import Segment, Transcript

GERMAN = "Hallo, hier spricht Henrike Albrecht. Meine Nummer ist null eins sieben zwei, vier vier drei, neun neun eins."


def _transcript(text: str, language: str) -> Transcript:
    return Transcript(segments=[Segment(0.0, 6.0, text)], language=language, title="Telefonat")


def test_when_the_transcript_is_german_then_german_numbers_are_found(pii_analyzer):
    spans = detect_pii(_transcript(GERMAN, "de"), pii_analyzer)
    assert {s.entity_type for s in spans} >= {"PERSON", "PHONE_NUMBER"}


def test_when_a_language_is_picked_then_it_overrides_the_transcripts(pii_analyzer):
    # Whisper heard English (a misdetection): the German number words are missed unless German is picked.
    transcript = _transcript(GERMAN, "en")
    assert "PHONE_NUMBER" not in {s.entity_type for s in detect_pii(transcript, pii_analyzer)}
    assert "PHONE_NUMBER" in {s.entity_type for s in detect_pii(transcript, pii_analyzer, language="de")}


def test_when_detection_runs_again_then_review_decisions_and_manual_marks_stay(pii_analyzer):
    from app.privacy.review import add_manual_text

    transcript = _transcript(GERMAN, "en")
    transcript.pii_spans = detect_pii(transcript, pii_analyzer, language="de")
    person = next(s for s in transcript.pii_spans if s.entity_type == "PERSON")
    person.decision = "rejected"
    add_manual_text(transcript, "Hallo")
    detect_again(transcript, pii_analyzer, "de")
    again = next(s for s in transcript.pii_spans if s.entity_type == "PERSON")
    assert again.decision == "rejected"
    assert any(s.source == "manual" and s.text == "Hallo" for s in transcript.pii_spans)


def test_when_an_export_picks_another_language_then_it_redacts_in_it_and_the_report_says_so(pii_analyzer, tmp_path):
    class Engines:
        pass

    engines = Engines()
    engines.pii_analyzer = pii_analyzer
    transcript = _transcript(GERMAN, "en")
    transcript.pii_spans = detect_pii(transcript, pii_analyzer)  # found as English: the number is missed
    stored = [(s.start, s.end) for s in transcript.pii_spans]
    request = ExportRequest(out_dir=tmp_path, stem="telefonat", formats=("txt",), report=True, detection_language="de")
    export_note(request, transcript, None, engines)
    text = (tmp_path / "telefonat.txt").read_text(encoding="utf-8")
    assert "null eins sieben" not in text and "Albrecht" not in text
    report = json.loads((tmp_path / "telefonat.privacy.json").read_text(encoding="utf-8"))
    assert "German" in json.dumps(report)
    assert [(s.start, s.end) for s in transcript.pii_spans] == stored  # the note itself is not changed
