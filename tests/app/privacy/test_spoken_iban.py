"""Spoken IBANs in German, French and Spanish: the country code, every digit, and the checksum when all were heard.

The account numbers are valid IBANs (checksums computed, not copied from the
evaluation sets); the sentences were written for these tests.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text
from app.privacy.recognizers.spoken_iban_recognizer import SpokenIbanRecognizer, iban_checksum_valid


def ibans(text: str, language: str) -> list[tuple[str, float]]:
    results = SpokenIbanRecognizer(language).analyze(text, ["IBAN_CODE"])
    return [(text[r.start:r.end], r.score) for r in results]


@pytest.mark.parametrize("iban", ["DE89370400440532013000", "FR1420041010050500013M02606", "ES9121000418450200051332",
                                  "GB29NWBK60161331926819", "NL91ABNA0417164300"])
def test_when_an_iban_is_valid_then_its_checksum_passes_and_one_changed_digit_fails_it(iban):
    assert iban_checksum_valid(iban[:2], iban[2:])
    changed = iban[:-1] + str((int(iban[-1]) + 1) % 10)
    assert not iban_checksum_valid(changed[:2], changed[2:])


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Überweis es bitte auf DE acht neun, drei sieben null vier, null null vier vier, null fünf drei zwei, null eins drei null, null null.",
         "de", "DE acht neun, drei sieben null vier, null null vier vier, null fünf drei zwei, null eins drei null, null null"),
        ("Die Bankverbindung ist D E 89 3704 0044 0532 0130 00, danke.", "de", "D E 89 3704 0044 0532 0130 00"),
        ("Das Konto lautet DE89 37 04 00 44 05 32 01 30 00.", "de", "DE89 37 04 00 44 05 32 01 30 00"),
        ("Le virement part sur FR quatorze, vingt, zéro quatre, dix, dix, zéro cinq, zéro cinq, zéro zéro, zéro un, trois M zéro deux six zéro six.",
         "fr", "FR quatorze, vingt, zéro quatre, dix, dix, zéro cinq, zéro cinq, zéro zéro, zéro un, trois M zéro deux six zéro six"),
        ("Pour le remboursement, F-R 14 2004 1010 0505 0001 3M02 606.", "fr", "F-R 14 2004 1010 0505 0001 3M02 606"),
        ("La cuenta de la empresa es ES noventa y uno, veintiuno, cero cero, cero cuatro, dieciocho, cuarenta y cinco, cero dos, cero cero, cero cinco, trece, treinta y dos.",
         "es", "ES noventa y uno, veintiuno, cero cero, cero cuatro, dieciocho, cuarenta y cinco, cero dos, cero cero, cero cinco, trece, treinta y dos"),
        ("Para la transferencia: es 91 2100 0418 4502 0005 1332.", "es", "es 91 2100 0418 4502 0005 1332"),
    ],
)
def test_when_an_iban_is_spoken_then_the_whole_code_is_found_and_checked(text, language, expected):
    assert ibans(text, language) == [(expected, pytest.approx(0.95 if expected[0].isupper() else 0.9))]


def test_when_a_digit_was_misheard_after_a_country_code_in_capitals_then_the_account_is_still_found():
    text = "Meine IBAN: DE 89 3704 0044 0532 0131 00."  # one digit off: the checksum fails
    assert ibans(text, "de") == [("DE 89 3704 0044 0532 0131 00", pytest.approx(0.6))]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        # What Whisper base wrote for "E S noventa y uno, veintiuno…" said by espeak-ng: the code misheard, digits hyphenated.
        ("Miriva NS-91-21-00-04-1845-00-00-05-1335", "es", "NS-91-21-00-04-1845-00-00-05-1335"),
        ("Eliva NSS 91-21-00-00-04-18-45-00-00-00-00-00", "es", "NSS 91-21-00-00-04-18-45-00-00-00-00-00"),  # another run
        ("Die IBAN hab ich: 89 3704 0044 0532 0130 00.", "de", "89 3704 0044 0532 0130 00"),  # the code dropped, the checksum holds for DE
        ("Pour le virement, c'est le 14 2004 1010 0505 0001 3020 6.", "fr", "14 2004 1010 0505 0001 3020 6"),
    ],
)
def test_when_the_country_code_was_misheard_or_dropped_then_the_account_digits_are_still_found(text, language, expected):
    assert [found for found, _ in ibans(text, language)] == [expected]


@pytest.mark.parametrize(
    "text, language",
    [
        ("Das Archiv hat 12345678901234567890 Einträge.", "de"),  # a long run, but no bank, no code, no checksum
        ("Mi número de cuenta es 1234 5678 9012 3456 7890.", "es"),  # "es" is the verb, and no checksum holds
        ("Wir haben de facto 12 345 678 901 Zugriffe gezählt.", "de"),
        ("Die DE 2024 Konferenz hatte 300 Gäste.", "de"),  # a code in capitals, but four digits are no account
        ("Le dossier FR 12 est clos.", "fr"),
    ],
)
def test_when_letters_and_digits_only_look_like_an_iban_then_no_iban_is_found(text, language):
    assert ibans(text, language) == []


@pytest.mark.parametrize(
    "text, language, iban",
    [
        ("Bitte auf D E acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null überweisen.",
         "de", "D E acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null"),
        ("Mon RIB : FR76 3000 6000 0112 3456 7890 189.", "fr", "FR76 3000 6000 0112 3456 7890 189"),
        ("Te paso el IBAN: E S 91 21 00 04 18 45 02 00 05 13 32.", "es", "E S 91 21 00 04 18 45 02 00 05 13 32"),
    ],
)
def test_when_a_transcript_gives_an_iban_then_redaction_covers_the_country_code_too(pii_analyzer, text, language, iban):
    found = [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, pii_analyzer, language=language)]
    assert ("IBAN_CODE", iban) in found
