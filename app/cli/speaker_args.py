"""``--no-diarize``, ``--speakers N``, ``--min-speakers``, ``--max-speakers``, ``--diarizer``, ``--pyannote-pipeline``."""
from __future__ import annotations

import argparse

from app.diarization import DIARIZERS, SpeakerOptions


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("a speaker count must be at least 1")
    return value


def add_speaker_arguments(parser: argparse.ArgumentParser) -> None:
    """Adds the speaker (diarization) options to ``parser``."""
    group = parser.add_argument_group("speakers")
    group.add_argument("--no-diarize", action="store_true", help="do not find who spoke when")
    group.add_argument("--speakers", type=_count, default=None, metavar="N", help="exactly N speakers (default: estimate)")
    group.add_argument("--min-speakers", type=_count, default=1, metavar="N", help="at least N speakers")
    group.add_argument("--max-speakers", type=_count, default=None, metavar="N", help="at most N speakers")
    group.add_argument("--diarizer", choices=DIARIZERS, default=SpeakerOptions().diarizer,
                       help="overlap: pyannote's segmentation model, two speakers at once where they overlap; "
                            "builtin: one speaker at a time (default: %(default)s)")
    group.add_argument("--pyannote-pipeline", default=None, metavar="DIR",
                       help="a local pyannote pipeline folder (e.g. community-1) to diarize with; needs hushnote[pyannote]")


def speaker_options_from(args: argparse.Namespace, notebook=None) -> SpeakerOptions:
    """Returns SpeakerOptions for the parsed arguments; an open notebook lends its voice profiles.

    Raises HushnoteError for contradictory speaker counts, ModelError for a
    missing pyannote folder or extra.
    """
    profiles = ()
    if notebook is not None and not args.no_diarize:
        from app.voice_profiles import NotebookProfileStore

        profiles = tuple(NotebookProfileStore(notebook).list())
    options = SpeakerOptions(
        enabled=not args.no_diarize,
        num_speakers=args.speakers,
        min_speakers=args.min_speakers,
        max_speakers=args.max_speakers,
        diarizer=getattr(args, "diarizer", SpeakerOptions().diarizer),
        pyannote_pipeline=args.pyannote_pipeline,
        voice_profiles=profiles,
    )
    options.diarization_options()  # contradictory counts fail before any transcription
    if options.enabled and options.pyannote_pipeline:
        from audio_core.diarize.pyannote_backend import check_pipeline_dir, import_pyannote

        check_pipeline_dir(options.pyannote_pipeline)  # so does a missing folder or extra
        import_pyannote()
    return options
