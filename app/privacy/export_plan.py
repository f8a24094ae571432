"""The one place where a transcript is prepared for export: redacted by default.

Exports are the only plaintext Hushnote writes, so each one is redacted under a
policy and recorded in the audit log.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from audio_core.model import Transcript
from app.privacy.policy import RedactionPolicy, parse_policy


@dataclass(frozen=True)
class ExportPlan:
    """The transcript to write and how it was prepared (for the audit log)."""

    transcript: Transcript
    policy: str
    redacted: bool


def prepare_export(transcript: Transcript, redact: bool = True, policy_name: str = "default",
                   keep_speaker_names: bool = False, keep_title: bool = False,
                   analyzer: Callable[[], object] | None = None, language: str | None = None) -> ExportPlan:
    """Returns the transcript to export: redacted under ``policy_name`` unless ``redact`` is False.

    A redacted export shows named speakers as pseudonyms unless ``keep_speaker_names``, and a title
    (and source file name) without personal data unless ``keep_title``; the plan's policy says which,
    for the audit log. The title is read in ``language`` (default: the transcript's) and searched with
    ``analyzer()`` (a :class:`app.privacy.analyzer.PiiAnalyzer`, asked for only when there is a title to
    search; None builds the default one). Raises HushnoteError for an unknown policy name, ModelError
    when the analyzer's model cannot be loaded.
    """
    from app.privacy.redact import redact_transcript  # loads the recognizers: seconds, so only when redacting

    if not redact:
        return ExportPlan(transcript, "none (redaction turned off)", False)
    policy = parse_policy(policy_name)
    description = (f"{policy.name} ({policy.style}, min score {policy.min_score}, "
                   f"types {','.join(sorted(policy.entity_types))}; "
                   f"speaker names {'kept' if keep_speaker_names else 'pseudonymized'}; "
                   f"title {'kept' if keep_title else 'redacted'})")
    finder = title_finder(analyzer or _default_analyzer, policy, language or transcript.language)
    return ExportPlan(redact_transcript(transcript, policy, keep_speaker_names, keep_title, finder), description, True)


def title_finder(analyzer: Callable[[], object], policy: RedactionPolicy, language: str):
    """Returns a finder of personal data in a title (for ``redact_transcript``), read in ``language`` under
    ``policy``; ``analyzer()`` is asked for once, on the first title searched."""
    from app.privacy.detect import find_pii_in_text

    loaded = []

    def find(title: str) -> list[tuple[int, int, str]]:
        if not loaded:
            loaded.append(analyzer())
        return [(f.start, f.end, f.entity_type) for f in find_pii_in_text(title, loaded[0], policy, language or None)]

    return find


def _default_analyzer():
    from app.privacy.analyzer import build_analyzer

    return build_analyzer()
