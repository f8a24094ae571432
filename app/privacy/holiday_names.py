"""Names of holidays and festivals the world keeps: "Diwali is next week", "Vesak is a public holiday", "Chuseok".

The small English model knows Christmas and Easter but takes "Diwali",
"Nowruz" or "Juneteenth" opening a sentence for a person. The words come from
the ``holidays`` package's calendars of every country it covers (in English
where it has them), read once by ``python -m app.privacy.holiday_names`` into
``holiday_words.json`` beside this module: reading every calendar took about
0.2 s of CPU at each analyzer load. A word of a holiday's name that a name
list has ("Patrick", "Ramadan") or that names a town is left to the other rules.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

# The calendars of one year name every holiday: the names do not change with the year.
CALENDAR_YEAR = 2026
WORDS_FILE = Path(__file__).with_name("holiday_words.json")
_WORD = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?")


def read_calendars() -> list[str]:
    """Returns the sorted lower-case words (three letters or more) of every holiday name in the ``holidays`` package's
    calendars of ``CALENDAR_YEAR``."""
    import holidays

    names: set[str] = set()
    for country in holidays.list_supported_countries():
        try:
            calendar = holidays.country_holidays(country, years=CALENDAR_YEAR, language="en_US")
        except (NotImplementedError, ValueError, KeyError):
            calendar = holidays.country_holidays(country, years=CALENDAR_YEAR)
        for name in calendar.values():
            names.update(name.split("; "))
    return sorted({word.lower() for name in names for word in _WORD.findall(name) if len(word) > 2})


@lru_cache(maxsize=1)
def holiday_words() -> frozenset[str]:
    """Returns the lower-case words of the world's holiday names that no name list or gazetteer has."""
    from app.privacy.recognizers.name_lexicon import name_lexicon
    from app.privacy.recognizers.places import place_lexicon

    first_names, surnames = name_lexicon()
    places = place_lexicon()
    words = json.loads(WORDS_FILE.read_text(encoding="utf-8"))
    return frozenset(w for w in words if w not in first_names and w not in surnames and w not in places)


if __name__ == "__main__":
    WORDS_FILE.write_text(json.dumps(read_calendars(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {WORDS_FILE}")
