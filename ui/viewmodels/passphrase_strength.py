"""A passphrase strength estimate for the unlock dialog's meter (no network, no word lists)."""
from __future__ import annotations

import math
import string
from dataclasses import dataclass

LABELS = ("Too weak", "Weak", "Fair", "Strong", "Very strong")
MIN_ACCEPTED_SCORE = 2
COMMON = ("password", "passwort", "123456", "qwerty", "letmein", "hushnote", "admin", "welcome", "iloveyou")


@dataclass(frozen=True)
class Strength:
    """score 0–4 (index into LABELS), estimated entropy in bits, and a hint for the person typing."""

    score: int
    bits: float
    hint: str

    @property
    def label(self) -> str:
        return LABELS[self.score]

    @property
    def acceptable(self) -> bool:
        return self.score >= MIN_ACCEPTED_SCORE


def estimate_strength(passphrase: str) -> Strength:
    """Returns the estimated strength of ``passphrase``.

    Entropy is length × log2(alphabet), discounted for repeated characters,
    sequences and common passwords; several words are the cheapest way up.
    """
    if not passphrase:
        return Strength(0, 0.0, "Choose a passphrase: several unrelated words work well.")
    alphabet = 0
    for chars in (string.ascii_lowercase, string.ascii_uppercase, string.digits):
        if any(c in chars for c in passphrase):
            alphabet += len(chars)
    if any(not c.isalnum() for c in passphrase):
        alphabet += 33
    distinct = len(set(passphrase))
    effective_len = min(len(passphrase), distinct * 2.5)
    bits = effective_len * math.log2(max(alphabet, 2))
    lowered = passphrase.lower()
    if any(word in lowered for word in COMMON):
        bits = min(bits, 20.0)
    if _is_sequence(lowered):
        bits = min(bits, 15.0)
    score = 0 if bits < 28 else 1 if bits < 40 else 2 if bits < 60 else 3 if bits < 80 else 4
    hint = {
        0: "Far too easy to guess. Use four or more unrelated words.",
        1: "Still easy to guess. Add another word or two.",
        2: "Acceptable. Longer is better.",
        3: "Hard to guess.",
        4: "Very hard to guess.",
    }[score]
    return Strength(score, round(bits, 1), hint)


def _is_sequence(text: str) -> bool:
    steps = {ord(b) - ord(a) for a, b in zip(text, text[1:])}
    return len(text) > 3 and len(steps) == 1 and steps.pop() in (-1, 0, 1)
