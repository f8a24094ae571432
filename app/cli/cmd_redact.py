"""``hushnote redact FILE|NOTE``: personal data out of a text file, a transcript, an audio file or a stored note.

A ``.txt`` (or ``.md``) file is redacted as plain text; a ``.json`` file is a
Hushnote transcript (its stored review decisions are honoured, detection runs
if it has none); anything else is audio or video, transcribed first; a number
that is not a file is a note in the encrypted notebook. The result goes to
standard output, or to ``--out`` (format from its extension).
"""
from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

from app.cli.common import (add_channel_argument, add_engine_arguments, asr_options_from, engines_from,
                             load_finished_transcript, read_transcript_file)
from audio_core.errors import InputError
from audio_core.model import Transcript
from app.note_merge import NoteState
from audio_core.whole_file import write_whole_file

TEXT_SUFFIXES = {".txt", ".md", ".text"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "redact",
        help="redact personal data in a text file, transcript JSON, audio file or stored note",
        description="Find and replace personal data (names, numbers, emails, addresses, dates…) fully offline. "
        "--language en|de|fr|es picks the language it is found in (default: the transcript's, English for text).",
    )
    parser.add_argument("source", metavar="FILE|NOTE", help="a .txt/.md file, a transcript .json, an audio/video file, or a note id")
    parser.add_argument("--policy", default="default", metavar="POLICY",
                        help="default, strict, names-only, numbers-only, fake, or entity types (PERSON,EMAIL_ADDRESS); "
                             "add :tag, :pseudonym or :fake for the style")
    parser.add_argument("--out", type=Path, default=None, help="write here (txt, md, srt, vtt, json or docx by extension) instead of standard output")
    parser.add_argument("--list", action="store_true", help="list the detections (number, type, score) instead of redacting")
    parser.add_argument("--keep", type=int, action="append", default=[], metavar="N", help="reject detection N (keep it verbatim); repeatable")
    parser.add_argument("--add", action="append", default=[], metavar="TEXT", help="also redact every occurrence of TEXT; repeatable")
    parser.add_argument("--notebook", type=Path, default=None, metavar="PATH", help="notebook database for a NOTE (default: the data folder's)")
    add_engine_arguments(parser)
    add_channel_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.privacy.policy import parse_policy
    from app.privacy.languages import require_supported
    from app.privacy.review import detect_again, detect_if_never_analysed

    policy = parse_policy(args.policy)
    # --language names the language the personal data is found in (and, for audio, the language spoken).
    args.detection_language = require_supported(args.language) if args.language else None
    path = Path(args.source)
    if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES and not (args.list or args.keep or args.add):
        return _redact_plain_text(path, args, policy)
    notebook, note_id = None, None
    if path.is_file():
        transcript = _load_transcript(path, args)
    elif args.source.isdigit():
        notebook, note_id = _open_notebook(args), int(args.source)
        transcript = load_finished_transcript(notebook, note_id)
        as_read = NoteState(copy.deepcopy(transcript))
    else:
        raise InputError(f"{args.source}: no such file (and not a note number)")
    try:
        if args.detection_language and args.detection_language != transcript.language:
            detect_again(transcript, engines_from(args).pii_analyzer, args.detection_language)  # found in the wrong language
            transcript.language = args.detection_language
        detect_if_never_analysed(transcript, lambda: engines_from(args).pii_analyzer)
        _apply_review(transcript, args)
        if notebook is not None and (args.keep or args.add):
            # decisions are stored with the note, merged with what the app saved while detection ran
            as_read.tags = mine_tags = notebook.get_summary(note_id).tags
            notebook.save_edits(note_id, as_read, NoteState(transcript, list(mine_tags)))
        if args.list:
            _list(transcript)
            return 0
        from app.privacy.export_plan import title_finder
        from app.privacy.redact import redact_transcript

        finder = title_finder(lambda: engines_from(args).pii_analyzer, policy, transcript.language)
        redacted = redact_transcript(transcript, policy, title_finder=finder)
        _write(redacted, args.out, "json" if path.suffix.lower() == ".json" else "txt")
        if notebook is not None:
            notebook.record_export(note_id, f"redact note {note_id}", [_format(args.out, 'txt')], f"{args.policy}: {policy}", True)
    finally:
        if notebook is not None:
            notebook.close()
    return 0


# spaCy's limit: its models need about 1 GB of memory per 100,000 characters.
MAX_TEXT_CHARS = 1_000_000
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def read_text_file(path: Path) -> str:
    """Returns the text of ``path``: UTF-8, or UTF-16/32 with a byte-order mark.

    Raises InputError for a missing or unreadable file, binary data, another
    encoding, or a text too long to redact.
    """
    try:
        if path.stat().st_size > 4 * MAX_TEXT_CHARS:
            raise InputError(f"{path}: too long to redact in one go (at most {MAX_TEXT_CHARS:,} characters): split it")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text (binary data, or another encoding: save it as UTF-8)") from None
    if "\x00" in text:
        raise InputError(f"{path}: binary data, not a text file")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{path}: too long to redact in one go ({len(text):,} characters, at most {MAX_TEXT_CHARS:,}): split it")
    return text


def _redact_plain_text(path: Path, args: argparse.Namespace, policy) -> int:
    from app.privacy.redact import redact_text

    text = read_text_file(path)
    redacted = redact_text(text, engines_from(args).pii_analyzer, policy, args.detection_language or "en")
    if args.out is None:
        sys.stdout.write(redacted)
    else:
        _write_file(args.out, redacted)
        print(args.out)
    return 0


def _load_transcript(path: Path, args: argparse.Namespace) -> Transcript:
    if path.suffix.lower() == ".json":
        return read_transcript_file(path)
    from app.cli.progress_bar import ProgressBar
    from app.pipeline import PipelineOptions, transcribe_file

    return transcribe_file(path, engines_from(args), PipelineOptions(asr=asr_options_from(args), channel=args.channel), hook=ProgressBar(path.name))


def _open_notebook(args: argparse.Namespace):
    from app.storage import default_notebook_path, open_notebook

    return open_notebook(args.notebook or default_notebook_path())


def _apply_review(transcript: Transcript, args: argparse.Namespace) -> None:
    from app.privacy.review import add_manual_text, reject

    for index in args.keep:
        reject(transcript, index)
    for text in args.add:
        add_manual_text(transcript, text)


def _list(transcript: Transcript) -> None:
    for index, span in enumerate(transcript.pii_spans):
        print(f"{index:4d}  {span.entity_type:<15} {span.score:4.2f}  {span.decision:<9} segment {span.segment_index}: {span.text}")


def _format(out: Path | None, default: str) -> str:
    return out.suffix.lower().lstrip(".") if out is not None and out.suffix else default


def _write(transcript: Transcript, out: Path | None, default_format: str) -> None:
    if out is None:
        if default_format == "json":
            sys.stdout.write(transcript.to_json() + "\n")
        else:
            sys.stdout.write("\n".join(s.text.strip() for s in transcript.segments if s.text.strip()) + "\n")
        return
    from app.export import export_transcript

    print(export_transcript(transcript, _format(out, default_format), out))


def _write_file(out: Path, text: str) -> None:
    write_whole_file(out, text)
