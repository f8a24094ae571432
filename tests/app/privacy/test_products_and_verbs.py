"""Products and services named in meetings, project code names, names that open a sentence as verbs, and very rare
names in a person's role (issue 18, round 5). Sentences written fresh for these tests: other names, towns and
products than the dev sets and the check sets hold.
"""
from __future__ import annotations

import json

import pytest

from app.privacy.detect import find_pii_in_text


def found(analyzer, text: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language="en")]


@pytest.mark.parametrize(
    "text",
    [
        "Mattermost is down again, use email for now",
        "the form lives in Zapier now",
        "we publish the marketing site on Webflow",
        "ClickUp has all the tasks for the launch",
        "the logs are in Graylog since Friday",
        "Zapier is out of tasks this month",
        "Grafana is back after the restart",
    ],
)
def test_when_a_product_opens_a_sentence_or_follows_in_or_on_then_nothing_is_redacted(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text, item",
    [
        ("Hugo said the build is fine", ("PERSON", "Hugo")),  # a first name that also names a product
        ("Ruby is presenting after lunch", ("PERSON", "Ruby")),
        ("thanks Zapier, very helpful", ("PERSON", "Zapier")),  # spoken to: whoever it is, a person
        ("Kali is out today, I'm covering", ("PERSON", "Kali")),  # a name of another culture that a brand has too
        ("I spoke to Ola about the rota", ("PERSON", "Ola")),
        ("my sister lives in Iceland", ("LOCATION", "Iceland")),  # a country that also names a shop
    ],
)
def test_when_a_product_name_is_also_a_name_or_a_place_or_is_spoken_to_then_it_is_still_redacted(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text)


@pytest.mark.parametrize("text", ["Project Nightjar is behind schedule", "Operation Bluebell starts on Monday"])
def test_when_a_project_code_name_is_said_then_it_is_no_person(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text",
    ["Bill the agency for the overtime", "Mark them all as duplicates", "Sue them if you must",
     "Grant them access to the staging bucket"],
)
def test_when_a_name_like_verb_opens_a_sentence_before_its_object_then_it_is_no_person(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text, item",
    [
        ("Bill said the agency sent the invoice", ("PERSON", "Bill")),
        ("Mark is out today", ("PERSON", "Mark")),
    ],
)
def test_when_the_same_words_open_a_sentence_as_names_then_they_are_persons(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text)


@pytest.mark.parametrize(
    "text, item",
    [
        ("did Adaeze sign the form yet", ("PERSON", "Adaeze")),
        ("Olufemi's flight was cancelled", ("PERSON", "Olufemi")),
        ("we should loop Thandeka in", ("PERSON", "Thandeka")),
        ("Nguyet, can you share your screen", ("PERSON", "Nguyet")),
        ("Jae-won said yes to the offer", ("PERSON", "Jae-won")),
    ],
)
def test_when_a_name_no_list_has_does_owns_or_is_spoken_to_then_it_is_a_person(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text)


@pytest.mark.parametrize("text", ["Pipedrive has the deal stages", "Buildkite is slower than it used to be"])
def test_when_a_rare_brand_made_of_two_words_does_something_then_it_is_no_person(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text",
    ["Nowruz is next Friday, so plan around it", "Juneteenth is a company holiday now", "Vesak falls on a Tuesday this year"],
)
def test_when_a_holiday_opens_a_sentence_then_it_is_no_person(pii_analyzer, text):
    assert [item for item in found(pii_analyzer, text) if item[0] == "PERSON"] == []


def test_when_someone_is_called_by_a_word_of_a_holiday_then_it_is_still_a_name(pii_analyzer):
    assert ("PERSON", "Genghis") in found(pii_analyzer, "my friends call me Genghis at work")


def test_the_shipped_holiday_words_are_those_of_the_installed_calendars():
    from app.privacy.holiday_names import WORDS_FILE, read_calendars

    assert json.loads(WORDS_FILE.read_text(encoding="utf-8")) == read_calendars(), (
        "regenerate with: python -m app.privacy.holiday_names"
    )
