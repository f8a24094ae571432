"""Notebooks for tests: real SQLCipher with a cheap key derivation (its cost is not what these tests measure)."""
from __future__ import annotations

from audio_core.model import PiiSpan, Segment, Speaker, Transcript, Word
from app.storage import KdfOptions

FAST_KDF = KdfOptions(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSPHRASE = "correct horse battery staple"


def create_desktop_notebook(path, passphrase: str = PASSPHRASE):
    """Returns a new, unlocked ``ui.notebook.DesktopNotebook`` at ``path`` with the cheap key derivation.

    The app's own create (Argon2id at 64 MiB, 3 passes: about 0.3 s per create and per unlock on 2 cores, paid by
    ~110 window tests) is still what the unlock dialog's create test goes through, and that test checks the setting.
    """
    from app.storage import init_notebook
    from ui.notebook import DesktopNotebook

    return DesktopNotebook(init_notebook(path, passphrase, kdf=FAST_KDF))


def make_transcript(title: str = "Weekly sync", text: str = "the quarterly budget for Zanzibar is approved") -> Transcript:
    """Returns a two-segment, two-speaker transcript with words and one PII span."""
    words = text.split()
    half = len(words) // 2
    seg_a = Segment(0.0, 2.0, " ".join(words[:half]),
                    [Word(w, i * 0.3, i * 0.3 + 0.25, 0.9, "S1") for i, w in enumerate(words[:half])], "S1")
    seg_b = Segment(2.0, 4.0, " ".join(words[half:]),
                    [Word(w, 2 + i * 0.3, 2 + i * 0.3 + 0.25, 0.8, "S2") for i, w in enumerate(words[half:])], "S2")
    spans = [
        PiiSpan(index, segment.text.find("Zanzibar"), segment.text.find("Zanzibar") + len("Zanzibar"), "LOCATION", "Zanzibar")
        for index, segment in enumerate([seg_a, seg_b])
        if "Zanzibar" in segment.text
    ]
    return Transcript(
        segments=[seg_a, seg_b],
        speakers=[Speaker("S1", "Ann"), Speaker("S2", "Bob", "profile-1")],
        pii_spans=spans,
        duration_s=4.0, model="tiny.en", source_name=f"{title}.wav", title=title,
    )
