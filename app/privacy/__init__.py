"""Privacy layer, text side: PII detection, redaction policy, review, redaction.

API (stable; the audio side and exports build on it):

- ``app.privacy.analyzer.build_analyzer(options=AnalyzerOptions()) -> PiiAnalyzer``
  builds Presidio offline, one engine per language (``app.privacy.languages``:
  en, de, fr, es; any other language gets the language-neutral recognizers),
  English at once and the others on first use; ``analyze(text, types,
  language=)``, ``recognizers_used(language)``. Prefer ``Engines.pii_analyzer``
  (cached, loaded once). ``build_vanilla_analyzer()`` gives Presidio's own
  recognizers on the same spaCy pipelines (benchmarks only).
- ``app.privacy.policy.RedactionPolicy`` (frozen): ``entity_types``
  (frozenset of Presidio types, e.g. PERSON, PHONE_NUMBER, EMAIL_ADDRESS,
  ADDRESS, LOCATION, DATE_TIME, CREDIT_CARD, IBAN_CODE, US_SSN, PASSPORT,
  MEDICAL_RECORD, IP_ADDRESS, CREDENTIAL), ``style`` ("pseudonym" -> [PERSON_1]
  consistent across a note | "tag" -> [PHONE_NUMBER] | "fake" -> realistic
  fake values, deterministic per note), ``min_score``. Presets:
  ``POLICIES["default" | "strict" | "names-only"]``; ``parse_policy(text)``
  raises HushnoteError for an unknown name.
- ``app.privacy.detect.detect_pii(transcript, analyzer, policy) -> list[PiiSpan]``
  one PiiSpan per finding (segment_index, start, end char offsets into that
  segment's text), found in ``transcript.language``. ``app.pipeline`` stores
  them in ``transcript.pii_spans``. ``find_pii_in_text(text, analyzer, policy,
  language)`` for plain text.
- ``app.privacy.review``: ``accept(transcript, index)``, ``reject(...)``,
  ``add_manual_span(transcript, segment_index, start, end, entity_type)``,
  ``add_manual_text(transcript, text, entity_type)``; decisions live in
  ``Transcript.pii_spans`` (pending/accepted are redacted, rejected are not).
- ``app.privacy.redact.redact_transcript(transcript, policy) -> Transcript``
  a NEW transcript: segment texts and words redacted (a word overlapping a
  redacted span is replaced by the replacement text or dropped, timings kept),
  ``pii_spans`` rewritten to point into the redacted text with ``text`` set to
  the replacement (no raw PII). ``redacted_intervals(transcript, policy,
  pad_s=0.0) -> list[tuple[float, float]]`` gives the audio time spans (from
  word timestamps) that the audio side must bleep.
- ``app.privacy.redact.redact_text(text, analyzer, policy) -> str`` for plain text.
"""
