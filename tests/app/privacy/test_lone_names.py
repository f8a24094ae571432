"""A lone surname-like word: a band, brand, film or tool unless it sits where only a person fits (issue 18).

Sentences written fresh for these tests: other bands, brands, tools, names and towns than the dev sets and the
independent check set hold.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text


def found(analyzer, text: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language="en")]


@pytest.mark.parametrize(
    "text",
    [
        "the office playlist is mostly Oasis and some Blondie",
        "the rental car was a Chevrolet, which nobody liked",
        "we booked the Sheraton for the partner summit",
        "the build broke when Maven pulled a bad snapshot",
        "that's for the Madrid office, not ours",
    ],
)
def test_when_a_band_brand_or_site_is_named_like_a_person_then_nothing_is_flagged(pii_analyzer, text):
    assert [item for item in found(pii_analyzer, text) if item[0] in ("PERSON", "LOCATION")] == []


@pytest.mark.parametrize(
    "text, item",
    [
        ("Mr. Fletcher wants the slides by noon", ("PERSON", "Fletcher")),
        ("Thompson said the audit is done", ("PERSON", "Thompson")),
        ("could you ask Harrison to join the call", ("PERSON", "Harrison")),
        ("Morales and Quint both approved the plan", ("PERSON", "Morales")),
        ("the founders are Oyelaran, Castro and Brandt", ("PERSON", "Castro")),
        ("Let me spell it, B-A-X-T-E-R, Baxter.", ("PERSON", "Baxter")),
        ("our colleague from the Lyon office sent it", ("LOCATION", "Lyon")),
        ("they relocated the whole team to Dunfermline", ("LOCATION", "Dunfermline")),
        ("the Tarbolton bridge is closed after the storm", ("LOCATION", "Tarbolton")),
    ],
)
def test_when_a_surname_or_town_sits_where_only_a_person_or_place_fits_then_it_is_found(pii_analyzer, text, item):
    assert item in found(pii_analyzer, text)
