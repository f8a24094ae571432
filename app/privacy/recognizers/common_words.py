"""Is a word an everyday word of its language? The guard that keeps name and street rules off ordinary words.

A rule such as "I am NAME" or "ich bin NAME" fires on whatever follows; "I am
recording" shows what goes wrong. Instead of listing the words that are not
names, Hushnote asks how common the word is in the language (``wordfreq``'s
Zipf scale, offline data in its wheel): a word used more than about once in
100,000 words is an ordinary word unless a name list says otherwise.
"""
from __future__ import annotations

from functools import lru_cache

# Zipf 4 = once per 100,000 words ("recording" 4.5, "planung" 4.5 in German); rare names sit below 3.5.
COMMON_ZIPF = 4.0


@lru_cache(maxsize=65536)
def word_zipf(word: str, language: str) -> float:
    """Returns the Zipf frequency (0–8) of ``word`` in ``language``; 0 when unknown."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), language if language in ("en", "de", "fr", "es") else "en")


def is_common_word(word: str, language: str, threshold: float = COMMON_ZIPF) -> bool:
    """Returns True when ``word`` is an everyday word of ``language`` (Zipf frequency at or above ``threshold``)."""
    return word_zipf(word, language) >= threshold


# Parts of a compound brand name ("Pipe|drive", "Build|kite", "Gray|log"): each at least this common, three letters or
# more, one of them four or more ("Had|dad" is a surname, not a compound).
COMPOUND_PART_ZIPF = 3.5


def is_two_everyday_words(word: str, language: str = "en") -> bool:
    """Returns True when ``word`` is two everyday words written as one ("Pipedrive", "Wonderwall", "Zendesk"): a brand
    or a title far more often than a name no list has."""
    lower = word.lower()
    return any(
        max(cut, len(lower) - cut) >= 4 and is_common_word(lower[:cut], language, COMPOUND_PART_ZIPF)
        and is_common_word(lower[cut:], language, COMPOUND_PART_ZIPF)
        for cut in range(3, len(lower) - 2)
    )
