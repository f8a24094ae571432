"""Hushnote's recognizers for PII as speech-to-text writes it (one recognizer per module), per language."""
from app.privacy.recognizers.address_recognizer import AddressRecognizer
from app.privacy.recognizers.context_location_recognizer import ContextLocationRecognizer
from app.privacy.recognizers.credential_recognizer import CredentialRecognizer
from app.privacy.recognizers.european_address_recognizer import EuropeanAddressRecognizer
from app.privacy.recognizers.european_date_recognizer import EuropeanDateRecognizer
from app.privacy.recognizers.introduced_code_recognizer import IntroducedCodeRecognizer
from app.privacy.recognizers.lexicon_name_recognizer import LexiconNameRecognizer
from app.privacy.recognizers.location_recognizer import LocationRecognizer
from app.privacy.recognizers.name_recognizer import NameRecognizer
from app.privacy.recognizers.postcode_recognizer import PostcodeRecognizer
from app.privacy.recognizers.spelled_name_recognizer import SpelledNameRecognizer
from app.privacy.recognizers.spoken_date_recognizer import SpokenDateRecognizer
from app.privacy.recognizers.spoken_email_recognizer import SpokenEmailRecognizer
from app.privacy.recognizers.spoken_ip_recognizer import SpokenIpRecognizer
from app.privacy.recognizers.spoken_number_recognizer import SpokenNumberRecognizer
from app.privacy.recognizers.url_recognizer import SpokenUrlRecognizer
from app.privacy.recognizers.username_recognizer import UsernameRecognizer


def hushnote_recognizers(language: str = "en") -> list:
    """Returns a fresh instance of every Hushnote recognizer for ``language`` ("en", "de", "fr" or "es")."""
    if language == "en":
        return [
            AddressRecognizer(),
            CredentialRecognizer(),
            LocationRecognizer(),
            NameRecognizer(),
            LexiconNameRecognizer("en"),
            SpelledNameRecognizer(),
            SpokenDateRecognizer(),
            SpokenEmailRecognizer(),
            SpokenIpRecognizer(),
            SpokenNumberRecognizer(),
            SpokenUrlRecognizer(),
            PostcodeRecognizer(),
            IntroducedCodeRecognizer("en"),
            UsernameRecognizer(),
            ContextLocationRecognizer("en"),
        ]
    return [
        EuropeanAddressRecognizer(language),
        EuropeanDateRecognizer(language),
        LexiconNameRecognizer(language),
        SpokenEmailRecognizer(language),
        SpokenNumberRecognizer(language),
        SpokenUrlRecognizer(language),
        IntroducedCodeRecognizer(language),
        ContextLocationRecognizer(language),
        *([LocationRecognizer("de")] if language == "de" else []),
    ]


def neutral_recognizers(language: str) -> list:
    """Returns Presidio's language-neutral recognizers (cards, emails, IBANs, IPs) registered for ``language``."""
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
    )

    return [cls(supported_language=language) for cls in (CreditCardRecognizer, EmailRecognizer, IbanRecognizer, IpRecognizer)]
