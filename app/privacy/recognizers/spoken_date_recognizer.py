"""Dates as people say them: "the third of March", "March 3rd twenty twenty four", "3/4/2024"."""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth twentieth thirtieth"
).split()
_ORDINAL = r"(?:(?:twenty|thirty)[\s-]+)?(?:" + "|".join(ORDINAL_WORDS) + r")"
_DAY = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?|{_ORDINAL})"
_YEAR_WORD = r"(?:nineteen|twenty|two thousand(?: and)?)[\s-]+(?:(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|(?:oh[\s-]+)?(?:one|two|three|four|five|six|seven|eight|nine))\b)"
_YEAR = rf"(?:\d{{4}}|{_YEAR_WORD})"
_CLOCK = r"(?:\d{1,2}(?::\d{2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)"
_AT_TIME = rf"(?:,?\s+at\s+{_CLOCK}(?:\s*(?:am|pm|a\.m\.|p\.m\.|o'clock|in the (?:morning|afternoon|evening)))?)?"

PATTERNS = [
    Pattern("month day year", rf"\b{MONTHS}\s+(?:the\s+)?{_DAY}\b(?:,?\s+{_YEAR})?{_AT_TIME}", 0.75),
    Pattern("day of month year", rf"\b(?:the\s+)?{_DAY}\s+(?:of\s+)?{MONTHS}(?:,?\s+{_YEAR})?\b{_AT_TIME}", 0.75),
    # A month on its own names a period ("decided in March"); only a birth month says something about a person.
    # Python needs one fixed-width lookbehind each.
    *[Pattern(f"{word} month", rf"(?<=\b{word} ){MONTHS}\b(?!\s+(?:the\s+)?\d)", 0.5) for word in ("born in", "due in")],
    Pattern("month year", rf"\b{MONTHS}\s+(?:of\s+)?{_YEAR}\b", 0.6),
    Pattern("numeric date", r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b", 0.6),
    Pattern("card expiry", r"(?<=expiry )(?:0[1-9]|1[0-2])/\d{2}\b|(?<=expires )(?:0[1-9]|1[0-2])/\d{2}\b", 0.6),
    Pattern("iso date", r"\b\d{4}-\d{2}-\d{2}\b", 0.6),
]
CONTEXT = ["born", "birthday", "birth", "date", "dob", "appointment", "on", "since", "until", "due"]
# "may" and "march" are also verbs: a month-first match needs a day or year after it, which the patterns require.


class SpokenDateRecognizer(PatternRecognizer):
    """Finds calendar dates with a month name or in numeric form, spoken or written."""

    def __init__(self) -> None:
        super().__init__(supported_entity="DATE_TIME", name="SpokenDateRecognizer", patterns=PATTERNS, context=CONTEXT)
