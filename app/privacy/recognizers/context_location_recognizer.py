"""Places no list has, found by the words before them: "based in Wainuiomata", "ich komme aus Tübingen", "soy de Lazkao".

A capitalised word after "in", "from", "aus", "à", "desde"… is a place when it
is no everyday word of the language ("in Zukunft", "from Monday" stay) and no
first name ("talk to Maria" is a person). Whisper capitalises place names.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult

from app.privacy.recognizers.common_words import COMMON_ZIPF, is_common_word, word_zipf
from app.privacy.recognizers.lexicon_name_recognizer import PLACE_PREFIXES
from app.privacy.recognizers.name_lexicon import name_lexicon
from app.privacy.recognizers.number_words import UNITS
from app.privacy.recognizers.places import PLACES, place_lexicon


def _is_a_tool(word: str) -> bool:
    from app.privacy.product_names import is_a_tool

    return is_a_tool(word)

# Phrases that put a place after them. A bare "in"/"to" is not one: "in Figma", "to Jira" name tools, not towns.
PREPOSITIONS = {
    "en": ("from", "based in", "returned to", "back to", "went to", "drove to", "driving to", "headed to", "heading to",
           "relocated to", "relocating to", "university of", "located in", "situated in", "stationed in", "lives in", "live in", "living in", "lived in", "moved to", "moving to", "flew to",
           "fly to", "flying to", "travel to", "travelling to", "traveling to", "trip to", "visit", "visiting",
           "born in", "grew up in", "city of", "town of", "village of", "near", "arrived at", "arrived in",
           "home city", "office in", "stay in", "staying in", "driving down to", "driving up to", "drove down to",
           "drove up to", "flying out to", "flew out to", "moving down to", "moving up to", "moved down to", "moved up to"),
    "de": ("aus", "wohne in", "wohnt in", "wohnen in", "lebe in", "lebt in", "sitzt in", "sitzen in", "geboren in",
           "in der nähe von", "umgezogen nach", "zurück aus", "fahre nach", "fliege nach", "stadt", "nach",
           "über", "richtung", "raum", "landkreis", "kreis", "gemeinde", "standort", "filiale", "ortsteil"),
    "fr": ("à", "viens de", "vient de", "originaire de", "habite à", "habite en", "près de", "né à", "née à",
           "ville de", "depuis"),
    "es": ("soy de", "vengo de", "viene de", "vivo en", "vive en", "viven en", "nací en", "nació en", "cerca de",
           "desde", "ciudad de", "mudé a", "mudamos a"),
}
_UPPER = "A-ZÄÖÜÀÂÇÉÈÊËÎÏÔÛÙŸÁÍÓÚÑÅØÆŠŽČŁŚŻĆŃŐŰĐΑ-ΩΆ-ΏА-ЯЁ"
_PLACE_WORD = rf"[{_UPPER}][^\W\d_]*(?:[-'][^\W\d_]+)*"
_DIGIT_WORDS = {code: "|".join(words) for code, words in UNITS.items()}
# Nouns that name the kind of place that follows ("im Raum Heilbronn", "Landkreis Görlitz"): the next word is a place
# however frequent it is.
PLACE_NOUNS = frozenset("raum landkreis kreis gemeinde standort filiale ortsteil stadt richtung city town village".split())
LOOK_BACK_CHARS = 40  # longer than any phrase of place
_DE_CALENDAR = frozenset(
    "montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni juli august "
    "september oktober november dezember ostern pfingsten weihnachten".split()
)
_CALENDAR = _DE_CALENDAR | frozenset(
    "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février mars avril mai juin juillet août septembre "
    "octobre novembre décembre pâques noël lunes martes miércoles jueves viernes sábado domingo enero febrero marzo "
    "abril mayo junio julio agosto septiembre octubre noviembre diciembre navidad".split()
)
# Verbs that give a bare "in"/"en"/"à" later in their sentence a place: "am 8. Januar 2001 in Ebeleben geboren",
# "nació el 14 de diciembre de 1942 en Mora de Rubielos". Not "works in": a firm or a tool goes there too.
PLACE_VERBS = {
    # Not "moved", "works", "went": a tool, a firm or an event goes there too ("moved the dashboards to Grafana").
    "en": ("born", "live", "lives", "lived", "living", "grew up", "raised", "relocated", "relocating", "relocate",
           "emigrated", "settled", "stationed", "based", "commute", "commutes", "commuting", "stuck", "stranded",
           "holiday", "holidays", "vacation", "honeymoon", "buried", "hometown"),
    "de": ("geboren", "wohne", "wohnt", "wohnen", "lebe", "lebt", "leben", "aufgewachsen", "zieht", "ziehe", "umgezogen",
           "sitzt", "gestorben"),
    "fr": ("né", "née", "nés", "habite", "habitent", "vit", "vivent", "grandi", "déménage", "installé", "installée"),
    "es": ("nació", "nací", "nacido", "nacida", "vive", "vivo", "viven", "creció", "crecí", "mudó", "mudé", "muda"),
}
PLACE_VERB_LOOK_BACK_CHARS = 60
# After a place's name, nouns that only a place takes (lower case: "Hebden Bridge" is a town's own name, left to the rest).
_BEFORE_LANDMARK = re.compile(
    rf"({_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})\s+(?:bridge|river|county|airport|harbou?r|valley|district|province)\b"
)
# Phrases after which a person is where the next name is, even a town named with an everyday word ("grew up in Hull",
# "flying out to Nice", "moved to Reading"): a capitalised word there, mid-sentence, is the town. Not "from", "visit",
# "near", "went to" or "trip to": a sender, a shop or an event goes there too.
RESIDENCE_OR_JOURNEY = frozenset(
    "based in|lives in|live in|living in|lived in|moved to|moving to|relocated to|relocating to|born in|grew up in|flew to|"
    "fly to|flying to|drove to|driving to|stationed in|staying in|stay in|driving down to|driving up to|drove down to|"
    "drove up to|flying out to|flew out to|moving down to|moving up to|moved down to|moved up to".split("|")
)
# Teams and months are capitalised after those phrases too: "moved to Marketing", "based in Support".
_NOT_TOWNS = frozenset(
    "sales marketing finance support engineering legal operations product design research accounts procurement "
    "security compliance facilities admin hr it ops management january february march april may june july august "
    "september october november december monday tuesday wednesday thursday friday saturday sunday spring summer "
    "autumn fall winter christmas easter".split()
)
TOWN_PREFIXES = frozenset("san santa santo sant saint sainte st sankt bad".split())
_WRITTEN_POSTCODE = re.compile(r"\d{5}\s")
_INNER_PARTICLE = re.compile(r"\s(?:de|del|de la|des|du|am|an der|an|ob der|bei)\s")
_BARE_IN = {"en": re.compile(r"\b(?:in|to|near)\s+$"), "de": re.compile(r"\bin\s+$"), "fr": re.compile(r"\b[àa]\s+$"), "es": re.compile(r"\b(?:en|a)\s+$")}
_BARE_PLACE_WORD = re.compile(r"\b(?:in|at|to|near|en|nach|bei|à|a)\s+$", re.IGNORECASE)
_LINK = r"(?:\s+(?:de la|de las|de los|de|di|del|la|le|les|am|an|der|na|sur|lez|upon)\s+|\s+|-)"  # no "on": "Trondheim on Sunday"
# "Vlekkem is where my parents live": up to four words before "is where".
_BEFORE_IS_WHERE = re.compile(rf"(?<![\w'’-])({_PLACE_WORD}(?:{_LINK}{_PLACE_WORD}){{0,3}})(?=\s+(?:is|was|'s)\s+where\b)")


# Endings of German, Austrian and Swiss place names (Ortsnamen: -ingen, -hausen, -dorf, -zig …), which tools and
# abstract nouns after a bare "in" ("in Figma", "in Ordnung", "in Planung") do not have.
GERMAN_TOWN_ENDINGS = (
    "ingen", "hausen", "heim", "dorf", "burg", "berg", "stadt", "stedt", "feld", "felde", "bach", "hofen",
    "weiler", "wil", "rode", "leben", "born", "brück", "brücken", "kirchen", "furt", "hagen", "horn", "stein", "thal",
    "tal", "zell", "zig", "itz", "witz", "nitz", "ow", "münster", "bruck", "au", "ach", "beuren", "reuth", "stetten",
    "ried", "wang", "mont", "az", "oz", "ens", "ier", "ey", "aux",
)
TOWN_SHAPED_MAX_ZIPF = 3.0  # a word more common than this is an everyday word with a town's ending ("in Ordnung")


def is_german_town_shaped(phrase: str) -> bool:
    """Returns True when the last word of ``phrase`` ends like a German, Austrian or Swiss place name and is no common word."""
    last = re.split(r"[\s-]", phrase.strip())[-1].lower()
    endings = [e for e in GERMAN_TOWN_ENDINGS if last.endswith(e) and len(last) > len(e) + 2]
    # A rare word, or one English text names too ("Leipzig"): "Ordnung" and "Stein" are German words.
    rare_or_named = word_zipf(last, "de") < TOWN_SHAPED_MAX_ZIPF or 2.0 <= word_zipf(last, "en") < COMMON_ZIPF
    return bool(endings) and rare_or_named and not last.endswith(("ung", "ungen"))


# Verbs of moving work between tools: what follows their "from"/"to" is a tool unless a town list has it.
_MIGRATION_BEFORE = re.compile(
    # "moved" needs what was moved ("moved the dashboards from"): "we moved here from Kaapstad" is people moving.
    r"\b(?:mov(?:e|ed|es|ing)\s+(?:the|our|their|all|it|them|everything|this|that)\b(?:\s+\w+){0,3}?|"
    r"(?:switch(?:ed|es|ing)?|migrat(?:e|ed|es|ing)|port(?:ed|ing)?|upgrad(?:e|ed|ing)|export(?:ed|ing)?|"
    r"import(?:ed|ing)?|sync(?:ed|ing)?|deploy(?:ed|ing)?)(?:\s+(?:the|our|their|all|it|them|everything|\w+)){0,3}?)"
    r"\s+(?:from|to|into|onto)\s+(?:\S+\s+(?:to|into)\s+)?$",
    re.IGNORECASE,
)


def is_tool_moved_to(text: str, start: int, end: int) -> bool:
    """Returns True for one unlisted word after a verb of moving work and its "from"/"to": "moved the dashboards from Kibana
    to Grafana", "we moved to Kubernetes" (but "we moved to Dunfermline": a town list has it)."""
    span = text[start:end]
    if " " in span.strip() or span.lower() in place_lexicon() or span.lower() in PLACES:
        return False
    before = text[max(0, start - 60):start]
    return bool(_MIGRATION_BEFORE.search(re.split(r"[.!?;]", before)[-1]))


class ContextLocationRecognizer(EntityRecognizer):
    """Finds a capitalised place name after a preposition of place, in four languages."""

    def __init__(self, language: str = "en") -> None:
        super().__init__(supported_entities=["LOCATION"], name="ContextLocationRecognizer", supported_language=language)
        words = "|".join(re.escape(p) for p in sorted(PREPOSITIONS[language], key=len, reverse=True))
        self._pattern = re.compile(rf"(?i:\b(?:{words}))\s+({_PLACE_WORD}(?:{_LINK}{_PLACE_WORD}){{0,2}})")
        # Spanish "se mudó a Mérida", English "relocated the team to Dunfermline": only after a verb of place
        # English also "at Burgess Hill", "just outside Royal Tunbridge Wells", "out of IBADAN": listed towns only.
        bare = {"es": "in|im|en|à|a", "en": "in|to|near|at|outside|out of|around|via|towards"}.get(language, "in|im|en|à")
        self._after_bare_in = re.compile(rf"\b(?i:{bare})\s+({_PLACE_WORD}(?:{_LINK}{_PLACE_WORD}){{0,2}})")
        self._phrase_before = re.compile(rf"(?i:\b(?:{words}))\s+$")
        # A town after its postcode: "49126 Tübingen", "… null sechs Sissach".
        self._after_postcode = re.compile(rf"(?:\b\d{{5}}|(?:{_DIGIT_WORDS.get(language, 'zero')})[,]?)\s+({_PLACE_WORD}(?:{_LINK}{_PLACE_WORD}){{0,2}})")

    def load(self) -> None:  # rules only
        pass

    def _is_everyday_word(self, head: str) -> bool:
        """True for an everyday word ("from Monday", "aus Versehen"); a listed town or a German word that other languages use too is none."""
        lower = head.lower()
        if lower in place_lexicon():
            return False
        if not is_common_word(head, self.supported_language, 3.5):
            return False
        # German capitalises every noun, and "Leipzig" is as frequent as "Zukunft" (French and Spanish towns are frequent
        # words too); but only the town is written in English text as well ("nach Kiel" against "nach Hause", "aus Versehen").
        if self.supported_language in ("de", "fr", "es") and lower not in _CALENDAR:
            return not (2.0 <= word_zipf(head, "en") < COMMON_ZIPF)  # "à Toulouse", "en Zaragoza" too
        return True

    def follows_place_phrase(self, text: str, start: int, bare: bool = False) -> bool:
        """Returns True when the word at ``start`` comes right after a phrase of place ("originally from", "aus").

        ``bare`` also accepts a bare "in", "at", "to" or "near": enough to confirm what a model already calls a place.
        """
        before = text[max(0, start - LOOK_BACK_CHARS):start]  # a whole transcript's prefix would make this quadratic
        return bool(self._phrase_before.search(before) or bare and _BARE_PLACE_WORD.search(before)
                    or self.follows_place_verb(text, start))

    def follows_postcode(self, text: str, start: int, written: bool = False) -> bool:
        """Returns True when a postcode ends right before ``start`` ("49126 Tübingen", "… null sechs Sissach"; only figures when ``written``)."""
        match = self._after_postcode.search(text, max(0, start - LOOK_BACK_CHARS), min(len(text), start + LOOK_BACK_CHARS))
        while match is not None and match.start(1) < start:
            match = self._after_postcode.search(text, match.start(1), min(len(text), start + LOOK_BACK_CHARS))
        return match is not None and match.start(1) == start and (not written or bool(_WRITTEN_POSTCODE.match(match.group(0))))

    def follows_place_verb(self, text: str, start: int) -> bool:
        """Returns True when a bare "in"/"en"/"à" precedes ``start`` and a verb of place opened its sentence part ("geboren … in")."""
        bare_in = _BARE_IN.get(self.supported_language)
        before = text[max(0, start - PLACE_VERB_LOOK_BACK_CHARS):start]
        if bare_in is None or not bare_in.search(before):
            return False
        clause = re.split(r"[.!?;:]", before)[-1].lower()
        return any(re.search(rf"\b{verb}\b", clause) for verb in PLACE_VERBS[self.supported_language])

    @staticmethod
    def listed_town_length(run: str) -> int:
        """Returns the length of the longest listed town that opens the capitalised ``run`` ("Lyon Sarah" -> 4), 0 if none.

        A listed first name alone is no town here ("to Florence" may be said of a person).
        """
        first_names, _ = name_lexicon()
        words = list(re.finditer(r"\S+", run))
        for last in range(len(words) - 1, -1, -1):
            phrase = run[:words[last].end()]
            if phrase.lower() in place_lexicon() and (last > 0 or phrase.lower() not in first_names):
                return len(phrase)
        return 0

    def place_spans(self, text: str) -> set[tuple[int, int]]:
        """Returns the (start, end) of every place this recognizer finds in ``text``."""
        return {(r.start, r.end) for r in self.analyze(text, ["LOCATION"])}

    def analyze(self, text, entities, nlp_artifacts=None):
        """Returns a LOCATION RecognizerResult per place-shaped name after a preposition of place."""
        if "LOCATION" not in entities:
            return []
        first_names, surnames = name_lexicon()
        matches = [*self._pattern.finditer(text), *self._after_postcode.finditer(text)]
        # After a bare "in" ("in Figma", "in Quarantäne") only a listed town counts.
        matches += [m for m in self._after_bare_in.finditer(text)
                    if m.group(1).lower() in place_lexicon() or self.follows_place_verb(text, m.start(1))
                    or self.supported_language == "de" and is_german_town_shaped(m.group(1))]
        listed = {(m.start(1), m.end(1)) for m in matches}
        results = [
            RecognizerResult("LOCATION", m.start(1), m.start(1) + length, 0.7) for m in self._after_bare_in.finditer(text)
            if (m.start(1), m.end(1)) not in listed and (length := self.listed_town_length(m.group(1)))
        ] if self.supported_language == "en" else []
        for match in matches:
            place = match.group(1)
            if self.supported_language == "en" and is_tool_moved_to(text, match.start(1), match.end(1)):
                continue
            parts = re.split(r"[\s-]", place)
            head = parts[0]
            # "Santa Catalina", "Mora de Rubielos": a saint's name or a particle inside makes a town of a first name.
            town_shaped = len(parts) > 1 and (head.lower() in TOWN_PREFIXES or bool(_INNER_PARTICLE.search(place)))
            before = text[max(0, match.start(1) - LOOK_BACK_CHARS):match.start(1)].split()
            place_noun = bool(before) and before[-1].lower() in PLACE_NOUNS
            # "grew up in Puerto Cabezas", "from Santa Rosa": a town name's first word may be everyday or a first name.
            town_opener = self.supported_language == "en" and head != place and (
                head.lower() in PLACE_PREFIXES or place.lower() in place_lexicon())  # also "Royal Tunbridge Wells"
            # "51239 Melle": after a written postcode comes the town, even one named like a person.
            after_postcode = bool(_WRITTEN_POSTCODE.match(match.group(0)))
            lived_in = self.supported_language == "en" and self._after_residence_or_journey(text, match.start(1)) \
                and head.lower() not in _NOT_TOWNS and not _is_a_tool(place)
            if not town_opener and (
                    (self._is_everyday_word(head) and not place_noun and not town_shaped and not lived_in)
                    or head.lower() in first_names and not (town_shaped or after_postcode) or head == "I"):
                continue
            results.append(RecognizerResult("LOCATION", match.start(1), match.end(1), 0.5 if head.lower() in surnames else 0.7))
        if self.supported_language == "en":
            results += self._before_landmark_noun(text)
            results += self._said_to_be_lived_in(text)
        return results

    @staticmethod
    def _after_residence_or_journey(text: str, start: int) -> bool:
        """True when a phrase of residence or journey ends right before ``start`` ("grew up in", "flying out to")."""
        before = text[max(0, start - LOOK_BACK_CHARS):start].lower()
        return any(before.endswith(f"{phrase} ") and (len(before) == len(phrase) + 1 or not before[-len(phrase) - 2].isalnum())
                   for phrase in RESIDENCE_OR_JOURNEY)

    @staticmethod
    def _said_to_be_lived_in(text: str) -> list[RecognizerResult]:
        """"Vlekkem is where my parents live", "Danville is where she grew up": a capitalised name (no everyday word,
        no first name alone) that the sentence says someone lives in, grew up in or comes from."""
        from app.privacy.town_names import WHERE_SOMEONE_LIVES

        first_names, _ = name_lexicon()
        results = []
        for match in _BEFORE_IS_WHERE.finditer(text):
            place = match.group(1)
            if not WHERE_SOMEONE_LIVES.match(text[match.end(1):match.end(1) + 80]):
                continue
            words = re.split(r"[\s-]", place)
            while words and is_common_word(words[0], "en", 3.5) and words[0].lower() not in place_lexicon():
                words = words[1:]  # "This is where…", "Home is where…": everyday words open no place
            if not words or len(words) == 1 and words[0].lower() in first_names and words[0].lower() not in place_lexicon():
                continue
            start = match.end(1) - len(" ".join(words))
            if text[start:match.end(1)] != " ".join(words):
                continue
            results.append(RecognizerResult("LOCATION", start, match.end(1), 0.6))
        return results

    @staticmethod
    def _before_landmark_noun(text: str) -> list[RecognizerResult]:
        """"Glenross bridge", "the Tarbuck river": a rare or listed place name before a noun only places take."""
        results = []
        for match in _BEFORE_LANDMARK.finditer(text):
            last = re.split(r"[\s-]", match.group(1))[-1].lower()
            if last in place_lexicon() or not is_common_word(last, "en", TOWN_SHAPED_MAX_ZIPF):
                start = match.start(1)
                for word in re.finditer(r"\S+\s+", match.group(1)):  # "The Glenross bridge": the place starts after "The"
                    if not is_common_word(word.group().strip(), "en"):
                        break
                    start = match.start(1) + word.end()
                results.append(RecognizerResult("LOCATION", start, match.end(1), 0.6))
        return results
