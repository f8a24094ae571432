"""The demo's leak check catches personal data in any spoken or written form."""
import pytest

from app.cli.cmd_demo import REFERENCE, leaked_items

pytestmark = pytest.mark.skipif(not REFERENCE.exists(), reason="the bundled sample is missing")


def test_redacted_text_has_no_leaks():
    assert leaked_items("I'm [PERSON_1]. My number is [PHONE_NUMBER_1], see you on [DATE_TIME_1].") == []


@pytest.mark.parametrize(
    "text,entity_type",
    [
        ("it is 555-314-8839", "PHONE_NUMBER"),
        ("it is five five five three one four", "PHONE_NUMBER"),
        ("see you on the fourteenth of may", "DATE_TIME"),
        ("thanks alex", "PERSON"),
    ],
)
def test_leaks_are_found_in_digits_and_words(text, entity_type):
    assert any(item.startswith(entity_type) for item in leaked_items(text))
