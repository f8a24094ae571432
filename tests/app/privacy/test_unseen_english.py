"""English personal data in shapes the first recognizers missed: address blocks, rare names, spoken IBANs, titles.

Each rule was found on the generated dev split; the sentences here are written
fresh (other names, towns, tools and wording), and each rule has cases where it
must not fire.
"""
from __future__ import annotations

import pytest

from app.privacy.detect import find_pii_in_text
from app.privacy.recognizers.spelled_iban_recognizer import iban_checksum_ok
from app.privacy.recognizers.transliterate import romanise


def found(analyzer, text: str) -> list[tuple[str, str]]:
    return [(f.entity_type, text[f.start:f.end]) for f in find_pii_in_text(text, analyzer, language="en")]


def test_when_an_address_is_written_as_a_block_then_town_country_postcode_and_recipient_are_found(pii_analyzer):
    text = "Deliver to:\nMarguerite Okonjo\n1452 Copperfield Hollow\nUnit 9\nTarnowskie Góry\nPoland 42600"
    items = found(pii_analyzer, text)
    assert ("PERSON", "Marguerite Okonjo") in items
    covered = " ".join(value for kind, value in items if kind == "ADDRESS")
    for part in ("1452 Copperfield Hollow", "Tarnowskie Góry", "Poland 42600"):
        assert part in covered


def test_when_a_block_spells_its_postcode_then_it_is_part_of_the_address_not_an_id(pii_analyzer):
    text = "Sigrún Hallsdóttir\n88 Marsh Turnpike\nKópavogur\nfour one two oh six"
    items = found(pii_analyzer, text)
    assert ("ADDRESS", "four one two oh six") in items
    assert not [kind for kind, _ in items if kind in ("ID_NUMBER", "PHONE_NUMBER")]


def test_when_a_firm_heads_an_address_block_then_its_partners_are_no_people(pii_analyzer):
    text = "Halvorsen, Quist and Abara\n17 Bellamy Crossing\nVilleneuve-Loubet\nFR"
    items = found(pii_analyzer, text)
    assert not [value for kind, value in items if kind == "PERSON"]
    assert ("ADDRESS", "17 Bellamy Crossing") in items


def test_when_lines_after_a_street_are_sentences_then_they_stay_untouched(pii_analyzer):
    text = "I live at 12 Orchard Lane.\nThe meeting starts at nine.\nWe should invite the whole team."
    assert found(pii_analyzer, text) == [("ADDRESS", "12 Orchard Lane")]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Nobuhle replied within minutes.", "Nobuhle"),
        ("Wenceslas lives on the east side now.", "Wenceslas"),
        ("Thanks, Oyelowo, that was useful.", "Oyelowo"),
        ("I am reading the Takahashi biography.", "Takahashi"),
        ("The Hargreaves report is due Friday.", "Hargreaves"),
        ("We met at Ingrid's flat after work.", "Ingrid"),
        ("I met Svetlana Kuznetsova at the conference.", "Svetlana Kuznetsova"),
    ],
)
def test_when_a_rare_name_sits_where_only_people_go_then_it_is_a_person(pii_analyzer, text, name):
    persons = [value for kind, value in found(pii_analyzer, text) if kind == "PERSON"]
    assert any(name in value for value in persons)


@pytest.mark.parametrize(
    "text",
    [
        "Kubernetes restarted the pods overnight.",
        "I am recording this for the notes.",
        "Let's go through the March figures.",
        "Sweet Caroline is a song everyone knows.",
        "We played Hotel California twice.",
        "The Phoenix report is due Friday.",
        "The Quarterly Review starts after lunch.",
        "Britain voted on leaving the European Union in 2016.",
    ],
)
def test_when_a_sentence_holds_no_personal_data_then_nothing_is_flagged(pii_analyzer, text):
    assert found(pii_analyzer, text) == []


@pytest.mark.parametrize(
    "text, place",
    [
        ("She grew up in Puerto Cabezas before moving.", "Puerto Cabezas"),
        ("He is originally from Sidi Bennour.", "Sidi Bennour"),
        ("The Oakridge bridge is closed for repairs.", "Oakridge"),
    ],
)
def test_when_an_unlisted_town_follows_a_phrase_of_place_then_it_is_a_place_not_a_person(pii_analyzer, text, place):
    items = found(pii_analyzer, text)
    assert ("LOCATION", place) in items
    assert not [kind for kind, _ in items if kind == "PERSON"]


@pytest.mark.parametrize(
    "text, person",
    [
        ("I met Officer Ramirez at the station.", "Ramirez"),
        ("Yesterday Anna called about the invoice.", "Anna"),
    ],
)
def test_when_a_title_or_sentence_opener_stands_before_a_name_then_the_name_is_kept(pii_analyzer, text, person):
    assert ("PERSON", person) in found(pii_analyzer, text)


def test_when_an_iban_is_spoken_letter_by_letter_then_it_is_found_without_the_word_iban(pii_analyzer):
    code = "N L nine one A B N A zero four one seven one six four three zero zero"
    assert found(pii_analyzer, f"Please wire it to {code}.") == [("IBAN_CODE", code)]


def test_when_a_spelled_code_fails_the_iban_checksum_then_it_is_no_iban(pii_analyzer):
    text = "The reference is N L nine one A B N A zero four one seven one six four three zero one."
    assert "IBAN_CODE" not in [kind for kind, _ in found(pii_analyzer, text)]


@pytest.mark.parametrize("code, valid", [("GB82WEST12345698765432", True), ("GB82WEST12345698765431", False), ("NL91ABNA0417164300", True)])
def test_iban_checksum(code, valid):
    assert iban_checksum_ok(code) is valid


@pytest.mark.parametrize("name, latin", [("Ермолаева", "yermolayeva"), ("Кузнецов", "kuznetsov"), ("Αβραμίδης", "avramidis"), ("Okafor", "okafor")])
def test_when_a_name_is_in_cyrillic_or_greek_then_it_is_romanised_as_english_text_spells_it(name, latin):
    assert romanise(name) == latin


def test_when_a_rare_word_is_listed_with_a_found_name_then_it_is_a_person_too(pii_analyzer):
    text = "Ingrid Brandt and Quennell signed the contract."
    persons = [value for kind, value in found(pii_analyzer, text) if kind == "PERSON"]
    assert "Quennell" in " ".join(persons)


def test_when_an_everyday_word_is_listed_with_a_name_then_it_stays(pii_analyzer):
    assert found(pii_analyzer, "Anna and Support will handle the refund.") == [("PERSON", "Anna")]


def test_when_a_name_is_spelled_out_after_a_comma_then_the_letters_are_no_title_opener(pii_analyzer):
    text = "That's Quigley, Q U I G L E Y."
    assert ("PERSON", "Q U I G L E Y") in found(pii_analyzer, text)


@pytest.mark.parametrize("text, street", [("He lives on Christian Way, near the park.", "Christian Way"), ("The depot is on Megan Union street.", "Megan Union")])
def test_when_a_street_is_named_after_a_person_then_it_is_still_an_address(pii_analyzer, text, street):
    assert ("ADDRESS", street) in found(pii_analyzer, text)


@pytest.mark.parametrize("text", ["The upgrade broke the Zabbix alerts again.", "The stand-up moves to the Hopper room."])
def test_when_a_rare_unlisted_word_names_a_tool_or_room_then_it_is_no_person(pii_analyzer, text):
    assert [kind for kind, _ in found(pii_analyzer, text) if kind == "PERSON"] == []


def test_when_a_town_follows_a_street_address_then_it_is_part_of_the_address(pii_analyzer):
    text = "The parcel went to 7 Thistle Close, Framlingham."
    items = found(pii_analyzer, text)
    assert any(kind == "ADDRESS" and "Framlingham" in value for kind, value in items)
    assert "PERSON" not in [kind for kind, _ in items]


def test_when_a_double_barrelled_surname_stands_without_title_or_first_name_then_it_is_a_firm(pii_analyzer):
    from app.privacy.detect import _firm_spans

    text = "Parker-Lewis songwriter Ella Quint uses office jargon."
    assert _firm_spans(text) == [(0, len("Parker-Lewis"))]
    assert _firm_spans("I had lunch with Tom Parker-Lewis.") == []
    assert ("PERSON", "Abernethy-Gould") in found(pii_analyzer, "Please copy Mr. Abernethy-Gould on the reply.")
