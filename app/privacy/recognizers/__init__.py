"""Hushnote's recognizers for PII as speech-to-text writes it (one recognizer per module)."""
from app.privacy.recognizers.address_recognizer import AddressRecognizer
from app.privacy.recognizers.credential_recognizer import CredentialRecognizer
from app.privacy.recognizers.location_recognizer import LocationRecognizer
from app.privacy.recognizers.name_recognizer import NameRecognizer
from app.privacy.recognizers.spelled_name_recognizer import SpelledNameRecognizer
from app.privacy.recognizers.spoken_date_recognizer import SpokenDateRecognizer
from app.privacy.recognizers.spoken_email_recognizer import SpokenEmailRecognizer
from app.privacy.recognizers.spoken_ip_recognizer import SpokenIpRecognizer
from app.privacy.recognizers.spoken_number_recognizer import SpokenNumberRecognizer


def hushnote_recognizers() -> list:
    """Returns a fresh instance of every Hushnote recognizer."""
    return [
        AddressRecognizer(),
        CredentialRecognizer(),
        LocationRecognizer(),
        NameRecognizer(),
        SpelledNameRecognizer(),
        SpokenDateRecognizer(),
        SpokenEmailRecognizer(),
        SpokenIpRecognizer(),
        SpokenNumberRecognizer(),
    ]
