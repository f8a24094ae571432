"""Days of the calendar, buildings and funds named after people, names said to be tools, towns standing for firms,
streets named like people, spoken postcodes and dates of birth said as digits (issue 18, round 7). Sentences written
fresh for these tests: other words, names and towns than the dev sets and the check sets hold.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text


def found(analyzer, text: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language="en")]


@pytest.mark.parametrize(
    "text",
    [
        "the launch date is the ninth of October",
        "term starts on the twelfth of January",
        "the subscription is due in June",
    ],
)
def test_when_a_day_or_month_names_no_ones_date_then_it_is_left(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text, date",
    [
        ("she was born on the ninth of October", "the ninth of October"),
        ("I'm flying out on the twelfth of January", "the twelfth of January"),
        ("she's due in June, so she'll be off from May", "June"),
    ],
)
def test_when_the_date_is_someones_then_it_is_redacted(pii_analyzer, text, date):
    assert ("DATE_TIME", date) in found(pii_analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "Emmeline Pankhurst ward is full tonight.",
        "Meetings are in Ada Lovelace hall this term.",
        "Sebastian is the scheduling tool we bought last year.",
        "Bill of lading goes with every container.",
        "Frankfurt wants the figures by noon.",
    ],
)
def test_when_a_name_names_a_building_a_tool_a_document_or_an_office_then_it_is_left(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text, item",
    [
        ("Emmeline Pankhurst is on the ward tonight.", ("PERSON", "Emmeline Pankhurst")),
        ("Sebastian is the new project manager.", ("PERSON", "Sebastian")),
        ("Bill from logistics signed the papers.", ("PERSON", "Bill")),
        ("Frankfurt is lovely in the autumn.", ("LOCATION", "Frankfurt")),
        ("our visitor from Gdynia checks in at nine", ("LOCATION", "Gdynia")),
    ],
)
def test_when_the_same_word_is_a_person_or_a_place_then_it_is_redacted(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text)


def test_when_a_street_is_named_like_a_person_then_the_address_is_redacted_and_no_one_is_named(pii_analyzer):
    items = found(pii_analyzer, "she lives at 18 Ivy Bank in Morpeth")
    assert ("ADDRESS", "18 Ivy Bank") in items and not any(kind == "PERSON" for kind, _ in items)
    assert found(pii_analyzer, "Ivy said the rent went up again") == [("PERSON", "Ivy")]


def test_when_a_postcode_is_spelled_with_a_pause_then_it_is_an_address(pii_analyzer):
    assert found(pii_analyzer, "my postcode is L S six, three D Z") == [("ADDRESS", "L S six, three D Z")]
    assert found(pii_analyzer, "we go with plan B, then C") == []


def test_when_a_date_of_birth_is_said_as_digits_then_it_is_a_date_not_a_phone_number(pii_analyzer):
    assert found(pii_analyzer, "her date of birth is zero three one one nineteen eighty") == [
        ("DATE_TIME", "zero three one one nineteen eighty")]
    assert [kind for kind, _ in found(pii_analyzer, "her number is zero three one one, nineteen eighty, four two")] == ["PHONE_NUMBER"]


def test_when_a_frequent_flyer_number_is_said_then_it_is_an_id(pii_analyzer):
    items = found(pii_analyzer, "his frequent flyer number is Q F nine eight seven six five four three")
    assert [kind for kind, _ in items] == ["ID_NUMBER"] and items[0][1].endswith("nine eight seven six five four three")


@pytest.mark.parametrize(
    "text",
    [
        "Anne Frank diaries sell out every spring.",
        "Peter Rabbit mugs are back in the gift shop.",
        "Boyds sent the new price list yesterday.",
    ],
)
def test_when_a_name_opens_a_noun_phrase_or_names_a_firm_then_it_is_left(pii_analyzer, text):
    assert not any(kind == "PERSON" for kind, _ in found(pii_analyzer, text))


@pytest.mark.parametrize(
    "text, name",
    [
        ("Maria Lopez access is revoked until Monday.", "Maria Lopez"),
        ("Boyd sent the new price list yesterday.", "Boyd"),
        ("Peter Rabbit said the mugs are back.", "Peter Rabbit"),
    ],
)
def test_when_the_name_is_a_persons_then_it_is_redacted(pii_analyzer, text, name):
    assert ("PERSON", name) in found(pii_analyzer, text)


def test_when_an_everyday_word_is_listed_with_a_name_before_what_people_do_then_both_are_people(pii_analyzer):
    assert found(pii_analyzer, "Rusty and Priyanka both agreed to the plan.") == [("PERSON", "Rusty"), ("PERSON", "Priyanka")]
    assert found(pii_analyzer, "thanks Priyanka and Slack for the help") == [("PERSON", "Priyanka")]
