"""Word error rate with an English normaliser that treats "five five five" and "555" alike.

Used by tests, benchmarks and the privacy report's utility figure.
"""
from __future__ import annotations

import re

UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {w: i for i, w in enumerate(UNITS)} | {w: (i + 2) * 10 for i, w in enumerate(TENS)}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
ORDINALS = {"first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6", "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10"}
FILLERS = {"um", "uh", "hmm", "mm", "mhm", "er", "ah", "eh", "uhm", "umm"}
SPELLING = {"ok": "okay", "mr": "mister", "mrs": "missus", "dr": "doctor", "st": "street", "colour": "color", "realise": "realize", "favourite": "favorite", "'cause": "because", "gonna": "going to", "wanna": "want to"}
CONTRACTIONS = {"i'm": "i am", "it's": "it is", "that's": "that is", "don't": "do not", "didn't": "did not", "can't": "can not", "cannot": "can not", "won't": "will not", "isn't": "is not", "aren't": "are not", "i've": "i have", "you're": "you are", "we're": "we are", "they're": "they are", "i'll": "i will", "let's": "let us", "there's": "there is", "what's": "what is", "i'd": "i would", "you've": "you have", "we've": "we have", "he's": "he is", "she's": "she is", "doesn't": "does not", "wasn't": "was not", "couldn't": "could not", "wouldn't": "would not", "shouldn't": "should not"}


def _numbers_to_digits(tokens: list[str]) -> list[str]:
    """Turns runs of number words into digit strings ("twenty five" -> "25", "double five" -> "55")."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "double" and i + 1 < len(tokens) and tokens[i + 1] in NUMBER_WORDS and NUMBER_WORDS[tokens[i + 1]] < 10:
            out.append(str(NUMBER_WORDS[tokens[i + 1]]) * 2)
            i += 2
            continue
        if token in NUMBER_WORDS:
            total, current = 0, NUMBER_WORDS[token]
            i += 1
            while i < len(tokens):
                nxt = tokens[i]
                if nxt in SCALES and current:
                    current *= SCALES[nxt]
                    if SCALES[nxt] >= 1000:
                        total, current = total + current, 0
                elif nxt in NUMBER_WORDS and current % 10 == 0 and 0 < current and NUMBER_WORDS[nxt] < 10 and current >= 20:
                    current += NUMBER_WORDS[nxt]
                elif nxt == "and" and i + 1 < len(tokens) and tokens[i + 1] in NUMBER_WORDS and current >= 100:
                    pass
                else:
                    break
                i += 1
            out.append(str(total + current))
            continue
        out.append(ORDINALS.get(token, token))
        i += 1
    return out


def normalize(text: str) -> list[str]:
    """Returns ``text`` as comparable tokens: lower case, no punctuation, digits split one per token."""
    text = text.lower().replace("’", "'").replace("@", " at ")
    text = re.sub(r"(\d),(\d)", r"\1\2", text)
    text = re.sub(r"[^\w\s'@.-]", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)
    text = re.sub(r"[.-](?!\w)|(?<!\w)[.-]|-", " ", text)
    text = re.sub(r"(?<=[a-z])\.(?=[a-z])", " dot ", text)
    tokens = []
    for token in text.split():
        token = token.strip(".")
        token = SPELLING.get(token, token)
        token = CONTRACTIONS.get(token, token)
        tokens.extend(token.split())
    tokens = [t for t in _numbers_to_digits(tokens) if t not in FILLERS]
    split: list[str] = []
    for token in tokens:
        if re.fullmatch(r"\d+(st|nd|rd|th)", token):
            token = re.sub(r"(st|nd|rd|th)$", "", token)
        split.extend(list(token) if token.isdigit() else [token])
    return split


def word_error_rate(reference: str | list[str], hypothesis: str | list[str]) -> float:
    """Returns the WER of ``hypothesis`` against ``reference`` after :func:`normalize`.

    Lists are joined first (one utterance each). An empty reference gives 0.0
    for an empty hypothesis and 1.0 otherwise.
    """
    import jiwer

    ref = " ".join(normalize(" ".join(reference) if isinstance(reference, list) else reference))
    hyp = " ".join(normalize(" ".join(hypothesis) if isinstance(hypothesis, list) else hypothesis))
    if not ref:
        return 0.0 if not hyp else 1.0
    return jiwer.wer(ref, hyp or "<empty>")
