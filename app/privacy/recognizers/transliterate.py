"""Cyrillic and Greek names written in Latin letters, as English-language text spells them ("Ермолаева" → "Yermolayeva").

A simplified BGN/PCGN romanisation: "е" is "ye" at the start of a word and after
a vowel or a soft or hard sign, "e" elsewhere; signs are dropped. Used to widen
the name lexicon with Faker's Russian, Ukrainian, Bulgarian and Greek names.
"""
from __future__ import annotations

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i", "κ": "k", "λ": "l",
    "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f",
    "χ": "ch", "ψ": "ps", "ω": "o", "ά": "a", "έ": "e", "ή": "i", "ί": "i", "ό": "o", "ύ": "y", "ώ": "o", "ϊ": "i",
    "ϋ": "y", "ΐ": "i", "ΰ": "y",
}
_VOWELS_AND_SIGNS = set("аеёиоуыэюяіїєъь")
_GREEK_DIGRAPHS = (("ου", "ou"), ("αι", "ai"), ("ει", "ei"), ("οι", "oi"), ("μπ", "b"), ("ντ", "nt"), ("γκ", "gk"))


def romanise(name: str) -> str:
    """Returns ``name`` in Latin letters, lower case (unchanged when it holds no Cyrillic or Greek letter)."""
    lower = name.lower()
    if any(c in _GREEK for c in lower):
        for digraph, latin in _GREEK_DIGRAPHS:
            lower = lower.replace(digraph, latin)
        return "".join(_GREEK.get(c, c) for c in lower)
    out = []
    for i, c in enumerate(lower):
        if c == "е":
            out.append("ye" if i == 0 or lower[i - 1] in _VOWELS_AND_SIGNS else "e")
        else:
            out.append(_CYRILLIC.get(c, c))
    return "".join(out)
