"""Calendar dates in German, French and Spanish: "3. März 1985", "dritten März", "1er mars 1985", "3 de marzo de 1985".

Only dates with a day or a year are kept, as in English: "im März" or "en
marzo" alone say little about a person.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

MONTHS = {
    "de": "januar jänner februar märz maerz april mai juni juli august september oktober november dezember",
    "fr": "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre décembre decembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre",
}
DAY_WORDS = {
    # German ordinals end in -te/-ten/-ter ("dritten", "einundzwanzigsten"); French and Spanish say cardinals.
    "de": r"(?:erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt|elft|zwölft|[a-zäöüß]+zehnt|[a-zäöüß]+zigst|[a-zäöüß]+ßigst)(?:e|en|er)",
    "fr": r"(?:premier|deuxième|troisième|quatrième|cinquième|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
          r"dix-sept|dix-huit|dix-neuf|vingt(?:[- ](?:et[- ])?(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf))?|trente(?:[- ]et[- ]un)?)",
    "es": r"(?:primero|segundo|tercero|cuarto|quinto|sexto|séptimo|octavo|noveno|décimo|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciséis|"
          r"diecisiete|dieciocho|diecinueve|veinte|veinti\w+|treinta(?: y uno)?)",
}
CONTEXT = {
    "de": ["geboren", "geburtsdatum", "geburtstag", "datum", "am"],
    "fr": ["né", "née", "naissance", "date", "anniversaire", "le"],
    "es": ["nací", "nacido", "nacida", "nacimiento", "fecha", "cumpleaños", "el"],
}


def date_patterns(language: str) -> list[Pattern]:
    """Returns the day-month(-year) and month-year patterns of ``language``."""
    month = r"(?:" + "|".join(MONTHS[language].split()) + r")"
    year = r"(?:\d{4}|\d{2})"
    if language == "de":
        day = rf"(?:\d{{1,2}}\.|{DAY_WORDS['de']})"
        return [Pattern("day month year", rf"\b{day}\s+{month}\b(?:\s+{year})?", 0.75),
                Pattern("month year", rf"\b{month}\s+\d{{4}}\b", 0.6),
                Pattern("numeric date", r"\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b", 0.6)]
    if language == "fr":
        day = rf"(?:\d{{1,2}}(?:er)?|1er|{DAY_WORDS['fr']})"
        return [Pattern("day month year", rf"\b{day}\s+{month}\b(?:\s+{year})?", 0.75),
                Pattern("month year", rf"\b{month}\s+\d{{4}}\b", 0.6),
                Pattern("numeric date", r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b", 0.6)]
    day = rf"(?:\d{{1,2}}|{DAY_WORDS['es']})"
    return [Pattern("day month year", rf"\b{day}\s+de\s+{month}\b(?:\s+(?:de|del)\s+{year})?", 0.75),
            Pattern("month year", rf"\b{month}\s+(?:de|del)\s+\d{{4}}\b", 0.6),
            Pattern("numeric date", r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b", 0.6)]


class EuropeanDateRecognizer(PatternRecognizer):
    """Finds German, French and Spanish calendar dates with a day or a year."""

    def __init__(self, language: str) -> None:
        super().__init__(supported_entity="DATE_TIME", name="EuropeanDateRecognizer", patterns=date_patterns(language),
                         context=CONTEXT[language], supported_language=language)
