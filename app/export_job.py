"""The export recipe ``hushnote export`` and the desktop app both run.

Transcript formats, bleeped / alienated / background-only audio, the privacy
report (with the attacker and ASR measurements) and the audit-log entry, over
the same core stages: ``app.privacy.export_plan``, ``app.privacy``,
``audio_core.alienate`` and ``audio_core.separate``.
"""
from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from audio_core.errors import HushnoteError, InputError
from audio_core.model import Transcript
from audio_core.progress import NEVER_CANCELLED, CancelToken, ProgressHook, no_progress
from audio_core import SAMPLE_RATE
from audio_core.alienate.default_method import AlienationChoice, choose_alienation
from audio_core.alienate.options import AlienationOptions
from audio_core.separate import BACKENDS

AUDIO_MODES = ("none", "bleeped", "alienated", "background")


@dataclass(frozen=True)
class ExportRequest:
    """What to export.

    formats: transcript formats (keys of ``app.export.EXPORTERS``).
    redact: replace personal data under ``policy_name`` (True by default; False only after confirmation).
    audio: "none", "bleeped" (redacted items beeped out), "alienated" (bleeped and voices changed;
        a bleeped copy is written too), or "background" (speech removed, the background kept).
    keep_background: for "alienated", change only the voices and add the background back untouched
        (separated by ``separator``); off, the whole recording is alienated, music and room sound too.
    separator: the separation backend for "background" audio and ``keep_background``: "dfn" (noise and
        room sound), "spleeter" (music) or "spleeter+dfn".
    report: write ``<stem>.privacy.json`` and ``.privacy.txt``.
    measure: in the report, measure the alienation (attacker EER, ASR WER); off is faster.
    alienation: method and strength for "alienated" audio; None (the default) takes the note's default
        (``audio_core.alienate.default_method.default_alienation``: "resynth" for an English note with transcript text,
        "normalise_random" 0.8 otherwise), said in ``ExportResult.alienation`` and the report.
    beep: what replaces redacted audio, "tone" or "silence".
    audio_format: "flac" or "wav".
    origin: who exported, for the audit log ("hushnote export", "the desktop app").
    keep_speaker_names: in a redacted export, print the speakers' names instead of pseudonyms
        (recorded in the audit log).
    keep_title: in a redacted export, keep the note's title (and source file name) as written; otherwise
        its personal data is replaced as the transcript's is (recorded in the audit log).
    detection_language: find personal data anew in this language ("de") before redacting (review
        decisions kept where the same item is found again); "" uses the note's findings, made in the
        transcript's language.
    remove_speakers: speaker ids or names removed at their request: their turns silent (or toned) in
        every audio file, "[removed at the participant's request]" in every text, their name nowhere
        (``app.privacy.speaker_removal``; recorded in the audit log).
    """

    out_dir: Path
    stem: str  # "": named after the exported title (redacted in a redacted export)
    formats: tuple[str, ...] = ("txt",)
    redact: bool = True
    policy_name: str = "default"
    audio: str = "none"
    keep_background: bool = False
    separator: str = "dfn"
    report: bool = False
    measure: bool = True
    alienation: AlienationOptions | None = None
    beep: str = "tone"
    audio_format: str = "flac"
    origin: str = "hushnote export"
    keep_speaker_names: bool = False
    keep_title: bool = False
    detection_language: str = ""
    remove_speakers: tuple[str, ...] = ()


@dataclass
class ExportResult:
    """The files written, whether and under which policy the text was redacted, and the alienation used and why
    (None without alienated audio)."""

    paths: list[Path] = field(default_factory=list)
    redacted: bool = True
    policy: str = ""
    alienation: AlienationChoice | None = None


@dataclass
class _AudioOutcome:
    paths: list[Path] = field(default_factory=list)
    bleeped_intervals: int = 0
    bleeped_s: float = 0.0
    alienated: np.ndarray | None = None  # before bleeping, for the report's measurements
    tts_voices: list[str] = field(default_factory=list)  # the public TTS voices "resynth" spoke with
    alienation: AlienationChoice | None = None  # the method used and why
    removed_intervals: int = 0
    removed_s: float = 0.0
    bleeped: list[tuple[float, float]] = field(default_factory=list)  # (start, end) s, left out of the voice measure
    mentions_bleeped_s: float = 0.0  # of a removed participant's name said by others


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

    ``transcript`` is the note as stored (unredacted, with its PII decisions);
    ``audio`` its 16 kHz recording or None. ``engines`` is needed for background
    audio and for a measured report. ``notebook``/``note_id`` (an
    ``app.storage.Notebook``) give the note's alienation secret and receive the
    audit-log entry. Progress: "export" with completed/total steps, its artifact naming the step begun ("prepare",
    "transcript", "audio", "report"; none at the end).
    Raises HushnoteError for an unknown audio choice, separator or policy, a missing model or
    an unwritable folder; InputError when audio is asked for and there is none; Cancelled.
    """
    from app.export import export_transcript
    from app.export.file_names import file_stem, redacted_file_stem
    from app.privacy.export_plan import prepare_export
    from app.privacy.speaker_removal import describe_removal, remove_speakers, resolve_speakers

    if request.audio not in AUDIO_MODES:
        raise HushnoteError(f"unknown audio choice {request.audio!r}")
    if _separates(request) and request.separator not in BACKENDS:
        raise HushnoteError(f"unknown separation backend {request.separator!r}: choose one of {', '.join(BACKENDS)}")
    if _separates(request) and engines is None:
        raise HushnoteError(f"{request.audio} audio that splits voices from background needs the separation model "
                            "(no engines given)")
    if request.audio != "none" and (audio is None or not len(audio)):
        raise InputError("no recording to export audio from: this note keeps none "
                         "(for a transcript .json, give --audio-source FILE)")
    transcript = _in_detection_language(request, transcript, engines)
    removed_ids = resolve_speakers(transcript, request.remove_speakers)
    removal = remove_speakers(transcript, removed_ids, _heard_from(removed_ids, transcript, audio, request, engines, cancel))
    steps = len(request.formats) + (request.audio != "none") + request.report + 1
    done = 0

    def step(what: str) -> None:
        nonlocal done
        cancel.check()
        hook("export", what, completed=float(done), total=float(steps))
        done += 1

    step("prepare")
    plan = prepare_export(removal.transcript, redact=request.redact, policy_name=request.policy_name,
                          keep_speaker_names=request.keep_speaker_names, keep_title=request.keep_title,
                          analyzer=(lambda: engines.pii_analyzer) if engines is not None else None,
                          language=request.detection_language or None)
    stem = request.stem or file_stem(plan.transcript.title)
    if plan.redacted and not request.keep_title:
        stem = redacted_file_stem(stem, transcript, plan.transcript)
    request = replace(request, stem=stem)
    result = ExportResult(redacted=plan.redacted, policy=plan.policy)
    for fmt in request.formats:
        step("transcript")
        result.paths.append(export_transcript(plan.transcript, fmt, request.out_dir / f"{request.stem}.{fmt}"))
    outcome = _AudioOutcome()
    if request.audio != "none":
        step("audio")
        outcome = _export_audio(request, removal, plan.transcript, audio, engines, notebook, note_id, cancel, transcript)
        result.paths += outcome.paths
        result.alienation = outcome.alienation
    if request.report:
        step("report")
        result.paths += _write_report(request, removal, plan, audio, outcome, engines)
    if notebook is not None:
        formats = list(request.formats) + ([request.audio_format] if outcome.paths else [])
        removed = f"; {describe_removal(transcript, removal.speaker_ids)}" if removal.speaker_ids else ""
        if removal.mentions:
            removed += f", {removal.mentions} mention{'s' if removal.mentions != 1 else ''} of their name by others replaced"
        notebook.record_export(note_id, f"export note {note_id} from {request.origin} (audio: {request.audio}{removed})",
                               formats, plan.policy, plan.redacted)
    hook("export", completed=float(steps), total=float(steps))
    return result


def _heard_from(removed_ids, transcript: Transcript, audio, request: ExportRequest, engines, cancel) -> list:
    """Returns where the diarizer hears the removed participants in the exported audio, words or none; [] without audio.

    Raises HushnoteError when no engines are given to listen with.
    """
    if not removed_ids or request.audio == "none":
        return []
    if engines is None:
        raise HushnoteError("removing a participant from the audio needs the speaker models (no engines given)")
    from app.privacy.diarized_speech import diarized_stretches

    return diarized_stretches(engines, audio, transcript, removed_ids, cancel)


def _note_secret(notebook, note_id: int | None) -> bytes:
    """A stored note keeps one secret; anything else gets a fresh one (exports cannot be linked)."""
    if notebook is not None and note_id is not None:
        from app.privacy.note_secret import note_secret

        return note_secret(notebook, note_id)
    from audio_core.alienate.options import new_note_secret

    return new_note_secret()


def _export_audio(request: ExportRequest, removal, exported, audio, engines, notebook, note_id, cancel,
                  source: Transcript) -> _AudioOutcome:
    """Writes the audio ``request`` asks for; ``removal`` holds the transcript with any removed participant taken out,
    ``exported`` that transcript as exported (redacted unless asked not to), whose text is all "resynth" may speak;
    ``source`` the note before the removal (where the removed participants spoke in ``audio``)."""
    from audio_core.encode import write_audio_file
    from app.privacy.audio_redaction import (AudioRedactionOptions, audio_intervals, bleep_intervals, pad_and_merge,
                                             reach_towards_kept)
    from app.privacy.policy import parse_policy
    from app.privacy.speaker_removal import REMOVED_MARKER, silence_intervals

    out, stem, fmt = request.out_dir, request.stem, request.audio_format
    transcript = removal.transcript
    recorded = audio
    # Silenced before anything else reads the audio: no separator or alienation ever hears a removed voice.
    audio = silence_intervals(audio, removal.intervals)
    removed = {"removed_intervals": len(removal.intervals), "removed_s": removal.removed_s}
    if request.audio == "background":
        from audio_core.separate.base import separate_stream
        from audio_core.separate.speech_free import speech_free_background

        stems = list(separate_stream([audio], SAMPLE_RATE, engines.separator(request.separator), cancel))
        # The plain background stem still speaks, quietly but intelligibly; this export promises no voices.
        background = speech_free_background(np.concatenate([s.background for s in stems]),
                                            np.concatenate([s.voice for s in stems]), SAMPLE_RATE)
        return _AudioOutcome(paths=[write_audio_file(out / f"{stem}.background.{fmt}", background, SAMPLE_RATE)], **removed)
    options = AudioRedactionOptions(style=request.beep)
    # Widened towards the kept words, since Whisper's word times under-cover spoken digit strings.
    intervals = audio_intervals(transcript, parse_policy(request.policy_name), options) if request.redact else []
    # A removed participant's name said by others is bleeped whether or not the export is redacted.
    named = reach_towards_kept(removal.mention_intervals, transcript.words, options.reach_s)
    intervals = intervals + named
    merged = pad_and_merge(intervals, options.pad_s, audio.size / SAMPLE_RATE)
    named_s = sum(e - s for s, e in pad_and_merge(named, options.pad_s, audio.size / SAMPLE_RATE))
    outcome = _AudioOutcome(bleeped_intervals=len(merged), bleeped_s=round(sum(e - s for s, e in merged), 2), **removed,
                            bleeped=list(merged) + list(removal.intervals), mentions_bleeped_s=round(named_s, 2))
    # A removed participant's stretches sound like a redaction (tone or silence), with no padding into kept speech.
    gone = [(s + options.pad_s, e - options.pad_s) for s, e in removal.intervals if e - s > 2 * options.pad_s]
    bleeped = bleep_intervals(audio, intervals + gone, options)
    outcome.paths.append(write_audio_file(out / f"{stem}.bleeped.{fmt}", bleeped, SAMPLE_RATE))
    if request.audio == "alienated":
        from audio_core.alienate.apply import LabelledTurn

        cancel.check()
        from app.privacy.speaker_removal import spoken_only

        # A removed participant's marker is text, not speech: "resynth" must not speak it.
        # Nor their name where others said it: "someone" is spoken there.
        turns = [LabelledTurn(s.start_s, s.end_s, s.speaker_id, s.text.replace(REMOVED_MARKER, "[PERSON]"), tuple(s.words))
                 for s in spoken_only(exported).segments]
        secret = _note_secret(notebook, note_id)
        language = transcript.language or "en"
        outcome.alienation = choose_alienation(request.alienation, language, any(t.text.strip() for t in turns))
        method = outcome.alienation.options.method
        placed: list[tuple[float, float]] = []  # where "resynth" speech sounds
        if method == "resynth":
            # no one left is given a TTS voice close to a removed participant's (their voice would seem to speak)
            avoid = _removed_voice_prints(recorded, source, removal.speaker_ids)
            outcome.tts_voices = _tts_voices(secret, audio, turns, language, avoid)
            alienate_voices = _resynthesis(turns, secret, language, placed, avoid)
        else:
            from app.separation import voice_alienation

            alienate_voices = voice_alienation(outcome.alienation.options, secret, SAMPLE_RATE, turns, language)
        # "resynth" never speaks a redacted item (a neutral word stands in, wherever the speech landed), so its
        # audio is not bleeped at the items' original times, which may now hold a neighbouring word; a removed
        # participant's stretches carry the tone only where no new speech sounds.
        resynthesised = method == "resynth"
        if request.keep_background:
            from app.separation import alienate_voice_only

            separator = engines.separator(request.separator)
            # the separator's background stem keeps some of the original speech: silent over the redacted items
            muted = merged if resynthesised else ()
            outcome.alienated = alienate_voice_only(audio, SAMPLE_RATE, separator, alienate_voices, cancel, muted)
        else:
            outcome.alienated = alienate_voices(audio)
        covered = _outside(gone, placed) if resynthesised else intervals + gone
        if resynthesised:
            outcome.bleeped = list(removal.intervals)  # the items' stretches are heard (new words), so measured
        alienated = bleep_intervals(outcome.alienated, covered, options)
        outcome.paths.append(write_audio_file(out / f"{stem}.alienated.{fmt}", alienated, SAMPLE_RATE))
    return outcome


def _in_detection_language(request: ExportRequest, transcript: Transcript, engines) -> Transcript:
    """Returns ``transcript``, or a copy with its personal data found again in the request's language.

    Raises HushnoteError for an unsupported language or when no engines are given to detect with.
    """
    from app.privacy.languages import normalise_language, require_supported
    from app.privacy.review import detect_again

    if not request.detection_language or not request.redact:
        return transcript
    language = require_supported(request.detection_language)
    if language == normalise_language(transcript.language) and any(s.source == "detector" for s in transcript.pii_spans):
        return transcript
    if engines is None:
        raise HushnoteError(f"finding personal data in {language} needs the PII analyzer (no engines given)")
    copy = deepcopy(transcript)
    detect_again(copy, engines.pii_analyzer, language)
    return copy


def _removed_voice_prints(audio, source: Transcript, speaker_ids) -> list:
    """Returns the voice prints of the removed participants ``speaker_ids``, measured where they alone speak in the
    recording ``audio`` before its silencing (none without removals); raises ModelError when an encoder is missing."""
    if not speaker_ids:
        return []
    from audio_core.alienate.resynth import voice_prints

    return voice_prints(audio, source.segments, speaker_ids)


def _resynthesis(turns, secret: bytes, language: str, placed: list, avoid_prints=()):
    """Returns a voice alienation (audio -> audio) that speaks ``turns`` again, adding where each piece sounds
    ((start, end) seconds) to ``placed``; no speaker is given a voice close to any of ``avoid_prints``."""
    from audio_core.alienate.resynth import resynthesise

    def alienate(voice: np.ndarray) -> np.ndarray:
        speech, pieces = resynthesise(voice, turns, secret, SAMPLE_RATE, language, avoid_prints=avoid_prints)
        placed.extend((p.start_s, p.end_s) for p in pieces)
        return speech

    return alienate


def _outside(stretches, covered) -> list[tuple[float, float]]:
    """Returns the parts of ``stretches`` ((start, end) seconds) that no ``covered`` interval overlaps."""
    for lo_c, hi_c in covered:
        left = []
        for lo, hi in stretches:
            if hi_c <= lo or lo_c >= hi:
                left.append((lo, hi))
                continue
            if lo_c > lo:
                left.append((lo, lo_c))
            if hi_c < hi:
                left.append((hi_c, hi))
        stretches = left
    return list(stretches)


def _tts_voices(secret: bytes, audio, turns, language: str, avoid_prints=()) -> list[str]:
    """Returns the public TTS voices "resynth" gives the speakers of ``turns``; raises HushnoteError when none speaks ``language``."""
    from audio_core.alienate.resynth import drawn_voices

    try:  # the draw keeps each speaker off the voices close to their own, so it needs their audio
        voices = drawn_voices(audio, turns, secret, language=language, avoid_prints=avoid_prints)
        return sorted({v.base.label for v in voices.values()})
    except ValueError as exc:
        raise HushnoteError(str(exc)) from None


def _separates(request: ExportRequest) -> bool:
    """Whether the audio export splits voices from background."""
    return request.audio == "background" or (request.audio == "alienated" and request.keep_background)


def _write_report(request: ExportRequest, removal, plan, audio, outcome: _AudioOutcome, engines) -> list[Path]:
    from app.privacy.languages import detection_summary
    from app.privacy.speaker_removal import silence_intervals, spoken_only
    from app.privacy.policy import parse_policy
    from app.privacy.report import AlienationStrength, PrivacyReport, measure_alienation, summarize_pii
    from audio_core.alienate.options import parameter_ranges
    from audio_core.alienate.resynth import speakable

    transcript = spoken_only(removal.transcript)  # measured on the speech that is left
    counts, decisions = summarize_pii(transcript, parse_policy(request.policy_name) if plan.redacted else None)
    strength = None
    if outcome.alienated is not None:
        if request.measure and engines is not None:
            # Measured on the note's voices before bleeping, bleeped and removed stretches left out (bleeps must not
            # flatter the voice measure), reported under the export's speaker labels.
            original = silence_intervals(audio, removal.intervals)
            used = outcome.alienation.options
            # resynthesis speaks the exported text, each redacted item as a neutral word: that is what it should say
            spoken = speakable(spoken_only(plan.transcript).text) if used.method == "resynth" else None
            strength = measure_alienation(engines, original, outcome.alienated, transcript, used,
                                          excluded=outcome.bleeped, wer_reference=spoken)
            labels = {s.id: s.name for s in plan.transcript.speakers}
            for speaker in strength.speakers:
                speaker.name = labels.get(speaker.speaker_id, speaker.name)
        else:
            used = outcome.alienation.options
            strength = AlienationStrength(used.method, used.strength, parameter_ranges(used))
        strength.tts_voices = outcome.tts_voices
        strength.reason = outcome.alienation.reason
    report = PrivacyReport(
        source_name=plan.transcript.title or plan.transcript.source_name or request.stem,  # redacted unless kept
        redacted=plan.redacted,
        policy=plan.policy,
        counts_by_type=counts,
        decisions=decisions,
        speaker_name_mentions=decisions.get("speaker name", 0),
        audio=request.audio,
        audio_files=[p.name for p in outcome.paths],
        separator=request.separator if _separates(request) else "",
        bleeped_intervals=outcome.bleeped_intervals,
        bleeped_s=outcome.bleeped_s,
        alienation=strength,
        removed_participants=len(removal.speaker_ids),
        removed_intervals=outcome.removed_intervals,
        removed_s=outcome.removed_s,
        removed_mentions=removal.mentions,
        removed_mentions_s=outcome.mentions_bleeped_s,
    )
    report.detection_language, report.recognizers = detection_summary(request.detection_language or transcript.language)
    return report.write(request.out_dir, request.stem)
