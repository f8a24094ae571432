"""An English name that opens a sentence as its verb: "Bill them for the extra day", "Mark it as blocked",
"Sue the contractor", "Will we have the numbers", "Hope you're well".

Many first names are also verbs, and at a sentence's start the capital says
nothing. A name there is followed by what the person does ("Mark said",
"Bill is out"); a verb by its object ("them", "the contractor") or, for
"will" and the like, by its subject ("we"). Whether the word can be a verb
comes from the list of English verbs in the lemmatizer tables that ship
inside the spaCy pipeline, not from a list typed here.
"""
from __future__ import annotations

import re
from functools import lru_cache

from app.privacy.analyzer import Finding

# Words that follow a verb and never a person's name directly: an object, a determiner, a subject after an auxiliary.
OBJECT_OR_SUBJECT_AFTER = frozenset(
    "them it him her us me this these those everyone everybody the a an my our your their his its all any some every "
    "we you they i he she".split()
)
_FOLLOWING = re.compile(r"^ ([a-z]+)\b")


@lru_cache(maxsize=1)
def english_verbs() -> frozenset[str]:
    """Returns the base forms of the English verbs listed in en_core_web_sm's lemmatizer tables."""
    from spacy.lookups import Lookups

    from app.privacy.spacy_models import spacy_model_folder
    from app.privacy.languages import profile_for

    folder = spacy_model_folder(package=profile_for("en").spacy_package)
    tables = Lookups().from_disk(folder / "lemmatizer" / "lookups")
    return frozenset(tables.get_table("lemma_index").get("verb", ()))


def opens_as_a_verb(text: str, finding: Finding) -> bool:
    """Returns True when a one-word PERSON opens a sentence as its verb: a base English verb followed by an object or,
    as auxiliaries are, by a subject ("Bill them…", "Will we…"); False for "Mark said…", "Bill, them…"."""
    if finding.entity_type != "PERSON":
        return False
    word = text[finding.start:finding.end]
    before = text[:finding.start].rstrip()
    if " " in word.strip() or before and before[-1] not in ".!?:\n\"“":
        return False
    following = _FOLLOWING.match(text[finding.end:finding.end + 20])
    return following is not None and following.group(1) in OBJECT_OR_SUBJECT_AFTER and word.lower() in english_verbs()
