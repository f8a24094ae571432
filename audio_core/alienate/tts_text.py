"""Text as a TTS voice should read it: what the voices misread written out the way people say it.

The recogniser writes what it heard in digits and symbols. Piper reads them
through espeak-ng's rules, which say a phone number "555-314-8839" as "five
hundred fifty-five dash three hundred fourteen dash eight thousand ...",
"$5" as "dollar five", "9:00" as "nine zero zero", "2024" as "two thousand
twenty-four" and "Dr. Smith" as "doctor", then a sentence break; flite says
"&" as "ampersand". Only those are rewritten: plain numbers, decimals,
percentages and ordinals ("10", "3.5", "20 %", "3rd") every voice already
says as people do, and they are left alone.
"""
from __future__ import annotations

import re

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "£": ("pound", "pounds", "penny", "pence"),
               "€": ("euro", "euros", "cent", "cents")}
ABBREVIATIONS = {"Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor",
                 "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "approx.": "about"}

# digits in groups joined by hyphens, dots or spaces, or one long run: read digit by digit, a pause between groups
_DIGIT_STRING = re.compile(r"(?<![\w$£€.,])(?:\+?\d{2,}|\(\d{2,}\))(?:[-. ]\d{2,}){1,4}(?![\w%]|[.,]\d)|(?<![\w$£€.,])\d{5,}(?![\w%]|[.,]\d)")
_MONEY = re.compile(r"([$£€])\s?(\d[\d,]*)(?:\.(\d\d))?\b")
_CLOCK = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_YEAR = re.compile(r"(?:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bof )|(?<=\bfrom )|(?<=\bby ))"
                   r"(1[1-9]\d\d|20\d\d)(?![\w%]|[.,]\d)")
_VERSION = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]|\.\d)")


def number_words(n: int) -> str:
    """Returns ``n`` (0 ≤ n < 10**12) in English words: 1250 -> "one thousand two hundred fifty"."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _UNITS[n % 10])
    if n < 1000:
        return _UNITS[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + number_words(n % 100))
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= size:
            return number_words(n // size) + " " + name + ("" if n % size == 0 else " " + number_words(n % size))
    raise AssertionError("unreachable")


def year_words(n: int) -> str:
    """Returns a year as people say it: 2024 -> "twenty twenty four", 1905 -> "nineteen oh five", 2005 -> "two thousand five"."""
    high, low = divmod(n, 100)
    if 2000 <= n < 2010 or low == 0 and high % 10 == 0:
        return number_words(n)
    return number_words(high) + " " + ("hundred" if low == 0 else ("oh " + _UNITS[low] if low < 10 else number_words(low)))


def _digits(match: re.Match) -> str:
    groups = re.split(r"[-. ]+", re.sub(r"[+()]", " ", match.group(0)).strip())
    if len(groups) > 1 and (sum(map(len, groups)) < 7 or [len(g) for g in groups] == [4, 4]):
        return match.group(0)  # "10.50", "20 30", "2019-2020": not a phone number
    return ", ".join(" ".join(_UNITS[int(d)] for d in group) for group in groups)


def _money(match: re.Match) -> str:
    one, many, sub_one, sub_many = _CURRENCIES[match.group(1)]
    whole = int(match.group(2).replace(",", ""))
    said = f"{number_words(whole)} {one if whole == 1 else many}"
    if match.group(3) and int(match.group(3)):
        cents = int(match.group(3))
        said += f" {number_words(cents)} {sub_one if cents == 1 else sub_many}"
    return said


def _clock(match: re.Match) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if minute == 0:
        return f"{number_words(hour)} o'clock" if hour <= 12 else f"{number_words(hour)} hundred"
    return f"{number_words(hour)} {'oh ' + _UNITS[minute] if minute < 10 else number_words(minute)}"


def spoken_text(text: str) -> str:
    """Returns ``text`` with digit strings, money, clock times, years, version numbers, "&" and titles in words.

    Digit strings (phone numbers, codes: "555-314-8839", "88391") are read
    digit by digit with a pause between groups; "$1,250.50" as "one thousand
    two hundred fifty dollars fifty cents"; "9:05" as "nine oh five"; a year
    after "in", "since", "until", "of", "from" or "by" as people say it
    ("twenty twenty four"); "Dr." as "Doctor". Everything else is left as it is.
    """
    for short, long in ABBREVIATIONS.items():
        text = re.sub(r"(?<![\w.])" + re.escape(short) + r"(?!\w)", long, text)
    text = re.sub(r"\s*&\s*", " and ", text)
    text = _DIGIT_STRING.sub(_digits, text)
    text = _MONEY.sub(_money, text)
    text = _CLOCK.sub(_clock, text)
    text = _VERSION.sub(lambda m: " point ".join(number_words(int(p)) for p in m.group(0).split(".")), text)
    return _YEAR.sub(lambda m: year_words(int(m.group(1))), text)
