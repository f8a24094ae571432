"""German, French and Spanish: the words around a value decide what it is (towns, sources, invoices, IDs, phones).

Sentences written for these tests, each of a kind that failed on main: a
town after a postcode or a verb of place taken for a person, a source after
"laut"/"selon"/"según" missed, an address after "Rechnung" called an ID, a
Luhn-valid ID or phone called a card, a hyphenated domain cutting an email.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text


def found(analyzer, text: str, language: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language=language)]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Se mudó a Villanueva de la Serena en verano.", "es", ("LOCATION", "Villanueva de la Serena")),
        ("El paquete va a Calle Mayor 4, 28013 Villaviciosa de Odón.", "es", ("LOCATION", "Villaviciosa de Odón")),
        ("Nacida en 1975 en Santa Cruz de Bezana, vive ahora en Lugo.", "es", ("LOCATION", "Santa Cruz de Bezana")),
        ("Geboren wurde er 1980 in Hinterzarten.", "de", ("LOCATION", "Hinterzarten")),
        ("Laut Wischnewski kommt die Ware am Freitag.", "de", ("PERSON", "Wischnewski")),
        ("Selon Marchetti, la livraison arrive lundi.", "fr", ("PERSON", "Marchetti")),
        ("J'ai transmis le devis à Kerbrat hier soir.", "fr", ("PERSON", "Kerbrat")),  # "à" after a verb of sending
        ("Il déménage à Quimperlé en mai.", "fr", ("LOCATION", "Quimperlé")),
        ("On se retrouve à BORDEAUX jeudi.", "fr", ("LOCATION", "BORDEAUX")),  # a town as frequent as a word, in capitals
        ("Según Echeverría, el contrato ya está firmado.", "es", ("PERSON", "Echeverría")),
        ("Kurz vorab: Oluwaseun Adebayo leitet ab heute das Team.", "de", ("PERSON", "Oluwaseun Adebayo")),
        ("Die Rechnung geht an Birkenweg 12, 80331 München.", "de", ("ADDRESS", "Birkenweg 12, 80331")),
        ("Das Paket geht nach 49324 Melle, Frau Vogt holt es ab.", "de", ("LOCATION", "Melle")),  # a town named like a person
        ("Ich habe mit Patberg gesprochen.", "de", ("PERSON", "Patberg")),  # a surname ending like a street ("-berg")
        ("Bitte gib das an Gitta Häring weiter.", "de", ("PERSON", "Gitta Häring")),
        ("Wer ist Heinz-Josef Sorgatz?", "de", ("PERSON", "Heinz-Josef Sorgatz")),  # a hyphenated first name
        ("Unsere Filiale in Weißenhorn schließt.", "de", ("LOCATION", "Weißenhorn")),  # a town's ending after a bare "in"
        ("Jean Dupont arrive demain.", "fr", ("PERSON", "Jean Dupont")),  # a very common first name opening the sentence
        ("Escríbeme a ana punto gil arroba mi guion empresa punto es.", "es",
         ("EMAIL_ADDRESS", "ana punto gil arroba mi guion empresa punto es")),
    ],
)
def test_when_the_words_around_a_value_say_what_it_is_then_it_is_found_as_that(pii_analyzer, text, language, expected):
    assert expected in found(pii_analyzer, text, language)


@pytest.mark.parametrize(
    "text, language, expected",
    [
        # Both numbers pass the Luhn check by chance: the words around them say what they are.
        ("Meine Durchwahl ist +4930 2914 17776.", "de", ("PHONE_NUMBER", "4930 2914 17776")),
        ("Mon numéro de sécurité sociale est le 185057800603778.", "fr", ("ID_NUMBER", "185057800603778")),
    ],
)
def test_when_a_number_passes_the_card_checksum_by_chance_then_its_context_still_names_it(pii_analyzer, text, language, expected):
    assert found(pii_analyzer, text, language) == [expected]


@pytest.mark.parametrize(
    "text",
    ["Das ist in Ordnung.", "Wir arbeiten in Confluence und in Figma.", "Das Ticket ist in Bearbeitung.",
     "Das Modul ist in Python geschrieben.", "Wir sind in Kontakt mit der Rechtsabteilung."],
)
def test_when_a_capitalised_word_after_a_bare_in_is_a_noun_or_a_tool_then_it_is_no_place(pii_analyzer, text):
    assert found(pii_analyzer, text, "de") == []
