"""Person names in any of the four languages, from Faker's name lexicon, titles and introducing phrases.

Whisper capitalises names, so a name here is a capitalised word that is
either in the lexicon or follows a title or an introducing phrase ("Frau",
"Madame", "señora", "mein Name ist", "je m'appelle", "me llamo"), and the
capitalised words after it make up the rest of the name. A word that is an
everyday word of the language ("Will", "Koch", "Ayer") only counts next to
another name part or after a title: the root of "I am [PERSON] it for the notes".
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.common_words import COMMON_ZIPF, is_common_word
from app.privacy.recognizers.name_lexicon import name_lexicon
from app.privacy.recognizers.places import PLACES
from app.privacy.recognizers.verb_forms import opens_with_verb

TITLES = {
    "en": ("mr", "mrs", "ms", "miss", "dr", "doctor", "professor", "prof", "sir", "madam"),
    "de": ("frau", "herr", "herrn", "dr", "doktor", "professor", "prof", "kollege", "kollegin", "familie"),
    "fr": ("madame", "monsieur", "mademoiselle", "mme", "mlle", "m", "docteur", "dr", "maître", "professeur", "famille"),
    "es": ("señor", "señora", "señorita", "sr", "sra", "srta", "don", "doña", "doctor", "doctora", "dr", "dra", "familia"),
}
INTRODUCING = {
    "en": ("my name is", "my name's", "call me", "calls me", "called", "named", "name", "surname", "this is", "i am",
           "i'm", "speak to", "speak with", "talk to", "ask for"),
    "de": ("mein name ist", "ich heiße", "ich heisse", "heißt", "namens", "name", "ich bin", "hier spricht", "hier ist",
           "mit", "an", "frag", "fragen sie", "laut", "gemäß"),
    "fr": ("je m'appelle", "s'appelle", "nom", "je suis", "c'est", "ici", "avec", "à", "demandez à", "parlé à", "selon",
           "d'après"),
    "es": ("me llamo", "se llama", "nombre", "apellido", "soy", "mi nombre es", "habla", "con", "a", "pregúntale a",
           "según"),
}
# French verbs (stems) after which "à" addresses a person: envoyer, écrire, parler, demander, dire, transmettre, donner…
ADDRESSING_VERBS = {
    "fr": ("envo", "écri", "parl", "demand", "di[st]", "transm", "donn", "répond", "téléphon", "rappel", "adress",
           "montr", "expliqu", "signal", "présent", "confi", "remerci"),
}
# Words that open a town's name, never a person's: "Santa Catalina", "San Millán de Yécora", "Bad Honnef".
PLACE_PREFIXES = frozenset("san santa santo sant saint sainte st bad sankt la las los el le les".split())
# German articles: a capitalised word after one is a noun ("der Server", "die Linde"), as German capitalises nouns.
GERMAN_ARTICLES = frozenset("der die das den dem des ein eine einen einem einer eines kein keine keinen unser unsere".split())
# A surname after an article is a noun when it is a German word at least this common ("Server" 3.4, "Kowalski" 1.6).
GERMAN_NOUN_ZIPF = 2.5
# Name particles that join a first name to a surname ("Ludwig van Beethoven", "María de la Cruz").
PARTICLES = frozenset("van von der den de del della di da la le du dos das ten ter zu y".split())
LISTED_NAME_ZIPF = 5.0
PLACE_HERE = -1
# First words of town names that are also first names ("Santa Lucía", "San José", "Saint-Ouen").
PLACE_PREFIXES = frozenset("santa san santo são saint sainte st ste fort port porto puerto mount villa ciudad cité cite ksar".split())
# Every word of an unlisted capitalised phrase at least this common: a title or product, not a name.
UNLISTED_PHRASE_ZIPF = 2.8
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_TOWN_PLACE_WORD_BEFORE = re.compile(
    r"\b(?:in|at|to|near|from|outside|out of|around|towards?|via|through|into|across)\s+$", re.IGNORECASE
)


def _without_possessive(word: str) -> str:
    """Returns ``word`` without a possessive or trailing apostrophe: "Marcel's" and "Marcel’s" are "Marcel"."""
    for suffix in ("'s", "’s", "'S"):
        if word.endswith(suffix):
            return word[:-len(suffix)]
    return word.rstrip("'’")


def is_everyday_name_part(word: str, language: str) -> bool:
    """Returns True when ``word`` is an everyday word of ``language`` (listed first names need a far higher frequency)."""
    lower = word.lower()
    first_names, _ = name_lexicon()
    return is_common_word(lower, language, LISTED_NAME_ZIPF if lower in first_names else COMMON_ZIPF)


class LexiconNameRecognizer(EntityRecognizer):
    """Finds capitalised names from the lexicon, after titles and after introducing phrases."""

    def __init__(self, language: str = "en") -> None:
        super().__init__(supported_entities=["PERSON"], name="LexiconNameRecognizer", supported_language=language)
        self._titles = frozenset(TITLES[language])
        self._intro_tails = {tuple(p.split()) for p in INTRODUCING[language]}
        from app.privacy.recognizers.context_location_recognizer import ContextLocationRecognizer

        self._places = ContextLocationRecognizer(language)

    def load(self) -> None:  # the lexicon is read on first use
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns a PERSON RecognizerResult per name found in ``text``."""
        if "PERSON" not in entities:
            return []
        first_names, surnames = name_lexicon()
        places = self._multiword_places(text, nlp_artifacts, first_names)
        words = list(_WORD.finditer(text))
        lowered = [_without_possessive(w.group().lower()) for w in words]
        results = []
        index = 0
        while index < len(words):
            end_index = self._name_at(words, lowered, index, first_names, surnames)
            if end_index == PLACE_HERE:  # "flew to Ksar Beni Aissa": the rest of the capitalised run is the town's too
                index = self._rest_of_name(words, lowered, index, first_names, surnames) + 1
                continue
            if end_index is None:
                index += 1
                continue
            town_shaped = any(lowered[i] in PARTICLES for i in range(index + 1, end_index))
            if any(s <= words[index].start() and words[end_index].end() <= e for s, e in places) or (
                    (lowered[index] not in first_names or town_shaped) and self._after_postcode_or_place_verb(text, words[index].start())
            ) or self._places.follows_postcode(text, words[index].start(), written=True):
                index = end_index + 1
                continue  # "Villanueva del Pardillo", "Santa Lucía del Este": inside a town the NER model found
            score = 0.75 if end_index > index else 0.6
            last = words[end_index]
            end = last.start() + len(_without_possessive(last.group()))  # "Marcel's kid": the name is "Marcel"
            results.append(RecognizerResult("PERSON", words[index].start(), end, score))
            index = end_index + 1
        return results

    def _after_postcode_or_place_verb(self, text: str, start: int) -> bool:
        """"41449 Prádena del Rincón", "se muda a Vega de Pas": a town's slot, whatever name-like words fill it."""
        return self._places.follows_place_verb(text, start) or self._places.follows_postcode(text, start)

    def _addressed_after_verb(self, text: str, start: int) -> bool:
        """"Envoie la présentation à Lagueux": after a verb of sending or speaking, "à" gives a person, not a town."""
        verbs = ADDRESSING_VERBS.get(self.supported_language)
        before = text[max(0, start - 60):start]
        if not verbs or not re.search(r"\b[àa]\s+$", before):
            return False
        clause = re.split(r"[.!?;:,]", before)[-1].lower()
        return any(re.match(verb, word) for word in re.findall(r"[^\W\d_]+", clause) for verb in verbs)

    @staticmethod
    def _multiword_places(text, nlp_artifacts, first_names) -> list[tuple[int, int]]:
        """Returns the spans the NER model calls a place that are shaped like a town ("Vega de Pas", "Santa Catalina")."""
        spans = []
        for entity in getattr(nlp_artifacts, "entities", None) or ():
            words = [w.lower() for w in entity.text.split()]
            town_shaped = words[0] in PLACE_PREFIXES or any(w in PARTICLES for w in words[1:-1])
            if entity.label_ in ("LOC", "GPE", "LOCATION") and len(words) >= 2 and town_shaped and (
                    words[0] in PLACE_PREFIXES or words[0] not in first_names):
                spans.append((entity.start_char, entity.end_char))
        return spans

    def _name_at(self, words, lowered, index, first_names, surnames) -> int | None:
        """Returns the index of the name's last word when a name starts at ``index``, PLACE_HERE where a place
        phrase puts a town, else None."""
        word = words[index].group()
        if not word[0].isupper() or word.isupper() and len(word) > 1:
            return None
        lower = lowered[index]
        if "-" in lower and all(part in first_names for part in lower.split("-")):
            lower = lower.split("-")[0]  # "Heinz-Josef", "Jean-Pierre": a first name of listed parts
        if lower in PLACES:
            return None  # "coming to France": a listed place, left to the place recognizers
        at_place = self._places.follows_place_phrase(words[index].string, words[index].start())
        if self.supported_language == "en" and self._is_listed_town_after_place_word(words, lowered, index, first_names, surnames):
            return PLACE_HERE  # "at Burgess Hill", "in Kota Kinabalu": a town a list has, where a town goes
        if self.supported_language == "en":
            if at_place and (lower not in first_names
                             or lower in PLACE_PREFIXES and index + 1 < len(words) and words[index + 1].group()[0].isupper()):
                # "arrived at Cardoso", "based in Alluitsup Paa": a surname or unknown word where a town goes;
                # also "returned to Santa Lucía": a first name that opens town names
                return PLACE_HERE
        elif lower not in first_names and at_place and not self._addressed_after_verb(words[index].string, words[index].start()):
            return None  # "arrived at Cardoso"; but "envoie-la à Lagueux" addresses a person
        in_lexicon = lower in first_names or lower in surnames
        # First names are frequent in any corpus ("Robert" is as common as "Planung"), so a listed first name must be
        # far more frequent than that to count as an everyday word ("Will", "Mark", "Die"); a surname that is an
        # everyday word ("Stock", "Koch") needs a first name or a title.
        common = is_common_word(lower, self.supported_language, LISTED_NAME_ZIPF if lower in first_names else COMMON_ZIPF)
        end = self._rest_of_name(words, lowered, index, first_names, surnames)
        after_title = index > 0 and lowered[index - 1].rstrip(".") in self._titles
        # "Ruf ihn an, Durchwahl …": a comma or stop between phrase and word ends the phrase ("Name: …" does not).
        joined = index > 0 and not words[index].string[words[index - 1].end():words[index].start()].strip(" \t\n:?")
        after_intro = joined and any(tuple(lowered[max(0, index - len(t)):index]) == t for t in self._intro_tails)
        sentence_start = self._is_sentence_start(words, index)
        if sentence_start and opens_with_verb(words[index].string, words[index].start(), self.supported_language):
            return None  # "Leite das an Vanessa weiter": a verb that opens the sentence, however name-like
        if self.supported_language == "de" and self._is_german_noun_after_article(lowered, index, end, first_names):
            return None
        if after_title and not sentence_start:
            return end if not common or lower in surnames else None
        if common:
            # "Will", "Die", "Koch": an everyday word is a name only as a first name before a surname, mid-sentence.
            # "Jean Lavoisier a appelé": in German, French and Spanish a listed surname after it makes a name anywhere.
            surname_follows = end > index and lowered[index + 1] in surnames and self.supported_language != "en"
            return end if lower in first_names and end > index and (not sentence_start or surname_follows) else None
        # "Bot: …", "Agent: …" label a role, not a person: an unlisted speaker label must be a rare word.
        labels_a_person = self._labels_a_speaker(words, index, end) and not is_common_word(lower, self.supported_language, 3.5)
        if in_lexicon or after_intro and lower not in self._titles or labels_a_person:
            return end
        # Two capitalised words no list has make a name only when one is rare: "Bohemian Rhapsody" is a song title.
        ordinary = all(is_common_word(lowered[i], self.supported_language, UNLISTED_PHRASE_ZIPF) for i in range(index, end + 1))
        # At a sentence start the capital says nothing, but two capitalised words that are all rare are still a name.
        rare = not any(is_common_word(lowered[i], self.supported_language, UNLISTED_PHRASE_ZIPF) for i in range(index, end + 1))
        return end if end > index and not ordinary and (not sentence_start or rare) else None

    def _is_listed_town_after_place_word(self, words, lowered, index, first_names, surnames) -> bool:
        """True when the capitalised run at ``index`` is a listed town, whole, after a word of place ("in", "at", "outside")."""
        from app.privacy.recognizers.places import place_lexicon

        text = words[index].string
        if not _TOWN_PLACE_WORD_BEFORE.search(text[max(0, words[index].start() - 12):words[index].start()]):
            return False
        end = self._rest_of_name(words, lowered, index, first_names, surnames)
        phrase = text[words[index].start():words[end].end()].lower()
        return phrase in place_lexicon() and (end > index or phrase not in first_names)

    def _is_german_noun_after_article(self, lowered, index, end, first_names) -> bool:
        """"der Server", "die Linde": a listed surname that is a German word, after an article and alone, is a noun."""
        lower = lowered[index]
        return (index > 0 and lowered[index - 1] in GERMAN_ARTICLES and end == index and lower not in first_names
                and is_common_word(lower, "de", GERMAN_NOUN_ZIPF))

    def _rest_of_name(self, words, lowered, index, first_names, surnames) -> int:
        """Returns the index of the last word of a name starting at ``index`` (capitalised parts, particles between)."""
        end = index
        j = index + 1
        while j < len(words) and words[j].string[words[j - 1].end():words[j].start()] == " " and j - index <= 3:
            part = words[j].group()
            lower = lowered[j]
            if lower in PARTICLES and j + 1 < len(words) and words[j + 1].group()[0].isupper():
                j += 1
                continue
            if not part[0].isupper() or (is_common_word(lower, self.supported_language) and lower not in surnames):
                break
            end = j
            j += 1
        return end

    @staticmethod
    def _labels_a_speaker(words, index, end) -> bool:
        """"Longin: Who are you?": a name-shaped word opening a line, then a colon, labels who speaks."""
        text = words[index].string
        line_start = text.rfind("\n", 0, words[index].start()) + 1
        return not text[line_start:words[index].start()].strip(" >\t") and text[words[end].end():words[end].end() + 1] == ":"

    @staticmethod
    def _is_sentence_start(words, index) -> bool:
        if index == 0:
            return True
        between = words[index].string[words[index - 1].end():words[index].start()]
        return any(mark in between for mark in ".!?¿¡:")
