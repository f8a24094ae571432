"""How alike a listed name sounds to what Whisper wrote: coarse consonant keys and a fuzzy substring match.

Whisper mishears an unusual name as ordinary words that sound like it
("Xochitl Przybylski" as "Such a tall purse, a Billsky"; "Kwabena Asante" as
"quite in a sand"). Spelling hides that; the consonant skeleton keeps it. A key
folds letters into sound classes (voiced and voiceless pairs together, since
the recogniser confuses them: "Grainne" -> "rain", "Kwabena" -> "quite"),
drops vowels and the glides h, w, y, and collapses repeats; two texts are
compared by the best match of one key inside the other, word gaps ignored.
"""
from __future__ import annotations

import re
import unicodedata

import numpy as np

# Multi-letter spellings first: each becomes one sound class.
_SPELLINGS = (
    ("tsch", "S"), ("sch", "S"), ("tch", "S"), ("sh", "S"), ("ch", "S"), ("zh", "S"), ("cz", "S"), ("sz", "S"),
    ("dzh", "S"), ("dz", "S"), ("ph", "F"), ("bh", "F"), ("mh", "F"), ("th", "T"), ("dh", "K"), ("gh", "K"),
    ("ck", "K"), ("qu", "KF"), ("x", "KS"), ("j", "S"),
)
_CLASSES = str.maketrans({
    "b": "P", "p": "P", "d": "T", "t": "T", "g": "K", "k": "K", "c": "K", "q": "K", "f": "F", "v": "F",
    "s": "S", "z": "S", "m": "M", "n": "N", "l": "L", "r": "R",
})


def sound_key(text: str) -> str:
    """Returns the consonant skeleton of ``text`` ("Przybylski" -> "PRSPLSK"); "" for text without consonants."""
    letters = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch for ch in letters if "a" <= ch <= "z")
    letters = re.sub(r"^x", "s", letters)  # Xochitl, Ximena: a leading x is heard as s
    for spelling, sound in _SPELLINGS:
        letters = letters.replace(spelling, sound)
    classes = letters.translate(_CLASSES)
    key = "".join(ch for ch in classes if ch.isupper())
    return re.sub(r"(.)\1+", r"\1", key)


def key_distance(key: str, heard: str) -> float:
    """Returns how far ``key`` is from its best-matching stretch of ``heard``, as edits per symbol of ``key``.

    0.0 means ``key`` occurs in ``heard`` as it is; 1.0 or more means nothing alike
    (also when ``key`` is empty).
    """
    if not key:
        return 1.0
    # Edit distance with free gaps before and after the match in ``heard`` (semi-global alignment).
    previous = [0] * (len(heard) + 1)
    for i, symbol in enumerate(key, 1):
        current = [i] + [0] * len(heard)
        for j, other in enumerate(heard, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (symbol != other))
        previous = current
    return min(previous) / len(key)


def word_window_keys(words: list[str], max_words: int = 3) -> list[tuple[int, int, str]]:
    """Returns ``(first, end, key)`` for every run of 1 to ``max_words`` consecutive ``words`` (end exclusive)."""
    keys = [sound_key(w) for w in words]
    return [(first, end, "".join(keys[first:end]))
            for first in range(len(words)) for end in range(first + 1, min(len(words), first + max_words) + 1)]


def distance_matrix(keys: list[str], heard: list[str]) -> np.ndarray:
    """Returns the edit distance of each of ``keys`` to each of ``heard``, per symbol of the key (rows: ``keys``)."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import cdist

    if not keys or not heard:
        return np.ones((len(keys), len(heard)))
    edits = cdist(keys, heard, scorer=Levenshtein.distance, dtype=np.int32)
    return edits / np.maximum(1, np.array([len(k) for k in keys]))[:, None]
