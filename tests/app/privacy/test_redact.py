"""Redaction of whole transcripts: consistency across a note, words and timings, review decisions, no leaks."""
from __future__ import annotations

import json

import pytest

from audio_core.errors import HushnoteError
from audio_core.model import Segment, Transcript, Word
from app.privacy.detect import detect_pii
from app.privacy.policy import POLICIES, RedactionPolicy, parse_policy
from app.privacy.redact import redact_text, redact_transcript, redacted_intervals
from app.privacy.review import add_manual_text, reject

PII_WORDS = ("Tom", "Baker", "555", "214", "8839", "five", "gmail", "Okafor", "Chicago")


def segment(text: str, start_s: float) -> Segment:
    words, t = [], start_s
    for token in text.split(" "):
        words.append(Word(" " + token, round(t, 2), round(t + 0.4, 2)))
        t += 0.5
    return Segment(start_s, round(t, 2), text, words)


@pytest.fixture
def note(pii_analyzer) -> Transcript:
    transcript = Transcript(segments=[
        segment("Hi, I'm Tom Baker from Chicago. My number is 555-214-8839.", 0.0),
        segment("Again, that's five five five, two one four, double eight three nine.", 6.0),
        segment("Email Tom at tom.baker@gmail.com about the budget.", 12.0),
        segment("The budget for next quarter looks fine.", 18.0),
    ], source_name="call.wav")
    transcript.pii_spans = detect_pii(transcript, pii_analyzer)
    return transcript


def test_when_a_note_is_redacted_then_no_personal_item_survives_in_text_words_or_json(note):
    redacted = redact_transcript(note, RedactionPolicy())
    exported = redacted.to_json() + " ".join(w.text for w in redacted.words)
    for word in PII_WORDS:
        assert word not in exported
    assert "budget for next quarter looks fine" in redacted.segments[3].text


def test_when_the_same_item_recurs_in_other_forms_then_it_gets_the_same_pseudonym(note):
    redacted = redact_transcript(note, RedactionPolicy())
    assert "[PHONE_NUMBER_1]" in redacted.segments[0].text and "[PHONE_NUMBER_1]" in redacted.segments[1].text
    assert "[PERSON_1]" in redacted.segments[0].text and "[PERSON_1]" in redacted.segments[2].text
    assert "_2]" not in redacted.to_json()


def test_when_words_are_redacted_then_their_timings_cover_the_original_words(note):
    redacted = redact_transcript(note, RedactionPolicy())
    phone_word = next(w for w in redacted.segments[1].words if "PHONE_NUMBER" in w.text)
    original = [w for w in note.segments[1].words if w.text.strip(" ,.") in {"five", "two", "one", "four", "double", "eight", "three", "nine"}]
    assert phone_word.start_s == original[0].start_s and phone_word.end_s == original[-1].end_s
    assert note.segments[1].text.startswith("Again, that's five")  # the input is left unchanged


def test_when_redacted_intervals_are_asked_then_every_pii_word_is_inside_one(note):
    intervals = redacted_intervals(note, RedactionPolicy(), pad_s=0.1)
    for word in note.words:
        if any(p in word.text for p in ("Tom", "Baker", "555", "gmail")):
            assert any(start <= word.start_s and word.end_s <= end for start, end in intervals), word


def test_when_a_detection_is_rejected_then_it_stays_verbatim(note):
    chicago = next(i for i, s in enumerate(note.pii_spans) if s.text == "Chicago")
    reject(note, chicago)
    assert "Chicago" in redact_transcript(note, RedactionPolicy()).segments[0].text


def test_when_text_is_added_by_hand_then_it_is_redacted_everywhere(note):
    add_manual_text(note, "budget")
    redacted = redact_transcript(note, RedactionPolicy())
    assert "budget" not in redacted.text.lower()
    assert any(s.source == "manual" for s in note.pii_spans)


def test_when_manual_text_is_absent_then_a_clear_error_says_so(note):
    with pytest.raises(HushnoteError, match="does not occur"):
        add_manual_text(note, "spaceship")


def test_when_style_is_tag_then_types_replace_items(note):
    redacted = redact_transcript(note, parse_policy("default:tag"))
    assert "[PHONE_NUMBER]" in redacted.segments[0].text and "[PERSON]" in redacted.segments[0].text


def test_when_style_is_fake_then_values_look_real_and_are_stable_per_note(note):
    first = redact_transcript(note, POLICIES["fake"])
    again = redact_transcript(note, POLICIES["fake"])
    assert first.text == again.text
    assert "[" not in first.segments[0].text and "Tom" not in first.text and "8839" not in first.text
    assert "@example.com" in first.segments[2].text


def test_when_policy_is_names_only_then_numbers_stay(note):
    redacted = redact_transcript(note, POLICIES["names-only"])
    assert "555-214-8839" in redacted.segments[0].text and "Baker" not in redacted.segments[0].text


def test_when_a_policy_name_is_unknown_then_the_error_lists_the_choices():
    with pytest.raises(HushnoteError, match="names-only"):
        parse_policy("everything")
    assert parse_policy("PERSON,EMAIL_ADDRESS:tag").entity_types == {"PERSON", "EMAIL_ADDRESS"}


def test_when_plain_text_is_redacted_then_spoken_and_written_forms_go(pii_analyzer):
    text = "Contact Sarah Jones at sarah dot jones at outlook dot com or 020 7946 0958, card 4111 1111 1111 1111."
    redacted = redact_text(text, pii_analyzer)
    for item in ("Sarah", "Jones", "outlook", "7946", "4111"):
        assert item not in redacted
    assert redacted.startswith("Contact [PERSON_1] at [EMAIL_ADDRESS_1]")


def test_when_a_redacted_note_is_saved_as_json_then_its_spans_hold_replacements_only(note):
    data = json.loads(redact_transcript(note, RedactionPolicy()).to_json())
    assert data["pii_spans"] and all(span["text"].startswith("[") for span in data["pii_spans"])
