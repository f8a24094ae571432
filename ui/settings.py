"""The desktop app's settings, kept as JSON in the settings folder.

Only choices live here (model, language, threads, auto-lock…), never transcript
text or file names, so the file reveals nothing about any note. Choices that
can name a person (the output device) live in the notebook
(:mod:`ui.private_settings`) and are never written here.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from app import paths

logger = logging.getLogger(__name__)

SETTINGS_FILE = "desktop.json"
# Kept in the encrypted notebook: read here only to move an older file's value there.
PRIVATE_FIELDS = ("output_device",)


@dataclass(frozen=True)
class UiSettings:
    """What the Settings dialog edits.

    model: "tiny.en" (bundled), "base", or a local CTranslate2 model folder.
    language: a language code, or "" to use the model's / detect.
    device: "auto", "cpu" or "cuda".
    cpu_threads: 0 uses every core.
    audio_retention_days: delete a note's recording this many days after it was made; 0 keeps it.
    redact_after_days: after this many days keep only the redacted transcript; 0 keeps everything.
    use_keychain: keep the notebook key in the system keychain instead of asking each time.
    auto_lock_min: lock the notebook after this many idle minutes; 0 never locks.
    clean_up: what imports remove before transcribing: "" nothing, "dfn" noise,
        "spleeter" music, "spleeter+dfn" both (see PipelineOptions.clean_up).
    output_device: the output device notes play through (its PortAudio name); "" is the system default.
        Saved in the notebook, not in the settings file (a device name can name its owner).
    import_channel: the channel (1-based) imports transcribe; 0 mixes all channels.
    pii_language: the language personal data is looked for in ("de"); "" follows each transcript's
        language (the one Whisper detected or was told).
    decoder: how imports are decoded: "sequential" (one 30 s window after another) or "batched"
        (faster; see AsrOptions.decoder).
    """

    model: str = "tiny.en"
    language: str = ""
    device: str = "auto"
    cpu_threads: int = 0
    audio_retention_days: int = 0
    redact_after_days: int = 0
    use_keychain: bool = False
    auto_lock_min: int = 10
    clean_up: str = ""
    output_device: str = ""
    import_channel: int = 0
    pii_language: str = ""
    decoder: str = "sequential"

    def with_changes(self, **changes) -> UiSettings:
        """Returns a copy with ``changes`` applied."""
        return replace(self, **changes)


def settings_path() -> Path:
    """Returns the path of the settings file (its folder is created if missing)."""
    return paths.config_dir() / SETTINGS_FILE


def load_settings() -> UiSettings:
    """Returns the saved settings, or the defaults when none are saved or the file is unreadable."""
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UiSettings()
    except (OSError, ValueError) as exc:
        logger.warning("ignoring unreadable settings file %s: %s", path, exc)
        return UiSettings()
    if not isinstance(data, dict):
        logger.warning("ignoring settings file %s: it holds no settings", path)
        return UiSettings()
    defaults = asdict(UiSettings())
    clean = {}
    for name, value in data.items():
        if name in defaults and _fits(value, defaults[name]):
            clean[name] = type(defaults[name])(value)
        elif name in defaults:
            logger.warning("ignoring the damaged setting %s in %s", name, path)
    return UiSettings(**clean)


def _fits(value, default) -> bool:
    """Returns True when a saved ``value`` can stand for a setting whose default is ``default``."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31
    return isinstance(value, type(default))


def save_settings(settings: UiSettings) -> Path:
    """Writes ``settings`` but its private fields and returns the file's path; raises OSError when it cannot be written."""
    path = settings_path()
    plain = {name: value for name, value in asdict(settings).items() if name not in PRIVATE_FIELDS}
    path.write_text(json.dumps(plain, indent=2), encoding="utf-8")
    path.chmod(0o600)
    return path
