"""What to redact and how: a frozen policy, named presets, and ``--policy`` parsing."""
from __future__ import annotations

from dataclasses import dataclass, replace

from audio_core.errors import HushnoteError

ALL_ENTITY_TYPES = frozenset({
    "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "ADDRESS", "LOCATION", "DATE_TIME", "CREDIT_CARD", "IBAN_CODE",
    "US_SSN", "PASSPORT", "MEDICAL_RECORD", "ID_NUMBER", "IP_ADDRESS", "CREDENTIAL", "URL", "USERNAME",
})
NUMBER_TYPES = frozenset({
    "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "PASSPORT", "MEDICAL_RECORD", "ID_NUMBER", "IP_ADDRESS",
    "CREDENTIAL",
})
STYLES = ("pseudonym", "tag", "fake")


@dataclass(frozen=True)
class RedactionPolicy:
    """Which detections are redacted, and what replaces them.

    entity_types: Presidio types to redact (default: every type Hushnote detects).
    style: "pseudonym" ([PERSON_1], the same item gets the same number across a
        note), "tag" ([PHONE_NUMBER]) or "fake" (a realistic made-up value, the
        same for the same item within a note).
    min_score: detections scoring below this are ignored (0–1).
    name: the preset it came from, for reports and the audit log.
    """

    entity_types: frozenset[str] = ALL_ENTITY_TYPES
    style: str = "pseudonym"
    min_score: float = 0.4
    name: str = "default"

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise HushnoteError(f"unknown redaction style {self.style!r}: choose from {', '.join(STYLES)}")

    def covers(self, entity_type: str, score: float = 1.0) -> bool:
        """Returns True when a detection of this type and score is redacted under this policy."""
        return entity_type in self.entity_types and score >= self.min_score


POLICIES: dict[str, RedactionPolicy] = {
    "default": RedactionPolicy(),
    "strict": RedactionPolicy(min_score=0.0, style="tag", name="strict"),
    "names-only": RedactionPolicy(entity_types=frozenset({"PERSON"}), name="names-only"),
    "numbers-only": RedactionPolicy(entity_types=NUMBER_TYPES | {"EMAIL_ADDRESS"}, name="numbers-only"),
    "fake": RedactionPolicy(style="fake", name="fake"),
}


def parse_policy(spec: str | None) -> RedactionPolicy:
    """Returns the policy for ``spec``: a preset name, optionally ":STYLE", or entity types.

    Examples: "default", "strict:fake", "names-only:tag", "PERSON,EMAIL_ADDRESS:tag".
    Raises HushnoteError naming the unknown preset, type or style.
    """
    if not spec:
        return POLICIES["default"]
    base, _, style = spec.strip().partition(":")
    if base in POLICIES:
        policy = POLICIES[base]
    else:
        types = frozenset(t.strip().upper() for t in base.split(",") if t.strip())
        unknown = sorted(types - ALL_ENTITY_TYPES)
        if unknown or not types:
            raise HushnoteError(
                f"unknown policy {base!r}: choose from {', '.join(POLICIES)} or entity types such as "
                f"{', '.join(sorted(ALL_ENTITY_TYPES))}"
            )
        policy = RedactionPolicy(entity_types=types, name=base)
    return replace(policy, style=style.strip().lower()) if style else policy
