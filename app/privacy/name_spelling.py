"""Is a word the recogniser wrote a misspelling of a person's name ("Sean" for "Shaun", "Volcov" for "Volkov")?

Whisper writes an unusual name the way it is most often spelt ("Shaun" as
"Sean", "Geoff Tayler" as "Jeff Taylor", "Dmitri" as "Demetri", "Katelyn"
as "Caitlin"), so a person removed at their request would keep their name
in the text wherever it is spelt otherwise. A word is a *close spelling* of
a name part when the two are alike letter by letter (rapidfuzz's normalised
Indel similarity, :data:`CLOSE_RATIO`), or sound alike (the same consonant
skeleton, ``app.vocabulary.sounds``) and still share half their letters. It
must also be something a name can be: a known first name or surname, or a
word rare in everyday language, so that "Bakery" never stands for "Baker".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CLOSE_RATIO = 80.0
"""Letter similarity (0–100) at or above which a word is a spelling of a name part ("Bakker" for "Baker": 91)."""
SOUND_RATIO = 55.0
"""With the same consonant skeleton, this letter similarity is enough ("Sean" for "Shaun": 67; "Sun": 50)."""
RARE_ZIPF = 3.0
"""A word not in the name lists must be rarer than this (wordfreq's Zipf scale; "bakery" 3.7, "Demetri" 2.2)."""
MIN_PART = 3
"""Name parts shorter than this are never matched by spelling ("Al", "Jo")."""


def _plain(word: str) -> str:
    """Returns ``word`` in lower case, accents and a possessive ('s) removed."""
    word = re.sub(r"['’]s$", "", word.strip(), flags=re.IGNORECASE)
    return "".join(ch for ch in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(ch))


def _key(word: str) -> str:
    """Returns the consonant skeleton of ``word``: a soft g at the start heard as j ("Geoff" like "Jeff"), ch before
    r as k ("Chris" like "Kris")."""
    from app.vocabulary.sounds import sound_key

    return sound_key(re.sub(r"ch(?=r)", "k", re.sub(r"^g(?=[eiy])", "j", word)))


@lru_cache(maxsize=65536)  # a notebook's words repeat: forgetting someone compares each with the name many times
def is_close_spelling(word: str, part: str) -> bool:
    """Returns True when ``word`` is ``part`` spelt otherwise (not the same spelling; any case, possessive ignored).

    Raises nothing.
    """
    from rapidfuzz.distance import Indel

    a, b = _plain(word), _plain(part)
    if a == b or len(b) < MIN_PART or len(a) < 2 or not a.isalpha():
        return False
    ratio = 100.0 * Indel.normalized_similarity(a, b)
    if ratio >= CLOSE_RATIO:
        return True
    key = _key(b)
    return ratio >= SOUND_RATIO and len(key) >= 2 and _key(a) == key


def can_be_a_name(word: str, language: str = "en") -> bool:
    """Returns True when ``word`` is a known first name or surname, or rare in everyday ``language``."""
    from app.privacy.recognizers.common_words import word_zipf

    plain = _plain(word)
    return plain in _known_names() or word_zipf(plain, language) < RARE_ZIPF


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    from app.privacy.recognizers.shipped_lexicons import shipped_lexicons

    lexicons = shipped_lexicons()
    return frozenset(lexicons["first_names"]) | frozenset(lexicons["surnames"])
