"""Audio stages: decode, record, resample, separate, VAD, transcribe, diarize, alienate.

Also the leaf every layer shares: :mod:`audio_core.errors`,
:mod:`audio_core.progress`, the transcript model :mod:`audio_core.model` and
the offline switches :mod:`audio_core.offline`, none of which imports Qt,
torch or spaCy. Nothing here imports :mod:`app` or :mod:`ui`.

Importing this package sets every offline / no-telemetry switch before any
third-party library is imported, and keeps torch out of the libraries that
only probe for it (:mod:`audio_core.torch_probes`). Arrays are mono float32 at ``SAMPLE_RATE``
unless a function says otherwise.
"""
from audio_core import offline as _offline
from audio_core import torch_probes as _torch_probes

_offline.enforce()
_torch_probes.install()

SAMPLE_RATE = 16_000
