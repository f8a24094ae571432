"""Hushnote core: pipeline orchestration, storage, privacy, export and CLI.

Importing :mod:`audio_core` (below) switches every third-party library we use
to offline, no-telemetry mode before any of them is imported (see
``audio_core.offline``).
"""
import audio_core  # noqa: F401  (sets the offline switches first)

__version__ = "0.1.0"
