"""spaCy NER results, keeping only dates specific enough to identify someone.

spaCy labels "tomorrow", "next week" and "Monday" DATE; those are not personal
data and redacting them would gut a meeting transcript, so a DATE_TIME is kept
only when it names a month, a day number or a year.
"""
from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from app.privacy.recognizers.common_words import is_common_word
from app.privacy.recognizers.context_location_recognizer import is_tool_moved_to
from app.privacy.recognizers.lexicon_name_recognizer import PLACE_PREFIXES
from app.privacy.recognizers.name_lexicon import name_lexicon
from app.privacy.recognizers.places import PLACES, place_lexicon
from app.privacy.recognizers.verb_forms import opens_with_verb

_SPECIFIC_DATE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|"
    r"jul|aug|sept?|oct|nov|dec|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\w+teenth|twentieth|thirtieth|birthday|born)\b|\d(?:st|nd|rd|th)\b|\d{1,2}[/.-]\d{1,2}",
    re.IGNORECASE,
)
_RELATIVE_ONLY = re.compile(
    r"^(?:the\s+)?(?:(?:next|last|this|every|past|coming|previous)\s+)?(?:few\s+)?(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?|quarters?|weekends?|mornings?|evenings?|nights?)(?:\s+(?:ago|later))?$",
    re.IGNORECASE,
)


# A day number alone ("the twenty fifth") says something about a person only as a birthday.
_MONTH_OR_YEAR = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|"
    r"jul|aug|sept?|oct|nov|dec|birthday|born)\b|\d{1,2}[/.-]\d{1,2}|\b\d{4}\b|"
    r"\b(?:nineteen|twenty|two thousand)[\s-]+(?:oh|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|one|two|three|four|five|six|seven|eight|nine)\b", re.IGNORECASE,
)
_BIRTH_BEFORE = re.compile(r"\b(?:born|birthday|birth|dob|d\.o\.b\.?)\b", re.IGNORECASE)
# "the end of June", "early March", "mid-October": a period named by its month, no day and no year, is a month alone.
_BARE_MONTH = re.compile(
    r"^(?:the\s+)?(?:(?:end|start|beginning|middle|rest|first half|second half|last week|first week)\s+of\s+(?:the\s+)?|"
    r"(?:early|late|mid)[\s-]+)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)$", re.IGNORECASE
)
# A month alone names a period ("decided in March", "the March figures"); only a birth month, or when someone is to
# be seen again ("see you in May", "your next appointment in June"), says something about a person.
_MONTH_SLOT = re.compile(
    r"\b(?:born|birthday\s+is|due|see\s+(?:you|him|her|them)(?:\s+again)?|appointment|check-?up|visit)\s+(?:in|on)\s+$",
    re.IGNORECASE,
)


# Sentence-initial words the small model often glues onto a name ("Email Tom", "Thanks Sarah").
NOT_NAME_PREFIXES = frozenset(
    "email call text hi hey hello thanks thank dear tell ask ping message so and okay ok yeah well please"
    " según selon laut"  # "Según Echeverría, …": the source's name starts after the preposition
    .split()
)


def _skip_leading_non_names(text: str, start: int, end: int) -> int:
    """Returns ``start`` moved past greeting and verb words that are not part of the name."""
    while True:
        word = re.match(r"[^\W\d_]+\s+", text[start:end])
        if not word or word.group().strip().lower() not in NOT_NAME_PREFIXES:
            return start
        start += word.end()


# Lower-case words inside a name or place: "Ludwig van Beethoven", "Rio de Janeiro", "Stratford upon Avon".
_NAME_PARTICLES = frozenset("van von der den de del della di da la le du dos das ten ter zu y upon sur am".split())


def _cut_at_lowercase_word(text: str, start: int, end: int) -> int:
    """Returns ``end`` moved back to the last capitalised word: "Trondheim on Sunday" ends at "Trondheim"."""
    last_end = None
    words = list(re.finditer(r"[^\W\d_][\w'’.-]*", text[start:end]))
    for i, word in enumerate(words):
        part = word.group()
        if part[0].isupper() or part[0].isdigit():
            last_end = start + word.end()
        elif part not in _NAME_PARTICLES or i + 1 == len(words) or not words[i + 1].group()[0].isupper():
            break
    return last_end if last_end is not None else end


def _is_everyday_word(span: str, language: str) -> bool:
    """"Email", "Ayer", "Buenos días": everyday words that no name or place list has are no entity, however capitalised."""
    words = [w.strip(".,'’¡!¿?").lower() for w in span.split()]
    if not words or len(words) > 3 or span.lower() in PLACES:
        return False
    first_names, surnames = name_lexicon()
    return all(is_common_word(w, language) and w not in first_names and w not in surnames for w in words)


# An unlisted word at least this common is an everyday word even when capitalised ("Roadmap" 3.2, "Atlas" 3.8),
# so spaCy calling it a person or place needs more than the capital: rare names sit below ("Izaak" 2.1, "Muriz" 0).
UNLISTED_WORD_ZIPF = 3.5
# A place needs less: 30,000 towns are listed, and an unlisted town is a rare word ("Backlog" 3.2 is none).
UNLISTED_PLACE_ZIPF = 3.0
# Every word of a longer span at least this common: "Agile Coaching", "Bohemian Rhapsody" (two ordinary words).
UNLISTED_PHRASE_ZIPF = 2.8


def _is_unlisted_common(span: str, language: str, listed, word_zipf: float = UNLISTED_WORD_ZIPF) -> bool:
    """True when no word of ``span`` is in ``listed`` (a name or place lexicon) and its words are ordinary words."""
    words = [w.strip(".,'’¡!¿?\"").lower() for w in span.split()]
    words = [w for w in words if w]
    if not words or any(w in listed for w in words) or span.lower() in listed:
        return False
    threshold = word_zipf if len(words) == 1 else UNLISTED_PHRASE_ZIPF
    return all(is_common_word(w, language, threshold) for w in words)


@lru_cache(maxsize=1)
def _person_lexicon() -> frozenset[str]:
    first_names, surnames = name_lexicon()
    return first_names | surnames


def _is_listed_first_name(span: str) -> bool:
    first_names, _ = name_lexicon()
    return any(w.lower() in first_names for w in span.split() if w[:1].isupper())  # not "del" in "Prádena del Rincón"


def _overlaps_any(start: int, end: int, spans) -> bool:
    return any(start < e and s < end for s, e in spans)


def _is_listed_name(span: str) -> bool:
    first_names, surnames = name_lexicon()
    return any(w.lower() in first_names or w.lower() in surnames for w in span.split())


# Nouns after a name that make it a place: "Bouzaida bridge", "the Graz office", "Opole county".
_PLACE_NOUN_AFTER = re.compile(
    r"^\s+(?:bridge|river|street|road|city|town|village|county|province|region|district|airport|station|office|branch|"
    r"lake|mountain|valley|harbou?r|port|beach|island|coast|border|area|campus|suburb)\b", re.IGNORECASE,
)
# After a name, nouns that only a town or a landmark takes: "Bouzaida bridge", "Opole county" (not "the Okonkwo office").
_TOWN_NOUN_AFTER = re.compile(
    r"^\s+(?:bridge|river|city|town|village|county|province|district|airport|harbou?r|lake|mountain|valley|island|"
    r"coast|suburb)\b", re.IGNORECASE,
)
# Words a model calls a place although it is a person: rare or listed as a name, with nothing of place around it.
NAME_NOT_PLACE_ZIPF = 3.0


def _is_name_not_place(text: str, start: int, end: int, follows_place_phrase) -> bool:
    """True when a one-word LOCATION is a name: no place list has it, a name list has it or it is rare,
    and no phrase of place ("from", "in", "flew to") comes before it nor a place noun ("bridge", "office") after it."""
    word = text[start:end].strip(".,'’\"")
    lower = word.lower().removesuffix("'s").removesuffix("’s")
    if not word or " " in word or not word[0].isupper() or (word.isupper() and len(word) > 1):
        return False
    if lower in PLACES or lower in place_lexicon() or follows_place_phrase(text, start, bare=True):
        return False
    if _PLACE_NOUN_AFTER.match(text[end:end + 20]):
        return False
    return lower in _person_lexicon() or not is_common_word(lower, "en", NAME_NOT_PLACE_ZIPF)


_IN_OR_NEAR_BEFORE = re.compile(r"\b(?:in|near)\s+$", re.IGNORECASE)
# Before a listed town, any word of place will do: "dropped it at Burgess Hill", "just outside Royal Tunbridge Wells".
_PLACE_WORD_BEFORE = re.compile(
    r"\b(?:in|at|to|near|from|outside|out of|around|towards?|via|through|into|across|up in|down in|over in)\s+$", re.IGNORECASE
)
_CAPITALISED_WORD_BEFORE = re.compile(r"([A-Z][^\W\d_]+)\s+$")


def _listed_town_start(text: str, start: int, end: int) -> int | None:
    """Returns where the listed town that ``text[start:end]`` is (or ends) begins: "Kota Kinabalu", or "Royal
    Tunbridge Wells" when the model took only "Tunbridge Wells"; None when no town list has it."""
    if text[start:end].lower() in place_lexicon():
        return start
    before = _CAPITALISED_WORD_BEFORE.search(text[max(0, start - 20):start])
    if before is not None and (text[start - len(before.group()):end]).lower() in place_lexicon():
        return start - len(before.group())
    return None


def _is_listed_town_in_place(text: str, start: int, end: int) -> int | None:
    """Returns the start of the listed town a PERSON is when a word of place comes before it ("in Kota Kinabalu",
    "at Burgess Hill"), else None. Only the whole span counts: "Milton" alone is a first name."""
    town_start = _listed_town_start(text, start, end)
    if town_start is None or not _PLACE_WORD_BEFORE.search(text[max(0, town_start - 12):town_start]):
        return None
    return town_start


def _is_place_not_name(text: str, start: int, end: int, follows_place_phrase) -> bool:
    """True when a PERSON comes right after a phrase of place ("originally from", "flew to", "in") and its first word
    is no listed name, or opens a town name ("Santa", "Saint"): "from Cite Badrani" is where someone comes from."""
    words = text[start:end].split()
    # A bare "to" or "at" is no evidence here: "said to Jurica", "shouted at Kuroudo".
    if not words or not (follows_place_phrase(text, start) or _IN_OR_NEAR_BEFORE.search(text[max(0, start - 8):start])):
        return False
    head = words[0].lower().strip(".,")
    if len(words) > 1 and head.split("-")[0] in PLACE_PREFIXES:
        return True
    return head not in _person_lexicon()


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?¿¡:\n"


class SpecificSpacyRecognizer(SpacyRecognizer):
    """spaCy's PERSON, LOCATION and specific DATE_TIME entities."""

    ENTITIES = ["PERSON", "LOCATION", "DATE_TIME"]

    def __init__(self, language: str = "en") -> None:
        from app.privacy.recognizers.context_location_recognizer import ContextLocationRecognizer

        super().__init__(supported_entities=self.ENTITIES, name="SpecificSpacyRecognizer", supported_language=language)
        self._places = ContextLocationRecognizer(language)

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns spaCy's entities, dropping vague dates and single-letter names."""
        results = super().analyze(text, entities, nlp_artifacts) or []
        places = self._places.place_spans(text) if any(r.entity_type == "PERSON" for r in results) else set()
        kept = []
        for result in results:
            span = text[result.start:result.end]
            if result.entity_type == "DATE_TIME" and (not _SPECIFIC_DATE.search(span) or _RELATIVE_ONLY.match(span)):
                continue
            if result.entity_type == "DATE_TIME" and not _MONTH_OR_YEAR.search(span) and \
                    not _BIRTH_BEFORE.search(text[max(0, result.start - 40):result.start]):
                continue  # "goes live on the twenty fifth", "the first of next month": a day of the calendar, nobody's date
            if result.entity_type == "DATE_TIME" and _BARE_MONTH.match(span) and not _MONTH_SLOT.search(text[max(0, result.start - 30):result.start]):
                continue  # "the March figures": a month naming a period, not a date
            if result.entity_type in ("PERSON", "LOCATION") and opens_with_verb(text, result.start, self.supported_language):
                rest = re.search(r"\s+(?=\S)", span)
                if rest is None:
                    continue  # "Hablé con …", "Annulez la …": a verb capitalised by the sentence start
                result.start += rest.end()  # "Appelle Julien": the name starts after the verb
                span = text[result.start:result.end]
            if result.entity_type in ("PERSON", "LOCATION") and _opens_sentence(text, result.start) and _is_everyday_word(span, self.supported_language):
                continue  # "Ayer …", "Email …": the capital comes from the sentence start, not from a name
            if result.entity_type == "PERSON" and _overlaps_any(result.start, result.end, places) and not _is_listed_first_name(span):
                continue  # "à Beauwelz", "arrived at Cardoso": a place phrase, and no first name, says it is a place
            if result.entity_type == "LOCATION" and self.supported_language == "en" and _is_unlisted_common(span, "en", place_lexicon(), UNLISTED_PLACE_ZIPF) \
                    and not self._places.follows_place_phrase(text, result.start, bare=True):
                continue  # "go through the Backlog", "the Titan contract": a capitalised everyday word no place list has
            if result.entity_type == "LOCATION" and self.supported_language == "en" and " " not in span.strip() \
                    and _is_unlisted_common(span, "en", place_lexicon()) \
                    and not self._places.follows_place_phrase(text, result.start):
                continue  # "the rest in Mobile", "sits in Progress": 70,000 towns are listed; an everyday word after a bare "in" is a team
            if result.entity_type == "LOCATION" and self.supported_language == "en" and is_tool_moved_to(text, result.start, result.end):
                continue  # "moved the dashboards from Kibana", "switching the wiki to Confluence": tools, not towns
            if result.entity_type == "PERSON" and _is_unlisted_common(span, self.supported_language, _person_lexicon()):
                continue  # "the Roadmap review", "Agile Coaching starts": everyday words no name list has
            if result.entity_type in ("PERSON", "LOCATION"):
                result.end = _cut_at_lowercase_word(text, result.start, result.end)
                span = text[result.start:result.end]
            if result.entity_type == "LOCATION" and self.supported_language == "en" and \
                    _is_name_not_place(text, result.start, result.end, self._places.follows_place_phrase):
                result.entity_type = "PERSON"  # "leave me Izaak", "Mađar and Käyhkö were engineers": a name, not a town
            elif result.entity_type == "PERSON" and self.supported_language == "en" and \
                    (town_start := _is_listed_town_in_place(text, result.start, result.end)) is not None:
                result.entity_type, result.start = "LOCATION", town_start
            elif result.entity_type == "PERSON" and self.supported_language == "en" and (
                    _is_place_not_name(text, result.start, result.end, self._places.follows_place_phrase)
                    or _TOWN_NOUN_AFTER.match(text[result.end:result.end + 20])):
                result.entity_type = "LOCATION"
            if result.entity_type == "PERSON":
                result.start = _skip_leading_non_names(text, result.start, result.end)
                span = text[result.start:result.end]
                # A listed place is left to LocationRecognizer ("Rotterdam" is not a person).
                if len(span.strip()) < 2 or any(ch.isdigit() for ch in span) or span.lower() in PLACES:
                    continue
                if _is_everyday_word(span, self.supported_language):
                    continue
            kept.append(result)
        return kept
