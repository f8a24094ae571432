"""First names and surnames from Faker's person providers (data in the Faker wheel), in Latin letters.

Meetings are international: a German transcript names a Kowalski or a
Nguyen. The lexicon joins the Latin-script locales Faker ships, Faker's own
romanised Japanese and Chinese names, and its Russian, Ukrainian, Bulgarian
and Greek names romanised (:mod:`.transliterate`); no name list is typed by
hand here. Names that are also everyday words ("Will", "Rose",
"Koch") are handled by the recognizer, which asks :mod:`.common_words`.
"""
from __future__ import annotations

import importlib
from functools import lru_cache

# The locales the lexicon began with; names the later ones add must be no everyday English word ("Agent", "Wall").
BASE_LOCALES = (
    "en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_BE", "fr_CH", "fr_CA", "es_ES",
    "es_MX", "es_AR", "es_CO", "es_CL", "it_IT", "pt_PT", "pt_BR", "nl_NL", "nl_BE", "pl_PL", "cs_CZ", "sk_SK",
    "sl_SI", "hr_HR", "hu_HU", "ro_RO", "da_DK", "sv_SE", "no_NO", "fi_FI", "et_EE", "lv_LV", "lt_LT", "tr_TR",
    "id_ID", "vi_VN", "ga_IE", "sw", "yo_NG", "zu_ZA", "tw_GH", "en_IN",
)
ADDED_LOCALES = ("en_PK", "en_TH", "az_AZ", "uz_UZ", "de_LI", "de_LU", "fr_QC", "es_CA")
ADDED_NAME_MAX_ZIPF = 3.5
# Locales whose names Faker writes in another script: romanised (Japanese and Chinese by Faker itself).
ROMANISED_LOCALES = ("ja_JP", "zh_CN")
TRANSLITERATED_LOCALES = ("ru_RU", "uk_UA", "bg_BG", "el_GR")
_ROMANISED_FIRST = ("first_romanized_names", "first_romanized_names_male", "first_romanized_names_female")
_ROMANISED_LAST = ("last_romanized_names",)
_FIRST_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_LAST_ATTRIBUTES = ("last_names", "last_names_male", "last_names_female")


def _words(values, transform=str) -> set[str]:
    names: set[str] = set()
    if not isinstance(values, (list, tuple, dict, set, frozenset)):
        return names  # some providers compute a list in a property
    for value in values:
        for part in transform(str(value)).replace("-", " ").split():
            if part.isalpha() and len(part) > 2:
                names.add(part.lower())
    return names


@lru_cache(maxsize=1)
def _provider_names(locale: str, transform=str, first_attributes=_FIRST_ATTRIBUTES, last_attributes=_LAST_ATTRIBUTES):
    """Returns (first names, surnames) of one Faker locale, lower case; empty sets when Faker lacks it."""
    try:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    except ImportError:
        return set(), set()
    first = set().union(*(_words(getattr(provider, a, ()) or (), transform) for a in first_attributes))
    last = set().union(*(_words(getattr(provider, a, ()) or (), transform) for a in last_attributes))
    return first, last


@lru_cache(maxsize=1)
def name_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Returns (first names, surnames), lower-case, as :func:`read_name_lexicon` read them when the lexicons were
    shipped (:mod:`.shipped_lexicons`)."""
    from app.privacy.recognizers.shipped_lexicons import shipped_lexicons

    lexicons = shipped_lexicons()
    return frozenset(lexicons["first_names"]), frozenset(lexicons["surnames"])


def read_name_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """Returns (first names, surnames), lower-case, read from Faker's person providers (other scripts romanised)."""
    from app.privacy.recognizers.common_words import word_zipf
    from app.privacy.recognizers.transliterate import romanise

    first: set[str] = set()
    last: set[str] = set()
    for locale in BASE_LOCALES:
        names = _provider_names(locale)
        first |= names[0]
        last |= names[1]
    added = [_provider_names(locale) for locale in ADDED_LOCALES]
    added += [_provider_names(locale, str, _ROMANISED_FIRST, _ROMANISED_LAST) for locale in ROMANISED_LOCALES]
    added += [_provider_names(locale, romanise) for locale in TRANSLITERATED_LOCALES]
    for added_first, added_last in added:
        first |= {n for n in added_first if n in first or word_zipf(n, "en") < ADDED_NAME_MAX_ZIPF}
        last |= {n for n in added_last if n in last or word_zipf(n, "en") < ADDED_NAME_MAX_ZIPF}
    latin = lambda names: frozenset(n for n in names if all(c.isalpha() and ord(c) < 0x250 for c in n))  # noqa: E731
    return latin(first), latin(last)


# A short form opens at least this many listed first names, each at least two letters longer ("Matt": Matthew,
# Matthias; "Cliff": Clifford, Clifton); four letters or more, so no team is taken for one ("Dev", "Ops").
SHORT_FORM_NAMES = 2
SHORT_FORM_LETTERS = (4, 6)


@lru_cache(maxsize=1)
def _short_forms() -> frozenset[str]:
    from collections import Counter

    first_names, _ = name_lexicon()
    low, high = SHORT_FORM_LETTERS
    counts = Counter(name[:n] for name in first_names for n in range(low, min(high, len(name) - 2) + 1))
    return frozenset(prefix for prefix, count in counts.items() if count >= SHORT_FORM_NAMES)


def is_short_first_name(word: str) -> bool:
    """Returns True when ``word`` is a listed first name or the short form of listed ones ("Matt", "Rich", "Cliff",
    "Will"): Faker's lists hold the long forms only, and people go by the short ones."""
    lower = word.lower()
    return lower in name_lexicon()[0] or SHORT_FORM_LETTERS[0] <= len(lower) <= SHORT_FORM_LETTERS[1] and lower in _short_forms()
