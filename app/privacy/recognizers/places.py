"""A small built-in gazetteer: countries, US states and large cities (lower case, multi-word allowed).

The small spaCy model misses or mislabels places in lower-cased ASR text;
this list covers the common ones without any download.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

COUNTRIES = """
afghanistan albania algeria argentina armenia australia austria bangladesh belgium bolivia brazil bulgaria cambodia
cameroon canada chile china colombia croatia cuba cyprus czechia denmark ecuador egypt england estonia ethiopia
finland france germany ghana greece guatemala hungary iceland india indonesia iran iraq ireland israel italy jamaica
japan jordan kenya korea kuwait latvia lebanon lithuania luxembourg malaysia malta mexico morocco nepal netherlands
holland nigeria norway pakistan panama peru philippines poland portugal qatar romania russia rwanda scotland senegal
serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan tanzania thailand tunisia
turkey uganda ukraine uruguay venezuela vietnam wales yemen zambia zimbabwe
""".split()
MULTI_WORD = [
    "new york", "new jersey", "new mexico", "new hampshire", "north carolina", "south carolina", "north dakota",
    "south dakota", "west virginia", "rhode island", "los angeles", "san francisco", "san diego", "san jose",
    "las vegas", "new orleans", "hong kong", "south africa", "new zealand", "saudi arabia", "united states",
    "united kingdom", "sri lanka", "costa rica", "buenos aires", "rio de janeiro", "sao paulo", "mexico city",
    "tel aviv", "kuala lumpur", "cape town", "st louis", "salt lake city", "kansas city", "washington dc",
]
US_STATES = """
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana
nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
""".split()
CITIES = """
london paris berlin madrid rome milan barcelona lisbon amsterdam rotterdam brussels vienna zurich geneva munich
hamburg frankfurt cologne prague warsaw krakow budapest athens istanbul moscow kyiv stockholm oslo copenhagen helsinki
dublin edinburgh glasgow manchester liverpool birmingham leeds bristol cardiff belfast oxford cambridge lyon marseille
toronto montreal vancouver calgary ottawa chicago boston seattle denver houston dallas austin atlanta miami phoenix
philadelphia detroit portland baltimore nashville minneapolis pittsburgh cleveland brooklyn manhattan tokyo osaka
kyoto seoul beijing shanghai shenzhen taipei bangkok manila jakarta hanoi delhi mumbai bangalore chennai kolkata
karachi lahore dhaka dubai riyadh doha cairo lagos nairobi accra johannesburg casablanca sydney melbourne brisbane
perth auckland wellington lima bogota santiago caracas havana
""".split()
PLACES = frozenset(COUNTRIES + US_STATES + CITIES + MULTI_WORD)

EVERYDAY_WORDS = 3000  # English's most frequent words (down to about Zipf 4.5: "police", "front", "well")
_FAKER_PLACE_ATTRIBUTES = ("cities", "city_names", "towns", "municipalities", "countries", "states", "provinces", "regions")


@lru_cache(maxsize=1)
def place_lexicon() -> frozenset[str]:
    """Returns known place names, lower case, as :func:`read_place_lexicon` read them when the lexicons were shipped
    (:mod:`.shipped_lexicons`)."""
    from app.privacy.recognizers.shipped_lexicons import shipped_lexicons

    return frozenset(shipped_lexicons()["places"])


def read_place_lexicon() -> frozenset[str]:
    """Returns known place names, lower case: the list above, the towns, regions and countries of every Faker locale,
    and the world's towns of 5,000 people or more (:mod:`.city_gazetteer`).

    Used as evidence that a capitalised word is a place, never to find places on its own
    (Faker lists towns such as "Nice" or "Reading" that are everyday words).
    """
    import pkgutil

    import faker.providers.address as address_providers

    from wordfreq import top_n_list

    everyday = frozenset(top_n_list("en", EVERYDAY_WORDS))
    names: set[str] = set()
    for module in pkgutil.iter_modules(address_providers.__path__):
        provider = importlib.import_module(f"{address_providers.__name__}.{module.name}").Provider
        for attribute in _FAKER_PLACE_ATTRIBUTES:
            values = getattr(provider, attribute, ())
            if isinstance(values, (list, tuple)):
                names |= {str(v).lower() for v in values if isinstance(v, str) and all(c.isalpha() and ord(c) < 0x250 or c in " -'." for c in v)}
    from app.privacy.recognizers.city_gazetteer import town_names
    from app.privacy.recognizers.name_lexicon import read_name_lexicon

    first_names, surnames = read_name_lexicon()
    names |= town_names(first_names | surnames)
    # Some locales list odd entries ("On", "Well", "Police"): one of English's commonest words counts only when listed above.
    return frozenset(PLACES) | frozenset(n for n in names if n not in everyday)
