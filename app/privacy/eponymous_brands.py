"""Assistants, firms and brands named like people: "Alexa, set a timer", "Heinz wants the storyboards", "Colgate sent
a brief", "Ernst and Young did the audit", "Earl Grey is the only tea that sells".

A name list has "Alexa", "Heinz" and "Colgate", and the small English model
takes a capitalised word before a verb for a person, so these read as people.
Which firms carry a founder's name is a fact about the world, not about the
sentence, like the product names of :mod:`app.privacy.product_names`; the list
below holds well-known ones a meeting names (household brands, publishers,
retailers, banks, auditors, car makers, fashion houses, hotels, drinks), and
voice and chat assistants. A given name that many people carry ("Tiffany",
"Mercedes", "Wendy") is left out, and so are names that are a person's
possessive as often as a shop's ("McDonald's", "Christie's", "Levi's").

Such a word stays a person where only a person fits: after a title or a word
that introduces someone ("Mr. Heinz", "my colleague Dyson"), before speech or
being away ("Ford said", "Dell is off today"), or when a first name opens it
("Michael Dell" is one span, not this lone word). One that a name list has as
a surname or first name ("Bentley", "Hoover", "Heinz") also stays a person
wherever :func:`app.privacy.lone_name.in_person_slot` finds a person's slot
("Bentley wants the contract back", "Heinz wants the storyboards": the rule
leans to hiding). Assistants are spoken to and asked things as people are
("Alexa, play the radio", "ask Siri"), so only a title or a person's relation
keeps one a person ("my daughter Alexa").
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.privacy.analyzer import Finding

ASSISTANTS = frozenset("alexa siri cortana bixby copilot chatgpt gemini".split())

# Firms, brands and houses named after a person (founder, partner or patron), as speech recognition writes them.
# "and" stands for "&" too. A name written with "'s" is the firm only so ("Sotheby's", "Sainsbury's"), with
# or without the apostrophe ("Sainsburys"); for the others a possessive "'s" is allowed.
FIRMS_NAMED_AFTER_PEOPLE = (
    # Household brands, food and drink
    "Heinz", "Colgate", "Palmolive", "Kellogg's", "Cadbury", "Nestle", "Nestlé", "Hershey", "Kraft", "Heineken",
    "Guinness", "Jameson", "Smirnoff", "Bacardi", "Gillette", "Wrigley", "Twinings", "Tetley", "Lipton", "Ferrero",
    "Barilla", "Lavazza", "Earl Grey", "Jack Daniel's", "Johnnie Walker", "Jim Beam", "Captain Morgan", "Moet", "Moët",
    "Hennessy", "Cointreau", "Baileys", "Tanqueray", "Dr Pepper", "Ben and Jerry's", "Nando's", "Greggs",
    "Birds Eye", "Mr Kipling", "Uncle Ben's",
    # Retailers
    "Sainsbury's", "Waitrose", "Morrisons", "Selfridges", "Debenhams", "Harrods", "Harvey Nichols", "John Lewis",
    "Marks and Spencer", "WH Smith", "Waterstones", "Foyles", "Walgreens", "Macy's", "Nordstrom", "Boots", "Sotheby's",
    # Publishers and media
    "Heinemann", "Harper Collins", "HarperCollins", "Macmillan", "Simon and Schuster", "Routledge", "Wiley",
    "Elsevier", "Reuters", "Bloomberg", "Dow Jones",
    # Banks, auditors, consultancies
    "Barclays", "Lloyds", "Rothschild", "Schroders", "Lazard", "Goldman Sachs", "Morgan Stanley", "JP Morgan",
    "Merrill Lynch", "Charles Schwab", "Deloitte", "Ernst and Young", "Ernest and Young", "McKinsey",
    # Makers: cars, machines, electronics, medicines
    "Ford", "Dell", "Hewlett Packard", "Ferrari", "Porsche", "Lamborghini", "Maserati", "Bugatti", "Rolls Royce",
    "Bentley", "Aston Martin", "Chrysler", "Chevrolet", "Citroen", "Citroën", "Peugeot", "Renault", "Michelin",
    "Boeing", "Siemens", "Bosch", "Dyson", "Hoover", "Miele", "Kenwood", "Russell Hobbs", "Black and Decker",
    "Steinway", "Fender", "Pfizer", "Bayer", "Johnson and Johnson", "Procter and Gamble",
    # Fashion and hotels
    "Chanel", "Gucci", "Prada", "Armani", "Versace", "Dior", "Hermes", "Hermès", "Cartier", "Louis Vuitton",
    "Calvin Klein", "Ralph Lauren", "Tommy Hilfiger", "Hugo Boss", "Dolce and Gabbana", "Burberry",
    "Swarovski", "Marriott", "Hyatt", "Radisson", "Radisson Blu", "Sheraton", "Ritz",
)


@lru_cache(maxsize=1)
def _firm_pattern() -> re.Pattern[str]:
    names = sorted(FIRMS_NAMED_AFTER_PEOPLE, key=len, reverse=True)
    def pattern(name: str) -> str:
        possessive = name.endswith("'s")
        words = name.removesuffix("'s").split()
        joined = r"\s+".join(r"(?:and|&)" if word == "and" else re.escape(word) for word in words)
        return joined + (r"(?:'s|’s|s)" if possessive else r"(?:'s|’s)?")

    return re.compile(rf"(?<![\w-])(?:{'|'.join(pattern(name) for name in names)})(?![\w-])")


_TITLE_OR_RELATION_BEFORE = re.compile(
    r"\b(?:mr|mrs|ms|miss|mx|dr|doctor|professor|prof|sir|madam|dame|lady|lord|dear|my|our|his|her|their|"
    r"daughter|son|wife|husband|partner|sister|brother|mum|mom|dad|niece|nephew|cousin|friend|colleague|"
    r"neighbou?r|client|patient|student|pupil|manager|boss|called|named)\.?,?\s+$",
    re.IGNORECASE,
)
_RELATION_AFTER = re.compile(
    r"^(?:'s|’s)\s+(?:wife|husband|partner|son|daughter|kids|children|mother|father|mum|mom|dad|brother|sister|"
    r"family|birthday|wedding|funeral)\b"
)


_NAME_ASKED = re.compile(r"\bname(?:'s|’s|\s+is|\?|:)?,?\s*$", re.IGNORECASE)


def names_an_assistant(text: str, finding: Finding) -> bool:
    """Returns True when a one-word PERSON is a voice or chat assistant's name ("Alexa keeps ordering…", "Siri
    misheard…", "ask Alexa"), unless a title or a person's relation goes with it ("my niece Alexa", "Alexa's mum")."""
    if finding.entity_type != "PERSON":
        return False
    span = text[finding.start:finding.end].strip()
    name = span.removesuffix("'s").removesuffix("’s")
    if name.lower() not in ASSISTANTS:
        return False
    end = finding.start + len(name)
    return not (_TITLE_OR_RELATION_BEFORE.search(text[max(0, finding.start - 25):finding.start])
                or _RELATION_AFTER.match(text[end:end + 20]))


def names_a_firm_after_someone(text: str, finding: Finding) -> bool:
    """Returns True when a PERSON or LOCATION lies within a well-known firm's or brand's name that a person's name
    makes ("Heinz", "Harper Collins", "Ernst and Young", "Earl Grey"), outside the slots that keep it a person (see
    the module's docstring)."""
    if finding.entity_type not in ("PERSON", "LOCATION"):
        return False
    window_start = max(0, finding.start - 40)
    window = text[window_start:finding.end + 40]
    for match in _firm_pattern().finditer(window):
        start, end = window_start + match.start(), window_start + match.end()
        if start <= finding.start and finding.end <= end:
            break
    else:
        return False
    from app.privacy.product_names import person_context

    if person_context(text, start, end) or _NAME_ASKED.search(text[max(0, start - 25):start]):
        return False
    from app.privacy.lone_name import in_person_slot
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    name = text[start:end].removesuffix("'s").removesuffix("’s").lower()
    if (name in first_names or name in surnames) and in_person_slot(text, start, end):
        return False  # "Bentley wants the contract back", "ask Hoover": a listed surname where a person fits stays one
    first_name_before = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, start - 20):start])
    if first_name_before:
        return first_name_before.group(1).lower() not in first_names  # "Michael Dell" is a person
    return True
