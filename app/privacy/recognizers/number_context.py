"""Per-language context words that tell which kind of personal number a digit run is.

English was tuned on the hand-written set; German, French and Spanish list the
words a speaker uses before a phone, card, ID or health number. German
compounds ("Telefonnummer", "Kartennummer") are matched by their parts.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NumberContext:
    """The words before a number that make it one kind of personal data, for one language."""

    credit_card: tuple[str, ...]
    ssn: tuple[str, ...]
    passport: tuple[str, ...]
    medical: tuple[str, ...]
    id_number: tuple[str, ...]
    credential: tuple[str, ...]
    phone: tuple[str, ...]
    phone_strong: tuple[str, ...]  # make a number a phone even next to ID words
    quantity_after: frozenset[str]  # a word after the number that makes it an amount
    postcode: tuple[str, ...] = ()
    code_words: tuple[str, ...] = ()  # a secret code said a few words before its digits
    not_secret_codes: tuple[str, ...] = ()
    # A code shared with everyone, or a system's, is no one's: "the coupon code is four four one two", "error code 503".
    shared_codes: tuple[str, ...] = ()
    card_tail: tuple[str, ...] = ("ending", "last", "ends")
    # Numbers of the business, not of a person: "the invoice number is …", "room two oh four", "version four".
    not_personal: tuple[str, ...] = ()
    # A meeting's own numbers, whatever other word is near: "the meeting ID is …", "dial in with code …".
    meeting_numbers: tuple[str, ...] = ()
    # Words that make "social" no US social security number: a Canadian social insurance number is an ID.
    not_ssn: tuple[str, ...] = ()
    compounds: bool = False  # match a context word inside a longer word (German)


ENGLISH = NumberContext(
    credit_card=("card", "visa", "mastercard", "amex", "american express", "credit", "debit", "card number"),
    ssn=("social security", "ssn", "social"),
    passport=("passport",),
    medical=("patient", "medical record", "mrn", "chart number", "record number", "health", "nhs", "hospital number"),
    id_number=(
        "account", "member", "membership", "policy", "license", "licence", "employee", "customer", "reference",
        "case number", "id", "badge", "insurance", "tax", "routing", "student", "order number", "claim",
        "registration", "plate", "national insurance", "social insurance", "sin", "frequent flyer", "frequent flier", "loyalty",
    ),
    meeting_numbers=("meeting id", "meeting number", "meeting code", "webinar id", "conference id", "conference code",
                     "dial in code", "dial-in code", "dial in with code", "dial in with", "participant code", "bridge number"),
    not_ssn=("social insurance",),
    credential=("pin", "passcode", "password", "security code", "cvv", "access code", "verification code", "code is",
                "one time code", "one-time code", "otp"),
    phone=("phone", "call", "number", "cell", "mobile", "reach", "text", "fax", "extension", "dial", "ring"),
    phone_strong=("phone", "call", "cell", "mobile", "reach", "text", "fax", "dial", "ring", "landline", "hotline"),
    postcode=("zip", "zip code", "postcode", "post code", "postal code"),
    code_words=("code", "pin", "otp", "passcode"),
    not_secret_codes=("area code", "country code", "zip code", "post code", "postal code", "dial code", "sort code"),
    shared_codes=("promo code", "promotional code", "discount code", "voucher code", "coupon code", "error code",
                  "status code", "product code", "course code"),
    not_personal=("invoice", "purchase order", "po", "ticket", "room", "version", "error", "build", "release", "sprint",
                  "issue", "bug", "pull request", "item", "page", "slide", "chapter", "section", "step", "sku",
                  "part number", "model number", "serial", "batch", "lot", "gate", "platform", "table", "question"),
    quantity_after=frozenset({
        "dollars", "euros", "pounds", "percent", "people", "units", "users", "years", "minutes", "hours", "seconds",
        "days", "weeks", "months", "miles", "kilometers", "items", "copies", "times", "points", "k", "million", "billion",
    }),
)
GERMAN = NumberContext(
    credit_card=("karte", "kreditkarte", "visa", "mastercard"),
    ssn=("sozialversicherung",),
    passport=("reisepass", "pass"),
    medical=("versicherten", "krankenversicherung", "krankenkasse", "patient", "gesundheitskarte"),
    # "Rechnungsnummer", "Vertragsnummer": the plain "Rechnung" or "Vertrag" is an invoice or contract, and the
    # digits after "Die Rechnung geht an Hauptstraße 7, 10115 …" are an address.
    id_number=("steuer", "ausweis", "kunden", "konto", "mitglied", "vertragsnummer", "kennzeichen", "rechnungsnummer", "referenz",
               "aktenzeichen", "personal", "führerschein", "id"),
    credential=("pin", "passwort", "kennwort", "code", "tan", "geheimzahl"),
    phone=("telefon", "nummer", "handy", "mobil", "erreichen", "erreichbar", "anrufen", "rufen", "durchwahl",
           "festnetz", "fax"),
    phone_strong=("telefon", "handy", "mobil", "erreichen", "erreichbar", "anrufen", "rufen", "fax", "durchwahl"),
    quantity_after=frozenset({
        "euro", "prozent", "leute", "personen", "minuten", "stunden", "sekunden", "tage", "tagen", "wochen", "monate",
        "monaten", "jahre", "jahren", "kilometer", "stück", "mal", "seiten", "millionen", "tausend",
    }),
    postcode=("postleitzahl", "plz"),
    code_words=("code", "pin", "tan"),
    not_secret_codes=("vorwahl", "ländercode"),
    card_tail=("endet", "letzten"),
    compounds=True,
)
FRENCH = NumberContext(
    credit_card=("carte bancaire", "carte de crédit", "carte", "visa", "mastercard"),
    ssn=(),
    passport=("passeport",),
    medical=("carte vitale", "dossier médical", "patient", "mutuelle"),
    id_number=("sécurité sociale", "identité", "fiscal", "client", "compte", "contrat", "dossier", "référence",
               "plaque", "immatriculation", "adhérent", "permis", "insee"),
    credential=("pin", "code", "mot de passe"),
    phone=("téléphone", "portable", "joindre", "appeler", "rappeler", "appelle", "rappelle", "fixe", "numéro",
           "mobile", "fax"),
    phone_strong=("téléphone", "portable", "joindre", "appeler", "rappeler", "appelle", "rappelle", "mobile", "fax"),
    quantity_after=frozenset({
        "euros", "pour", "personnes", "minutes", "heures", "secondes", "jours", "semaines", "mois", "ans", "années",
        "kilomètres", "fois", "pages", "millions", "mille",
    }),
    postcode=("code postal",),
    code_words=("code",),
    not_secret_codes=("code postal", "indicatif"),
    card_tail=("termine", "finissant", "derniers"),
)
SPANISH = NumberContext(
    credit_card=("tarjeta", "visa", "mastercard"),
    ssn=(),
    passport=("pasaporte",),
    medical=("historia clínica", "paciente", "tarjeta sanitaria"),
    id_number=("dni", "nie", "nif", "seguridad social", "identidad", "cliente", "cuenta", "contrato", "expediente",
               "referencia", "matrícula", "socio", "carnet"),
    credential=("pin", "código", "contraseña", "clave"),
    phone=("teléfono", "móvil", "llamar", "llámame", "llamarme", "localizar", "fijo", "número", "celular", "fax"),
    phone_strong=("teléfono", "móvil", "llamar", "llámame", "llamarme", "localizar", "celular", "fax"),
    quantity_after=frozenset({
        "euros", "por", "personas", "minutos", "horas", "segundos", "días", "semanas", "meses", "años",
        "kilómetros", "veces", "páginas", "millones", "mil",
    }),
    postcode=("código postal", "cp"),
    code_words=("código", "clave", "pin"),
    not_secret_codes=("código postal", "prefijo"),
    card_tail=("termina", "últimos"),
)
NUMBER_CONTEXTS = {"en": ENGLISH, "de": GERMAN, "fr": FRENCH, "es": SPANISH}
