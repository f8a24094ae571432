"""Review: accept or reject a detection, or mark a redaction by hand.

Decisions live in ``Transcript.pii_spans`` (and so are stored with the note):
"pending" and "accepted" spans are redacted, "rejected" ones are not.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from audio_core.errors import HushnoteError
from audio_core.model import PiiSpan, Transcript
from app.privacy.span_edit import snap_to_words
from app.privacy.speaker_mentions import SOURCE as SPEAKER_NAME


def _span(transcript: Transcript, index: int) -> PiiSpan:
    if not 0 <= index < len(transcript.pii_spans):
        raise HushnoteError(f"no detection number {index} (this note has {len(transcript.pii_spans)})")
    return transcript.pii_spans[index]


def accept(transcript: Transcript, index: int) -> PiiSpan:
    """Marks detection ``index`` to be redacted and returns it; raises HushnoteError for a bad index."""
    span = _span(transcript, index)
    span.decision = "accepted"
    return span


def reject(transcript: Transcript, index: int) -> PiiSpan:
    """Marks detection ``index`` as not personal data (kept verbatim) and returns it; raises HushnoteError for a bad index."""
    span = _span(transcript, index)
    span.decision = "rejected"
    return span


def decide_speaker_mention(transcript: Transcript, mention: PiiSpan, decision: str) -> PiiSpan:
    """Stores a review decision ("accept" or "reject") on a mention of a speaker's name (a span from
    ``app.privacy.speaker_mentions``, which is not among the note's spans until decided) and returns the stored span.

    A rejected mention is kept verbatim in exports (the mentions skip any place the user rejected); Detect again
    keeps the decision (:func:`replace_detected_spans`). Raises HushnoteError for a decision that is neither.
    """
    if decision not in ("accept", "reject"):
        raise HushnoteError(f"no such decision {decision!r} (accept or reject)")
    span = PiiSpan(mention.segment_index, mention.start, mention.end, mention.entity_type, mention.text, mention.score,
                   "accepted" if decision == "accept" else "rejected", SPEAKER_NAME)
    transcript.pii_spans.append(span)
    return span


def add_manual_span(transcript: Transcript, segment_index: int, start: int, end: int, entity_type: str = "MANUAL") -> PiiSpan:
    """Adds an accepted redaction of characters ``start:end`` of one segment, widened to whole words; returns it.

    Raises HushnoteError when the segment or the character range does not exist,
    or when the range holds only spaces.
    """
    if not 0 <= segment_index < len(transcript.segments):
        raise HushnoteError(f"no segment number {segment_index}")
    text = transcript.segments[segment_index].text
    if not 0 <= start < end <= len(text):
        raise HushnoteError(f"characters {start}-{end} are outside segment {segment_index} ({len(text)} characters)")
    start, end = snap_to_words(text, start, end)
    if start == end:
        raise HushnoteError("nothing to redact: the selection holds only spaces")
    span = PiiSpan(segment_index, start, end, entity_type, text[start:end], 1.0, "accepted", "manual")
    transcript.pii_spans.append(span)
    return span


def add_manual_text(transcript: Transcript, text: str, entity_type: str = "MANUAL") -> list[PiiSpan]:
    """Adds an accepted redaction for every whole-word occurrence of ``text`` (any case); returns them.

    Raises HushnoteError when ``text`` occurs nowhere in the transcript.
    """
    if not text.strip():
        raise HushnoteError("nothing to redact: the text is empty")
    pattern = re.compile(r"(?<!\w)" + re.escape(text.strip()) + r"(?!\w)", re.IGNORECASE)
    added = [
        add_manual_span(transcript, index, match.start(), match.end(), entity_type)
        for index, segment in enumerate(transcript.segments)
        for match in pattern.finditer(segment.text)
    ]
    if not added:
        raise HushnoteError(f"{text!r} does not occur in the transcript")
    return added


def replace_detected_spans(transcript: Transcript, detected: list[PiiSpan]) -> None:
    """Replaces the detector's findings with ``detected``, keeping the spans redacted by hand and the decided mentions
    of speakers' names after them; a review decision stays with any finding detected again at the same place (the
    privacy panel's Detect reset every finding to pending: what the user had kept was redacted again). Returns None."""
    decided = {(s.segment_index, s.start, s.end): s.decision for s in transcript.pii_spans
               if s.source in ("detector", SPEAKER_NAME)}
    for span in detected:
        span.decision = decided.get((span.segment_index, span.start, span.end), span.decision)
    found_at = {(s.segment_index, s.start, s.end) for s in detected}
    # a decision on a speaker's name stays too, on its own span unless the detector now finds the same place
    kept = [s for s in transcript.pii_spans if s.source == "manual"
            or (s.source == SPEAKER_NAME and (s.segment_index, s.start, s.end) not in found_at)]
    transcript.pii_spans = list(detected) + kept


def detect_again(transcript: Transcript, analyzer, language: str | None = None) -> None:
    """Replaces the detector's findings with a new detection in ``language`` (None: the transcript's); returns None.

    Spans marked by hand stay, and a review decision stays with any finding detected again at the same place.
    Raises ModelError when the language's analyzer cannot load.
    """
    from app.privacy.detect import detect_pii

    replace_detected_spans(transcript, detect_pii(transcript, analyzer, language=language))


def detect_if_never_analysed(transcript: Transcript, load_analyzer: Callable[[], object]) -> bool:
    """Runs PII detection on a transcript with no detector findings yet (manual spans kept); returns whether it ran.

    ``load_analyzer`` is called only when detection runs (loading spaCy takes seconds).
    Raises ModelError when the analyzer cannot load.
    """
    if any(s.source == "detector" for s in transcript.pii_spans):
        return False
    from app.privacy.detect import detect_pii

    replace_detected_spans(transcript, detect_pii(transcript, load_analyzer()))
    return True
