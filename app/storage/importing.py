"""Storing a transcribed file as a note: transcript plus its audio, FLAC-compressed, from memory."""
from __future__ import annotations

from pathlib import Path

from audio_core.model import Transcript
from app.storage.notebook import Notebook


def save_transcribed_file(
    notebook: Notebook, transcript: Transcript, source: Path, *, keep_audio: bool = True, channel: int | None = None
) -> int:
    """Stores ``transcript`` as a new note, with the audio of ``source`` decoded again in chunks; returns the note id.

    The note is created in state "recording" and marked complete only once its
    audio is in, so an import killed midway is listed, not silently half-stored;
    a decoding error removes the note again. ``channel`` (1-based) keeps that
    channel's audio alone, None the mix of all.
    Raises InputError if ``source`` cannot be decoded.
    """
    from audio_core.decode import iter_audio_chunks

    note_id = notebook.save_transcript(transcript, state="recording" if keep_audio else "complete")
    if keep_audio:
        try:
            notebook.store_audio(note_id, iter_audio_chunks(source, channel=channel))
        except BaseException:
            notebook.delete_note(note_id)  # the source went bad after transcription: store nothing half-done
            raise
        notebook.mark_complete(note_id)
    return note_id
