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
