"""Arguments shared by several commands, and turning them into settings."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from app.engines import EngineSettings, Engines
from audio_core.errors import HushnoteError, InputError
from audio_core.model import Transcript
from app.models_registry import DEFAULT_MODEL, resolve_model
from app.text_files import read_text_file
from app.vocabulary import Vocabulary
from audio_core.separate import BACKENDS
from audio_core.transcribe import DECODERS, AsrOptions


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """Adds --model, --language, --device, --threads, --beam-size, --decoder and --no-vad."""
    group = parser.add_argument_group("recognition")
    group.add_argument("--model", default=DEFAULT_MODEL, help="tiny.en (bundled, default), base, a downloaded model (see `hushnote models list`), or a local CTranslate2 model folder")
    group.add_argument("--language", default=None, help="language code such as en or de (default: the model's, or detect)")
    group.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="where to run (default: auto)")
    group.add_argument("--threads", type=int, default=None, help="CPU threads (default: all cores)")
    group.add_argument("--beam-size", type=int, default=5, help="beam search width (default: 5)")
    group.add_argument("--no-vad", action="store_true", help="decode silence too (slower)")
    group.add_argument("--decoder", choices=DECODERS, default="sequential",
                       help="sequential: one 30 s window after another (default, best on conversations); batched: "
                            "several speech chunks at once, faster, more memory, more words missed on a real phone "
                            "call (see tests/bench/bench_asr.py)")


CLEAN_UP_CHOICES = ("off", *BACKENDS)


def add_clean_up_argument(parser: argparse.ArgumentParser) -> None:
    """Adds --clean-up BACKEND (and --denoise, short for --clean-up dfn): separation before recognition."""
    parser.add_argument(
        "--clean-up",
        dest="clean_up",
        choices=CLEAN_UP_CHOICES,
        default="off",
        help="before recognition remove background noise (dfn), music (spleeter) or both (spleeter+dfn); "
        "helps over music, makes Whisper worse on clear speech, see tests/bench/bench_separation.py (default: off)",
    )
    parser.add_argument("--denoise", dest="clean_up", action="store_const", const="dfn", help="short for --clean-up dfn")


def _channel_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a channel number (1 is the first)")
    return int(text)


def add_channel_argument(parser: argparse.ArgumentParser) -> None:
    """Adds --channel N: use that channel (1-based) of each file instead of the mix of all."""
    parser.add_argument(
        "--channel", type=_channel_number, default=None, metavar="N",
        help="use channel N alone (1 is the first), e.g. one microphone per person (default: mix all channels)",
    )


def add_vocabulary_argument(parser: argparse.ArgumentParser) -> None:
    """Adds --vocabulary FILE|"A,B": names and terms for this run, besides the notebook's list."""
    parser.add_argument(
        "--vocabulary", default=None, metavar='FILE|"A,B"',
        help="names and terms to listen for in this run: a text file (one or more per line, 'name:' or 'term:' "
             "first to say which) or a comma-separated list of terms; with an open notebook its list is used too",
    )


def vocabulary_from(args: argparse.Namespace) -> Vocabulary:
    """Returns the parsed --vocabulary (empty when not given).

    A value naming an existing file is read as a list; any other is a comma-separated list of terms.
    Raises InputError for a file that cannot be read, OptionError for a bad entry.
    """
    from app.vocabulary import parse_vocabulary, read_vocabulary_file

    value = getattr(args, "vocabulary", None)
    if not value:
        return Vocabulary()
    path = Path(value).expanduser()
    if path.is_file():
        return read_vocabulary_file(path)
    if path.suffix.lower() in (".txt", ".csv", ".list") or "/" in value:
        raise InputError(f"{value}: no such vocabulary file")
    return parse_vocabulary(value)


def clean_up_from(args: argparse.Namespace) -> str:
    """Returns the parsed --clean-up as :class:`app.pipeline.PipelineOptions` takes it: "" for off, else the backend."""
    return "" if args.clean_up == "off" else args.clean_up


def engines_from(args: argparse.Namespace) -> Engines:
    """Returns Engines for the parsed --model/--device/--threads.

    Raises ModelError at once when the model is unknown or not installed, before any audio is read.
    """
    resolve_model(args.model)
    return Engines(EngineSettings(model=args.model, device=args.device, cpu_threads=args.threads))


def asr_options_from(args: argparse.Namespace) -> AsrOptions:
    """Returns AsrOptions for the parsed --language/--beam-size/--no-vad/--decoder."""
    return AsrOptions(language=args.language, beam_size=args.beam_size, vad=not args.no_vad, decoder=args.decoder)


def run_per_file(names: Sequence[str], handle: Callable[[Path], None]) -> int:
    """Calls ``handle(path)`` for each file name and returns the exit code.

    A file that fails with a HushnoteError gets its one-line error on standard
    error and the others still run; returns 0, or 2 when any failed (a single
    file returns its own error's exit code).
    """
    failures = 0
    for name in names:
        try:
            handle(Path(name))
        except HushnoteError as exc:
            failures += 1
            print(f"hushnote: error: {exc}", file=sys.stderr)
            if len(names) == 1:
                return exc.exit_code
    return 2 if failures else 0


# A ten-hour meeting's transcript JSON, word timings included, is about 15 MB; parsing a file many times
# that size would take gigabytes of memory, so a larger one is refused before it is read.
MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024


def read_transcript_file(path: Path) -> Transcript:
    """Returns the Hushnote transcript stored as JSON at ``path``.

    Raises InputError for a missing or unreadable file, one over
    ``MAX_TRANSCRIPT_BYTES``, text that is not UTF-8, or JSON that is not a Hushnote transcript.
    """
    text = read_text_file(path, MAX_TRANSCRIPT_BYTES, "a Hushnote transcript")
    try:
        return Transcript.from_json(text)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None


def load_finished_transcript(notebook, note_id: int) -> Transcript:
    """Returns note ``note_id``'s transcript.

    Raises HushnoteError for a note not transcribed yet (still being written, or
    interrupted and waiting for ``hushnote record --recover``): an empty export
    helps no one. Raises NoteNotFoundError for an unknown id.
    """
    from app.pipeline import in_flight

    if notebook.get_summary(note_id).state != "complete":
        if in_flight.is_held(notebook, note_id):
            raise HushnoteError(f"note {note_id} is still being transcribed")
        raise HushnoteError(f"note {note_id} was interrupted before it was transcribed: "
                            "run `hushnote record --recover` first")
    return notebook.load_transcript(note_id)
