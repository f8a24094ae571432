"""What a redacted item becomes: a pseudonym, a type tag, or a fake value.

The same item gets the same replacement everywhere in a note: items are keyed
by their digits (so "555-214-8839" and "five five five two one four…" match)
or their lower-cased words, and a lone name matches a full name seen before.
Fake values are picked by a hash of the note's seed, so they are stable per
note and need no download (no Faker).
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from app.privacy.recognizers.names import FIRST_NAMES, SURNAMES
from app.privacy.recognizers.spoken_numbers import find_number_runs

_FAKE_FIRST = sorted(n.title() for n in FIRST_NAMES if len(n) > 3)
_FAKE_LAST = sorted(n.title() for n in SURNAMES if len(n) > 4)
_FAKE_PLACES = ["Millbrook", "Ashford", "Riverton", "Oakdale", "Fairview", "Lakewood", "Brookfield", "Kingsbridge"]
_FAKE_STREETS = ["Elm Street", "Oak Avenue", "Maple Road", "Cedar Lane", "Birch Drive", "Willow Way"]
_FAKE_MONTHS = ["January", "February", "April", "June", "August", "October", "November"]


@lru_cache(maxsize=4096)  # a live preview asks again for every item of a long note after each edit
def item_key(text: str) -> str:
    """Returns the identity of a redacted item: its digits if it has 3 or more, else its lower-cased words."""
    digits = "".join(run.digits for run in find_number_runs(text))
    if len(digits) >= 3:
        return digits
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


class Replacer:
    """Hands out consistent replacements for one note."""

    def __init__(self, style: str, seed: str = "", avoid: set[str] | frozenset[str] = frozenset()):
        """``avoid``: lower-cased words a fake value must never contain (the note's real names), so a
        fake name can never be a real person's in the same note."""
        self.style = style
        self.seed = seed
        self.avoid = {word.lower() for word in avoid}
        self._numbers: dict[str, int] = {}
        self._by_key: dict[tuple[str, str], str] = {}

    def replacement(self, entity_type: str, text: str) -> str:
        """Returns the replacement for ``text`` of ``entity_type``, the same each time it recurs."""
        key = self._resolve(entity_type, item_key(text))
        if (entity_type, key) not in self._by_key:
            self._by_key[(entity_type, key)] = self._new(entity_type, key)
        return self._by_key[(entity_type, key)]

    def known(self, entity_type: str, text: str) -> str | None:
        """Returns the replacement already given to ``text`` of ``entity_type``, or None when it never came up."""
        key = self._resolve(entity_type, item_key(text))
        if (entity_type, key) in self._by_key:
            return self._by_key[(entity_type, key)]
        if entity_type == "PERSON":
            # "Dana Whitfield" as a label, "Dana" in the text (or the other way round): one person.
            words = set(key.split())
            for (seen_type, seen_key), replacement in self._by_key.items():
                if seen_type == "PERSON" and words and (set(seen_key.split()) <= words or words <= set(seen_key.split())):
                    return replacement
        return None

    def _resolve(self, entity_type: str, key: str) -> str:
        # "Tom" after "Tom Baker" (or "Baker") is the same person.
        if entity_type == "PERSON" and " " not in key:
            for seen_type, seen_key in self._by_key:
                if seen_type == "PERSON" and key in seen_key.split():
                    return seen_key
        return key

    def _new(self, entity_type: str, key: str) -> str:
        if self.style == "tag":
            return f"[{entity_type}]"
        number = self._numbers.get(entity_type, 0) + 1
        self._numbers[entity_type] = number
        if self.style == "fake":
            for attempt in range(64):
                pick = int(hashlib.sha256(f"{self.seed}|{entity_type}|{key}|{attempt}".encode()).hexdigest(), 16)
                value = _fake_value(entity_type, pick, number)
                if not set(re.findall(r"\w+", value.lower())) & self.avoid:
                    return value
            return f"[{entity_type}_{number}]"
        return f"[{entity_type}_{number}]"


def _fake_value(entity_type: str, pick: int, number: int) -> str:
    """Returns a made-up value of the right shape; numbers use reserved fictional ranges."""
    first, last = _FAKE_FIRST[pick % len(_FAKE_FIRST)], _FAKE_LAST[(pick // 7) % len(_FAKE_LAST)]
    if entity_type == "PERSON":
        return f"{first} {last}"
    if entity_type == "PHONE_NUMBER":
        return f"555-01{number % 100:02d}"
    if entity_type == "EMAIL_ADDRESS":
        return f"{first.lower()}.{last.lower()}@example.com"
    if entity_type == "ADDRESS":
        return f"{10 + pick % 890} {_FAKE_STREETS[pick % len(_FAKE_STREETS)]}"
    if entity_type == "LOCATION":
        return _FAKE_PLACES[pick % len(_FAKE_PLACES)]
    if entity_type == "DATE_TIME":
        return f"{_FAKE_MONTHS[pick % len(_FAKE_MONTHS)]} {1 + pick % 28}"
    if entity_type == "CREDIT_CARD":
        return "4000 0000 0000 0002"
    if entity_type == "IP_ADDRESS":
        return f"192.0.2.{number % 255}"
    if entity_type == "IBAN_CODE":
        return "XX00 0000 0000 0000"
    if entity_type == "URL":
        return f"example.org/page{number}"
    if entity_type == "USERNAME":
        return f"user{number}"
    return f"[{entity_type}_{number}]"
