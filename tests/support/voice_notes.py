"""A notebook where one enrolled voice ("Chris", synthetic flite rms) speaks in two notes and not in a third.

Notes are built from the reference turns of the bundled sample and of the synthetic meeting (same three
synthetic voices, other words), so a test needs no transcription to know exactly who said what.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audio_core.decode import decode_audio
from audio_core.model import Segment, Speaker, Transcript, Word
from tests.assets.sample import SAMPLE_JSON, SAMPLE_WAV

SR = 16000


@dataclass(frozen=True)
class VoiceNotebook:
    """Where everything is: note ids, and the stretches each note's Chris speaks in (seconds)."""

    path: Path
    with_chris: tuple[int, int]
    without_chris: int
    chris_turns: dict[int, list[tuple[float, float]]]


def _turns(path: Path) -> list[tuple[str, float, float, str]]:
    """Returns (speaker, start_s, end_s, text) of a reference JSON (the sample's or the synthetic meeting's)."""
    return [(t["speaker"], t.get("start_s", t.get("start")), t.get("end_s", t.get("end")), t["text"])
            for t in json.loads(path.read_text())["turns"]]


def turns_transcript(turns, title: str, duration_s: float) -> Transcript:
    """Returns a transcript of ``turns``: speakers S1, S2… by first appearance, called "Speaker N", words spread evenly."""
    ids: dict[str, str] = {}
    segments = []
    for who, start_s, end_s, text in turns:
        sid = ids.setdefault(who, f"S{len(ids) + 1}")
        tokens = text.split()
        step = (end_s - start_s) / len(tokens)
        words = [Word(w if i == 0 else " " + w, start_s + i * step, start_s + (i + 0.9) * step, 0.9, sid) for i, w in enumerate(tokens)]
        segments.append(Segment(start_s, end_s, text, words, sid))
    speakers = [Speaker(sid, f"Speaker {sid[1:]}") for sid in ids.values()]
    return Transcript(segments=segments, speakers=speakers, duration_s=duration_s, title=title, model="reference",
                      created_at=f"2026-0{len(title) % 9 + 1}-01T10:00:00+00:00")


def build(path: Path, passphrase: str, kdf, encoder) -> VoiceNotebook:
    """Creates the notebook at ``path``: Chris enrolled from the synthetic meeting's first two turns of his,
    note A the synthetic meeting, note B the sample meeting, note C the sample's other two voices only."""
    from app.storage import init_notebook
    from app.voice_profiles import voice_of

    from tests.support.testdata import testdata_root

    synthetic = testdata_root() / "synthetic" / "meeting.json"
    meeting, meeting_audio = _turns(synthetic), decode_audio(synthetic.with_suffix(".wav"))
    sample, sample_audio = _turns(SAMPLE_JSON), decode_audio(SAMPLE_WAV)
    chris_audio = np.concatenate([meeting_audio[int(s * SR):int(e * SR)] for who, s, e, _ in meeting if who == "chris"][:2])
    voice, _ = voice_of(encoder, chris_audio)

    others = [t for t in sample if t[0] != "chris"]
    pieces, shifted, t0 = [], [], 0.0
    for who, s, e, text in others:
        pieces.append(sample_audio[int(s * SR):int(e * SR)])
        shifted.append((who, t0, t0 + e - s, text))
        t0 += e - s + 0.3
        pieces.append(np.zeros(int(0.3 * SR), np.float32))
    without_audio = np.concatenate(pieces)
    notes = [
        (turns_transcript(meeting, "Launch plan", meeting_audio.size / SR), meeting_audio, meeting),
        (turns_transcript(sample, "Clinic follow-up", sample_audio.size / SR), sample_audio, sample),
        (turns_transcript(shifted, "Clinic staff only", without_audio.size / SR), without_audio, shifted),
    ]
    ids, chris_turns = [], {}
    with init_notebook(path, passphrase, kdf=kdf) as notebook:
        notebook.save_voice_profile("Chris", voice)
        for transcript, audio, turns in notes:
            note_id = notebook.save_transcript(transcript)
            notebook.store_audio(note_id, [audio])
            ids.append(note_id)
            chris_turns[note_id] = [(s, e) for who, s, e, _ in turns if who == "chris"]
    return VoiceNotebook(path, (ids[0], ids[1]), ids[2], chris_turns)
