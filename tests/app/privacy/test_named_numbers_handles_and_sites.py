"""Numbers a noun names, handles joined by spoken marks and web addresses said with "at" (issue 18, round 7).
Sentences written fresh for these tests: other words and values than the dev sets and the check sets hold.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text


def found(analyzer, text: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language="en")]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("the gym card number is four one one eight two nine three", "ID_NUMBER"),
        ("her pension code reference is five five two nine one eight", "ID_NUMBER"),
        ("my number is oh seven nine one one, two two three, four four five", "PHONE_NUMBER"),
        ("his dad's number is oh seven nine one one, two two three, four four six", "PHONE_NUMBER"),
    ],
)
def test_when_a_noun_names_the_number_then_it_is_an_id_unless_it_is_a_phones(pii_analyzer, text, kind):
    assert [k for k, _ in found(pii_analyzer, text)] == [kind]


def test_when_a_handle_is_said_with_dashes_then_all_of_it_is_redacted(pii_analyzer):
    assert found(pii_analyzer, "my Steam handle is lazy dash otter seven") == [("USERNAME", "lazy dash otter seven")]
    assert found(pii_analyzer, "the em dash looks odd in that heading") == []


@pytest.mark.parametrize(
    "text, site",
    [
        ("his website is bea paints at night dot com", "bea paints at night dot com"),
        ("my blog is at running late in york dot co dot uk", "running late in york dot co dot uk"),
    ],
)
def test_when_a_website_is_said_then_the_whole_address_is_a_url(pii_analyzer, text, site):
    assert ("URL", site) in found(pii_analyzer, text)


def test_when_an_email_follows_a_remark_about_the_website_then_it_stays_an_email(pii_analyzer):
    text = "the website is down again, email r dot moss at outlook dot com"
    assert found(pii_analyzer, text) == [("EMAIL_ADDRESS", "r dot moss at outlook dot com")]
