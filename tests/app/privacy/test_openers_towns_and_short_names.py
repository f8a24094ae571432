"""Everyday words opening a sentence, towns that are first names, Korean given names, short forms of first names,
vague months and match results (issue 18, round 6). Sentences written fresh for these tests: other words, names and
towns than the dev sets and the check sets hold.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text
from app.privacy.recognizers.korean_name_recognizer import is_korean_given_name
from app.privacy.recognizers.name_lexicon import is_short_first_name


def found(analyzer, text: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language="en")]


@pytest.mark.parametrize(
    "text",
    [
        "Poppy seeds are in the muffins today.",
        "Olive oil prices went up again.",
        "Coral reefs are the theme of the assembly.",
        "Violet ink is what the printer needs.",
    ],
)
def test_when_an_everyday_word_opens_a_sentence_before_a_noun_then_it_is_no_person(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Poppy said the muffins are gone.", "Poppy"),
        ("Olive, can you share your screen?", "Olive"),
        ("Violet from legal sent the draft.", "Violet"),
    ],
)
def test_when_the_same_word_opens_a_sentence_as_a_name_then_it_is_redacted(pii_analyzer, text, name):
    assert ("PERSON", name) in found(pii_analyzer, text)


def test_when_a_town_that_is_a_first_name_follows_in_then_it_is_a_place(pii_analyzer):
    assert found(pii_analyzer, "she works in Charlotte now") == [("LOCATION", "Charlotte")]


@pytest.mark.parametrize(
    "text, item",
    [
        ("can we loop in Charlotte on this", ("PERSON", "Charlotte")),  # "in" as the verb's particle
        ("we sat in Charlotte's office", ("PERSON", "Charlotte's")),  # hers
    ],
)
def test_when_in_brings_a_person_in_or_the_name_owns_something_then_it_stays_a_person(pii_analyzer, text, item):
    assert found(pii_analyzer, text) == [item]


@pytest.mark.parametrize(
    "text, name",
    [("Hae-won will send the slides", "Hae-won"), ("Jae-sung Lee asked about the refund", "Jae-sung Lee")],
)
def test_when_a_korean_given_name_is_said_then_it_is_redacted(pii_analyzer, text, name):
    assert found(pii_analyzer, text) == [("PERSON", name)]


@pytest.mark.parametrize("text", ["Re-run the tests before the demo.", "Set-up takes ten minutes.", "Yo-yo pricing won't work here."])
def test_when_an_english_hyphenated_word_opens_a_sentence_then_it_is_no_korean_name(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


def test_korean_given_names_are_told_from_english_hyphenated_words():
    assert all(is_korean_given_name(w) for w in ("Min-jun", "Seo-yeon", "Dong-hyun", "Eun-ji", "Jun-ho"))
    assert not any(is_korean_given_name(w) for w in ("Re-run", "Co-op", "Log-in", "Wi-fi", "So-so", "Check-in"))


def test_short_forms_of_listed_first_names_count_as_first_names_but_team_words_do_not():
    assert is_short_first_name("Matt") and is_short_first_name("Rich")
    assert not any(is_short_first_name(w) for w in ("Ops", "Sales", "Legal", "Finance", "Security", "Design", "Support", "Data"))


def test_when_a_short_form_of_a_first_name_does_what_only_a_person_does_then_it_is_redacted(pii_analyzer):
    assert found(pii_analyzer, "Matt is presenting the budget") == [("PERSON", "Matt")]


def test_when_a_month_is_said_without_a_day_or_year_then_nothing_is_redacted_unless_it_is_a_birth(pii_analyzer):
    assert found(pii_analyzer, "we'll ship by the middle of October") == []
    assert found(pii_analyzer, "I was born in October, so it's my birthday soon") == [("DATE_TIME", "October")]


def test_when_a_town_wins_a_match_then_it_is_a_club_but_where_someone_lives_is_redacted(pii_analyzer):
    assert found(pii_analyzer, "Leeds won on Saturday so the office is happy") == []
    assert found(pii_analyzer, "she lives in Leeds") == [("LOCATION", "Leeds")]


@pytest.mark.parametrize(
    "text",
    [
        "Storm Dennis flooded the car park at the depot.",
        "Hurricane Beryl delayed the shipment by a week.",
        "Fermat's theorem is on the year twelve syllabus.",
        "Hooke's law is the first practical this term.",
        "Zuora is our billing system now.",
    ],
)
def test_when_a_storm_an_eponym_or_a_thing_is_named_like_a_person_then_nothing_is_redacted(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text, item",
    [
        ("Okonkwo is the new manager for the north region.", ("PERSON", "Okonkwo")),
        ("Dennis said the storm missed the depot.", ("PERSON", "Dennis")),
    ],
)
def test_when_the_sentence_makes_the_word_a_person_then_it_is_still_redacted(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text)


@pytest.mark.parametrize(
    "text, town",
    [
        ("He lives in East Jennifer these days.", "East Jennifer"),
        ("Lake Rebecca is where she keeps the boat.", "Lake Rebecca"),
        ("My brother moved to Joshuamouth in the spring.", "Joshuamouth"),
    ],
)
def test_when_a_town_is_named_after_someone_then_it_is_redacted_as_a_place(pii_analyzer, text, town):
    assert ("LOCATION", town) in found(pii_analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Atorvastatin forty milligrams at night, please.",
        "Clarithromycin made her feel sick, so we stopped it.",
        "The Earl of Sandwich exhibit is on the school trip list.",
    ],
)
def test_when_a_medicine_or_a_noble_title_is_said_then_nothing_is_redacted(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


def test_when_a_person_with_a_title_of_place_lives_somewhere_then_the_town_is_still_redacted(pii_analyzer):
    assert ("LOCATION", "Sandwich") in found(pii_analyzer, "My aunt lives in Sandwich, in Kent.")


def test_when_two_names_are_away_together_then_a_name_that_is_also_a_verb_is_redacted_too(pii_analyzer):
    assert found(pii_analyzer, "Will and Grace are back on Monday") == [("PERSON", "Will"), ("PERSON", "Grace")]
    assert found(pii_analyzer, "Sales and Marketing are out at the offsite") == []


def test_when_a_code_everyone_shares_is_read_out_then_it_is_no_credential_but_a_verification_code_is(pii_analyzer):
    assert found(pii_analyzer, "the coupon code is four four one two") == []
    assert found(pii_analyzer, "the error code is five oh three one") == []
    assert found(pii_analyzer, "your verification code is four four one two") == [("CREDENTIAL", "four four one two")]
