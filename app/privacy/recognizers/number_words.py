"""Spoken numbers 0–99 in German, French and Spanish, as token tuples -> digit groups.

Phone numbers are read digit by digit in German ("null eins sieben") and in
pairs in French and Spanish ("zéro six, douze, trente-quatre"); each spoken
group becomes its digits ("douze" -> "12", "zéro six" is two groups "0" "6").
Tokens are lower-case words with hyphens as their own token, the way
:func:`tokens` splits text, so "quatre-vingt-dix" is ("quatre", "-", "vingt", "-", "dix").
"""
from __future__ import annotations

import re
from functools import lru_cache

UNITS = {
    "de": "null eins zwei drei vier fünf sechs sieben acht neun".split(),
    "fr": "zéro un deux trois quatre cinq six sept huit neuf".split(),
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split(),
}
# Other ways a unit is said: "zwo" on the phone, "ein"/"une"/"una" before a noun, "zero" without accent.
UNIT_VARIANTS = {
    "de": {"zwo": 2, "ein": 1, "eine": 1, "fünf": 5, "fuenf": 5},
    "fr": {"une": 1, "zero": 0},
    "es": {"una": 1, "un": 1},
}
TEENS = {
    "de": "zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn".split(),
    "fr": "dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split(),
    "es": "diez once doce trece catorce quince dieciséis diecisiete dieciocho diecinueve".split(),
}
TENS = {  # 20, 30 … 90
    "de": "zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig".split(),
    "fr": "vingt trente quarante cinquante soixante soixante-dix quatre-vingts quatre-vingt-dix".split(),
    "es": "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa".split(),
}
SPANISH_TWENTIES = "veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve".split()
REPEAT_WORDS = {"de": {"doppel": 2, "doppelt": 2}, "fr": {"double": 2, "triple": 3}, "es": {"doble": 2, "triple": 3}}

_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")


def tokens(text: str) -> list[re.Match]:
    """Returns the word, figure and punctuation tokens of ``text`` (hyphens are their own token)."""
    return list(_TOKEN.finditer(text))


def _split(phrase: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _TOKEN.finditer(phrase))


def _spoken_0_to_99(lang: str) -> dict[str, int]:
    units, teens, tens = UNITS[lang], TEENS[lang], TENS[lang]
    forms: dict[str, int] = {word: value for value, word in enumerate(units)}
    forms.update(UNIT_VARIANTS[lang])
    forms.update({word: 10 + value for value, word in enumerate(teens)})
    for index, ten in enumerate(tens):
        base = 20 + 10 * index
        forms[ten] = base
        for unit in range(1, 10):
            if lang == "de":
                stem = "ein" if unit == 1 else units[unit]
                forms[f"{stem}und{ten}"] = base + unit
                forms[f"{stem}und{ten}".replace("ß", "ss")] = base + unit
            elif lang == "es":
                forms[SPANISH_TWENTIES[unit] if base == 20 else f"{ten} y {units[unit]}"] = base + unit
                if base > 20 and unit == 1:
                    forms[f"{ten} y un"] = base + 1
            else:
                forms.update(_french_compound(ten, base, unit))
    return forms


def _french_compound(ten: str, base: int, unit: int) -> dict[str, int]:
    if base in (70, 90):  # soixante-dix + unit: soixante et onze, soixante-douze … quatre-vingt-dix-neuf
        stem = "soixante" if base == 70 else "quatre-vingt"
        word = TEENS["fr"][unit]
        joined = f"{stem} et {word}" if base == 70 and unit == 1 else f"{stem}-{word}"
        return {joined: base + unit}
    stem = "quatre-vingt" if base == 80 else ten
    joined = f"{stem} et un" if unit == 1 and base != 80 else f"{stem}-{UNITS['fr'][unit]}"
    return {joined: base + unit, f"{stem} {UNITS['fr'][unit]}": base + unit}


@lru_cache(maxsize=None)
def number_phrases(lang: str) -> dict[tuple[str, ...], str]:
    """Returns spoken 0–99 in ``lang`` as token tuples -> digits ("douze" -> "12")."""
    phrases = {_split(text): str(value) for text, value in _spoken_0_to_99(lang).items()}
    if lang == "fr":
        phrases[_split("quatre-vingt")] = "80"
    return phrases


@lru_cache(maxsize=None)
def longest_phrase(lang: str) -> int:
    """Returns the number of tokens in the longest spoken number of ``lang``."""
    return max(len(p) for p in number_phrases(lang))
