"""The one place where a transcript is prepared for export: redacted by default.

Exports are the only plaintext Hushnote writes, so each one is redacted under a
policy and recorded in the audit log.
"""
from __future__ import annotations

from dataclasses import dataclass

from audio_core.model import Transcript
from app.privacy.policy import parse_policy


@dataclass(frozen=True)
class ExportPlan:
    """The transcript to write and how it was prepared (for the audit log)."""

    transcript: Transcript
    policy: str
    redacted: bool


def prepare_export(transcript: Transcript, redact: bool = True, policy_name: str = "default",
                   keep_speaker_names: bool = False) -> ExportPlan:
    """Returns the transcript to export: redacted under ``policy_name`` unless ``redact`` is False.

    A redacted export shows named speakers as pseudonyms unless ``keep_speaker_names`` (the plan's
    policy says which, for the audit log). Raises HushnoteError for an unknown policy name.
    """
    from app.privacy.redact import redact_transcript  # loads the recognizers: seconds, so only when redacting

    if not redact:
        return ExportPlan(transcript, "none (redaction turned off)", False)
    policy = parse_policy(policy_name)
    description = (f"{policy.name} ({policy.style}, min score {policy.min_score}, "
                   f"types {','.join(sorted(policy.entity_types))}; "
                   f"speaker names {'kept' if keep_speaker_names else 'pseudonymized'})")
    return ExportPlan(redact_transcript(transcript, policy, keep_speaker_names), description, True)
