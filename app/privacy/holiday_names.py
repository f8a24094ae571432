"""Names of holidays and festivals the world keeps: "Diwali is next week", "Vesak is a public holiday", "Chuseok".

The small English model knows Christmas and Easter but takes "Diwali",
"Nowruz" or "Juneteenth" opening a sentence for a person. The names come from
the ``holidays`` package's calendars of every country it covers (in English
where it has them), read once; a word of a holiday's name that a name list
has ("Patrick", "Ramadan") or that names a town is left to the other rules.
"""
from __future__ import annotations

import re
from functools import lru_cache

# The calendars of one year name every holiday: the names do not change with the year.
CALENDAR_YEAR = 2026
_WORD = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)?")


@lru_cache(maxsize=1)
def holiday_words() -> frozenset[str]:
    """Returns the lower-case words of the world's holiday names that no name list or gazetteer has."""
    import holidays

    from app.privacy.recognizers.name_lexicon import name_lexicon
    from app.privacy.recognizers.places import place_lexicon

    names: set[str] = set()
    for country in holidays.list_supported_countries():
        try:
            calendar = holidays.country_holidays(country, years=CALENDAR_YEAR, language="en_US")
        except (NotImplementedError, ValueError, KeyError):
            calendar = holidays.country_holidays(country, years=CALENDAR_YEAR)
        for name in calendar.values():
            names.update(name.split("; "))
    first_names, surnames = name_lexicon()
    places = place_lexicon()
    words = {word.lower() for name in names for word in _WORD.findall(name)}
    return frozenset(w for w in words if len(w) > 2 and w not in first_names and w not in surnames and w not in places)
