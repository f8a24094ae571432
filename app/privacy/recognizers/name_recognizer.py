"""Person names that the spaCy model misses in lower-cased ASR text.

Two signals: a phrase that introduces a name ("my name is", "this is … speaking",
"ask for", "Dr.") and a built-in list of first names and surnames. A matched
first name takes a following surname (from the list, or capitalised) with it.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.common_words import is_common_word
from app.privacy.recognizers.name_lexicon import name_lexicon
from app.privacy.recognizers.names import AMBIGUOUS_FIRST_NAMES, FIRST_NAMES, SURNAMES

INTRODUCING_PHRASES = re.compile(
    r"\b(?:my name is|my name's|name is|call me|ask for|speak to|speak with|talk to|this is|i am|i'm|"
    r"(?:mr|mrs|ms|miss|dr|doctor|professor|prof)\.?)\s+([a-z][a-z'-]+)",
    re.IGNORECASE,
)
# After "this is" / "i am", the next word is a name only if it looks like one.
NOT_NAMES = frozenset("""
mr mrs ms miss dr doctor professor prof sir madam
a an the it is was not just so very really sure fine good great here there going gonna calling from with your our
their my his her this that what when how also still always happy glad sorry afraid done ready new about in on at
to for of and or but no yes okay ok well right back home out up down available free busy looking trying working
""".split())
PERSON_SLOT_BEFORE = frozenset("tell ask thanks thank hi hey hello dear told asked".split())
PERSON_SLOT_AFTER = frozenset("said says told asked mentioned thinks wrote called replied".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
MONTH_NAMES = frozenset("january february march april may june july august september october november december".split())
TIME_PREPOSITIONS = frozenset("in since until till by before after during through from of early late mid next last this every".split())


# Parts of speech a name never has: "I am recording" (VERB), "this is really" (ADV), "I'm sure" (ADJ).
NOT_NAME_POS = frozenset({"VERB", "AUX", "ADJ", "ADV", "ADP", "DET", "PRON", "SCONJ", "CCONJ", "PART", "NUM"})


def _grammar_says_not_a_name(nlp_artifacts, start: int, word: str) -> bool:
    """True when spaCy tags the word at ``start`` as a verb, adjective… and no name list has it."""
    tokens = getattr(nlp_artifacts, "tokens", None)
    if tokens is None:
        return False
    first_names, surnames = name_lexicon()
    if word.lower() in first_names or word.lower() in surnames or word.lower() in FIRST_NAMES:
        return False
    token = next((t for t in tokens if t.idx == start), None)
    return token is not None and token.pos_ in NOT_NAME_POS


class NameRecognizer(EntityRecognizer):
    """Finds first names and surnames from built-in lists and name-introducing phrases."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="NameRecognizer", supported_language="en")

    def load(self) -> None:  # nothing to load: lists are module constants
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns a PERSON RecognizerResult per name found in ``text``."""
        if "PERSON" not in entities:
            return []
        spans: list[tuple[int, int, float]] = []
        words = list(_WORD.finditer(text))
        for index, match in enumerate(words):
            if self._is_everyday_word_opening_sentence(text, words, index) or self._is_month_here(words, index):
                continue
            if self._is_first_name(match.group()) or self._is_lowercase_ambiguous_name(words, index) or match.group().lower() in SURNAMES and self._is_surname_here(words, index):
                spans.append(self._with_surname(words, index, 0.6))
        for match in INTRODUCING_PHRASES.finditer(text):
            name = match.group(1)
            if name.lower() in NOT_NAMES or not self._could_be_name(name) or _grammar_says_not_a_name(nlp_artifacts, match.start(1), name):
                continue
            index = next(i for i, w in enumerate(words) if w.start() == match.start(1))
            spans.append(self._with_surname(words, index, 0.8))
        return [RecognizerResult("PERSON", start, end, score) for start, end, score in spans]

    @staticmethod
    def _is_everyday_word_opening_sentence(text: str, words: list, index: int) -> bool:
        """"May I…", "Will my…": a capital from the sentence start makes no name of an everyday word."""
        word = words[index].group()
        if word.lower() not in AMBIGUOUS_FIRST_NAMES:
            return False
        before = text[words[index - 1].end():words[index].start()] if index else "."
        if not any(mark in before for mark in ".!?\n") and index:
            return False
        nxt = words[index + 1].group() if index + 1 < len(words) else ""
        return not (nxt[:1].isupper() and nxt.lower() not in NOT_NAMES and nxt != "I")

    @staticmethod
    def _is_month_here(words: list, index: int) -> bool:
        """"in August", "since June": a month name after a preposition of time is the month, not a person."""
        if words[index].group().lower() not in MONTH_NAMES or index == 0:
            return False
        return words[index - 1].group().lower() in TIME_PREPOSITIONS

    @staticmethod
    def _could_be_name(word: str) -> bool:
        """A word after "I am" / "this is" is a name only if a name list has it or it is no everyday word ("recording")."""
        lower = word.lower().removesuffix("'s")
        first_names, surnames = name_lexicon()
        if lower in FIRST_NAMES or lower in SURNAMES or lower in first_names or lower in surnames:
            return not is_common_word(lower, "en") or word[0].isupper()
        return not is_common_word(lower, "en")

    @staticmethod
    def _is_first_name(word: str) -> bool:
        lower = word.lower().removesuffix("'s")
        return lower in FIRST_NAMES or (lower in AMBIGUOUS_FIRST_NAMES and word[0].isupper() and word[1:].islower())

    @staticmethod
    def _is_lowercase_ambiguous_name(words: list, index: int) -> bool:
        # "tell grace", "yeah mark said": a word that is also a name, in a slot only a person fills.
        if words[index].group().lower() not in AMBIGUOUS_FIRST_NAMES:
            return False
        before = words[index - 1].group().lower() if index > 0 else ""
        after = words[index + 1].group().lower() if index + 1 < len(words) else ""
        return before in PERSON_SLOT_BEFORE or after in PERSON_SLOT_AFTER

    @staticmethod
    def _is_surname_here(words: list, index: int) -> bool:
        # A surname on its own must be capitalised or follow a title/first name ("mister baker").
        word = words[index].group()
        return word[0].isupper() and not word.isupper()

    def _with_surname(self, words: list, index: int, score: float) -> tuple[int, int, float]:
        start, end = words[index].start(), words[index].end()
        if index + 1 < len(words) and words[index + 1].start() - end <= 1:
            nxt = words[index + 1].group()
            if nxt.lower() in SURNAMES or (nxt[0].isupper() and nxt.lower() not in NOT_NAMES and len(nxt) > 1):
                end = words[index + 1].end()
        return start, end, score
