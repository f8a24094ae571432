"""Hushnote core: data model, pipeline orchestration, storage, privacy, export and CLI.

Importing this package switches every third-party library we use to offline,
no-telemetry mode before any of them is imported (see ``app.offline``).
"""
from app import offline as _offline

_offline.enforce()

__version__ = "0.1.0"
