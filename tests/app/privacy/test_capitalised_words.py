"""Capitalised words that are no person or place, and the names and places beside them that still are.

Each case is a root cause of false alarms or misses found on the generated dev
sets; the sentences here were written fresh for these tests (other products,
names, towns and wording than the sets tuned on).
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text


def found(analyzer, text: str, language: str = "en") -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language=language)]


@pytest.mark.parametrize(
    "text",
    [
        # a product, project or team named with an everyday word, between a determiner and a noun
        "The Lighthouse rollout starts after the audit.",
        "Our Granite pipeline needs a new owner before June.",
        "I pinged the Compass channel twice already.",
        "This Meadow prototype is much faster than the old one.",
        "The new Quartz invoices look cleaner.",
        # everyday capitalised words and titles standing alone
        "We closed the meeting with Sweet Caroline, as usual.",
        "Growth Hacking is on the agenda for the offsite.",
        "Maybe ask Accounting whether the Timber licence renews.",
        # a month alone names a period, not anyone's date
        "Revenue dipped in February but recovered in April.",
        "The survey closes in October.",
    ],
)
def test_when_a_capitalised_everyday_word_names_a_thing_then_nothing_is_flagged(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text, item",
    [
        ("Thank you, Oluwaseun, for taking the notes.", ("PERSON", "Oluwaseun")),
        ("Ingrid Halvorsen will run the Lighthouse rollout.", ("PERSON", "Ingrid Halvorsen")),
        ("The Abernathy family asked for a refund.", ("PERSON", "Abernathy")),
        # Faker's romanised Japanese surnames list it now
        ("I think the Nakagawa report is late.", ("PERSON", "Nakagawa")),
        ("My grandmother was born in March nineteen forty.", ("DATE_TIME", "March nineteen forty")),
    ],
)
def test_when_a_name_sits_where_product_names_go_then_it_is_still_found(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text)


@pytest.mark.parametrize(
    "text, place",
    [
        ("She flew back to Trondheim on Sunday.", "Trondheim"),
        ("He was stationed in Ramstein for two years.", "Ramstein"),
        ("After the course they drove to Kilkenny.", "Kilkenny"),
        ("She studied at the University of Coimbra.", "Coimbra"),
        ("The parcel is with our colleague from the Dubai office.", "Dubai"),
        ("We returned to Pereira after the storm.", "Pereira"),
    ],
)
def test_when_a_town_follows_a_phrase_of_place_then_it_is_found_as_a_place(pii_analyzer, text, place):
    assert ("LOCATION", place) in found(pii_analyzer, text)


@pytest.mark.parametrize(
    "text, item",
    [
        ("Sie ist letzten Herbst nach Rostock gezogen.", ("LOCATION", "Rostock")),
        ("Unser neuer Kollege kommt aus Kassel.", ("LOCATION", "Kassel")),
        ("Wir waren bei Familie Brückner zum Essen.", ("PERSON", "Brückner")),
        ("Der Lieferant sitzt in Wolfsburg.", ("LOCATION", "Wolfsburg")),
        ("Sie sucht eine Wohnung im Raum Heilbronn.", ("LOCATION", "Heilbronn")),
    ],
)
def test_when_a_german_town_or_family_is_named_then_it_is_found(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text, "de")


@pytest.mark.parametrize(
    "text",
    [
        "Das habe ich leider aus Versehen gelöscht.",
        "Nach Absprache mit dem Team machen wir das nach Ostern.",
        "Ich fahre heute früher nach Hause.",
        "Er ist seit Montag in Quarantäne.",
        "Die Vorlage liegt in Confluence.",
    ],
)
def test_when_a_german_noun_follows_nach_or_aus_then_it_is_no_place(pii_analyzer, text):
    assert found(pii_analyzer, text, "de") == []


def test_when_a_comma_follows_a_name_phrase_then_the_next_word_is_no_name(pii_analyzer):
    text = "Frag bei Jasmin Köhler an, Zimmer vierzehn ist ihres."
    assert [item for item in found(pii_analyzer, text, "de") if item[0] == "PERSON"] == [("PERSON", "Jasmin Köhler")]


@pytest.mark.parametrize(
    "text",
    [
        "Hughes, Barker and Lloyd is the firm that audits us.",
        "I emailed the Fletcher, Moss and Reid office about the lease.",
        "She printed her Hammond-Price invoice twice.",
    ],
)
def test_when_a_firm_is_named_after_its_partners_then_no_person_is_flagged(pii_analyzer, text):
    assert [item for item in found(pii_analyzer, text) if item[0] == "PERSON"] == []


def test_when_partners_names_are_people_doing_things_then_they_are_found(pii_analyzer):
    text = "Hughes, Barker and Lloyd joined the call late."
    assert {name for kind, name in found(pii_analyzer, text) if kind == "PERSON"} >= {"Hughes", "Barker", "Lloyd"}


def test_when_a_line_is_labelled_by_a_role_then_the_role_is_no_name(pii_analyzer):
    text = "Agent: How can I help?\nSvetlana: My parcel never arrived."
    assert found(pii_analyzer, text) == [("PERSON", "Svetlana")]


@pytest.mark.parametrize(
    "text, code",
    [
        ("Ship it to 12 Orchard Lane, Burlington, Vermont 05401.", "05401"),
        ("The form says Portugal 4150 but I think it's Austria 4020.", None),
        ("Her address ends with Norway, and then 40213 I believe.", None),
        ("Billing goes to Greenwood Avenue, Ohio 43215.", "43215"),
    ],
)
def test_when_five_digits_follow_a_country_or_state_then_they_are_a_postcode(pii_analyzer, text, code):
    items = found(pii_analyzer, text)
    if code is None:
        assert not any(kind == "ADDRESS" and name.isdigit() for kind, name in items)
    else:
        assert ("ADDRESS", code) in items or any(kind == "ADDRESS" and name.endswith(code) for kind, name in items)
