"""How strong one note's voice alienation measures: attackers, encoders, secret draws and word errors.

Everything is measured on the alienated voices BEFORE bleeping, with the
redacted stretches left out: bleeps hide the voice too, and would otherwise
flatter the measure. Attackers (see ``app.privacy.attackers``), each with
Resemblyzer and the d-vector encoder:
- ignorant: enrols the note's original voices;
- lazy-informed: alienates the note's original speech itself with the same
  method and LAZY_DRAWS fresh secrets of its own (it has not the note's),
  enrols that, and is reported as mean, spread and worst over those draws;
- semi-informed: as lazy-informed, scoring through a projection trained on
  other speakers' alienated speech, when one ships for the method
  (``assets/attackers/<method>.<encoder>.npz``).
The strongest (lowest mean EER) decides the headline. Enrolment and test
share the note's speech, which favours the attacker: the figure is conservative.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from app.privacy.attackers import ENCODERS, Projection, make_encoder
from app.privacy.voice_attack import MIN_SEGMENT_S, VoiceSegment, attack, cosine, embed_segments
from audio_core import SAMPLE_RATE
from audio_core.alienate.apply import DEFAULT_SPEAKER, LabelledTurn, alienate_recording
from audio_core.alienate.options import AlienationOptions, parameter_ranges
from audio_core.model import Transcript

MAX_PIECE_S = 4.0
LAZY_DRAWS = 3
MAX_PIECES_PER_SPEAKER = 15  # bounds the cost on long notes: the lazy attacker alienates this much speech per draw
PROJECTIONS = Path(__file__).resolve().parents[2] / "assets" / "attackers"
ATTACKER_NAMES = {"ignorant": "ignorant", "lazy": "lazy-informed", "semi": "semi-informed"}

@dataclass
class SpeakerStrength:
    """How far one speaker's alienated voice is from the original (cosine 1 = same voice)."""

    speaker_id: str
    name: str
    segments: int
    cosine_original_vs_alienated: float | None


@dataclass
class AttackerMeasure:
    """One re-identification attacker's result on this note.

    attacker: "ignorant" (enrols the original voices), "lazy-informed" (enrols the note's speech alienated by
        itself with the same method and its own secrets) or "semi-informed" (as lazy-informed, scoring through
        a projection trained on alienated speech of many other speakers).
    encoder: "resemblyzer" or "dvector".
    eer: mean equal error rate over ``draws`` attacker secrets (one for the ignorant attacker); 0.5 = chance.
    eer_worst, eer_spread: the lowest EER and the standard deviation over those draws.
    trials: (enrolled speaker, test segment) comparisons per draw.
    """

    attacker: str
    encoder: str
    eer: float
    eer_worst: float
    eer_spread: float
    draws: int
    trials: int


@dataclass
class AlienationStrength:
    """The alienation applied to exported audio, and what it measured on this note.

    attacker_eer: the strongest attacker's (lowest) mean EER, named by ``attacker``; None when fewer than two
    speakers have usable speech. measured_s: seconds of speech the voice measure used; excluded_s: redacted
    (bleeped) seconds left out of it.
    """

    method: str
    strength: float
    parameter_ranges: dict[str, list[float]]
    speakers: list[SpeakerStrength] = field(default_factory=list)
    attacker_eer: float | None = None
    attacker_trials: int = 0
    wer_alienated_vs_original: float | None = None
    attacker: str = ""
    attacker_eer_worst: float | None = None
    attackers: list[AttackerMeasure] = field(default_factory=list)
    measured_s: float = 0.0
    excluded_s: float = 0.0
    tts_voices: list[str] = field(default_factory=list)  # "resynth": the public TTS voices the words were spoken with
    reason: str = ""  # why this method was used (the note's default, its fallback, or chosen)
    wer_reference: str = "the original's transcript"  # what the recogniser's words were compared with


def note_segments(transcript: Transcript, excluded: list[tuple[float, float]] | tuple = ()) -> list[VoiceSegment]:
    """Returns the note's segments as speaker-labelled pieces of at most MAX_PIECE_S, without the ``excluded`` (start, end) stretches."""
    pieces = []
    for segment in transcript.segments:
        speaker = segment.speaker_id or DEFAULT_SPEAKER
        for lo, hi in _minus([(segment.start_s, segment.end_s)], excluded):
            t = lo
            while t < hi:
                end = min(hi, t + MAX_PIECE_S)
                pieces.append(VoiceSegment("note", speaker, t, end))
                t = end
    return pieces


def _minus(stretches: list[tuple[float, float]], excluded) -> list[tuple[float, float]]:
    """Returns ``stretches`` with every ``excluded`` interval cut out."""
    for ex_lo, ex_hi in excluded:
        cut = []
        for lo, hi in stretches:
            if ex_hi <= lo or ex_lo >= hi:
                cut.append((lo, hi))
                continue
            if ex_lo > lo:
                cut.append((lo, ex_lo))
            if ex_hi < hi:
                cut.append((ex_hi, hi))
        stretches = cut
    return stretches


def _bounded(segments: list[VoiceSegment]) -> list[VoiceSegment]:
    """Returns at most MAX_PIECES_PER_SPEAKER usable segments per speaker, spread evenly over the note."""
    by_speaker: dict[str, list[VoiceSegment]] = {}
    for s in segments:
        if s.end_s - s.start_s >= MIN_SEGMENT_S:
            by_speaker.setdefault(s.speaker_id, []).append(s)
    out = []
    for pieces in by_speaker.values():
        if len(pieces) > MAX_PIECES_PER_SPEAKER:
            pieces = [pieces[int(i)] for i in np.linspace(0, len(pieces) - 1, MAX_PIECES_PER_SPEAKER)]
        out.extend(pieces)
    return sorted(out, key=lambda s: s.start_s)


def _attacker_alienation(original: np.ndarray, segments: list[VoiceSegment], options: AlienationOptions,
                         secret: bytes, sample_rate: int, transcript: Transcript | None = None,
                         ) -> tuple[np.ndarray, list[VoiceSegment]]:
    """Returns the segments' original speech, joined and alienated by the attacker with ``secret``, and their new times.

    Each piece carries the words ``transcript`` has inside it, so a method that speaks the words again ("resynth")
    has them to speak: the attacker knows what its own recordings say.
    """
    clips, moved, texts, t = [], [], [], 0.0
    words = [w for segment in transcript.segments for w in segment.words] if transcript is not None else []
    for s in segments:
        clip = original[int(s.start_s * sample_rate) : int(s.end_s * sample_rate)]
        clips.append(clip)
        moved.append(VoiceSegment(s.recording, s.speaker_id, t, t + clip.size / sample_rate))
        texts.append(" ".join(w.text.strip() for w in words if s.start_s <= (w.start_s + w.end_s) / 2 < s.end_s))
        t += clip.size / sample_rate
    joined = np.concatenate(clips) if clips else np.zeros(0, np.float32)
    turns = [LabelledTurn(m.start_s, m.end_s, m.speaker_id, text) for m, text in zip(moved, texts)]
    language = (transcript.language if transcript is not None else "") or "en"
    return alienate_recording(joined, turns, options, secret, sample_rate, language), moved


def _projection(options: AlienationOptions, encoder: str) -> Projection | None:
    """Returns the shipped semi-informed projection for ``options.method`` and ``encoder``, or None."""
    path = PROJECTIONS / f"{options.method}.{encoder}.npz"
    try:
        return Projection.load(path) if path.is_file() else None
    except (OSError, KeyError, ValueError):
        return None


def _projected(projection: Projection, embeddings: list) -> list:
    return [None if e is None else projection.apply(e) for e in embeddings]


def measure_alienation(
    engines,
    original: np.ndarray,
    alienated: np.ndarray,
    transcript: Transcript,
    options: AlienationOptions,
    measure_wer: bool = True,
    sample_rate: int = SAMPLE_RATE,
    excluded: list[tuple[float, float]] | tuple = (),
    lazy_secrets: list[bytes] | None = None,
    encoders: tuple[str, ...] = ENCODERS,
    wer_reference: str | None = None,
) -> AlienationStrength:
    """Returns the alienation's measured strength on this note.

    ``original`` and ``alienated`` are the note's audio before and after
    alienation, both BEFORE bleeping; ``excluded`` are the (start, end)
    seconds that the export bleeps (left out of the voice measure);
    ``transcript`` is the original's transcript (unredacted, in memory
    only). ``lazy_secrets`` are the lazy-informed attacker's own secrets
    (LAZY_DRAWS fresh random ones when None). ``wer_reference`` is the text the
    alienated audio should say when it is not the original's (resynthesis speaks
    the redacted text, a neutral word for each item). Raises ModelError when a
    model is missing.
    """
    segments = _bounded(note_segments(transcript, excluded))
    result = AlienationStrength(options.method, options.strength, parameter_ranges(options))
    result.excluded_s = round(sum(hi - lo for lo, hi in excluded), 2)
    result.measured_s = round(sum(s.end_s - s.start_s for s in segments), 2)
    encoder = make_encoder(encoders[0], engines)
    before = embed_segments(encoder, original, segments, sample_rate)
    after = embed_segments(encoder, alienated, segments, sample_rate)
    _speaker_similarity(result, transcript, segments, before, after)
    if len({s.speaker_id for s, b in zip(segments, before) if b is not None}) >= 2:
        lazy_secrets = lazy_secrets or [secrets.token_bytes(16) for _ in range(LAZY_DRAWS)]
        lazy_audio = [_attacker_alienation(original, segments, options, secret, sample_rate, transcript)
                      for secret in lazy_secrets]
        for index, encoder_name in enumerate(encoders):
            if index:
                encoder = make_encoder(encoder_name, engines)
                before = embed_segments(encoder, original, segments, sample_rate)
                after = embed_segments(encoder, alienated, segments, sample_rate)
            _attack_with(result, options, encoder_name, segments, before, after,
                         [embed_segments(encoder, audio, moved, sample_rate) for audio, moved in lazy_audio])
    if result.attackers:
        strongest = min(result.attackers, key=lambda m: m.eer)
        result.attacker = f"{strongest.attacker} ({strongest.encoder})"
        result.attacker_eer, result.attacker_trials = strongest.eer, strongest.trials
        result.attacker_eer_worst = min(m.eer_worst for m in result.attackers)
    reference = transcript.text if wer_reference is None else wer_reference
    if wer_reference is not None:
        result.wer_reference = "the exported text as spoken (each redacted item as its neutral word)"
    if measure_wer and reference.strip():
        from app.wer import word_error_rate
        from audio_core.transcribe import AsrOptions, transcribe_array

        language = transcript.language or None
        text = " ".join(s.text for s in transcribe_array(engines.recognizer, alienated, AsrOptions(language=language)))
        result.wer_alienated_vs_original = round(word_error_rate(reference, text), 4)
    return result


def _attack_with(result: AlienationStrength, options: AlienationOptions, encoder_name: str, segments, before, after,
                 lazy: list) -> None:
    """Adds the ignorant, lazy-informed and (with a shipped projection) semi-informed attackers' results."""
    _add(result, "ignorant", encoder_name, _scored(segments, [before], after))
    _add(result, "lazy", encoder_name, _scored(segments, lazy, after))
    projection = _projection(options, encoder_name)
    if projection is not None:
        test = _projected(projection, after)
        _add(result, "semi", encoder_name, _scored(segments, [_projected(projection, e) for e in lazy], test))


def _scored(segments, enrolments: list, test: list) -> list:
    """Returns the attacks of ``test`` by each enrolment that has trials to score (silent speech gives none)."""
    outcomes = []
    for enrolment in enrolments:
        try:
            outcomes.append(attack(segments, enrolment, segments, test))
        except ValueError:
            continue
    return outcomes


def _add(result: AlienationStrength, attacker: str, encoder: str, outcomes: list) -> None:
    if not outcomes:
        return
    eers = [o.eer for o in outcomes]
    result.attackers.append(AttackerMeasure(
        ATTACKER_NAMES[attacker], encoder, round(float(np.mean(eers)), 4), round(float(min(eers)), 4),
        round(float(np.std(eers)), 4), len(eers), outcomes[0].n_target + outcomes[0].n_nontarget))


def _speaker_similarity(result: AlienationStrength, transcript: Transcript, segments, before, after) -> None:
    for speaker_id in dict.fromkeys(s.speaker_id for s in segments):
        pairs = [(b, a) for s, b, a in zip(segments, before, after) if s.speaker_id == speaker_id and b is not None and a is not None]
        similarity = float(np.mean([cosine(b, a) for b, a in pairs])) if pairs else None
        name = transcript.speaker_name(speaker_id) if speaker_id != DEFAULT_SPEAKER else "all speech"
        result.speakers.append(SpeakerStrength(speaker_id, name, len(pairs), None if similarity is None else round(similarity, 4)))
