"""The privacy report that goes with every export: what was redacted, how voices were
alienated, and how strong that alienation measured on this very note.

Measurements (``measure_alienation``) are made on device: Resemblyzer speaker
embeddings compare each speaker's original and alienated segments (cosine
similarity, and the EER of an attacker that enrols the original voices and
tests the alienated ones), and the bundled recogniser transcribes the
alienated audio to give its word error rate against the original's transcript.
The per-speaker parameters themselves are not reported: knowing them would
help undo the alienation.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from audio_core.errors import HushnoteError
from audio_core.model import Transcript
from app.privacy.voice_attack import VoiceSegment, attack, cosine, embed_segments
from audio_core import SAMPLE_RATE
from audio_core.alienate.apply import DEFAULT_SPEAKER
from audio_core.alienate.options import AlienationOptions, parameter_ranges

MAX_PIECE_S = 4.0


@dataclass
class SpeakerStrength:
    """How far one speaker's alienated voice is from the original (cosine 1 = same voice)."""

    speaker_id: str
    name: str
    segments: int
    cosine_original_vs_alienated: float | None


@dataclass
class AlienationStrength:
    """The alienation applied to exported audio, and what it measured on this note."""

    method: str
    strength: float
    parameter_ranges: dict[str, list[float]]
    speakers: list[SpeakerStrength] = field(default_factory=list)
    attacker_eer: float | None = None  # None: fewer than two speakers with usable segments
    attacker_trials: int = 0
    wer_alienated_vs_original: float | None = None
    tts_voices: list[str] = field(default_factory=list)  # "resynth": the public TTS voices the words were spoken with


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
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            paths[0].write_text(self.to_json() + "\n", encoding="utf-8")
            paths[1].write_text(self.render_text(), encoding="utf-8")
        except OSError as exc:
            raise HushnoteError(f"cannot write {paths[0]}: {exc.strerror or exc}") from None
        return paths

    def render_text(self) -> str:
        """Returns the report as readable plain text."""
        lines = [f"Hushnote privacy report — {self.source_name}", f"exported at {self.exported_at}", ""]
        if self.redacted:
            lines.append(f"Transcript redacted under policy: {self.policy}")
        else:
            lines.append("Transcript NOT redacted (--no-redact): it contains the personal data found below.")
        found = ", ".join(f"{k} {v}" for k, v in sorted(self.counts_by_type.items())) or "none"
        lines.append(f"Personal data found: {found}")
        lines.append("Decisions: " + ", ".join(f"{k} {v}" for k, v in sorted(self.decisions.items())))
        if self.detection_language:
            lines.append(f"Detection language: {self.detection_language}; recognisers: {'; '.join(self.recognizers)}")
        if self.removed_participants:
            lines.append(f"Participants removed at their request: {self.removed_participants} (their turns read "
                         "\"[removed at the participant's request]\"; their name appears nowhere)")
            if self.audio != "none":
                lines.append(f"  Their voice removed from the audio: {self.removed_intervals} stretches, {self.removed_s:.1f} s "
                             "in all, overlapped speech included")
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
            else:
                lines.append(f"Voices alienated: {a.method}, strength {a.strength} (per-speaker values drawn from {ranges})")
            for s in a.speakers:
                similarity = "n/a (too little speech)" if s.cosine_original_vs_alienated is None else f"{s.cosine_original_vs_alienated:.2f}"
                lines.append(f"  {s.name}: {s.segments} segments, voice similarity original vs alienated {similarity}")
            if a.attacker_eer is None:
                lines.append("  Re-identification attacker: needs two speakers with speech; not measured")
            else:
                lines.append(
                    f"  Re-identification attacker (Resemblyzer, enrols original voices): EER {100 * a.attacker_eer:.0f} % "
                    f"over {a.attacker_trials} trials (50 % = chance)"
                )
            if a.wer_alienated_vs_original is not None:
                lines.append(f"  Speech recognition on alienated audio: {100 * a.wer_alienated_vs_original:.1f} % words differ from the original's transcript")
        return "\n".join(lines) + "\n"


def summarize_pii(transcript: Transcript, policy=None) -> tuple[dict[str, int], dict[str, int]]:
    """Returns (counts of found spans by entity type, counts by decision) of an unredacted transcript.

    Decisions: pending, accepted, rejected, and ``manual`` for spans marked by
    hand; ``redacted`` counts the spans ``policy`` redacts (when given).
    """
    counts = Counter(span.entity_type for span in transcript.pii_spans)
    decisions = Counter(span.decision for span in transcript.pii_spans)
    decisions["manual"] = sum(1 for span in transcript.pii_spans if span.source == "manual")
    if policy is not None:
        from app.privacy.redact import spans_to_redact

        decisions["redacted"] = sum(len(v) for v in spans_to_redact(transcript, policy).values())
    for key in ("pending", "accepted", "rejected"):
        decisions.setdefault(key, 0)
    return dict(counts), dict(decisions)


def note_segments(transcript: Transcript) -> list[VoiceSegment]:
    """Returns the note's segments as speaker-labelled pieces of at most MAX_PIECE_S."""
    pieces = []
    for segment in transcript.segments:
        speaker = segment.speaker_id or DEFAULT_SPEAKER
        t = segment.start_s
        while t < segment.end_s:
            end = min(segment.end_s, t + MAX_PIECE_S)
            pieces.append(VoiceSegment("note", speaker, t, end))
            t = end
    return pieces


def measure_alienation(
    engines,
    original: np.ndarray,
    alienated: np.ndarray,
    transcript: Transcript,
    options: AlienationOptions,
    measure_wer: bool = True,
    sample_rate: int = SAMPLE_RATE,
) -> AlienationStrength:
    """Returns the alienation's measured strength on this note.

    ``original`` and ``alienated`` are the note's audio before and after
    alienation (before bleeping); ``transcript`` is the original's transcript
    (unredacted, in memory only). Raises ModelError when a model is missing.
    """
    from app.wer import word_error_rate

    segments = note_segments(transcript)
    encoder = engines.voice_encoder
    before = embed_segments(encoder, original, segments, sample_rate)
    after = embed_segments(encoder, alienated, segments, sample_rate)
    result = AlienationStrength(options.method, options.strength, parameter_ranges(options))
    for speaker_id in dict.fromkeys(s.speaker_id for s in segments):
        pairs = [(b, a) for s, b, a in zip(segments, before, after) if s.speaker_id == speaker_id and b is not None and a is not None]
        similarity = float(np.mean([cosine(b, a) for b, a in pairs])) if pairs else None
        name = transcript.speaker_name(speaker_id) if speaker_id != DEFAULT_SPEAKER else "all speech"
        result.speakers.append(SpeakerStrength(speaker_id, name, len(pairs), None if similarity is None else round(similarity, 4)))
    usable = {s.speaker_id for s, b in zip(segments, before) if b is not None}
    if len(usable) >= 2:
        outcome = attack(segments, before, segments, after)
        result.attacker_eer, result.attacker_trials = round(outcome.eer, 4), outcome.n_target + outcome.n_nontarget
    if measure_wer and transcript.text.strip():
        from audio_core.transcribe import AsrOptions, transcribe_array

        language = transcript.language or None
        text = " ".join(s.text for s in transcribe_array(engines.recognizer, alienated, AsrOptions(language=language)))
        result.wer_alienated_vs_original = round(word_error_rate(transcript.text, text), 4)
    return result
