"""The notebook's vocabulary in personal-data detection: a listed name is a person everywhere, a listed term never."""
from __future__ import annotations

import pytest

from app.privacy.detect import detect_pii, find_pii_in_text
from app.privacy.policy import parse_policy
from app.vocabulary import parse_vocabulary
from audio_core.model import Segment, Transcript

TEAM = parse_vocabulary("name: Ngozi Dziedzic, Tadhg\nterm: Aurora Lind, Marcus Porter")


def _found(text: str, analyzer, language: str, vocabulary=TEAM, policy=None) -> list[tuple[str, str]]:
    findings = find_pii_in_text(text, analyzer, policy or parse_policy("default"), language, vocabulary)
    return [(text[f.start:f.end], f.entity_type) for f in findings]


@pytest.mark.parametrize("language, text", [
    ("en", "the report from NGOZI DZIEDZIC is late and tadhg agrees"),
    ("de", "der bericht von ngozi dziedzic kommt später, sagt tadhg."),
    ("fr", "le rapport de ngozi dziedzic arrive demain, dit tadhg."),
    ("es", "el informe de ngozi dziedzic llega mañana, dice tadhg."),
])
def test_when_a_listed_name_is_said_then_it_is_a_person_in_every_language(pii_analyzer, language, text):
    found = _found(text, pii_analyzer, language)
    assert ("tadhg", "PERSON") in found
    assert any(t.lower() == "ngozi dziedzic" and e == "PERSON" for t, e in found), found
    if language != "en":  # without the list, these lower-case names are missed
        assert not any("tadhg" in t.lower() for t, _ in _found(text, pii_analyzer, language, parse_vocabulary("")))


def test_a_listed_name_matches_whole_words_only(pii_analyzer):
    found = _found("the tadhgs and untadhg are no names, nor is tadhg-like", pii_analyzer, "en",
                   parse_vocabulary("name: Tadhg"))
    assert not any("tadhg" in text.lower() for text, _ in found), found


@pytest.mark.parametrize("language, text, term", [
    ("en", "Ask Aurora Lind about the release, said Katrin Vogel.", "Aurora Lind"),
    ("en", "Marcus Porter is our accounting tool.", "Marcus Porter"),
    ("de", "Wir haben Aurora Lind an den Vertrieb verkauft, sagt Katrin Vogel.", "Aurora Lind"),
])
def test_when_a_listed_term_looks_like_a_person_then_it_is_kept(pii_analyzer, language, text, term):
    assert (term, "PERSON") in _found(text, pii_analyzer, language, parse_vocabulary(""))  # redacted without the list
    found = _found(text, pii_analyzer, language)
    assert not any(term.lower() in t.lower() for t, _ in found), found
    if "Katrin Vogel" in text:
        assert ("Katrin Vogel", "PERSON") in found  # everyone else is still found


def test_a_names_only_policy_still_gets_listed_names_and_a_numbers_policy_does_not(pii_analyzer):
    text = "der bericht von tadhg kommt später"
    assert ("tadhg", "PERSON") in _found(text, pii_analyzer, "de", policy=parse_policy("names-only"))
    assert _found(text, pii_analyzer, "de", policy=parse_policy("numbers-only")) == []


def test_a_transcript_gets_spans_for_listed_names_in_every_segment(pii_analyzer):
    transcript = Transcript(segments=[Segment(0, 2, "ngozi dziedzic opened"), Segment(2, 4, "and tadhg closed")],
                            language="fr")
    spans = detect_pii(transcript, pii_analyzer, vocabulary=TEAM)
    assert [(s.segment_index, s.text, s.entity_type) for s in spans] == [
        (0, "ngozi dziedzic", "PERSON"), (1, "tadhg", "PERSON")]


def test_the_live_view_marks_a_listed_name_while_it_is_being_said(pii_analyzer):
    from app.live_pii import LivePiiHighlighter
    from audio_core.model import Word

    words = [Word(text, i * 0.5, i * 0.5 + 0.4, 0.9) for i, text in enumerate("and tadhg agrees with the plan".split())]
    highlighter = LivePiiHighlighter(pii_analyzer)
    assert highlighter.highlight(words) == {}
    assert highlighter.highlight(words, TEAM) == {1: "PERSON"}
