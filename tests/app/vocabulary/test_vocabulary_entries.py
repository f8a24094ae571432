"""The rules a vocabulary entry follows, lists read from text and files, and the hint Whisper is given."""
from __future__ import annotations

import pytest

from app.vocabulary import NAME, TERM, VocabularyEntry, asr_with_vocabulary, parse_vocabulary, read_vocabulary_file, vocabulary_hint
from app.vocabulary.entries import MAX_ENTRY_CHARS, clean_text
from app.vocabulary.hints import MAX_HINT_CHARS
from audio_core.errors import HushnoteError, InputError, OptionError
from audio_core.transcribe import AsrOptions


@pytest.mark.parametrize("typed, stored", [
    ("  Siobhan   Nakagawa ", "Siobhan Nakagawa"),
    ("Zephyrix", "Zephyrix"),
    ("O'Neill-Dziedzic", "O'Neill-Dziedzic"),
    ("Ærøskøbing", "Ærøskøbing"),
    ("K8s", "K8s"),
])
def test_when_an_entry_is_typed_then_it_is_stored_tidied(typed, stored):
    assert clean_text(typed) == stored


@pytest.mark.parametrize("typed, message", [
    ("", "cannot be empty"),
    ("   ", "cannot be empty"),
    ("x" * (MAX_ENTRY_CHARS + 1), "too long"),
    ("one two three four five six", "too many words"),
    ("Siobhan, Ngozi", "comma"),
    ("line\nbreak", "control character"),
    ("42 17", "no letter"),
])
def test_when_an_entry_breaks_a_rule_then_a_one_line_error_says_which(typed, message):
    with pytest.raises(OptionError, match=message) as caught:
        clean_text(typed)
    assert isinstance(caught.value, HushnoteError) and "\n" not in str(caught.value)


def test_a_list_reads_commas_lines_kinds_and_drops_duplicates_whatever_their_case():
    vocabulary = parse_vocabulary("# our team\nname: Siobhan Nakagawa, Ngozi\nterm: Zephyrix\nzephyrix, Quorbit\n\n")
    assert [(e.text, e.kind) for e in vocabulary] == [
        ("Siobhan Nakagawa", NAME), ("Ngozi", NAME), ("Zephyrix", TERM), ("Quorbit", TERM)]
    assert vocabulary.find("SIOBHAN nakagawa") == VocabularyEntry("Siobhan Nakagawa", NAME)


def test_a_list_file_is_read_and_a_bad_one_gets_a_clear_error(tmp_path):
    good = tmp_path / "team.txt"
    good.write_text("name: Aoife Thibodeaux\nNimbulon\n", encoding="utf-8")
    assert read_vocabulary_file(good).names == ("Aoife Thibodeaux",)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(InputError, match="not UTF-8"):
        read_vocabulary_file(binary)
    with pytest.raises(InputError, match="no such file"):
        read_vocabulary_file(tmp_path / "missing.txt")


def test_the_hint_names_people_and_topics_and_stays_within_whispers_prompt():
    vocabulary = parse_vocabulary("name: Siobhan Nakagawa\nterm: Zephyrix")
    assert vocabulary_hint(vocabulary) == "Attendees: Siobhan Nakagawa. Topics: Zephyrix."
    asr = asr_with_vocabulary(AsrOptions(language="en"), vocabulary)
    assert asr.hotwords == vocabulary_hint(vocabulary) and asr.initial_prompt is None and asr.language == "en"
    assert asr_with_vocabulary(AsrOptions(), parse_vocabulary("")) == AsrOptions()
    crowded = parse_vocabulary("\n".join(f"name: Person{i:03d} Surname{i:03d}" for i in range(200)))
    assert len(vocabulary_hint(crowded)) <= MAX_HINT_CHARS
