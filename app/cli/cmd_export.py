"""``hushnote export NOTE|FILE``: redacted transcripts, bleeped or alienated audio, a privacy report.

FILE is an audio or video file (transcribed first) or a transcript ``.json``
(its audio comes from ``--audio-source``); a number that is not a file is a
note in the encrypted notebook. Everything is redacted unless ``--no-redact``;
alienated audio is bleeped too, and a bleeped copy is always written beside it.
The recipe itself is ``app.pipeline.export_note``, shared with the desktop app.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from app.cli.common import (add_channel_argument, add_engine_arguments, asr_options_from, engines_from,
                             load_finished_transcript, read_transcript_file)
from audio_core.errors import HushnoteError, InputError
from audio_core.model import Transcript



def register(subparsers: argparse._SubParsersAction) -> None:
    from app.pipeline import AUDIO_MODES
    from audio_core.alienate.options import (DEFAULT_METHOD, DEFAULT_STRENGTH, FALLBACK_METHOD, METHODS,
                                             RESYNTH_MEASURED_LANGUAGES)
    from audio_core.separate import BACKENDS, DEFAULT_BACKEND

    parser = subparsers.add_parser(
        "export",
        help="export a note or file: redacted transcript, bleeped/alienated audio, privacy report",
        description="Export a redacted transcript, optionally audio that never speaks a redacted item "
        "(bleeped, or bleeped and voice-alienated), and a privacy report that measures the protection.",
    )
    parser.add_argument("source", metavar="NOTE|FILE", help="a note id, an audio/video file, or a transcript .json")
    parser.add_argument("--format", default="txt", help="comma-separated: txt,md,srt,vtt,json,docx (default: txt)")
    parser.add_argument("--audio", choices=AUDIO_MODES, default="none",
                        help="none (default), bleeped (redacted items beeped out), alienated (bleeped and voices changed; "
                             "a bleeped copy is written too), or background (all speech removed, the background kept)")
    parser.add_argument("--keep-background", action="store_true",
                        help="with --audio alienated: change only the voices and keep the background (music, room) untouched")
    parser.add_argument("--backend", choices=BACKENDS, default=DEFAULT_BACKEND,
                        help="what separates voices from background for --audio background and --keep-background: "
                             "dfn (noise and room sound, default), spleeter (music) or spleeter+dfn")
    parser.add_argument("--audio-format", choices=("flac", "wav"), default="flac", help="exported audio format (default: flac)")
    parser.add_argument("--audio-source", type=Path, default=None, help="the recording a transcript .json came from")
    parser.add_argument("--report", action="store_true", help="write a privacy report (.privacy.json and .privacy.txt)")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder for the exports (default: current folder)")
    parser.add_argument("--policy", default="default", metavar="POLICY", help="redaction policy (see hushnote redact --help)")
    parser.add_argument("--no-redact", action="store_true", help="export verbatim, personal data included (recorded in the audit log)")
    parser.add_argument("--keep-speaker-names", action="store_true",
                        help="in a redacted export, print speakers' names instead of pseudonyms (recorded in the audit log)")
    parser.add_argument("--keep-title", action="store_true",
                        help="in a redacted export, keep the note's title (and file name) as written instead of "
                             "replacing its personal data (recorded in the audit log)")
    parser.add_argument("--remove-speaker", action="append", default=[], metavar="SPEAKER",
                        help="drop everything this participant said, at their request (a speaker id such as S2, or "
                             "their name; repeatable): their turns silenced in the audio (a tone with --beep tone), and "
                             "wherever the diarizer hears them though the transcript has no words; \"[removed at the "
                             "participant's request]\" in the text; their name nowhere, also where others say it (close "
                             "spellings included: bleeped in the audio too); recorded in the audit log")
    parser.add_argument("--method", choices=METHODS, default=None,
                        help=f"voice alienation method (default: {DEFAULT_METHOD}, the redacted words spoken again by "
                             f"secret TTS voices, for notes in {', '.join(RESYNTH_MEASURED_LANGUAGES)} with a transcript; "
                             f"{FALLBACK_METHOD} {DEFAULT_STRENGTH} for other languages or no transcript text; "
                             "the method used is printed)")
    parser.add_argument("--strength", type=float, default=DEFAULT_STRENGTH,
                        help=f"voice alienation strength 0..1 (default: {DEFAULT_STRENGTH}; not used by resynth; "
                             "normalise_random above 0.8 is harder to re-identify but mishears more words)")
    parser.add_argument("--beep", choices=("tone", "silence"), default="tone", help="what replaces redacted audio (default: tone)")
    parser.add_argument("--no-measure", action="store_true", help="skip the attacker and ASR measurements in the report (faster)")
    parser.add_argument("--notebook", type=Path, default=None, metavar="PATH", help="notebook database for a NOTE (default: the data folder's)")
    add_engine_arguments(parser)
    add_channel_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.export import parse_formats
    from app.pipeline import ExportRequest, export_note
    from app.privacy.review import detect_if_never_analysed
    from audio_core.alienate.options import DEFAULT_METHOD, AlienationOptions

    formats = parse_formats(args.format)
    if args.keep_background and args.audio != "alienated":
        raise HushnoteError("--keep-background keeps the background under alienated voices: add --audio alienated")
    # no --method: the note's default, decided once its language and text are known (export_job)
    chosen = AlienationOptions(method=args.method or DEFAULT_METHOD, strength=args.strength)  # checked either way
    alienation = chosen if args.method else None
    engines = engines_from(args)
    notebook, note_id = None, None
    try:
        transcript, audio, stem, notebook, note_id = _load(args, engines)
        if not args.no_redact:
            detect_if_never_analysed(transcript, lambda: engines.pii_analyzer)
        request = ExportRequest(
            out_dir=args.out, stem=stem, formats=tuple(formats), redact=not args.no_redact, policy_name=args.policy,
            audio=args.audio, keep_background=args.keep_background, separator=args.backend, report=args.report,
            measure=not args.no_measure, alienation=alienation, beep=args.beep, audio_format=args.audio_format,
            keep_speaker_names=args.keep_speaker_names, keep_title=args.keep_title,
            remove_speakers=tuple(args.remove_speaker),
        )
        result = export_note(request, transcript, audio, engines, notebook, note_id)
        written = result.paths
    finally:
        if notebook is not None:
            notebook.close()
    if result.alienation is not None:
        print(f"hushnote: {result.alienation.notice}", file=sys.stderr)
    if args.no_redact:
        print("hushnote: warning: exported verbatim (--no-redact): the files contain personal data", file=sys.stderr)
    for path in written:
        print(path)
    return 0


def _load(args: argparse.Namespace, engines) -> tuple[Transcript, np.ndarray | None, str, object, int | None]:
    """Returns (transcript, 16 kHz audio or None, file stem, notebook or None, note id or None)."""
    from audio_core.decode import decode_audio

    path = Path(args.source)
    if path.is_file() and path.suffix.lower() == ".json":
        transcript = read_transcript_file(path)
        audio = decode_audio(args.audio_source, channel=args.channel) if args.audio_source else None
        return transcript, audio, path.stem, None, None
    if path.is_file():
        from app.cli.progress_bar import ProgressBar
        from app.pipeline import PipelineOptions, transcribe_file

        blocks: list[np.ndarray] = []
        transcript = transcribe_file(path, engines, PipelineOptions(asr=asr_options_from(args), channel=args.channel),
                                     hook=ProgressBar(path.name), keep_audio=blocks.append if args.audio != "none" else None)
        audio = (np.concatenate(blocks) if blocks else np.zeros(0, np.float32)) if args.audio != "none" else None
        return transcript, audio, path.stem, None, None
    if args.source.isdigit():
        from app.storage import default_notebook_path, open_notebook

        notebook, note_id = open_notebook(args.notebook or default_notebook_path()), int(args.source)
        try:
            transcript = load_finished_transcript(notebook, note_id)
            audio = None
            if args.audio != "none":
                audio = decode_audio(args.audio_source, channel=args.channel) if args.audio_source else notebook.read_audio(note_id)
        except BaseException:
            notebook.close()
            raise
        return transcript, audio, f"note-{note_id}", notebook, note_id
    raise InputError(f"{args.source}: no such file (and not a note number)")
