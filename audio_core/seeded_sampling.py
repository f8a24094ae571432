"""Whisper's temperature fallback, made reproducible: the same audio always gives the same words.

faster-whisper re-decodes a 30 s window whose text loops or is unsure at rising
temperatures (0.2, 0.4 …), sampling from CTranslate2's random generators. Those
generators belong to the model's worker threads and are seeded once, when a
thread first samples; ``ctranslate2.set_random_seed`` only sets the seed of
threads that have not sampled yet. So a window's re-decode depended on how many
numbers every earlier re-decode in the process had drawn: the same recording
gave different words from one import to the next.

:class:`SeededSampling` wraps the loaded CTranslate2 model. Plain (beam or
greedy) decoding goes to it unchanged; the sampled re-decodes of one window go
to a fresh copy of the model, whose worker thread has never sampled and so
starts from :data:`SEED` every time. The copy is loaded only for a window that
falls back and is dropped when the next window (or the next recording) starts.
"""
from __future__ import annotations

import threading
from collections.abc import Callable

SEED = 20240607  # any fixed value: what matters is that every window's re-decode starts from the same one


class SeededSampling:
    """Stands in for a ``ctranslate2.models.Whisper`` (every attribute is the wrapped model's) and
    decodes sampled re-decodes of each window from a fresh, identically seeded copy of it.

    ``load_copy`` returns a new ``ctranslate2.models.Whisper`` with the same files and device.
    Safe to share between threads: each thread re-decodes with its own copy.
    """

    def __init__(self, model, load_copy: Callable[[], object]):
        import ctranslate2

        # The seed a worker thread takes when it first samples; set once, never changed.
        ctranslate2.set_random_seed(SEED)
        self._model = model
        self._load_copy = load_copy
        self._local = threading.local()

    def __getattr__(self, name):
        return getattr(self._model, name)

    def generate(self, features, prompts, **kwargs):
        """Returns the wrapped model's ``generate`` results; a sampled decode (``sampling_topk`` other
        than 1) runs on this window's fresh copy, so it draws the same numbers on every run."""
        if kwargs.get("sampling_topk", 1) == 1:
            self.end_window()
            return self._model.generate(features, prompts, **kwargs)
        if getattr(self._local, "features", None) is not features:
            # A new window (its encoder output is a new object): a copy whose generator has never drawn.
            self.end_window()
            self._local.copy = self._load_copy()
            self._local.features = features
        return self._local.copy.generate(features, prompts, **kwargs)

    def end_window(self) -> None:
        """Drops this thread's copy (and its memory); the next sampled decode loads a fresh one."""
        self._local.copy = None
        self._local.features = None
