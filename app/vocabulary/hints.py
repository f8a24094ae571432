"""The vocabulary as Whisper hears it: a short text given to the decoder before a window.

faster-whisper puts ``hotwords`` before every window (``initial_prompt`` only
before the first window of each decoded piece); the model then prefers those
spellings. On the eight dev meetings of tests/bench/bench_vocabulary.py,
"Attendees: … Topics: …" as hotwords was best of six ways (listed-word WER
88 % -> 20 %, the rest 38 % -> 27 %): a plain comma list, the initial prompt,
or both, did no better on the names and worse on the rest. Given before
every window it also costs words where no listed word is said, so recognition
gives it only to the segments that sound like an entry, naming only those
entries (:mod:`app.vocabulary.selective`); :func:`asr_with_vocabulary`, the
hint everywhere, stays for the benchmark's side-by-side run.
"""
from __future__ import annotations

from dataclasses import replace

from app.vocabulary.entries import Vocabulary
from audio_core.transcribe import AsrOptions

# Whisper's context holds 448 tokens, half of them kept for the words it writes (faster-whisper cuts hotwords at 223);
# unusual names cost about 2.4 characters a token (tiny.en's tokenizer on the bench's lists), so 450 characters
# (~190 tokens, twenty-odd names and terms) stay within that half.
MAX_HINT_CHARS = 450


def vocabulary_hint(vocabulary: Vocabulary) -> str | None:
    """Returns the decoder hint for ``vocabulary`` ("Attendees: A, B. Topics: C."), or None when it is empty.

    Entries that would make it longer than MAX_HINT_CHARS are left out (in the order they were added,
    names before terms); personal-data detection still uses every entry.
    """
    names, terms = _within_budget(vocabulary.names, vocabulary.terms)
    parts = []
    if names:
        parts.append("Attendees: " + ", ".join(names) + ".")
    if terms:
        parts.append("Topics: " + ", ".join(terms) + ".")
    return " ".join(parts) or None


def _within_budget(names: tuple[str, ...], terms: tuple[str, ...]) -> tuple[list[str], list[str]]:
    kept_names: list[str] = []
    kept_terms: list[str] = []
    used = len("Attendees: . Topics: .")
    for text, kept in [(n, kept_names) for n in names] + [(t, kept_terms) for t in terms]:
        if used + len(text) + 2 > MAX_HINT_CHARS:
            break
        kept.append(text)
        used += len(text) + 2
    return kept_names, kept_terms


def asr_with_vocabulary(asr: AsrOptions, vocabulary: Vocabulary) -> AsrOptions:
    """Returns ``asr`` with the vocabulary's hint as ``hotwords`` (unchanged when the vocabulary is empty)."""
    hint = vocabulary_hint(vocabulary)
    return asr if hint is None else replace(asr, hotwords=hint)
