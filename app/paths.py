"""Where Hushnote keeps its files (XDG base directories).

Data (the encrypted notebook, joined models) lives in
``$XDG_DATA_HOME/hushnote`` (default ``~/.local/share/hushnote``); settings in
``$XDG_CONFIG_HOME/hushnote``. ``HUSHNOTE_HOME`` overrides both (tests, portable
installs). Hushnote keeps no cache of audio or text anywhere.
"""
from __future__ import annotations

import os
from pathlib import Path


def _base(variable: str, default: str) -> Path:
    override = os.environ.get("HUSHNOTE_HOME")
    if override:
        return Path(override)
    return Path(os.environ.get(variable) or Path.home() / default) / "hushnote"


def data_dir() -> Path:
    """Returns the data directory (created with mode 0700 if missing)."""
    path = _base("XDG_DATA_HOME", ".local/share")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def config_dir() -> Path:
    """Returns the settings directory (created with mode 0700 if missing)."""
    path = _base("XDG_CONFIG_HOME", ".config")
    if os.environ.get("HUSHNOTE_HOME"):
        path = path / "config"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def cache_dir() -> Path:
    """Returns the cache directory (``$XDG_CACHE_HOME/hushnote``; not created here).

    It holds compiled library code only (the desktop bundle's numba cache), never audio or text.
    """
    path = _base("XDG_CACHE_HOME", ".cache")
    return path / "cache" if os.environ.get("HUSHNOTE_HOME") else path


def models_dir() -> Path:
    """Returns the directory for models assembled from packages (created if missing)."""
    path = data_dir() / "models"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def sample_meeting() -> Path:
    """Returns the path of the bundled sample meeting (72 s, three synthetic voices, made-up personal data), which
    ``hushnote demo`` and the app's empty library offer; the file may be missing from a stripped install."""
    return Path(__file__).resolve().parents[1] / "assets" / "sample" / "meeting.wav"
