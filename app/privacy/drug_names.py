"""Medicines named in clinics: "Amoxicillin is fine", "start her on Atorvastatin", "Omeprazole twenty milligrams".

spaCy's small model takes a capitalised drug for a person or a place. Drug
names are built from the stems the WHO's International Nonproprietary Names
give each class (-cillin, -statin, -prazole, -olol…), and no first name or
surname ends that way; a word a name list has is left to the other rules.
"""
from __future__ import annotations

from app.privacy.analyzer import Finding

DRUG_STEMS = (
    "cillin", "mycin", "micin", "cycline", "floxacin", "azole", "prazole", "olol", "pril", "sartan", "statin", "dipine",
    "parin", "formin", "gliptin", "glitazone", "triptan", "oxetine", "azepam", "azolam", "barbital", "caine", "profen",
    "fenac", "coxib", "ximab", "zumab", "umab", "tinib", "ciclovir", "clovir", "navir", "tidine", "setron", "semide",
    "thiazide", "lukast", "dronate", "tropium", "terol", "olone", "asone", "codone", "morphone", "phylline", "triptyline",
    "pramine", "zepine", "peridol", "apine", "idone", "vastatin", "gliflozin", "lutamide", "platin", "rubicin", "taxel",
)
MIN_LETTERS = 7


def names_a_drug(text: str, finding: Finding) -> bool:
    """Returns True for a one-word PERSON or LOCATION built on a drug class's stem ("Amoxicillin", "Atorvastatin")
    that no name list has."""
    if finding.entity_type not in ("PERSON", "LOCATION"):
        return False
    word = text[finding.start:finding.end].strip().lower()
    if " " in word or len(word) < MIN_LETTERS or not word.isalpha() or not word.endswith(DRUG_STEMS):
        return False
    from app.privacy.recognizers.name_lexicon import name_lexicon

    first_names, surnames = name_lexicon()
    return word not in first_names and word not in surnames
