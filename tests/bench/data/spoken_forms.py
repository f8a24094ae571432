"""Turns written values into what Whisper writes when they are said aloud, per language.

Used only by build_pii_eval.py. Numbers come from ``num2words`` (a generator
Hushnote did not write), so the recognizers are scored on number words they
were not written against. Each function takes a seeded ``random.Random``.
"""
from __future__ import annotations

import random
import re

from num2words import num2words

DIGIT_WORDS = {
    "en": "zero one two three four five six seven eight nine".split(),
    "de": "null eins zwei drei vier fünf sechs sieben acht neun".split(),
    "fr": "zéro un deux trois quatre cinq six sept huit neuf".split(),
    "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split(),
}
DOUBLE = {"en": "double", "de": "doppel", "fr": "double", "es": "doble"}
AT = {"en": ["at"], "de": ["at", "ät"], "fr": ["arobase", "at"], "es": ["arroba"]}
DOT = {"en": "dot", "de": "punkt", "fr": "point", "es": "punto"}
DASH = {"en": "dash", "de": "bindestrich", "fr": "tiret", "es": "guion"}
UNDERSCORE = {"en": "underscore", "de": "unterstrich", "fr": "tiret bas", "es": "guion bajo"}
SLASH = {"en": "slash", "de": "schrägstrich", "fr": "slash", "es": "barra"}
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
}
LETTER_NAMES = {  # how a spelled letter comes out of ASR: mostly the capital itself
    "en": {"w": "double u", "z": "zed", "h": "aitch"},
}


def say_digits(digits: str, lang: str, rng: random.Random) -> str:
    """Returns ``digits`` read one by one ("five five five"), sometimes with "double"."""
    words = DIGIT_WORDS[lang]
    out: list[str] = []
    i = 0
    while i < len(digits):
        if i + 1 < len(digits) and digits[i] == digits[i + 1] and rng.random() < 0.5:
            out.append(f"{DOUBLE[lang]} {words[int(digits[i])]}")
            i += 2
            continue
        if lang == "en" and digits[i] == "0" and rng.random() < 0.3:
            out.append("oh")
        else:
            out.append(words[int(digits[i])])
        i += 1
    return " ".join(out)


def say_pairs(digits: str, lang: str) -> str:
    """Returns ``digits`` read in pairs as French and Spanish speakers say phone numbers ("zéro six, douze")."""
    pairs = [digits[i:i + 2] for i in range(0, len(digits), 2)]
    spoken = []
    for pair in pairs:
        if len(pair) == 2 and pair[0] == "0":
            spoken.append(f"{DIGIT_WORDS[lang][0]} {DIGIT_WORDS[lang][int(pair[1])]}")
        else:
            spoken.append(num2words(int(pair), lang=lang))
    return ", ".join(spoken)


def say_number_groups(written: str, lang: str, rng: random.Random) -> str:
    """Returns a grouped number ("555-214-8839") spoken group by group, the way it is said aloud."""
    groups = [g for g in re.split(r"\D+", written) if g]
    if lang in ("fr", "es") and rng.random() < 0.6:
        return say_pairs("".join(groups), lang)
    separator = rng.choice([", ", " ", " "])
    return separator.join(say_digits(g, lang, rng) for g in groups)


def number_form(written: str, lang: str, rng: random.Random, spoken_share: float = 0.6) -> str:
    """Returns ``written`` either as Whisper writes figures, or spoken as words."""
    return say_number_groups(written, lang, rng) if rng.random() < spoken_share else written


def say_email(email: str, lang: str, rng: random.Random) -> str:
    """Returns an email address spoken ("paul point girard arobase orange point fr") or as written."""
    if rng.random() < 0.3:
        return email
    local, domain = email.split("@")

    def speak(part: str) -> str:
        part = part.replace(".", f" {DOT[lang]} ").replace("-", f" {DASH[lang]} ").replace("_", f" {UNDERSCORE[lang]} ")
        return re.sub(r"\d+", lambda m: say_digits(m.group(), lang, rng), part)

    return f"{speak(local)} {rng.choice(AT[lang])} {speak(domain)}"


def say_url(url: str, lang: str, rng: random.Random) -> str:
    """Returns a URL as Whisper writes it ("castaneda.biz") or spoken ("castaneda dot biz slash contact")."""
    bare = re.sub(r"^https?://", "", url).rstrip("/")
    if rng.random() < 0.5:
        return bare if rng.random() < 0.7 else url
    return bare.replace(".", f" {DOT[lang]} ").replace("/", f" {SLASH[lang]} ")


def say_spelled(code: str, lang: str, rng: random.Random) -> str:
    """Returns a code of letters and digits spelled out ("J J six nine S P Q") or as written."""
    if rng.random() < 0.4:
        return code
    out = []
    for char in code:
        if char.isdigit():
            out.append(DIGIT_WORDS[lang][int(char)])
        elif char.isalpha():
            out.append(char.upper())
    return " ".join(out)


def say_date(year: int, month: int, day: int, lang: str, rng: random.Random) -> str:
    """Returns a date as Whisper writes a spoken date in ``lang`` ("March 3rd, 1985", "3. März 1985")."""
    name = MONTHS[lang][month - 1]
    if lang == "en":
        ordinal = num2words(day, to="ordinal_num")
        return rng.choice([f"{name} {ordinal}, {year}", f"the {ordinal} of {name} {year}", f"{day} {name} {year}"])
    if lang == "de":
        return rng.choice([f"{day}. {name} {year}", f"{num2words(day, lang='de', to='ordinal')}n {name} {year}"])
    if lang == "fr":
        return f"{'1er' if day == 1 else day} {name} {year}"
    return f"{day} de {name} de {year}"


def say_house_number(number: str, lang: str, rng: random.Random) -> str:
    """Returns a house number as figures or as a number word ("zwölf", "twenty two")."""
    match = re.fullmatch(r"(\d+)(.*)", number)
    if not match or rng.random() < 0.5 or int(match.group(1)) > 999:
        return number
    return num2words(int(match.group(1)), lang=lang) + match.group(2)


def lower_like_asr(text: str, rng: random.Random, share: float = 0.15) -> str:
    """Returns ``text`` lower-cased without its final full stop sometimes, as caseless ASR output reads."""
    return text.lower().rstrip(".") if rng.random() < share else text
