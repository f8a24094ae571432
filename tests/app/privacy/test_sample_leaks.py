"""Two leaks of the bundled sample (bench_leak): a town said right after its street without the comma ASR drops, and a month that says when someone is seen again."""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text


@pytest.mark.parametrize(
    "text, address",
    [
        ("Is your home address still 17 Maple Avenue Brookhaven?", "17 Maple Avenue Brookhaven"),
        ("I moved to 8 Station Road Kirkwall.", "8 Station Road Kirkwall"),
    ],
)
def test_when_a_town_follows_the_street_without_a_comma_then_it_is_redacted_with_it(pii_analyzer, text, address):
    found = [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, pii_analyzer, language="en")]
    assert ("ADDRESS", address) in found


def test_when_an_everyday_word_follows_the_street_then_the_address_stops_there(pii_analyzer):
    text = "We met at 5 Church Street Tuesday."
    found = [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, pii_analyzer, language="en")]
    assert ("ADDRESS", "5 Church Street") in found


@pytest.mark.parametrize(
    "text, month",
    [("Thanks, Priya, and see you again in October.", "October"), ("Your next check-up in February is booked.", "February")],
)
def test_when_a_month_says_when_someone_is_seen_again_then_it_is_redacted(pii_analyzer, text, month):
    found = [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, pii_analyzer, language="en")]
    assert ("DATE_TIME", month) in found


def test_when_a_month_names_a_period_then_it_stays(pii_analyzer):
    text = "Sales picked up in October after the launch."
    assert [f for f in find_pii_in_text(text, pii_analyzer, language="en") if f.entity_type == "DATE_TIME"] == []
