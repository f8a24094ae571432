"""What a note holds of a benchmark recording: tiny.en's words with their times, split by the recording's speakers.

Resynthesis speaks a note's own text again, mistakes included, so it is measured on this text, never on the
reference transcript.
"""
from __future__ import annotations

from audio_core.alienate.apply import LabelledTurn
from audio_core.transcribe import AsrOptions, transcribe_array


def note_turns(engines, audio, turns) -> list[LabelledTurn]:
    """Returns the turns an import would make of ``audio``: tiny.en's segments (word times on) with each word given
    to the speaker of ``turns`` it overlaps most (``app.speakers.assign_speakers``), under the turns' speaker ids."""
    from app.speakers import assign_speakers
    from audio_core.diarize import SpeakerTurn
    from audio_core.model import Transcript

    labels = list(dict.fromkeys(t.speaker_id for t in turns))
    segments = list(transcribe_array(engines.recognizer, audio, AsrOptions(language="en", word_timestamps=True)))
    diarized = [SpeakerTurn(t.start_s, t.end_s, labels.index(t.speaker_id)) for t in turns]
    note = assign_speakers(Transcript(segments=segments), diarized)
    # assign_speakers numbers speakers S1, S2... by first appearance; the benchmark keeps its global ids
    ids = {f"S{k + 1}": label for k, label in enumerate(dict.fromkeys(labels[t.speaker] for t in diarized))}
    return [LabelledTurn(s.start_s, s.end_s, ids.get(s.speaker_id, s.speaker_id), s.text.strip(), tuple(s.words))
            for s in note.segments if s.text.strip()]
