"""Resynthesis: the note's own (redacted) words spoken again by a TTS voice per speaker.

Nothing of the original voice reaches the output: each turn's text is
spoken by the speaker's secret voice (``resynth_voices``) and placed at the
turn's start, fitted to its span, first through the TTS speaking rate, then
by a pitch-preserving time change (Praat's PSOLA "Change gender", which
also applies the voice's secret pitch and formant offset). Where a turn has
word times, it is cut at pauses and each piece is placed on its own words'
span, so the new speech follows the original's timing (a word said alone
before a pause is spoken with the words after it). Speech longer than
its span runs on into the silence after it (squeezing it into the span cost
words) and the next piece waits for it, unless the original overlapped
there: two TTS voices never talk at once where one person spoke. Speech that
would not end before the recording does starts earlier, in the silence
before it, rather than being squeezed past hearing. Everything else,
speech the recogniser missed included, is silence. Redaction tokens
("[PERSON_1]") are spoken as a neutral word, and what the voices misread
(phone numbers, money, clock times, titles) as people say it (``tts_text``); the bleeps of the export cover
their original times as well.

What is lost by design: the speaker's intonation, emotion, laughter and
other non-speech sounds; overlapping speech comes back as two TTS voices.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from audio_core import SAMPLE_RATE
from audio_core.alienate.apply import DEFAULT_SPEAKER
from audio_core.alienate.resynth_voices import ResynthVoice, base_voices, speaker_voices
from audio_core.alienate.tts import Synthesizer
from audio_core.alienate.tts_text import spoken_text
from audio_core.alienate.voice_coincidence import VoicePrint, VoicePrinter, default_printer

PAUSE_S = 0.3  # a gap between words at least this long starts a new piece
MAX_PIECE_S = 8.0  # longer pieces are cut at their next word
MIN_PIECE_WORDS = 2  # a piece of fewer words joins its turn's next piece (the last one, the one before): a word
#                      spoken alone ("Can", "So") lost a third of its words to tiny.en on the tune recordings (3: same)
FASTEST_FIT = 1.35  # the TTS rate may rise this much (× the voice's own) to fit a span; PSOLA does the rest
SLOWEST_FIT = 0.9
MAX_STRETCH = 1.15  # speech shorter than its span is slowed by PSOLA at most this much, the rest stays silent
WAIT_GAP_S = 0.1  # a piece that waits for the one before it starts this long after it
MAX_EARLY_S = 1.5  # a piece that would not end before the recording does may start this much earlier, where silent
MAX_SQUEEZE = 1.15  # speech longer than its room is compressed by PSOLA at most this much; the rest runs on
SECONDS_PER_CHARACTER = 0.068  # first guess of a voice's natural pace, refined by every piece it speaks
FADE_S = 0.01
GAIN_LIMITS = (0.05, 20.0)  # the synthesis takes the original speech's level, within these gains
NEUTRAL_TOKENS = {"PERSON": "someone", "LOCATION": "somewhere", "ADDRESS": "an address", "DATE_TIME": "a date",
                  "PHONE_NUMBER": "a number", "EMAIL_ADDRESS": "an email", "CREDIT_CARD": "a number",
                  "IBAN_CODE": "a number", "US_SSN": "a number", "IP_ADDRESS": "an address", "URL": "a link",
                  "ORGANIZATION": "an organisation", "NRP": "a group"}
NEUTRAL_DEFAULT = "something"
_TOKEN = re.compile(r"\[([A-Z][A-Z_]*?)(?:_\d+)?\]")


@dataclass(frozen=True)
class SpokenPiece:
    """Text to speak at ``start_s`` within ``end_s`` (seconds) in ``speaker_id``'s voice."""

    text: str
    start_s: float
    end_s: float
    speaker_id: str


def speakable(text: str) -> str:
    """Returns ``text`` with redaction tokens ("[PERSON_1]", "[PHONE_NUMBER]") replaced by a neutral word."""
    return _TOKEN.sub(lambda m: NEUTRAL_TOKENS.get(m.group(1), NEUTRAL_DEFAULT), text)


def text_for_tts(text: str, language: str = "en") -> str:
    """Returns what a TTS voice is handed for ``text``: redaction tokens as a neutral word and, in English, what the
    voices misread as people say it ("555-314-8839" digit by digit, "$5" as "five dollars"; ``tts_text``).

    Other languages keep their digits: espeak-ng reads them in the voice's own language.
    """
    text = speakable(text)
    return spoken_text(text) if (language or "en").lower().split("-")[0].split("_")[0] == "en" else text


def spoken_pieces(turns: Sequence) -> list[SpokenPiece]:
    """Returns the pieces of speech to synthesise from ``turns`` (``LabelledTurn``s), in time order.

    Each turn's text is spoken whole over its span, or, when its words'
    times can be found in the text in order, cut at pauses into pieces placed
    on their words' spans. Only the turn's text is ever spoken (never the
    words' own text, which may predate an edit).
    """
    pieces: list[SpokenPiece] = []
    for turn in turns:
        text = turn.text.strip()
        if not text or turn.end_s <= turn.start_s:
            continue
        speaker = turn.speaker_id or DEFAULT_SPEAKER
        offsets = _word_offsets(text, [w.text for w in turn.words])
        if not turn.words or offsets is None:
            pieces.append(SpokenPiece(text, turn.start_s, turn.end_s, speaker))
            continue
        groups: list[list[int]] = [[0]]
        for k in range(1, len(turn.words)):
            gap = turn.words[k].start_s - turn.words[k - 1].end_s
            if gap >= PAUSE_S or turn.words[k - 1].end_s - turn.words[groups[-1][0]].start_s >= MAX_PIECE_S:
                groups.append([])
            groups[-1].append(k)
        groups = _joined_short(groups)
        for g, group in enumerate(groups):
            first, last = turn.words[group[0]], turn.words[group[-1]]
            cut_from = 0 if g == 0 else offsets[group[0]]
            cut_to = len(text) if g + 1 == len(groups) else offsets[groups[g + 1][0]]
            start_s = max(turn.start_s, first.start_s) if g else turn.start_s
            # a piece may run on through the pause after it, up to the next piece: fitting speech into its words'
            # own span alone would squeeze it past understanding
            end_s = min(turn.end_s, turn.words[groups[g + 1][0]].start_s) if g + 1 < len(groups) else turn.end_s
            if text[cut_from:cut_to].strip() and end_s > start_s:
                pieces.append(SpokenPiece(text[cut_from:cut_to].strip(), start_s, end_s, speaker))
    return sorted(pieces, key=lambda p: p.start_s)


def _joined_short(groups: list[list[int]]) -> list[list[int]]:
    """Returns ``groups`` (word indices per piece) with each group of fewer than MIN_PIECE_WORDS words joined to the
    next group, the last one to the group before it."""
    joined: list[list[int]] = []
    carry: list[int] = []
    for group in groups:
        group = carry + group
        carry = group if len(group) < MIN_PIECE_WORDS else []
        if not carry:
            joined.append(group)
    if carry:
        if joined:
            joined[-1] = joined[-1] + carry
        else:
            joined.append(carry)
    return joined


def _word_offsets(text: str, words: Sequence[str]) -> list[int] | None:
    """Returns where each word starts in ``text``, found in order; None when one is missing."""
    offsets, cursor = [], 0
    for word in words:
        token = word.strip()
        at = text.find(token, cursor) if token else -1
        if at < 0:
            return None
        offsets.append(at)
        cursor = at + len(token)
    return offsets


@dataclass(frozen=True)
class PlacedSpeech:
    """Where one piece's synthetic speech sounds in the output (seconds), and whose it is."""

    start_s: float
    end_s: float
    speaker_id: str
    text: str


def resynthesise_recording(
    audio: np.ndarray,
    turns: Sequence,
    note_secret: bytes,
    sample_rate: int = SAMPLE_RATE,
    language: str = "en",
    synthesizer: Synthesizer | None = None,
) -> np.ndarray:
    """Returns a recording as long as ``audio`` where only the turns' text, spoken by TTS voices, is heard.

    See :func:`resynthesise`, whose audio this is; raises as it does.
    """
    return resynthesise(audio, turns, note_secret, sample_rate, language, synthesizer)[0]


def resynthesise(
    audio: np.ndarray,
    turns: Sequence,
    note_secret: bytes,
    sample_rate: int = SAMPLE_RATE,
    language: str = "en",
    synthesizer: Synthesizer | None = None,
    printer: VoicePrinter | None = None,
    avoid_prints: Sequence[VoicePrint] = (),
) -> tuple[np.ndarray, list[PlacedSpeech]]:
    """Returns (a recording as long as ``audio`` where only the turns' text, spoken by TTS voices, is heard,
    where each piece of it was placed).

    Each piece starts at its words' time, or, where the piece before it ran
    on and the original had no overlap there, just after that piece: two
    voices sound at once only where two people spoke at once. A piece runs
    on into the silence after its span rather than being squeezed more than
    MAX_SQUEEZE.

    ``turns`` are ``LabelledTurn``s with their (redacted) text and, where
    known, their words' times; each speaker's voice comes from
    ``note_secret`` (see :func:`speaker_voices`). The original audio gives
    only the speech's overall loudness, the same for every speaker, and each
    speaker's voice print (``printer``, the shared one by default), so no
    one is spoken in a voice close to their own; nor in one close to any of
    ``avoid_prints`` (participants removed at their request, see
    :func:`voice_prints`). Raises ValueError for non-mono audio, a rate
    other than 16 kHz, an empty secret or a language no voice speaks;
    ModelError when a TTS engine or a speaker encoder is missing.
    """
    audio = np.asarray(audio, dtype=np.float32)
    if audio.ndim != 1:
        raise ValueError("resynthesise_recording expects mono audio (one dimension)")
    if sample_rate != SAMPLE_RATE:
        raise ValueError(f"resynthesis works at {SAMPLE_RATE} Hz, not {sample_rate}")
    pieces = spoken_pieces(turns)
    output = np.zeros(audio.size, dtype=np.float64)
    placed: list[PlacedSpeech] = []
    if not pieces or audio.size == 0:
        return output.astype(np.float32), placed
    synthesizer = synthesizer or default_synthesizer()
    voices = _drawn_voices(audio, pieces, note_secret, sample_rate, language, synthesizer, printer, avoid_prints)
    # one loudness for every speaker, the recording's speech level: a speaker's own level (near the microphone or
    # not) would be a cue for a speaker model that sees the original too
    level = _loudness(np.concatenate([audio[int(p.start_s * sample_rate) : int(p.end_s * sample_rate)] for p in pieces]))
    pace: dict[str, float] = {}  # seconds per character at rate 1, per base voice
    medians: dict[str, float] = {}  # the base voice's median pitch
    free_from = 0  # the sample where the speech placed so far ends
    for index, piece in enumerate(pieces):
        room_s = _room(pieces, index, audio.size / sample_rate)
        # a piece that did not overlap the one before it in the original waits for it to end (never two TTS voices
        # at once where one person spoke); where the original overlapped, so does the new speech
        overlapped_before = index > 0 and pieces[index - 1].end_s > piece.start_s
        start = int(round(piece.start_s * sample_rate))
        start = start if overlapped_before or free_from <= start else free_from + int(WAIT_GAP_S * sample_rate)
        if start >= audio.size:
            continue
        own = max(1, min(audio.size, int(round(piece.end_s * sample_rate))) - start)  # its span (less any wait)
        room = max(own, min(audio.size, int(round(room_s * sample_rate))) - start)
        voice = voices[piece.speaker_id]
        text = text_for_tts(piece.text, language)
        natural_s = len(text) * pace.get(voice.base.label, SECONDS_PER_CHARACTER) / voice.rate
        # faster only when the speech would not fit even with the silence after the span; slower to fill the span
        fit = natural_s * sample_rate / room if natural_s * sample_rate > room else natural_s * sample_rate / own
        rate = min(2.0, max(0.5, voice.rate * min(FASTEST_FIT, max(SLOWEST_FIT, fit))))
        speech = synthesizer.speak(voice.base, text, rate)
        if speech.size == 0:
            continue
        pace[voice.base.label] = speech.size / sample_rate * rate / max(1, len(text))
        if speech.size < own:
            length = min(own, int(round(speech.size * MAX_STRETCH)))
        else:  # squeezed at most MAX_SQUEEZE into its room; what still does not fit runs on, and the next piece waits
            length = min(speech.size, max(room, int(round(speech.size / MAX_SQUEEZE))))
        if start + length > audio.size and not overlapped_before:
            # the recording ends first: start earlier, into the silence before the piece, rather than squeeze its
            # end past hearing (a 3-word last piece squeezed 1.9 times was heard as nothing on the tune recordings)
            earliest = max(free_from + (int(WAIT_GAP_S * sample_rate) if free_from else 0),
                           start - int(MAX_EARLY_S * sample_rate))
            start = max(min(start, earliest), audio.size - length)
        length = min(length, audio.size - start)
        speech = _fit_voice(speech, voice, length, medians, sample_rate)
        output[start : start + speech.size] += speech * float(np.clip(level / max(_loudness(speech), 1e-9), *GAIN_LIMITS))
        free_from = max(free_from, start + speech.size)
        placed.append(PlacedSpeech(start / sample_rate, (start + speech.size) / sample_rate, piece.speaker_id, piece.text))
    return np.clip(output, -1.0, 1.0).astype(np.float32), placed


def drawn_voices(
    audio: np.ndarray,
    turns: Sequence,
    note_secret: bytes,
    sample_rate: int = SAMPLE_RATE,
    language: str = "en",
    synthesizer: Synthesizer | None = None,
    printer: VoicePrinter | None = None,
    avoid_prints: Sequence[VoicePrint] = (),
) -> dict[str, ResynthVoice]:
    """Returns the voice :func:`resynthesise` gives each speaker of ``turns`` in ``audio`` (what a report names),
    kept off ``avoid_prints`` as it does.

    Raises ValueError for an empty secret or a language no voice speaks; ModelError when a TTS engine or a
    speaker encoder is missing.
    """
    pieces = spoken_pieces(turns)
    if not pieces:
        return {}
    return _drawn_voices(np.asarray(audio, np.float32), pieces, note_secret, sample_rate, language,
                         synthesizer or default_synthesizer(), printer, avoid_prints)


def _drawn_voices(audio, pieces, note_secret, sample_rate, language, synthesizer, printer,
                  avoid_prints=()) -> dict[str, ResynthVoice]:
    printer = printer or default_printer()
    return speaker_voices(note_secret, [p.speaker_id for p in pieces], language,
                          speaker_prints(audio, pieces, printer, sample_rate),
                          printer.base_prints(base_voices(language), synthesizer), avoid_prints=avoid_prints)


def voice_prints(audio: np.ndarray, turns: Sequence, speaker_ids: Sequence[str], printer: VoicePrinter | None = None,
                 sample_rate: int = SAMPLE_RATE) -> list[VoicePrint]:
    """Returns the voice prints of ``speaker_ids`` in ``audio``, each from where they alone speak among ``turns``
    (anything with ``start_s``, ``end_s`` and ``speaker_id``); a speaker with too little speech gives none.

    What :func:`resynthesise` takes as ``avoid_prints`` for participants removed at their request: measured on the
    original audio, before their speech is silenced. Raises ModelError when a speaker encoder is missing.
    """
    wanted = set(speaker_ids)
    if not wanted:
        return []
    pieces = [SpokenPiece("", t.start_s, t.end_s, t.speaker_id or DEFAULT_SPEAKER) for t in turns if t.end_s > t.start_s]
    if not any(p.speaker_id in wanted for p in pieces):
        return []
    prints = speaker_prints(np.asarray(audio, np.float32), pieces, printer or default_printer(), sample_rate)
    return [prints[s] for s in speaker_ids if prints.get(s) is not None]


def speaker_prints(audio: np.ndarray, pieces: Sequence[SpokenPiece], printer: VoicePrinter,
                   sample_rate: int = SAMPLE_RATE) -> dict[str, VoicePrint | None]:
    """Returns each speaker's voice print from the original audio where they alone speak (None: too little)."""
    owner = np.full(audio.size, -1, np.int32)  # -1 nobody, -2 several, else the speaker's index
    speakers = list(dict.fromkeys(p.speaker_id for p in pieces))
    for piece in pieces:
        span = slice(int(piece.start_s * sample_rate), int(piece.end_s * sample_rate))
        index = speakers.index(piece.speaker_id)
        owner[span] = np.where((owner[span] == -1) | (owner[span] == index), index, -2)
    return {speaker: printer.voice_print(audio[owner == k]) for k, speaker in enumerate(speakers)}


def _room(pieces: Sequence[SpokenPiece], index: int, duration_s: float) -> float:
    """Returns when piece ``index``'s speech must end (seconds): at the next piece's start, into the silence after
    its own span, or at its own end where the next piece overlapped it in the original."""
    piece = pieces[index]
    following = [p.start_s for p in pieces[index + 1 :] if p.start_s > piece.start_s]
    if not following:
        return max(piece.end_s, duration_s)
    return max(piece.end_s, min(following)) if min(following) >= piece.end_s else piece.end_s


def _fit_voice(speech: np.ndarray, voice: ResynthVoice, length: int, medians: dict[str, float], sample_rate: int) -> np.ndarray:
    """Returns ``speech`` moved to the speaker's secret pitch and formants and made ``length`` samples long."""
    import parselmouth

    from audio_core.alienate.pitch_formant import change_gender

    sound = parselmouth.Sound(speech.astype(np.float64), sampling_frequency=sample_rate)
    label = voice.base.label
    if label not in medians:
        median = sound.to_pitch(pitch_floor=75.0, pitch_ceiling=600.0).selected_array["frequency"]
        voiced = median[median > 0]
        medians[label] = float(np.median(voiced)) if voiced.size else 0.0
    new_median_hz = medians[label] * voice.pitch_ratio if medians[label] else 0.0
    changed = change_gender(sound, sample_rate, voice.formant_ratio, new_median_hz, 1.0, length,
                            duration_factor=length / speech.size)
    fade = min(int(FADE_S * sample_rate), changed.size // 2)
    if fade:
        ramp = (np.arange(fade) + 0.5) / fade
        changed[:fade] *= ramp
        changed[-fade:] *= ramp[::-1]
    return changed


def _loudness(audio: np.ndarray, frame: int = 320) -> float:
    """Returns the RMS of the louder half of ``audio``'s 20 ms frames (0 for less than a frame)."""
    n = audio.size // frame
    if n == 0:
        return 0.0
    energy = np.sort(np.mean(audio[: n * frame].reshape(n, frame).astype(np.float64) ** 2, axis=1))
    return float(np.sqrt(np.mean(energy[n // 2 :])))


_DEFAULT: Synthesizer | None = None


def default_synthesizer() -> Synthesizer:
    """Returns the process's shared :class:`Synthesizer`, so piper's model loads once, not per export."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Synthesizer()
    return _DEFAULT
