"""Table-driven tests of Hushnote's spoken-form recognizers, each on its own (no spaCy needed)."""
from __future__ import annotations

import pytest

from app.privacy.recognizers import (
    AddressRecognizer,
    CredentialRecognizer,
    NameRecognizer,
    SpelledNameRecognizer,
    SpokenDateRecognizer,
    SpokenEmailRecognizer,
    SpokenIpRecognizer,
    SpokenNumberRecognizer,
)
from app.privacy.recognizers.spoken_numbers import find_number_runs, luhn_valid


def found(recognizer, text: str) -> list[tuple[str, str]]:
    results = recognizer.analyze(text, recognizer.supported_entities, None) or []
    return [(r.entity_type, text[r.start:r.end].strip()) for r in results]


@pytest.mark.parametrize(
    "text, digits",
    [
        ("five five five, two one four, double eight three nine", "5552148839"),
        ("555-214-8839", "5552148839"),
        ("one eight hundred five five five one two one two", "18005551212"),
        ("oh two oh seven nine four six", "0207946"),
        ("nineteen eighty five", "1985"),
        ("four hundred twenty", "420"),
        ("triple seven", "777"),
    ],
)
def test_when_digits_are_spoken_or_written_then_the_run_has_them_all(text, digits):
    runs = find_number_runs(text)
    assert [r.digits for r in runs] == [digits]
    assert (runs[0].start, runs[0].end) == (0, len(text))


def test_when_oh_is_an_exclamation_then_it_is_not_a_zero():
    assert find_number_runs("oh I see what you mean") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("call me on five five five two one four eight eight three nine", ("PHONE_NUMBER", "five five five two one four eight eight three nine")),
        ("my number is (415) 555-0132", ("PHONE_NUMBER", "415) 555-0132")),
        ("the card is 4111 1111 1111 1111", ("CREDIT_CARD", "4111 1111 1111 1111")),
        ("my social security number is 123-45-6789", ("US_SSN", "123-45-6789")),
        ("passport x seven two nine four four one eight three", ("PASSPORT", "x seven two nine four four one eight three")),
        ("the patient number is four eight two one three", ("MEDICAL_RECORD", "four eight two one three")),
        ("my account number is 30047751", ("ID_NUMBER", "30047751")),
        ("my pin is four four seven one", ("CREDENTIAL", "four four seven one")),
    ],
)
def test_when_a_number_has_context_then_its_type_follows_the_context(text, expected):
    assert found(SpokenNumberRecognizer(), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "we sold 1,500,000 units last year",
        "the budget is $2500000 for the quarter",
        "the report covers 2019 to 2023",
        "we have about 1500 users on the beta",
        "date of birth 12/04/1979",
        "date of birth 1984-03-12",  # a written ISO date was a phone number (found on a user walk)
        "the log says 2026-03-12 14:05:33 was the crash",
    ],
)
def test_when_a_number_is_a_quantity_then_it_is_not_personal(text):
    assert found(SpokenNumberRecognizer(), text) == []


def test_when_a_card_number_is_valid_then_luhn_agrees():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")


@pytest.mark.parametrize(
    "text, email",
    [
        ("my email is tom dot baker at gmail dot com", "tom dot baker at gmail dot com"),
        ("email me at sarah underscore jones at outlook dot com please", "sarah underscore jones at outlook dot com"),
        ("it's j dot okafor at hospital dot org", "j dot okafor at hospital dot org"),
        ("send it to tom.baker at gmail.com", "tom.baker at gmail.com"),
    ],
)
def test_when_an_email_is_spoken_then_it_is_found_whole(text, email):
    assert found(SpokenEmailRecognizer(), text) == [("EMAIL_ADDRESS", email)]


def test_when_at_is_not_an_email_then_nothing_is_found():
    assert found(SpokenEmailRecognizer(), "let's meet at noon at the office") == []


@pytest.mark.parametrize(
    "text, address",
    [
        ("I live at 221 Baker Street in London", "221 Baker Street"),
        ("my address is twenty two maple avenue apartment four b", "twenty two maple avenue apartment four b"),
        ("the clinic is at one fifty west 57th street", "one fifty west 57th street"),
        ("mail it to P.O. Box 4471", "P.O. Box 4471"),
    ],
)
def test_when_an_address_is_said_then_it_is_found(text, address):
    assert found(AddressRecognizer(), text) == [("ADDRESS", address)]


@pytest.mark.parametrize(
    "text, spelled",
    [
        ("that's O K A F O R", "O K A F O R"),
        ("it's spelled n-g-u-y-e-n", "n-g-u-y-e-n"),
        ("S. H. A. H.", "S. H. A. H."),
    ],
)
def test_when_a_name_is_spelled_out_then_it_is_a_person(text, spelled):
    assert found(SpelledNameRecognizer(), text) == [("PERSON", spelled)]


def test_when_letters_are_a_common_abbreviation_then_they_are_not_a_name():
    assert found(SpelledNameRecognizer(), "the F B I and the C E O") == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("thanks james for joining", "james"),
        ("my name is Marcus Whitfield", "Marcus Whitfield"),
        ("tell grace the plan", "grace"),
        ("can you ask fatima to call", "fatima"),
    ],
)
def test_when_a_name_is_lower_case_or_introduced_then_it_is_found(text, name):
    assert ("PERSON", name) in found(NameRecognizer(), text)


@pytest.mark.parametrize("text", ["i will mark the slides", "we may need more time", "this is going well"])
def test_when_a_name_word_is_used_as_a_word_then_it_is_not_a_person(text):
    assert found(NameRecognizer(), text) == []


@pytest.mark.parametrize(
    "text, date",
    [
        ("I was born on the third of March nineteen eighty five", "the third of March nineteen eighty five"),
        ("my date of birth is March 3rd 1985", "March 3rd 1985"),
        ("her birthday is the twenty first of september", "the twenty first of september"),
        ("date of birth 12/04/1979", "12/04/1979"),
    ],
)
def test_when_a_date_is_spoken_then_it_is_found(text, date):
    assert ("DATE_TIME", date) in found(SpokenDateRecognizer(), text)


def test_when_may_is_a_verb_then_it_is_not_a_date():
    assert found(SpokenDateRecognizer(), "we may need to march the deadline back") == []


@pytest.mark.parametrize(
    "text, secret",
    [
        ("my password is hunter two", "hunter two"),
        ("the API key is sk-4f9a8b7c6d5e4f3a2b1c", "sk-4f9a8b7c6d5e4f3a2b1c"),
    ],
)
def test_when_a_secret_is_introduced_then_it_is_a_credential(text, secret):
    assert ("CREDENTIAL", secret) in found(CredentialRecognizer(), text)


@pytest.mark.parametrize(
    "text, ip",
    [
        ("ssh into one nine two dot one six eight dot oh dot twelve", "one nine two dot one six eight dot oh dot twelve"),
        ("the database lives on 10.0.4.23", "10.0.4.23"),
    ],
)
def test_when_an_ip_address_is_spoken_or_written_then_it_is_found(text, ip):
    assert found(SpokenIpRecognizer(), text) == [("IP_ADDRESS", ip)]


def test_when_digits_are_read_one_by_one_without_context_then_they_are_still_an_id():
    # Whisper often cuts a card read digit by digit to "4-1-1-1"; a quantity is never said that way.
    assert found(SpokenNumberRecognizer(), "of course it is 4-1-1-1") == [("ID_NUMBER", "4-1-1-1")]


def test_when_a_spelled_name_follows_the_spoken_one_then_both_are_found():
    assert set(found(SpelledNameRecognizer(), "That's Ellis, E L L I S.")) == {("PERSON", "Ellis"), ("PERSON", "E L L I S.")}


@pytest.mark.parametrize(
    "text, date",
    [
        ("see you again on the fourteenth of May, at ten in the morning", "the fourteenth of May, at ten in the morning"),
        ("she was born in May", "May"),
    ],
)
def test_when_a_date_has_a_time_or_stands_alone_then_all_of_it_is_found(text, date):
    assert ("DATE_TIME", date) in found(SpokenDateRecognizer(), text)


@pytest.mark.parametrize(
    "text, places",
    [
        ("the shipment leaves rotterdam on friday", ["rotterdam"]),
        ("I'm in New Jersey now, originally from Chicago", ["New Jersey", "Chicago"]),
        ("jordan said the numbers look fine", []),
    ],
)
def test_when_a_known_place_is_named_then_it_is_a_location(text, places):
    from app.privacy.recognizers import LocationRecognizer

    assert [span for _, span in found(LocationRecognizer(), text)] == places
