"""Recognition that uses the vocabulary only where it is said: decode plainly, re-decode with a hint where a name may be.

Giving Whisper the whole list before every window (``hotwords``) spells the
listed names right, but it biases every other word too: on real speech that
says none of them tiny.en's WER rose from 7.0 % to 9.5 %, and a hinted window
sometimes stops early, dropping the rest of it. Here each block is decoded
without a hint first. A plain segment is *suspect* when a word of a listed
entry sounds like a run of its words (:mod:`app.vocabulary.sounds`: "Such a
tall purse, a Billsky" for "Xochitl Przybylski"). Each suspect segment is
decoded again, alone, with a hint naming the entries it resembles first (so a
list of any length fits), and its hinted words replace the plain ones only
when they bring more listed words than the plain decode had, each sounding
like what the plain decode heard at that moment, and cover the whole segment;
a listed word the hint made up where nothing like it was heard gives the plain
words back. Everywhere else the plain decode stands untouched.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from app.vocabulary.entries import Vocabulary, VocabularyEntry
from app.vocabulary.hints import vocabulary_hint
from app.vocabulary.sounds import distance_matrix, key_distance, sound_key, word_window_keys
from audio_core import SAMPLE_RATE
from audio_core.model import Segment, Word
from audio_core.progress import NEVER_CANCELLED, CancelToken
from audio_core.transcribe import AsrOptions, WhisperRecognizer, transcribe_array


@dataclass(frozen=True)
class SelectiveOptions:
    """How the vocabulary is used per segment (chosen on the dev meetings of tests/bench/bench_vocabulary.py).

    suspect_distance: a segment is re-decoded when an entry word's sound key
        matches the key of a run of one to three of its words within this many
        edits per symbol of the entry's key...
    suspect_probability: ...and the run holds a word Whisper was less sure of
        than this (1.01: any run).
    confirm_distance: a hinted listed word is kept only when the plain words
        heard at the same moment (``confirm_margin_s`` either side) match its
        sound key within this many edits per symbol.
    min_key_symbols: entry words with shorter keys ("Aoife": F) cannot make a
        segment suspect on their own (they match almost anything).
    pad_s: audio added either side of a re-decoded stretch.
    max_hint_entries: the most entries one hint holds (the closest first).
    fill_hint: the hint of a re-decoded segment also names other entries, in
        list order, up to ``max_hint_entries`` (a name misheard beyond
        recognition, "I hope the video" for "Aoife Thibodeaux", is then still
        offered; the confirmation step keeps what was not said out).
    cover_slack_s: the hinted words must reach to within this of the plain
        segment's first and last words (no window cut short).
    tail_slack_s: hinted words ending later than this after the plain
        segment's last word are dropped (a hint invents words in the padding:
        "… Dziedzic.", "Thanks for watching").
    """

    suspect_distance: float = 0.5
    suspect_probability: float = 1.01
    confirm_distance: float = 0.5
    confirm_margin_s: float = 0.3
    min_key_symbols: int = 3
    pad_s: float = 0.4
    max_hint_entries: int = 8
    fill_hint: bool = True
    cover_slack_s: float = 1.0
    tail_slack_s: float = 0.5


def transcribe_with_vocabulary(
    recognizer: WhisperRecognizer,
    audio: np.ndarray,
    asr: AsrOptions,
    vocabulary: Vocabulary,
    offset_s: float = 0.0,
    cancel: CancelToken = NEVER_CANCELLED,
    on_language: Callable[[str], None] | None = None,
    options: SelectiveOptions = SelectiveOptions(),
) -> Iterator[Segment]:
    """Yields the segments of mono 16 kHz ``audio`` (as :func:`audio_core.transcribe.transcribe_array`), with listed
    names and terms spelled right where they were said and the plain decode kept everywhere else.

    Raises ModelError for a language the model cannot do, Cancelled when ``cancel`` is set.
    """
    if not vocabulary:
        yield from transcribe_array(recognizer, audio, asr, offset_s, cancel, on_language)
        return
    heard_language = asr.language

    def note_language(code: str) -> None:
        nonlocal heard_language
        heard_language = heard_language or code or None
        if on_language is not None:
            on_language(code)

    listening = _Listening(vocabulary, options)
    previous_end_s = offset_s
    for segment in transcribe_array(recognizer, audio, asr, offset_s, cancel, note_language):
        suspects = listening.suspects(segment)
        if suspects:
            hinted_asr = replace(asr, language=heard_language)
            segment = listening.redecode(recognizer, audio, hinted_asr, offset_s, previous_end_s, segment, suspects, cancel)
        previous_end_s = segment.end_s
        yield segment


def _normal(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class _Listening:
    """The vocabulary's words with their sound keys, and the per-segment decisions."""

    def __init__(self, vocabulary: Vocabulary, options: SelectiveOptions) -> None:
        self.options = options
        self.entries = list(vocabulary)
        gate = [(i, sound_key(w)) for i, entry in enumerate(self.entries) for w in entry.text.split()]
        gate = [(i, key) for i, key in gate if len(key) >= options.min_key_symbols]
        self.gate_owners = [i for i, _ in gate]
        self.gate_keys = [key for _, key in gate]
        self.listed = {_normal(w): sound_key(w) for entry in self.entries for w in entry.text.split()}

    def suspects(self, segment: Segment) -> list[VocabularyEntry]:
        """Returns the entries one of whose words sounds like a run of ``segment``'s words (closest first), or []."""
        if not self.gate_keys or not segment.words:
            return []
        windows = [(first, end, key) for first, end, key in word_window_keys([w.text for w in segment.words])
                   if min(w.probability for w in segment.words[first:end]) < self.options.suspect_probability]
        if not windows:
            return []
        distances = distance_matrix(self.gate_keys, [key for *_, key in windows]).min(axis=1)
        closest: dict[int, float] = {}
        for owner, distance in zip(self.gate_owners, distances):
            if distance <= self.options.suspect_distance:
                closest[owner] = min(distance, closest.get(owner, distance))
        return [self.entries[i] for i in sorted(closest, key=lambda i: closest[i])]

    def redecode(self, recognizer, audio: np.ndarray, asr: AsrOptions, offset_s: float, previous_end_s: float,
                 segment: Segment, suspects: list[VocabularyEntry], cancel: CancelToken) -> Segment:
        """Returns ``segment`` decoded again with a hint naming ``suspects``, when that is confirmed; else ``segment``."""
        start_s = max(previous_end_s, segment.start_s - self.options.pad_s)
        end_s = min(offset_s + audio.size / SAMPLE_RATE, segment.end_s + self.options.pad_s)
        piece = audio[int((start_s - offset_s) * SAMPLE_RATE): int((end_s - offset_s) * SAMPLE_RATE)]
        offered = list(suspects)
        if self.options.fill_hint:
            offered += [e for e in self.entries if e not in suspects]
        hint = vocabulary_hint(Vocabulary(tuple(offered[: self.options.max_hint_entries])))
        # One temperature: a hint lowers the log-probability of what it brings, which would set off the fallback
        # temperatures for nothing (the plain decode is the fallback here).
        hinted_asr = replace(asr, hotwords=hint, initial_prompt=None, vad=False, temperatures=(0.0,))
        hinted: list[Word] = []
        for decoded in transcribe_array(recognizer, piece, hinted_asr, start_s, cancel):
            hinted += [w for w in decoded.words if start_s <= (w.start_s + w.end_s) / 2 <= end_s]
            if decoded.end_s >= segment.end_s - self.options.cover_slack_s:
                # Stop before faster-whisper decodes what is left after the last word as a window of its own:
                # a second encoder pass for the padding alone, where a hint invents words ("Thanks for watching").
                break
        return self._chosen(segment, hinted)

    def _chosen(self, plain: Segment, hinted: list[Word]) -> Segment:
        if not plain.words:
            return plain
        # The padding around the segment is where a hinted decode invents words ("… Dziedzic.", "Thanks for watching"):
        # nothing the plain decode did not hear there is kept.
        last_end_s = plain.words[-1].end_s
        hinted = [w for w in hinted if w.start_s < last_end_s and w.end_s <= last_end_s + self.options.tail_slack_s
                  and w.end_s > plain.words[0].start_s]
        if not hinted:
            return plain
        slack = self.options.cover_slack_s
        if hinted[0].start_s > plain.words[0].start_s + slack or hinted[-1].end_s < plain.words[-1].end_s - slack:
            return plain
        plain_listed = sum(_normal(w.text) in self.listed for w in plain.words)
        kept: list[Word] = []
        confirmed = 0
        for word in hinted:
            key = self.listed.get(_normal(word.text))
            if key is None:
                kept.append(word)
            elif self._sounds_heard(key, word, plain.words):
                kept.append(word)
                confirmed += 1
            else:  # a listed word where nothing like it was heard: the hint made it up, so the plain words stand there
                neighbours = {_normal(h.text) for h in hinted if h is not word and abs(h.start_s - word.start_s) < 1.0}
                kept += [w for w in plain.words if word.start_s <= (w.start_s + w.end_s) / 2 < word.end_s
                         and _normal(w.text) not in neighbours]
        if confirmed <= plain_listed:
            return plain
        hinted = sorted(kept, key=lambda w: w.start_s)
        text = " ".join(w.text for w in hinted)
        return Segment(start_s=min(plain.start_s, hinted[0].start_s), end_s=max(plain.end_s, hinted[-1].end_s),
                       text=text, words=hinted, speaker_id=plain.speaker_id)

    def _sounds_heard(self, key: str, word: Word, plain_words: list[Word]) -> bool:
        margin = self.options.confirm_margin_s
        nearby = " ".join(w.text for w in plain_words if w.end_s >= word.start_s - margin and w.start_s <= word.end_s + margin)
        if _normal(word.text) in {_normal(t) for t in nearby.split()}:
            return True
        allowed = max(1, int(self.options.confirm_distance * len(key))) / max(1, len(key))
        return bool(nearby) and key_distance(key, sound_key(nearby)) <= allowed
