"""A name no list has, found by the words around it that only a person takes: "Syed is presenting", "said Garðar".

spaCy's small model and the name lexicon miss rare names ("Taus", "Eindís",
"Cedilnik"); tool and product names are just as rare ("Jira", "Kubernetes"),
so rarity alone says nothing. What a person does and a tool does not does:
shouting, living somewhere, presenting, marrying, being thanked, starring. A
capitalised word that is no everyday English word (a place list has none of
it) counts as a name only right before such a verb or right after such a phrase.
"""
from __future__ import annotations

import bisect
import itertools
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.common_words import is_common_word
from app.privacy.recognizers.places import place_lexicon

# Verbs (after the name, an adverb or auxiliary allowed between) that a tool or a product does not do.
_HUMAN_VERBS = (
    "shouted|yelled|whispered|replied|smiled|laughed|cried|sighed|nodded|lives|lived|married|marries|presented|"
    "is presenting|was presenting|will present|presents|thinks|thought|believes|believed|feels|felt|told|asked|"
    "wrote|had given|gave|greeted|apologised|apologized|promised|agreed|disagreed|"
    "resigned|retired|was born|is pregnant|joined us|is on holiday|is on leave|is off sick|owns"
)
_AFTER = re.compile(rf"^(?:\s+(?:just|also|then|already|still|never|always|has|had|really|quietly|finally))?\s+(?:{_HUMAN_VERBS})\b")
# Phrases right before a name: a person is spoken to, thanked, married, starred.
_BEFORE = re.compile(
    r"\b(?:said|asked|told|thanked|shouted at|yelled at|smiled at|married|starring|directed by|written by|sung by|"
    r"coffee with|lunch with|dinner with|met with|between him and|between her and|thanks|thank you|dear|hi|hello|hey|"
    r"congratulations)[,]?\s+$",
    re.IGNORECASE,
)
# "the Kreutzmann novel": a rare word between "the" and what someone writes names its author.
_AUTHOR_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their)\s+$", re.IGNORECASE)
_AUTHORED_AFTER = re.compile(r"^\s+(?:novel|novels|biography|memoir|album|poem|essay|thesis|diary)\b")
_CANDIDATE = re.compile(r"(?<![\w'’-])([A-Z][^\W\d_]*(?:-[^\W\d_]+)?)(?![\w-])")
# An unlisted word below this frequency may be a name ("Syed" 3.1, "Murdock" 3.0); "Undivided" 3.05 needs a slot too.
RARE_ZIPF = 3.5
# A word rarer still ("Emeka" 2.1, "Haruto" 1.8, "Chinonso" 0), that no product or place list has, is a person where
# the parse makes it who does or owns something ("did Emeka send…", "Chinonso's laptop", "loop Tendai in"): in
# meeting talk such a word is a name far more often than an unlisted tool ("Kibana" 1.2 is in the product list).
VERY_RARE_ZIPF = 2.5
# spaCy's dependency labels of a doer, an owner or someone acted on.
PERSON_ROLE_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj"})
# A capital inside a word marks a brand ("KubeCon", "ChatGPT"), except after the prefixes of names ("McKenna", "DeShawn").
_BRAND_CAPITAL = re.compile(r"^(?!Mc|Mac|De|Di|Da|La|Le|Van|Von|O)[A-Z][a-z]+[A-Z]|^[A-Z]{2,}[a-z]")


class PersonSlotRecognizer(EntityRecognizer):
    """Finds rare capitalised words in the slots only a person fills (English)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name="PersonSlotRecognizer", supported_language="en")

    def load(self) -> None:  # rules only
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns a PERSON result per rare capitalised word before a human verb or after a phrase addressing a person."""
        if "PERSON" not in entities:
            return []
        from app.privacy.lone_name import in_person_slot, names_with_a_person_verb, taken_up_as_a_person
        from app.privacy.recognizers.name_lexicon import is_short_first_name

        roles = self._roles(nlp_artifacts)
        results = []
        for match in _CANDIDATE.finditer(text):
            word = match.group(1)
            if len(word) < 3 or word.isupper():
                continue
            after = text[match.end():match.end() + 60]
            if self._is_ordinary(word):
                # "Hope and Dawn are covering…", "Matt is off sick": a first name (or its short form) that is also an everyday word,
                # right before what only a person does (no town: "Phoenix is running late" is a project).
                lower = word.lower()
                # "Jo is very reliable. You can always depend on him.": the next sentence calls it a person.
                if is_short_first_name(lower) and lower not in place_lexicon() and (
                        names_with_a_person_verb(after) or taken_up_as_a_person(text, match.end())):
                    results.append(RecognizerResult("PERSON", match.start(), match.end(), 0.55))
                continue
            before = text[max(0, match.start() - 24):match.start()]
            if _AFTER.match(after) or _BEFORE.search(before) or _AUTHOR_BEFORE.search(before) and _AUTHORED_AFTER.match(after) \
                    or in_person_slot(text, match.start(), match.end()):
                results.append(RecognizerResult("PERSON", match.start(), match.end(), 0.6))
            elif self._in_a_person_role(word, match.start(), roles):
                results.append(RecognizerResult("PERSON", match.start(), match.end(), 0.5))
        return results

    @staticmethod
    def _roles(nlp_artifacts) -> list[tuple[int, int, str, str, int]]:
        """Returns (start, end, part of speech, dependency, head's start) per token of the spaCy parse Presidio made
        (empty without one)."""
        doc = getattr(nlp_artifacts, "tokens", None)
        if doc is None or not hasattr(doc, "__iter__"):
            return []
        return [(token.idx, token.idx + len(token.text), token.pos_, token.dep_, token.head.idx) for token in doc]

    @staticmethod
    def _in_a_person_role(word: str, start: int, roles: list[tuple[int, int, str, str, int]]) -> bool:
        """True for a very rare proper noun (no product, not two everyday words run together as brands are:
        "Pipedrive") that the parse makes a doer, an owner or someone acted on;
        a hyphenated name ("Dong-hyun") takes the role of its token whose head lies outside it."""
        from app.privacy.product_names import product_names
        from app.privacy.recognizers.common_words import is_two_everyday_words, word_zipf

        end = start + len(word)
        first = bisect.bisect_left(roles, (start,))  # the tokens are in text order: no scan of a long transcript
        tokens = list(itertools.takewhile(lambda r: r[1] <= end, roles[first:first + 8]))
        head = next((r for r in tokens if not start <= r[4] < end or r[4] == r[0]), None)
        if head is None or not tokens or tokens[0][2] != "PROPN" or _BRAND_CAPITAL.match(word):
            return False
        return head[3] in PERSON_ROLE_DEPS and word_zipf(word.lower(), "en") < VERY_RARE_ZIPF \
            and word.lower() not in product_names() and not is_two_everyday_words(word)

    @staticmethod
    def _is_ordinary(word: str) -> bool:
        lower = word.lower()
        return lower in place_lexicon() or is_common_word(lower, "en", RARE_ZIPF) or lower in ("i", "god")
