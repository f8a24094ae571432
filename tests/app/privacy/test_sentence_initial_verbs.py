"""A verb that opens a sentence is capitalised there, and is no name ("Hablé con …" is the reported case).

The sentences were written for these tests, unlike the dev sentences the rule
was tuned on; each failed on main before the rule (the verb was redacted as
a person or place). A name in the same sentence is still found, and a name
that opens a sentence before its verb stays a name.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text
from app.privacy.recognizers.verb_forms import is_verb_form, opens_with_verb


def found(analyzer, text: str, language: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language=language)]


@pytest.mark.parametrize(
    "text, language, names",
    [
        ("Compartí el enlace con Rodrigo esta mañana.", "es", ["Rodrigo"]),
        ("Hablé con Marta ayer sobre el presupuesto.", "es", ["Marta"]),
        ("Transférez le fichier à Mathilde.", "fr", ["Mathilde"]),
        ("Téléphonez au fournisseur avant midi.", "fr", []),
        ("Imprimez les badges pour jeudi.", "fr", []),
        ("Leite die Anfrage an Frau Kraus weiter.", "de", ["Kraus"]),
        ("Schenk Jana zum Abschied ein Buch.", "de", ["Jana"]),
        ("Klapp den Laptop zu, wir fangen an.", "de", []),
        ("Putz bitte noch das Whiteboard.", "de", []),
    ],
)
def test_when_a_sentence_opens_with_a_verb_then_the_verb_is_not_redacted_and_names_still_are(pii_analyzer, text, language, names):
    assert [value for kind, value in found(pii_analyzer, text, language) if kind in ("PERSON", "LOCATION")] == names


@pytest.mark.parametrize(
    "text, language, name",
    [
        ("Rodrigo compartió el enlace.", "es", "Rodrigo"),
        ("Mathilde a transféré le fichier.", "fr", "Mathilde"),
        ("Johanna hat das Protokoll verschickt.", "de", "Johanna"),
    ],
)
def test_when_a_name_opens_the_sentence_before_its_verb_then_it_is_still_a_name(pii_analyzer, text, language, name):
    assert ("PERSON", name) in found(pii_analyzer, text, language)


@pytest.mark.parametrize(
    "word, language, verb",
    [
        ("Olvidé", "es", True), ("Escríbele", "es", True), ("Confirmamos", "es", True), ("Rodrigo", "es", False),
        ("Signalez", "fr", True), ("Corrigeons", "fr", True), ("Bastien", "fr", False),
        ("Verschick", "de", True), ("Kopiere", "de", True), ("Besorgt", "de", True), ("Planung", "de", False),
        ("Kowalczyk", "de", False),
    ],
)
def test_when_a_word_is_a_form_of_a_verb_then_the_language_tables_say_so(word, language, verb):
    assert is_verb_form(word, language) is verb


@pytest.mark.parametrize(
    "text, language",
    [
        ("Franke und Lange haben angerufen.", "de"),  # a list of names: "und" follows
        ("Casado, Mora y Ruiz firmaron ayer.", "es"),
        ("Ich habe Leite gesagt, dass es später wird.", "de"),  # mid-sentence: the capital is the name's own
    ],
)
def test_when_a_verb_shaped_word_is_not_opening_a_sentence_as_its_verb_then_it_may_still_be_a_name(text, language):
    assert not opens_with_verb(text, 0 if text[0] != "I" else text.index("Leite"), language)
