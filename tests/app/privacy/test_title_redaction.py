"""A title a person typed is personal data: a redacted export replaces its names as the transcript's, unless kept."""
from __future__ import annotations

import pytest

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from app.privacy.export_plan import prepare_export
from app.privacy.policy import POLICIES, RedactionPolicy
from app.privacy.redact import redact_transcript


def _note(title: str, source_name: str = "call.wav", *speakers: Speaker, decision: str = "pending") -> Transcript:
    text = "Thanks Anna, see you at the Springfield clinic."
    return Transcript(
        segments=[Segment(0.0, 3.0, text, [Word(w, i * 0.3, i * 0.3 + 0.2, 1, "S1") for i, w in enumerate(text.split())], "S1")],
        speakers=list(speakers) or [Speaker("S1", "Speaker 1"), Speaker("S2", "Speaker 2")],
        pii_spans=[PiiSpan(0, 7, 11, "PERSON", "Anna", 0.9, decision), PiiSpan(0, 28, 39, "LOCATION", "Springfield", 0.8)],
        source_name=source_name, title=title, language="en",
    )


def test_when_the_title_names_someone_the_note_speaks_of_then_it_gets_the_same_tag(pii_analyzer):
    redacted = prepare_export(_note("Interview with Anna Schmidt"), analyzer=lambda: pii_analyzer).transcript
    assert redacted.segments[0].text.startswith("Thanks [PERSON_1],")
    assert redacted.title == "Interview with [PERSON_1]"


def test_a_place_in_the_title_is_replaced_like_the_texts_and_a_lower_case_word_is_not_taken_for_a_name():
    note = _note("springfield follow-up: what we will anna-lyse")
    assert redact_transcript(note, RedactionPolicy()).title == "[LOCATION_1] follow-up: what we will anna-lyse"


def test_a_named_speaker_in_the_title_becomes_the_speakers_pseudonym():
    note = _note("1:1 with Dana Whitfield", "call.wav", Speaker("S1", "Speaker 1"), Speaker("S2", "Dana Whitfield"))
    redacted = redact_transcript(note, RedactionPolicy())
    assert redacted.speaker_name("S2") == "Speaker 2"
    assert redacted.title == "1:1 with Speaker 2"


def test_the_source_file_name_is_redacted_too():
    redacted = redact_transcript(_note("", "anna_springfield_2024.m4a"), RedactionPolicy())
    assert redacted.source_name == "[PERSON_1]_[LOCATION_1]_2024.m4a"
    assert "anna" not in redacted.to_json().lower()


def test_an_item_the_user_kept_in_the_review_stays_in_the_title():
    note = _note("Anna's check-up", decision="rejected")
    assert redact_transcript(note, RedactionPolicy(), title_finder=lambda text: [(0, 6, "PERSON")]).title == "Anna's check-up"


def test_fake_style_gives_the_title_the_texts_fake_name():
    redacted = redact_transcript(_note("Anna - notes"), POLICIES["fake"])
    fake = redacted.segments[0].text.removeprefix("Thanks ").split(",")[0]
    assert redacted.title == f"{fake} - notes" and "Anna" not in redacted.title


def test_when_the_title_is_kept_then_it_is_exported_as_written_and_the_audit_policy_says_so():
    plan = prepare_export(_note("Interview with Anna Schmidt"), keep_title=True, analyzer=lambda: pytest.fail("not needed"))
    assert plan.transcript.title == "Interview with Anna Schmidt" and "title kept" in plan.policy
    assert prepare_export(_note("Interview with Anna Schmidt"), redact=False).transcript.title == "Interview with Anna Schmidt"


# Titles unlike the note (and unlike anything the recognizers were tuned on): names, contacts and places never said in it.
NEVER_SAID = [
    ("Exit interview - Jürgen Weiß", ["Jürgen", "Weiß"]),
    ("Sync: Priya Raman / Tom Becker", ["Priya", "Raman", "Becker"]),
    ("Hiring panel: Kwame Mensah", ["Kwame", "Mensah"]),
    ("Follow-up with jane.doe@example.com", ["jane.doe"]),
    ("Call back 555-214-8839", ["8839"]),
    ("Trip to Lisbon", ["Lisbon"]),
]


@pytest.mark.parametrize(("title", "names"), NEVER_SAID)
def test_when_the_title_names_what_the_note_never_says_then_detection_on_the_title_finds_it(pii_analyzer, title, names):
    plan = prepare_export(_note(title), analyzer=lambda: pii_analyzer)
    assert not [name for name in names if name in plan.transcript.title], plan.transcript.title
    assert "title redacted" in plan.policy


# "Recording 2026-12-05 06:41": the title Hushnote gives a recording was exported as "Recording [PHONE_NUMBER_1]".
@pytest.mark.parametrize("title", ["Weekly standup", "Budget review Q3", "Team retro", "Recording 2026-12-05 06:41"])
def test_a_title_without_personal_data_is_kept(pii_analyzer, title):
    assert prepare_export(_note(title), analyzer=lambda: pii_analyzer).transcript.title == title
