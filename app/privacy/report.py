"""The privacy report that goes with every export: what was redacted, how voices were
alienated, and how strong that alienation measured on this very note.

Measurements (``measure_alienation``, in ``alienation_measure``) are made on
device, on the alienated voices before bleeping, with the redacted stretches
left out (bleeps must not flatter the voice measure): re-identification
attackers with two speaker encoders, the strongest one deciding the headline,
and the bundled recogniser's word error rate on the alienated audio against
the original's transcript. The per-speaker parameters themselves are not
reported: knowing them would help undo the alienation.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from audio_core.model import Transcript
from audio_core.whole_file import write_whole_file
from app.privacy.alienation_measure import (AlienationStrength, AttackerMeasure, SpeakerStrength,  # noqa: F401 (re-exported)
                                            measure_alienation, note_segments)


@dataclass
class PrivacyReport:
    """Everything one export did to protect the people in it."""

    source_name: str
    redacted: bool
    policy: str
    counts_by_type: dict[str, int]
    decisions: dict[str, int]
    audio: str  # none | bleeped | alienated | background
    audio_files: list[str] = field(default_factory=list)
    # the separation backend that split voices from background ("" when none did): for background-only audio,
    # and for alienated audio whose background was kept untouched
    separator: str = ""
    bleeped_intervals: int = 0
    bleeped_s: float = 0.0
    alienation: AlienationStrength | None = None
    # participants removed at their request (``--remove-speaker``): how many, and the audio silenced for them
    removed_participants: int = 0
    removed_intervals: int = 0
    removed_s: float = 0.0
    # mentions of a removed participant's name by the others: replaced in the text, bleeped in the audio (counts only)
    removed_mentions: int = 0
    removed_mentions_s: float = 0.0
    # mentions of a named speaker's name in the text that no detector found (counted in counts_by_type's PERSON:
    # they are redacted as persons, so every redacted item is among those found)
    speaker_name_mentions: int = 0
    # the transcript language detection ran in, and what found the personal data in it
    detection_language: str = ""
    recognizers: list[str] = field(default_factory=list)
    exported_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def to_json(self) -> str:
        """Returns the report as indented JSON (no transcript text, no PII)."""
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    def write(self, out_dir: Path, stem: str) -> list[Path]:
        """Writes ``<stem>.privacy.json`` and ``<stem>.privacy.txt`` into ``out_dir``; returns both paths.

        Raises HushnoteError when the folder cannot be written.
        """
        paths = [out_dir / f"{stem}.privacy.json", out_dir / f"{stem}.privacy.txt"]
        write_whole_file(paths[0], self.to_json() + "\n")
        write_whole_file(paths[1], self.render_text())
        return paths

    def render_text(self) -> str:
        """Returns the report as readable plain text."""
        lines = [f"Hushnote privacy report — {self.source_name}", f"exported at {self.exported_at}", ""]
        if self.redacted:
            lines.append(f"Transcript redacted under policy: {self.policy}")
        else:
            lines.append("Transcript NOT redacted (--no-redact): it contains the personal data found below.")
        found = ", ".join(f"{k} {v}" + (f" ({self.speaker_name_mentions} of them a speaker's name)"
                                        if k == "PERSON" and self.speaker_name_mentions else "")
                          for k, v in sorted(self.counts_by_type.items())) or "none"
        lines.append(f"Personal data found: {found}")
        lines.append("Decisions: " + ", ".join(f"{k} {v}" for k, v in sorted(self.decisions.items())
                                               if k != "speaker name" or v))  # (a speaker's name: no review)
        if self.detection_language:
            lines.append(f"Detection language: {self.detection_language}; recognisers: {'; '.join(self.recognizers)}")
        if self.removed_participants:
            lines.append(f"Participants removed at their request: {self.removed_participants} (their turns read "
                         "\"[removed at the participant's request]\"; their name appears nowhere)")
            if self.audio != "none":
                lines.append(f"  Their voice removed from the audio: {self.removed_intervals} stretches, {self.removed_s:.1f} s "
                             "in all, overlapped speech included")
            if self.removed_mentions:
                heard = (f"; bleeped in the audio, {self.removed_mentions_s:.1f} s in all" if self.audio != "none" else "")
                lines.append(f"  Mentions of their name by others (full name, first name, surname or a close "
                             f"spelling) replaced in the text: {self.removed_mentions}{heard}")
        lines.append("")
        lines.append(f"Audio exported: {self.audio}" + (f" ({', '.join(self.audio_files)})" if self.audio_files else ""))
        if self.audio == "background":
            lines.append(f"Voices removed by {self.separator}; what the separator left of them is masked out too")
        elif self.audio != "none":
            lines.append(f"Bleeped: {self.bleeped_intervals} stretches, {self.bleeped_s:.1f} s in all")
        if self.audio == "alienated" and self.separator:
            lines.append(f"Only the voices were alienated; the background, separated by {self.separator}, is kept "
                         "untouched (with whatever voice the separator left in it)")
        a = self.alienation
        if a:
            ranges = "; ".join(f"{k} {lo}..{hi}" for k, (lo, hi) in a.parameter_ranges.items())
            if a.method == "resynth":
                lines.append(f"Voices replaced: resynth, the exported transcript spoken again by "
                             f"{', '.join(a.tts_voices) or 'no'} TTS voice(s), nothing of the original voices kept; "
                             f"each speaker's secret offset from their voice drawn from {ranges}")
                lines.append("  Lost with the original voices: intonation, emotion, laughter and other non-speech sounds; "
                             "speech missing from the transcript is silent")
                lines.append("  Redacted items are not spoken (a neutral word such as \"someone\" stands in), so the "
                             "resynthesised audio carries no bleeps over them; the bleeped copy does")
            else:
                lines.append(f"Voices alienated: {a.method}, strength {a.strength} (per-speaker values drawn from {ranges})")
            if a.reason:
                lines.append(f"  Why this method: {a.reason}")
            for s in a.speakers:
                similarity = "n/a (too little speech)" if s.cosine_original_vs_alienated is None else f"{s.cosine_original_vs_alienated:.2f}"
                lines.append(f"  {s.name}: {s.segments} segments, voice similarity original vs alienated {similarity}")
            if a.attacker_eer is None:
                lines.append("  Re-identification attacker: needs two speakers with speech; not measured")
            else:
                lines.append(
                    f"  Re-identification attackers: the strongest, {a.attacker}, EER {100 * a.attacker_eer:.0f} % "
                    f"(worst secret draw {100 * a.attacker_eer_worst:.0f} %) over {a.attacker_trials} trials (50 % = chance); "
                    f"measured on {a.measured_s:.0f} s of alienated speech without bleeps"
                    + (f", {a.excluded_s:.0f} s of redacted stretches left out" if a.excluded_s else "")
                )
                for m in a.attackers:
                    spread = f" ± {100 * m.eer_spread:.0f} over {m.draws} secret draws, worst {100 * m.eer_worst:.0f} %" if m.draws > 1 else ""
                    lines.append(f"    {m.attacker} ({m.encoder}): EER {100 * m.eer:.0f} %{spread}, {m.trials} trials")
            if a.wer_alienated_vs_original is not None:
                lines.append(f"  Speech recognition on alienated audio: {100 * a.wer_alienated_vs_original:.1f} % words differ "
                             f"from {a.wer_reference}")
        return "\n".join(lines) + "\n"


def summarize_pii(transcript: Transcript, policy=None) -> tuple[dict[str, int], dict[str, int]]:
    """Returns (counts of found items by entity type, counts by decision) of an unredacted transcript.

    Found items are the detected (or hand-marked) spans and the mentions of a named speaker's name that no span
    covers (``app.privacy.speaker_mentions``: redacted as a PERSON wherever the text says it), so every redacted item
    is among the found ones; ``decisions["speaker name"]`` counts those mentions (they are in the PERSON count).
    Decisions: pending, accepted, rejected, and ``manual`` for spans marked by hand; ``redacted`` counts the spans
    ``policy`` redacts (when given).
    """
    mentions = speaker_mentions_found(transcript)
    counts = Counter(span.entity_type for span in transcript.pii_spans + mentions)
    decisions = Counter(span.decision for span in transcript.pii_spans)
    decisions["manual"] = sum(1 for span in transcript.pii_spans if span.source == "manual")
    decisions["speaker name"] = len(mentions)
    if policy is not None:
        from app.privacy.redact import spans_to_redact

        decisions["redacted"] = sum(len(v) for v in spans_to_redact(transcript, policy).values())
    for key in ("pending", "accepted", "rejected"):
        decisions.setdefault(key, 0)
    return dict(counts), dict(decisions)


def speaker_mentions_found(transcript: Transcript) -> list:
    """Returns the mentions of a named speaker's name (PERSON spans) that overlap no span of the note: the items the
    speaker names add to those the detector and the user found. Raises nothing."""
    from app.privacy.speaker_mentions import uncovered_speaker_mentions

    return uncovered_speaker_mentions(transcript)
