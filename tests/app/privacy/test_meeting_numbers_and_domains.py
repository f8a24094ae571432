"""A meeting's own numbers, social insurance numbers, countries' web domains and a spoken "w w w" (issue 18, round 5).
Sentences written fresh for these tests, with other values than the dev sets and the check sets hold.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text


def found(analyzer, text: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language="en")]


@pytest.mark.parametrize(
    "text",
    [
        "the meeting ID is nine one four, two two eight, six zero three",
        "dial in with code three three eight one five and mute yourself",
        "the webinar ID is 845 221 0937",
    ],
)
def test_when_a_meeting_number_is_read_out_then_nothing_is_redacted(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


def test_when_a_social_insurance_number_is_said_then_it_is_an_id_number_not_a_us_ssn(pii_analyzer):
    text = "my social insurance number is 130 692 544"
    assert found(pii_analyzer, text) == [("ID_NUMBER", "130 692 544")]


def test_when_a_us_social_is_said_then_it_is_still_a_us_ssn(pii_analyzer):
    text = "my social is four two one, six six, nine zero one two"
    assert ("US_SSN", "four two one, six six, nine zero one two") in found(pii_analyzer, text)


@pytest.mark.parametrize(
    "text, item",
    [
        ("write to s underscore lee at yonsei dot ac dot kr", ("EMAIL_ADDRESS", "s underscore lee at yonsei dot ac dot kr")),
        ("it's tane dot walker at xtra dot co dot nz", ("EMAIL_ADDRESS", "tane dot walker at xtra dot co dot nz")),
    ],
)
def test_when_an_email_ends_in_a_countrys_domain_then_it_is_found_whole(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text)


def test_when_www_is_spoken_letter_by_letter_then_the_address_is_a_url_and_no_name(pii_analyzer):
    items = found(pii_analyzer, "my portfolio is w w w dot kahu design dot co dot nz")
    assert [t for t, _ in items] == ["URL"] and items[0][1].startswith("w w w")
