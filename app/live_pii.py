"""Personal data in a transcript that is still being spoken: which live words to highlight.

A thin adapter over app.privacy (Presidio with Hushnote's spoken-form
recognizers): the live view asks about recent words only, so each pass stays
fast however long the meeting runs; the final transcript gets full
:func:`app.privacy.detect.detect_pii` spans.
"""
from __future__ import annotations

import threading

from audio_core.model import PiiSpan, Transcript, Word


class LivePiiHighlighter:
    """Finds personal data in recent live words and in the final transcript.

    ``analyzer`` is a loaded PiiAnalyzer or a function returning one; a function is
    called on first use (on the live thread), so recording starts without waiting
    for spaCy and Presidio to load.
    """

    def __init__(self, analyzer, policy=None, context_words: int = 40) -> None:
        from app.privacy.policy import RedactionPolicy

        self._analyzer = analyzer
        self._lock = threading.Lock()
        self.policy = policy or RedactionPolicy()
        self.context_words = context_words

    @property
    def analyzer(self):
        """Returns the loaded analyzer (loading it on first use); raises ModelError when it cannot load."""
        with self._lock:
            if callable(self._analyzer) and not hasattr(self._analyzer, "analyze"):
                self._analyzer = self._analyzer()
            return self._analyzer

    @classmethod
    def from_engines(cls, engines) -> LivePiiHighlighter:
        """Returns a highlighter that loads the engines' PII analyzer on first use (on the live thread)."""
        from app.privacy.analyzer import build_analyzer

        return cls(lambda: getattr(engines, "pii_analyzer", None) or build_analyzer())

    def highlight(self, words: list[Word], vocabulary=None) -> dict[int, str]:
        """Returns entity type by index into ``words`` for each word inside a detection (recent words only).

        ``vocabulary`` (an :class:`app.vocabulary.Vocabulary`): its names are marked wherever they occur, its terms never.
        """
        from app.privacy.detect import find_pii_in_text
        from app.vocabulary import Vocabulary

        first = max(0, len(words) - self.context_words)
        starts, parts, cursor = [], [], 0
        for word in words[first:]:
            starts.append(cursor)
            parts.append(word.text)
            cursor += len(word.text) + 1
        text = " ".join(parts)
        flagged: dict[int, str] = {}
        for finding in find_pii_in_text(text, self.analyzer, self.policy, vocabulary=vocabulary or Vocabulary()):
            for offset, (start, part) in enumerate(zip(starts, parts)):
                if start < finding.end and start + len(part) > finding.start:
                    flagged[first + offset] = finding.entity_type
        return flagged

    def detect(self, transcript: Transcript) -> list[PiiSpan]:
        """Returns the transcript's PII spans (decision "pending"), as the import pipeline stores them."""
        from app.privacy.detect import detect_pii

        return detect_pii(transcript, self.analyzer, self.policy)
