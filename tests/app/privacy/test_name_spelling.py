"""A removed person's name as the recogniser spells it: close spellings found, everyday words and other people kept.

The spellings are tiny.en's own, heard on synthetic speech (``tests/support/speech.py``): "Shaun Brennan" came back
as "Sean Brennan", "Geoff Tayler" as "Jeff Taylor", "Dmitri Volkov" as "Demetri Volcov", "Katelyn" as "Caitlin".
"""
from __future__ import annotations

import pytest

from app.privacy.name_mentions import count_mentions, name_mentions, spelt_otherwise
from app.privacy.name_spelling import can_be_a_name, is_close_spelling
from tests.support.voice_notes import turns_transcript


@pytest.mark.parametrize("heard, name", [
    ("Sean", "Shaun"), ("Jeff", "Geoff"), ("Taylor", "Tayler"), ("Demetri", "Dmitri"), ("Volcov", "Volkov"),
    ("Caitlin", "Katelyn"), ("Kris", "Chris"), ("Bakker", "Baker"), ("Shiela", "Sheila"), ("Brenan", "Brennan"),
])
def test_when_the_recogniser_spells_a_name_otherwise_then_it_is_a_close_spelling(heard, name):
    assert is_close_spelling(heard, name) and can_be_a_name(heard)


@pytest.mark.parametrize("word, name", [("Bakery", "Baker"), ("Banker", "Baker"), ("Maker", "Baker"), ("Sun", "Shaun"),
                                        ("Soon", "Shaun"), ("Christmas", "Chris"), ("Clinic", "Chris"), ("Crash", "Chris")])
def test_when_a_word_is_an_everyday_word_or_far_from_the_name_then_it_is_kept(word, name):
    assert not (is_close_spelling(word, name) and can_be_a_name(word))


@pytest.mark.parametrize("name, text, gone", [
    ("Shaun Brennan", "Sean Brennan sent the slides, and Sean will present.", ["Sean Brennan", "Sean"]),
    ("Geoff Tayler", "Jeff Taylor will call John.", ["Jeff Taylor"]),
    ("Geoff Tayler", "I met geoff taylor; Jeff's plan is fine.", ["geoff taylor", "Jeff's"]),
    ("Dmitri Volkov", "Could Demetri Volcov review it?", ["Demetri Volcov"]),
    ("Chris Baker", "The bakery near Baker Street sold Christmas cakes.", ["Baker"]),
])
def test_mentions_include_the_recognisers_spellings(name, text, gone):
    mentions = name_mentions(name)
    assert [text[s:e] for s, e in mentions.spans(text)] == gone


def test_another_participant_with_a_name_spelt_alike_keeps_it():
    mentions = name_mentions("Shaun Brennan", others=["Sean Walsh"])
    text = "Sean, could you ask Shaun about it?"
    assert [text[s:e] for s, e in mentions.spans(text)] == ["Shaun"]


def test_a_note_that_names_the_person_only_as_spelt_otherwise_is_listed_with_the_spelling():
    note = turns_transcript([("alex", 0.0, 4.0, "Sean Brennan sent the slides."), ("beth", 4.5, 8.0, "Thanks, Sean.")],
                            "Slides", 8.0)
    mentions = name_mentions("Shaun Brennan")
    assert count_mentions(mentions, note) == 2
    assert spelt_otherwise(mentions, note) == ["Sean Brennan", "Sean"]
    assert spelt_otherwise(mentions, note, lone_parts=False) == ["Sean Brennan"]


def test_a_speaker_named_with_the_recognisers_spelling_is_found_as_a_second_signal(tmp_path):
    from app.privacy.forget_voice import find_voice_in_notes
    from app.storage import init_notebook
    from tests.support.notebooks import FAST_KDF, PASSPHRASE

    note = turns_transcript([("alex", 0.0, 4.0, "Welcome."), ("shaun", 4.5, 8.0, "The budget is done.")], "Budget", 8.0)
    note.speakers[1].name = "Sean Brennan"  # typed from what the transcript said
    other = turns_transcript([("alex", 0.0, 4.0, "Welcome."), ("sean", 4.5, 8.0, "Hi.")], "Other", 8.0)
    other.speakers[1].name = "Sean Walsh"
    with init_notebook(tmp_path / "nb.db", PASSPHRASE, kdf=FAST_KDF) as notebook:
        found_id = notebook.save_transcript(note)
        notebook.save_transcript(other)
        findings = find_voice_in_notes(notebook, None, "Shaun Brennan")
    assert [(f.note_id, f.speaker_ids) for f in findings] == [(found_id, ("S2",))]
    assert findings[0].why == "a speaker named 'Sean Brennan', a close spelling"
