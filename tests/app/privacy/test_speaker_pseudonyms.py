"""A speaker's name is personal data: redacted transcripts show pseudonyms, consistent with the text."""
from __future__ import annotations

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from app.privacy.policy import POLICIES, RedactionPolicy, parse_policy
from app.privacy.redact import redact_transcript


def _meeting(*speakers: Speaker) -> Transcript:
    text = "Thanks Zoë, see you Monday."
    return Transcript(
        segments=[Segment(0.0, 2.0, text, [Word("Thanks", 0.0, 0.4, 1, "S1"), Word(" Zoë,", 0.5, 0.9, 1, "S1")], "S1"),
                  Segment(2.0, 3.0, "Bye.", [Word("Bye.", 2.0, 2.5, 1, "S2")], "S2"),
                  Segment(3.0, 4.0, "Hi.", [Word("Hi.", 3.0, 3.5, 1, "S3")], "S3")],
        speakers=list(speakers),
        pii_spans=[PiiSpan(0, 7, 10, "PERSON", "Zoë", 0.9, "accepted")],
        source_name="call.wav",
    )


def test_when_a_speaker_is_named_then_the_redaction_shows_a_speaker_number():
    note = _meeting(Speaker("S1", "Diane Ross", "profile-1"), Speaker("S2", "Speaker 2"), Speaker("S3", "Speaker 3"))
    redacted = redact_transcript(note, RedactionPolicy())
    assert [s.name for s in redacted.speakers] == ["Speaker 1", "Speaker 2", "Speaker 3"]
    assert all(s.profile_id is None for s in redacted.speakers)
    assert "Diane" not in redacted.to_json()
    assert note.speakers[0].name == "Diane Ross"  # the stored note keeps its names


def test_when_the_named_speaker_is_also_spoken_of_then_the_label_is_the_texts_pseudonym():
    note = _meeting(Speaker("S1", "Speaker 1"), Speaker("S2", "Zoë Park"), Speaker("S3", "Speaker 3"))
    redacted = redact_transcript(note, RedactionPolicy())
    assert redacted.segments[0].text == "Thanks [PERSON_1], see you Monday."
    assert redacted.speaker_name("S2") == "[PERSON_1]"


def test_when_a_neutral_label_takes_the_speakers_number_then_the_next_free_one_is_used():
    note = _meeting(Speaker("S1", "Speaker 2"), Speaker("S2", "Diane"), Speaker("S3", "Speaker 3"))
    names = [s.name for s in redact_transcript(note, RedactionPolicy()).speakers]
    assert names == ["Speaker 2", "Speaker 4", "Speaker 3"]
    assert len(set(names)) == 3


def test_tag_and_fake_styles_never_print_the_name():
    note = _meeting(Speaker("S1", "Diane"), Speaker("S2", "Zoë"), Speaker("S3", "Speaker 3"))
    tagged = redact_transcript(note, parse_policy("default:tag"))
    assert [s.name for s in tagged.speakers] == ["Speaker 1", "Speaker 2", "Speaker 3"]
    fake = redact_transcript(note, POLICIES["fake"])
    assert fake.segments[0].text == f"Thanks {fake.speaker_name('S2')}, see you Monday."  # the text's fake name
    assert "Zoë" not in fake.to_json() and "Diane" not in fake.to_json()


def test_when_names_are_kept_then_the_speakers_keep_them():
    note = _meeting(Speaker("S1", "Diane"), Speaker("S2", "Speaker 2"), Speaker("S3", "Speaker 3"))
    assert redact_transcript(note, RedactionPolicy(), keep_speaker_names=True).speaker_name("S1") == "Diane"


def test_a_fake_name_is_never_a_real_name_of_the_same_note():
    # The fake for "Zoë" is drawn from the note's seed; over many seeds it must never be "Diane", the
    # other speaker's real name, nor contain a word of any real name (a draw of "Diane ..." failed once).
    from app.privacy.recognizers.names import FIRST_NAMES

    real = sorted(n.title() for n in FIRST_NAMES if len(n) > 3)[:40]
    for number, name in enumerate(real):
        note = _meeting(Speaker("S1", name), Speaker("S2", "Zoë"), Speaker("S3", "Speaker 3"))
        note.created_at = f"2026-01-01T00:00:{number:02d}+00:00"
        fake = redact_transcript(note, POLICIES["fake"])
        assert name not in fake.to_json(), (name, fake.segments[0].text)
