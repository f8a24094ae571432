"""Text as a TTS voice should read it: numbers, symbols and abbreviations written out the way people say them.

The recogniser writes what it heard in digits and symbols ("555-314-8839",
"March 3rd", "$5", "20 %", "Dr."). Piper reads them through espeak-ng's
rules, which say a phone number as "five hundred fifty-five dash three
hundred fourteen ...", "$5" as "dollar five" and "Dr. Smith" as "doctor"
then a sentence break; flite's voices say "3rd" as "three". Writing them out
first makes every voice say them the way the speaker did.
"""
from __future__ import annotations

import re

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}
_CURRENCIES = {"$": ("dollar", "dollars", "cent", "cents"), "£": ("pound", "pounds", "penny", "pence"),
               "€": ("euro", "euros", "cent", "cents")}
ABBREVIATIONS = {"Dr.": "Doctor", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz", "Prof.": "Professor",
                 "e.g.": "for example", "i.e.": "that is", "etc.": "et cetera", "vs.": "versus", "approx.": "about"}

# digits in groups joined by hyphens, dots or spaces, or one long run: read digit by digit, a pause between groups
_DIGIT_STRING = re.compile(r"(?<![\w$£€.,])(?:\+?\d{2,}|\(\d{2,}\))(?:[-. ]\d{2,}){1,4}(?![\w%]|[.,]\d)|(?<![\w$£€.,])\d{5,}(?![\w%]|[.,]\d)")
_MONEY = re.compile(r"([$£€])\s?(\d[\d,]*)(?:\.(\d\d))?\b")
_PERCENT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?%")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_CLOCK = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_YEAR = re.compile(r"(?:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bof )|(?<=\bfrom )|(?<=\bby ))"
                   r"(1[1-9]\d\d|20\d\d)(?![\w%]|[.,]\d)")
_VERSION = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]|\.\d)")
_DECIMAL = re.compile(r"(?<![\w.])(\d[\d,]*)\.(\d+)\b")
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?!\d)|(?<![\w.])\d+\b")


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


def ordinal_words(n: int) -> str:
    """Returns ``n`` as an English ordinal in words: 3 -> "third", 21 -> "twenty first"."""
    words = number_words(n).split()
    last = words[-1]
    if last in _ORDINAL_WORDS:
        words[-1] = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return " ".join(words)


def year_words(n: int) -> str:
    """Returns a year as people say it: 2024 -> "twenty twenty four", 1905 -> "nineteen oh five", 2005 -> "two thousand five"."""
    high, low = divmod(n, 100)
    if 2000 <= n < 2010 or low == 0 and high % 10 == 0:
        return number_words(n)
    return number_words(high) + " " + ("hundred" if low == 0 else ("oh " + _UNITS[low] if low < 10 else number_words(low)))


def _digits(match: re.Match) -> str:
    groups = re.split(r"[-. ]+", re.sub(r"[+()]", " ", match.group(0)).strip())
    return ", ".join(" ".join(_UNITS[int(d)] for d in group) for group in groups)


def _money(match: re.Match) -> str:
    one, many, sub_one, sub_many = _CURRENCIES[match.group(1)]
    whole = int(match.group(2).replace(",", ""))
    said = f"{number_words(whole)} {one if whole == 1 else many}"
    if match.group(3) and int(match.group(3)):
        cents = int(match.group(3))
        said += f" {number_words(cents)} {sub_one if cents == 1 else sub_many}"
    return said


def _decimal(match: re.Match) -> str:
    return number_words(int(match.group(1).replace(",", ""))) + " point " + " ".join(_UNITS[int(d)] for d in match.group(2))


def _clock(match: re.Match) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if minute == 0:
        return f"{number_words(hour)} o'clock" if hour <= 12 else f"{number_words(hour)} hundred"
    return f"{number_words(hour)} {'oh ' + _UNITS[minute] if minute < 10 else number_words(minute)}"


def _number(match: re.Match) -> str:
    value = int(match.group(0).replace(",", ""))
    return number_words(value) if value < 10**12 else " ".join(_UNITS[int(d)] for d in str(value))


def spoken_text(text: str) -> str:
    """Returns ``text`` with numbers, money, percentages, times, ordinals and common abbreviations in words.

    Digit strings (phone numbers, codes: "555-314-8839", "88391") are read
    digit by digit with a pause between groups; a year alone as people say
    it ("2024" -> "twenty twenty four"); other numbers as numbers ("1,250" ->
    "one thousand two hundred fifty"). Everything else is left as it is.
    """
    for short, long in ABBREVIATIONS.items():
        text = re.sub(r"(?<![\w.])" + re.escape(short) + r"(?!\w)", long, text)
    text = text.replace("&", " and ")
    text = _DIGIT_STRING.sub(_digits, text)
    text = _MONEY.sub(_money, text)
    text = _PERCENT.sub(lambda m: _to_words(m.group(1)) + " percent", text)
    text = _ORDINAL.sub(lambda m: ordinal_words(int(m.group(1))), text)
    text = _CLOCK.sub(_clock, text)
    text = _VERSION.sub(lambda m: " point ".join(number_words(int(p)) for p in m.group(0).split(".")), text)
    text = _YEAR.sub(lambda m: year_words(int(m.group(1))), text)
    text = _DECIMAL.sub(_decimal, text)
    text = _NUMBER.sub(_number, text)
    return " ".join(text.split())


def _to_words(number: str) -> str:
    number = number.replace(",", "")
    if "." in number:
        whole, fraction = number.split(".", 1)
        return number_words(int(whole)) + " point " + " ".join(_UNITS[int(d)] for d in fraction)
    return number_words(int(number))
