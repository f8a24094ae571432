"""A name the user gave a speaker is redacted where the text says it, also where the detector missed it: the redacted
export called the speaker "Speaker 1" and left "Sky" in the sentence beside it (found walking the app: a speaker
renamed, a redacted export read)."""
from __future__ import annotations

import re

from app.privacy.policy import POLICIES
from app.privacy.redact import redact_transcript, redacted_intervals, redacted_texts
from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word

TEXTS = [
    ("S1", "Sky will send the slides, and Dr. Patel checks them."),  # no finding: the detector misses "Sky"
    ("S2", "Thanks Sky, me too."),
    ("S3", "Ask Sky Martin's team, not the sky."),
    ("S2", "Sky Lane is the street."),  # the user kept this one (a rejected finding)
]


def note() -> Transcript:
    segments = []
    for i, (sid, text) in enumerate(TEXTS):
        words = [Word(w, i * 5 + k * 0.5, i * 5 + k * 0.5 + 0.4, 0.9, sid) for k, w in enumerate(text.split())]
        segments.append(Segment(i * 5.0, i * 5.0 + 4.0, text, words, sid))
    kept = PiiSpan(3, 0, 8, "ADDRESS", "Sky Lane", 0.85, "rejected", "detector")
    speakers = [Speaker("S1", "Sky Martin"), Speaker("S2", "Me"), Speaker("S3", "Speaker 3")]
    return Transcript(segments=segments, speakers=speakers, pii_spans=[kept], duration_s=20.0)


def test_a_named_speakers_name_is_redacted_in_the_text_and_the_audio():
    redacted = redact_transcript(note(), POLICIES["default"])
    texts = [s.text for s in redacted.segments]

    assert "Sky" not in " ".join(texts[:3]) and "Martin" not in " ".join(texts[:3])
    assert texts[0].startswith("[PERSON_1] will send") and "Dr. Patel" in texts[0]  # a title is no name
    assert texts[1] == "Thanks [PERSON_1], me too."  # "Me" labels the recorder's side: no name
    assert re.fullmatch(r"Ask \[PERSON_\d\]'s team, not the sky\.", texts[2])  # the full name; "sky" is no name
    assert texts[3] == "Sky Lane is the street."  # what the user chose to keep stays kept
    label = redacted.speakers[0].name
    assert label in texts[2] and [s.name for s in redacted.speakers[1:]] == ["Speaker 2", "Speaker 3"]
    assert redacted_texts(note(), POLICIES["default"]) == texts  # the privacy panel's preview says the same
    assert (0.0, 0.4) in redacted_intervals(note(), POLICIES["default"])  # and the bleeped audio takes the word


def test_a_note_without_named_speakers_is_redacted_as_before():
    transcript = note()
    transcript.speakers = [Speaker("S1", "Speaker 1"), Speaker("S2", "Me"), Speaker("S3", "Speaker 3")]
    assert [s.text for s in redact_transcript(transcript, POLICIES["default"]).segments] == [t for _, t in TEXTS]


def test_a_mention_the_user_kept_stays_kept_when_personal_data_is_detected_again():
    from app.privacy.review import decide_speaker_mention, replace_detected_spans
    from app.privacy.speaker_mentions import uncovered_speaker_mentions

    transcript = note()
    thanks = next(m for m in uncovered_speaker_mentions(transcript) if m.segment_index == 1)
    decide_speaker_mention(transcript, thanks, "reject")
    again = PiiSpan(3, 0, 8, "ADDRESS", "Sky Lane", 0.85)
    replace_detected_spans(transcript, [again])  # the review's Detect finds the same: before, the decision was dropped

    texts = redacted_texts(transcript, POLICIES["default"])
    assert texts[1] == "Thanks Sky, me too." and "Sky" not in texts[0]
    assert [m.segment_index for m in uncovered_speaker_mentions(transcript)] == [0, 2]
