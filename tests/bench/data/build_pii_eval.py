"""Builds the generated spoken-form PII sets, pii_eval_{en,de,fr,es}.jsonl (seeded, so the files are reproducible).

Sources Hushnote's recognizers were not written against:
- English templates: presidio-evaluator 0.3.2's ``templates.txt``, plus
  templates/en_extra.txt for kinds it barely has (postcodes, handles, plates…);
- German, French, Spanish templates: templates/{de,fr,es}.txt;
- values: Faker's en_US/en_GB/en_CA/de_DE/fr_FR/es_ES providers, and for
  people and cities presidio-evaluator's FakeNameGenerator sample (real
  international names, so they differ from the Faker lists the German name
  lexicon is built from); number words from ``num2words``;
- sentences without personal data: templates/{lang}_nonpii.txt.

Values are turned into ASR-like spoken forms (spoken_forms.py). The split is by
template: half the templates of each file are ``dev`` (look at errors, tune),
the other half ``test`` (report only). English also gets
pii_eval_en_fresh.jsonl: new fillings of the dev templates only, with another
seed (tuned on too: it shows whether a rule holds for values it was not found on). Run:
/work/main/.venv/bin/python tests/bench/data/build_pii_eval.py
"""
from __future__ import annotations

import csv
import json
import random
import re
import string
import sys
from pathlib import Path

from faker import Faker

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import spoken_forms as sf  # noqa: E402

SEED = 18
LANGUAGES = ("en", "de", "fr", "es")
FAKER_LOCALE = {"en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES"}
NAME_SETS = {"de": {"German"}, "fr": {"French"}, "es": {"Spanish"}}
CITY_COUNTRIES = {"de": {"DE", "AT", "CH"}, "fr": {"FR", "BE"}, "es": {"ES", "UY"}}
FILLS_PER_TEMPLATE = {"presidio": 2, "extra": 4, "language": 5}
PLACEHOLDER = re.compile(r"\{\{?([a-z_]+)\}?\}")


def presidio_raw_data() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("presidio_evaluator")
    return Path(spec.submodule_search_locations[0]) / "data_generator" / "raw_data"


class Values:
    """Draws one spoken-form value per placeholder: returns (text, entity type or None)."""

    def __init__(self, lang: str, rng: random.Random):
        self.lang, self.rng = lang, rng
        self.fake = Faker(FAKER_LOCALE[lang])
        self.fake.seed_instance(rng.randrange(1 << 30))
        self.gb, self.ca, self.us = Faker("en_GB"), Faker("en_CA"), Faker("en_US")
        for other in (self.gb, self.ca, self.us):
            other.seed_instance(rng.randrange(1 << 30))
        with open(presidio_raw_data() / "FakeNameGenerator.com_3000.csv", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        sets = NAME_SETS.get(lang)
        # Mostly local names, some from anywhere: meetings are international.
        self.people = [r for r in rows if sets is None or r["NameSet"] in sets]
        self.anyone = rows
        self.foreign = [r for r in rows if r["NameSet"] not in ("English", "American", "Australian", "Scottish")]
        countries = CITY_COUNTRIES.get(lang)
        self.cities = sorted({r["City"] for r in rows if countries is None or r["Country"] in countries})
        self.foreign_cities = sorted({r["City"] for r in rows if r["Country"] not in ("US", "GB", "CA", "AU", "NZ")})

    def person_row(self) -> dict:
        return self.rng.choice(self.anyone if self.rng.random() < 0.2 else self.people)

    def draw(self, name: str) -> tuple[str, str | None]:
        rng, lang, fake = self.rng, self.lang, self.fake
        person = {"person", "name", "name_female", "name_male", "foreign_person"}
        if name in person:
            row = rng.choice(self.foreign) if name == "foreign_person" else self.person_row()
            return f"{row['GivenName']} {row['Surname']}", "PERSON"
        if name.startswith("first_name") or name in ("first", "foreign_first"):
            row = rng.choice(self.foreign) if name == "foreign_first" else self.person_row()
            return row["GivenName"], "PERSON"
        if name.startswith("last_name") or name == "last":
            return self.person_row()["Surname"], "PERSON"
        if name in ("prefix_male", "prefix_female", "prefix"):
            return rng.choice({"prefix_male": ["Mr.", "Mr", "Dr."], "prefix_female": ["Ms.", "Mrs.", "Dr."]}.get(name, ["Dr."])), None
        if name == "city":
            return rng.choice(self.cities), "LOCATION"
        if name == "foreign_city":
            return rng.choice(self.foreign_cities), "LOCATION"
        if name == "country":
            return rng.choice(self.anyone)["CountryFull"], "LOCATION"
        if name == "state_abbr":
            return fake.state_abbr(), "LOCATION"
        if name == "address":
            street = f"{sf.say_house_number(fake.building_number(), lang, rng)} {fake.street_name()}"
            tail = rng.choice(["", f", {fake.city()}", f", {fake.city()}, {fake.state_abbr()} {self._zip()}"])
            return street + tail, "ADDRESS"
        if name == "street_name":
            return fake.street_name(), "ADDRESS"
        if name == "building_number":
            return sf.say_house_number(fake.building_number(), lang, rng), "ADDRESS"
        if name == "secondary_address":
            kind, number = fake.secondary_address().split(" ", 1)
            return f"{kind} {sf.number_form(number, lang, rng, 0.4)}", "ADDRESS"
        if name in ("postcode", "zipcode"):
            return self._zip(), "ADDRESS"
        if name == "uk_postcode":
            return sf.say_spelled(self.gb.postcode(), "en", rng), "ADDRESS"
        if name == "ca_postcode":
            return sf.say_spelled(self.ca.postalcode(), "en", rng), "ADDRESS"
        if name == "flat":
            return rng.choice([f"{rng.randint(1, 40)}{rng.choice(['', 'B', 'A'])}", sf.num2words(rng.randint(1, 40))]), "ADDRESS"
        if name == "street":
            return self._street(), "ADDRESS"
        if name in ("credit_card_number", "card"):
            digits = fake.credit_card_number(card_type=rng.choice(["visa16", "mastercard"]))
            written = " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))
            return sf.number_form(written, lang, rng, 0.5), "CREDIT_CARD"
        if name in ("phone_number", "phone"):
            return sf.number_form(fake.phone_number().split("x")[0].strip(), lang, rng), "PHONE_NUMBER"
        if name == "email":
            return sf.say_email(fake.free_email() if rng.random() < 0.6 else fake.email(), lang, rng), "EMAIL_ADDRESS"
        if name == "url":
            return sf.say_url(fake.url(), lang, rng), "URL"
        if name == "username":
            handle = fake.user_name()
            return rng.choice([handle, f"@{handle}", f"at {handle}"]), "USERNAME"
        if name == "iban":
            code = fake.iban()
            written = " ".join(code[i:i + 4] for i in range(0, len(code), 4))
            return (written if rng.random() < 0.7 else sf.say_spelled(code, lang, rng)), "IBAN_CODE"
        if name in ("date_of_birth", "dob", "date_time"):
            d = fake.date_of_birth(minimum_age=18, maximum_age=90)
            return sf.say_date(d.year, d.month, d.day, lang, rng), "DATE_TIME"
        if name == "ssn":
            return sf.number_form(self.us.ssn(), lang, rng, 0.5), "US_SSN"
        if name == "ip_address":
            ip = fake.ipv4_public()
            spoken = f" {sf.DOT[lang]} ".join(sf.say_digits(p, lang, rng) if rng.random() < 0.5 else sf.num2words(int(p), lang=lang) for p in ip.split("."))
            return (ip if rng.random() < 0.4 else spoken), "IP_ADDRESS"
        if name in ("us_driver_license",):
            code = rng.choice(string.ascii_uppercase) + "".join(rng.choice(string.digits) for _ in range(7))
            return sf.say_spelled(code, lang, rng), "ID_NUMBER"
        if name == "uk_plate":
            return sf.say_spelled(self.gb.license_plate(), "en", rng), "ID_NUMBER"
        if name == "plate":
            return sf.say_spelled(fake.license_plate(), lang, rng), "ID_NUMBER"
        if name in ("pin", "otp"):
            digits = "".join(rng.choice(string.digits) for _ in range(4 if name == "pin" else 6))
            return (digits if rng.random() < 0.4 else sf.say_digits(digits, lang, rng)), "CREDENTIAL"
        if name == "nhs_number":
            digits = "".join(rng.choice(string.digits) for _ in range(10))
            return sf.number_form(f"{digits[:3]} {digits[3:6]} {digits[6:]}", lang, rng), "MEDICAL_RECORD"
        if name == "ni_number":
            return sf.say_spelled(self.gb.ssn(), "en", rng), "ID_NUMBER"
        if name == "tax_id":
            return self._tax_id(), "ID_NUMBER"
        if name == "id_card":
            return self._id_card(), "ID_NUMBER"
        if name == "health":
            return self._health(), "MEDICAL_RECORD" if lang == "de" else "ID_NUMBER"
        if name == "organization":
            return fake.company(), None
        if name in ("nationality", "nation_woman", "nation_plural"):
            return rng.choice(["French", "Kenyan", "Brazilian", "Polish", "Japanese"]), None
        if name == "job":
            return fake.job(), None
        if name == "age":
            return str(rng.randint(19, 80)), None
        if name == "year":
            return str(rng.randint(1990, 2024)), None
        if name == "day_of_week":
            return fake.day_of_week(), None
        if name == "first_name_nonbinary":
            return self.person_row()["GivenName"], "PERSON"
        raise KeyError(name)

    def _zip(self) -> str:
        return sf.number_form(self.fake.postcode(), self.lang, self.rng, 0.4)

    def _street(self) -> str:
        rng, lang, fake = self.rng, self.lang, self.fake
        number = sf.say_house_number(str(rng.randint(1, 140)), lang, rng)
        street = fake.street_name()
        if lang == "fr":
            return f"{number} {street}"
        if lang == "es":
            return f"{street}{rng.choice([' número ', ', ', ' '])}{number}"
        return f"{street} {number}"

    def _tax_id(self) -> str:
        if self.lang == "es":
            return sf.say_spelled(self.fake.nie(), "es", self.rng)
        digits = "".join(self.rng.choice(string.digits) for _ in range(11 if self.lang == "de" else 13))
        return sf.number_form(" ".join(digits[i:i + 3] for i in range(0, len(digits), 3)), self.lang, self.rng)

    def _id_card(self) -> str:
        if self.lang == "es":
            return sf.say_spelled(self.fake.nif(), "es", self.rng)
        alphabet = "CFGHJKLMNPRTVWXYZ0123456789"
        code = "".join(self.rng.choice(alphabet) for _ in range(9 if self.lang == "de" else 12))
        return sf.say_spelled(code, self.lang, self.rng)

    def _health(self) -> str:
        if self.lang == "de":
            code = self.rng.choice(string.ascii_uppercase) + "".join(self.rng.choice(string.digits) for _ in range(9))
            return sf.say_spelled(code, "de", self.rng)
        if self.lang == "fr":
            digits = self.fake.ssn()
            return sf.number_form(f"{digits[0]} {digits[1:3]} {digits[3:5]} {digits[5:7]} {digits[7:10]} {digits[10:13]} {digits[13:]}", "fr", self.rng)
        digits = "".join(self.rng.choice(string.digits) for _ in range(12))
        return sf.number_form(f"{digits[:2]} {digits[2:10]} {digits[10:]}", "es", self.rng)


def fill(template: str, values: Values) -> dict:
    """Returns {text, spans} for one filling of ``template``; adjacent same-type values make one span."""
    text, spans, cursor = "", [], 0
    for match in PLACEHOLDER.finditer(template):
        text += template[cursor:match.start()]
        value, entity_type = values.draw(match.group(1))
        start = len(text)
        text += value
        if entity_type:
            gap = text[spans[-1]["end"]:start] if spans else None
            if spans and spans[-1]["entity_type"] == entity_type and gap is not None and re.fullmatch(r"[ ,]*", gap):
                spans[-1]["end"] = len(text)
            else:
                spans.append({"start": start, "end": len(text), "entity_type": entity_type})
        cursor = match.end()
    text += template[cursor:]
    for span in spans:
        span["text"] = text[span["start"]:span["end"]]
    return {"text": text, "spans": spans}


def read_lines(path: Path) -> list[str]:
    return [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]


def split_templates(templates: list[str], key: str) -> dict[str, str]:
    """Returns template -> "dev"/"test": half of them each, by a shuffle seeded with ``key`` alone (not the values drawn)."""
    order = sorted(set(templates))
    random.Random(f"{SEED}-split-{key}").shuffle(order)
    return {t: ("dev" if i % 2 == 0 else "test") for i, t in enumerate(order)}


def template_sets(lang: str) -> list[tuple[str, list[str], int]]:
    """Returns (source, templates, fillings per template) for ``lang``."""
    if lang == "en":
        presidio = [l for l in read_lines(presidio_raw_data() / "templates.txt") if "\ufffd" not in l]
        return [("presidio", presidio, FILLS_PER_TEMPLATE["presidio"]),
                ("extra", read_lines(HERE / "templates" / "en_extra.txt"), FILLS_PER_TEMPLATE["extra"])]
    return [("language", read_lines(HERE / "templates" / f"{lang}.txt"), FILLS_PER_TEMPLATE["language"])]


def build(lang: str) -> list[dict]:
    """Returns the records of ``lang``: filled templates, then sentences without personal data."""
    rng = random.Random(f"{SEED}-{lang}")
    random.seed(f"{SEED}-{lang}")  # some Faker providers (es_ES nif, cards) draw from the global generator
    values = Values(lang, rng)
    records: list[dict] = []
    for source, templates, fills in template_sets(lang):
        split = split_templates(templates, f"{lang}-{source}")
        for template_id, template in enumerate(templates):
            for _ in range(fills):
                # presidio-evaluator marks line breaks as a literal backslash-n; a transcript has a real break there.
                record = fill(template.replace("\\n", "\n"), values)
                record["text"] = sf.lower_like_asr(record["text"], rng) if not record["spans"] else record["text"]
                records.append({"lang": lang, "split": split[template], "source": source, "template": template_id, **record})
    clean = read_lines(HERE / "templates" / f"{lang}_nonpii.txt")
    split = split_templates(clean, f"{lang}-no-pii")
    for index, sentence in enumerate(clean):
        records.append({"lang": lang, "split": split[sentence], "source": "no-pii", "template": index, "text": sentence, "spans": []})
    return [{"id": i, **r} for i, r in enumerate(records)]


FRESH_SEED = 1018
FRESH_FILLS = 6


def build_fresh(lang: str) -> list[dict]:
    """Returns new fillings of the ``dev`` templates only (another seed, FRESH_FILLS each): the values change, the split does not.

    Tuning on the dev split's own few fillings learns its names and towns; this
    set shows whether a rule holds for other values of the same dev templates.
    """
    rng = random.Random(f"{FRESH_SEED}-{lang}")
    random.seed(f"{FRESH_SEED}-{lang}")
    values = Values(lang, rng)
    records: list[dict] = []
    for source, templates, _ in template_sets(lang):
        split = split_templates(templates, f"{lang}-{source}")
        for template_id, template in enumerate(templates):
            if split[template] != "dev":
                continue
            for _ in range(FRESH_FILLS):
                record = fill(template.replace("\\n", "\n"), values)
                record["text"] = sf.lower_like_asr(record["text"], rng) if not record["spans"] else record["text"]
                records.append({"lang": lang, "split": "dev-fresh", "source": source, "template": template_id, **record})
    return [{"id": i, **r} for i, r in enumerate(records)]


def write_records(path: Path, records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    for lang in LANGUAGES:
        records = build(lang)
        write_records(HERE / f"pii_eval_{lang}.jsonl", records)
        for split in ("dev", "test"):
            part = [r for r in records if r["split"] == split]
            print(f"{lang} {split}: {len(part)} sentences, {sum(len(r['spans']) for r in part)} PII items, "
                  f"{sum(1 for r in part if not r['spans'])} without PII")
    fresh = build_fresh("en")
    write_records(HERE / "pii_eval_en_fresh.jsonl", fresh)
    print(f"en dev-fresh: {len(fresh)} sentences, {sum(len(r['spans']) for r in fresh)} PII items")


if __name__ == "__main__":
    main()
