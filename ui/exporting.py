"""The export recipe the desktop app runs on a worker: transcript formats, audio, privacy report, audit log.

Plain Python over the same core functions ``hushnote export`` uses
(``app.storage.exporting``, ``app.privacy``, ``audio_core.alienate``,
``audio_core.separate``); no Qt here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.errors import HushnoteError, InputError
from app.model import Transcript
from app.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from audio_core import SAMPLE_RATE

AUDIO_MODES = ("none", "bleeped", "alienated", "background")


@dataclass(frozen=True)
class ExportRequest:
    """What to export.

    formats: transcript formats (keys of ``app.export.EXPORTERS``).
    redact: replace personal data under ``policy_name`` (True by default; False only after confirmation).
    audio: "none", "bleeped" (redacted items beeped out), "alienated" (bleeped and voices changed),
        or "background" (speech removed, the background kept).
    report: write ``<stem>.privacy.json`` and ``.privacy.txt``.
    audio_format: "flac" or "wav".
    """

    out_dir: Path
    stem: str
    formats: tuple[str, ...] = ("txt",)
    redact: bool = True
    policy_name: str = "default"
    audio: str = "none"
    report: bool = False
    audio_format: str = "flac"


@dataclass
class ExportResult:
    """The files written, and whether and under which policy the text was redacted."""

    paths: list[Path] = field(default_factory=list)
    redacted: bool = True
    policy: str = ""


def export_note(
    request: ExportRequest,
    transcript: Transcript,
    audio: np.ndarray | None,
    engines=None,
    notebook=None,
    note_id: int | None = None,
    hook: ProgressHook = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
) -> ExportResult:
    """Writes the files ``request`` asks for and returns their paths.

    ``notebook``/``note_id`` (an ``app.storage.Notebook``) give the note's alienation
    secret and receive the audit-log entry. Progress: "export" with completed/total steps.
    Raises HushnoteError for an unknown policy, a missing recording or an unwritable
    folder; InputError when audio is asked for and the note has none; Cancelled.
    """
    from app.export import export_transcript
    from app.storage.exporting import prepare_export

    if request.audio not in AUDIO_MODES:
        raise HushnoteError(f"unknown audio choice {request.audio!r}")
    if request.audio != "none" and (audio is None or not len(audio)):
        raise InputError("this note has no recording kept, so no audio can be exported")
    steps = len(request.formats) + (request.audio != "none") + request.report + 1
    done = 0

    def step() -> None:
        nonlocal done
        cancel.check()
        hook("export", completed=float(done), total=float(steps))
        done += 1

    step()
    plan = prepare_export(transcript, redact=request.redact, policy_name=request.policy_name)
    result = ExportResult(redacted=plan.redacted, policy=plan.policy)
    for fmt in request.formats:
        step()
        result.paths.append(export_transcript(plan.transcript, fmt, request.out_dir / f"{request.stem}.{fmt}"))
    audio_files: list[Path] = []
    bleep_stats = (0, 0.0)
    if request.audio != "none":
        step()
        audio_files, bleep_stats = _export_audio(request, transcript, audio, engines, notebook, note_id, cancel)
        result.paths += audio_files
    if request.report:
        step()
        result.paths += _write_report(request, transcript, plan, audio_files, bleep_stats)
    if notebook is not None:
        formats = list(request.formats) + ([request.audio_format] if audio_files else [])
        notebook.record_export(note_id, f"export note {note_id} from the desktop app (audio: {request.audio})", formats,
                               plan.policy, plan.redacted)
    hook("export", completed=float(steps), total=float(steps))
    return result


def _export_audio(request, transcript, audio, engines, notebook, note_id, cancel):
    from app.privacy.audio_files import write_audio
    from app.privacy.audio_redaction import AudioRedactionOptions, audio_intervals, bleep_intervals, pad_and_merge
    from app.privacy.policy import parse_policy

    out, stem, fmt = request.out_dir, request.stem, request.audio_format
    if request.audio == "background":
        from audio_core.separate.base import separate_stream

        separator = engines.separator()
        background = np.concatenate([s.background for s in separate_stream([audio], SAMPLE_RATE, separator, cancel)])
        return [write_audio(out / f"{stem}.background.{fmt}", background)], (0, 0.0)
    options = AudioRedactionOptions()
    # The same stretches as `hushnote export`: widened towards the kept words, since
    # Whisper's word times under-cover spoken digit strings.
    intervals = audio_intervals(transcript, parse_policy(request.policy_name), options) if request.redact else []
    merged = pad_and_merge(intervals, options.pad_s, audio.size / SAMPLE_RATE)
    stats = (len(merged), round(sum(e - s for s, e in merged), 2))
    paths = [write_audio(out / f"{stem}.bleeped.{fmt}", bleep_intervals(audio, intervals, options))]
    if request.audio == "alienated":
        from audio_core.alienate.apply import SpeakerTurn, alienate_recording
        from audio_core.alienate.options import AlienationOptions, new_note_secret

        if notebook is not None and note_id is not None:
            from app.privacy.note_secret import note_secret

            secret = note_secret(notebook, note_id)
        else:
            secret = new_note_secret()
        turns = [SpeakerTurn(s.start_s, s.end_s, s.speaker_id) for s in transcript.segments]
        alienated = alienate_recording(audio, turns, AlienationOptions(), secret)
        paths.append(write_audio(out / f"{stem}.alienated.{fmt}", bleep_intervals(alienated, intervals, options)))
    return paths, stats


def _write_report(request, transcript, plan, audio_files, bleep_stats) -> list[Path]:
    from app.privacy.policy import parse_policy
    from app.privacy.report import AlienationStrength, PrivacyReport, summarize_pii
    from audio_core.alienate.options import AlienationOptions, parameter_ranges

    counts, decisions = summarize_pii(transcript, parse_policy(request.policy_name) if plan.redacted else None)
    alienation = None
    if request.audio == "alienated":
        options = AlienationOptions()
        alienation = AlienationStrength(options.method, options.strength, parameter_ranges(options))
    report = PrivacyReport(
        source_name=transcript.title or transcript.source_name or request.stem,
        redacted=plan.redacted,
        policy=plan.policy,
        counts_by_type=counts,
        decisions=decisions,
        audio=request.audio,
        audio_files=[p.name for p in audio_files],
        bleeped_intervals=bleep_stats[0],
        bleeped_s=bleep_stats[1],
        alienation=alienation,
    )
    return report.write(request.out_dir, request.stem)
