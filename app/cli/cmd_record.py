"""``hushnote record``: record from a microphone (and the computer's audio) with a live transcript, crash-safe with --save."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from app.cli.cmd_notebook import add_notebook_argument, open_from_args
from app.cli.common import add_vocabulary_argument, vocabulary_from
from app.cli.live_view import LiveView
from app.cli.speaker_args import add_speaker_arguments, speaker_options_from
from app.engines import EngineSettings, Engines
from app.pipeline import in_flight
from app.models_registry import DEFAULT_MODEL
from audio_core.transcribe import AsrOptions


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "record",
        help="record from a microphone with a live transcript",
        description=(
            "Record from a microphone and show the transcript as you speak; a full-quality pass runs when "
            "recording stops (Ctrl-C or --duration): speakers, voice profiles and personal data, as for an "
            "imported file. With --save, audio goes into the encrypted notebook "
            "every half second, so a crash loses at most about a second; `record --recover` finishes "
            "interrupted recordings. Without --save nothing is written to disk. With --system-audio, what the "
            "computer plays (the other side of a call) is recorded too, in step with the microphone: your words "
            "are labelled with your name (--my-name), the computer's split into the remote speakers."
        ),
    )
    parser.add_argument("--list-devices", action="store_true",
                        help="list the audio inputs and the outputs whose sound can be recorded, and exit")
    parser.add_argument("--system-audio", action="store_true",
                        help="also record what the computer plays (the default output, through PulseAudio/PipeWire)")
    parser.add_argument("--my-name", default=None, metavar="NAME",
                        help="your name for the microphone side of --system-audio recordings (default: Me; "
                             "with --save it is kept in the notebook's encrypted settings)")
    parser.add_argument("--device", default=None, help="input device: index or part of its name (default: the system's)")
    parser.add_argument("--sample-rate", type=int, default=None, help="device rate in Hz (default: the device's own)")
    parser.add_argument("--duration", type=float, default=None, metavar="SECONDS", help="stop after this long (default: Ctrl-C)")
    parser.add_argument("--save", action="store_true", help="keep the recording and transcript in the encrypted notebook")
    parser.add_argument("--recover", action="store_true", help="transcribe and keep interrupted recordings, then exit")
    parser.add_argument("--title", default=None, help="the note's title (default: Recording <date time>)")
    parser.add_argument("--out", type=Path, default=None, help="also export the final transcript into this folder")
    parser.add_argument("--format", default="txt", help="export formats with --out: txt,md,srt,vtt,json,docx (default: txt)")
    parser.add_argument("--no-live", action="store_true", help="no live transcript (record only; less CPU)")
    parser.add_argument("--no-pii", action="store_true", help="no personal-data highlighting or detection")
    group = parser.add_argument_group("recognition")
    group.add_argument("--model", default=DEFAULT_MODEL, help="tiny.en (bundled, default), base, or a local model folder")
    group.add_argument("--language", default=None, help="language code (default: the model's)")
    group.add_argument("--threads", type=int, default=None, help="CPU threads (default: all cores)")
    add_speaker_arguments(parser)
    add_vocabulary_argument(parser)
    add_notebook_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from audio_core.record import list_input_devices

    if args.list_devices:
        return _list_devices(list_input_devices())
    if args.my_name is not None:
        from app.pipeline.sides import check_owner_name

        args.my_name = check_owner_name(args.my_name)
    if args.system_audio:
        from audio_core.sound_server import default_output_monitor

        default_output_monitor()  # no server, no output: one line before any passphrase or model
    notebook = open_from_args(args) if args.save or args.recover else None  # a wrong passphrase fails fast
    try:
        return _run(args, notebook)
    finally:
        if notebook is not None:
            notebook.close()


def _list_devices(devices) -> int:
    from audio_core.record import DeviceError
    from audio_core.sound_server import SoundServerError, list_output_monitors

    if not devices:
        raise DeviceError("no audio input device found (is a microphone connected and a sound server running?)")
    print("inputs:")
    for device in devices:
        mark = "*" if device.is_default else " "
        print(f"{mark} {device.index}: {device.name} ({device.host_api}, {device.max_input_channels} ch, "
              f"{device.default_sample_rate} Hz)")
    try:
        monitors = list_output_monitors()
    except SoundServerError as exc:
        print(f"outputs (for --system-audio): none: {exc}")
        return 0
    print("outputs (for --system-audio, * is recorded):")
    for monitor in monitors:
        mark = "*" if monitor.is_default else " "
        print(f"{mark} {monitor.name}: {monitor.description} ({monitor.channels} ch, {monitor.sample_rate} Hz)")
    if not monitors:
        print("  none")
    return 0


def _run(args: argparse.Namespace, notebook) -> int:
    from app.export import export_transcript, parse_formats
    from app.live_pii import LivePiiHighlighter
    from app.pipeline import PipelineOptions, recover_recordings
    from app.pipeline.options import with_vocabulary
    from app.pipeline.sides import DEFAULT_OWNER, TWO_SIDED_SOURCE, owner_name, set_owner_name
    from app.recording import MemorySink, NotebookSink, RecordingOptions, RecordingSession
    from audio_core.record import RecorderOptions

    formats = parse_formats(args.format) if args.out else []
    engines = Engines(EngineSettings(model=args.model, cpu_threads=args.threads))
    final = PipelineOptions(asr=AsrOptions(language=args.language), speakers=speaker_options_from(args, notebook),
                            detect_pii=not args.no_pii, vocabulary=vocabulary_from(args))
    if notebook is not None:
        final = with_vocabulary(final, notebook)
    pii = None if args.no_pii else LivePiiHighlighter.from_engines(engines)
    if notebook is not None and args.my_name is not None:
        set_owner_name(notebook, args.my_name)
    if args.recover:
        recovered = recover_recordings(notebook, engines, final)
        for note_id in recovered:
            print(f"recovered note {note_id}")
        if not recovered:
            print("no interrupted recordings", file=sys.stderr)
        return 0
    owner = args.my_name or (owner_name(notebook) if notebook is not None else DEFAULT_OWNER)
    if notebook is not None:
        _offer_recovery(notebook)

    options = RecordingOptions(
        recorder=RecorderOptions(device=args.device, sample_rate=args.sample_rate),
        duration_s=args.duration,
        live=not args.no_live,
        live_pii=not args.no_pii,
        final=final,
        title=args.title,
        system_audio=args.system_audio,
        owner=owner,
    )
    view = LiveView()
    session = RecordingSession(engines, MemorySink(), options, pii=pii)
    session.hook = _announce(view, session)
    if notebook is not None:
        session.sink = NotebookSink(notebook, session.title, TWO_SIDED_SOURCE if args.system_audio else "")
    with _stop_on_signals(session):
        result = session.run()
    view.end_line()
    # With speakers, the final labels replace the live view's provisional ones ("Speaker 2: …" paragraphs).
    speakers = {s.speaker_id for s in result.transcript.segments if s.speaker_id is not None}
    if (args.system_audio or len(speakers) > 1) and result.transcript.segments:
        from app.export.text import render_txt

        print(render_txt(result.transcript), end="")
    else:
        print(result.transcript.text or "(no speech recognised)")
    if result.note_id is not None:
        print(f"saved note {result.note_id}")
    stem = _safe_stem(result.transcript.title)
    for fmt in formats:
        print(export_transcript(result.transcript, fmt, args.out / f"{stem}.{fmt}"))
    return 0


def _offer_recovery(notebook) -> None:
    interrupted = in_flight.interrupted_notes(notebook)
    if interrupted:
        ids = ", ".join(str(s.id) for s in interrupted)
        print(f"hushnote: {len(interrupted)} interrupted recording(s) in the notebook (note {ids}); "
              "run `hushnote record --recover` to transcribe and keep them", file=sys.stderr)


def _announce(view: LiveView, session):
    """Wraps ``view`` so the first "record" report says which device is recording."""

    def hook(step, artifact=None, *, completed=None, total=None):
        if step == "record" and not view.started:
            view.started = True
            recorder = session.recorder
            also = f" and the computer's audio ({recorder.monitor.description})" if hasattr(recorder, "monitor") else ""
            print(f"hushnote: recording from {recorder.device.name} at {recorder.device_rate} Hz{also}; Ctrl-C stops",
                  file=sys.stderr, flush=True)
        view(step, artifact, completed=completed, total=total)

    return hook


class _stop_on_signals:
    """Ctrl-C or SIGTERM stops the recording and keeps it; a second Ctrl-C aborts."""

    def __init__(self, session) -> None:
        self.session = session
        self.previous = {}

    def _handler(self, signum, frame) -> None:
        if self.session.stop_requested:
            raise KeyboardInterrupt
        self.session.stop()

    def __enter__(self):
        for signum in (signal.SIGINT, signal.SIGTERM):
            self.previous[signum] = signal.signal(signum, self._handler)
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)


def _safe_stem(title: str) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_ " else "-" for ch in title).strip().replace(" ", "_")
    return stem or "recording"
