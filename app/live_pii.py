"""Personal data in a transcript that is still being spoken: which live words to highlight.

A thin adapter over app.privacy (Presidio with Hushnote's spoken-form
recognizers): the live view asks about recent words only, so each pass stays
fast however long the meeting runs; the final transcript gets full
:func:`app.privacy.detect.detect_pii` spans.
"""
from __future__ import annotations

import threading

from audio_core.model import PiiSpan, Transcript, Word

UNREAD_CONTEXT_WORDS = 8  # read before a pass's new words, so a name split across passes is read whole


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

    def highlight(self, words: list[Word], vocabulary=None, unread_from: int | None = None) -> dict[int, str]:
        """Returns entity type by index into ``words`` for each word inside a detection (recent words only).

        ``vocabulary`` (an :class:`app.vocabulary.Vocabulary`): its names are marked wherever they occur, its terms never.
        ``unread_from``: the first word no earlier pass read as committed; it is read with a few words before it
        even when a slow pass brought more than ``context_words`` new words at once.
        """
        from app.privacy.detect import find_pii_in_text
        from app.vocabulary import Vocabulary

        first = max(0, len(words) - self.context_words)
        if unread_from is not None:
            first = max(0, min(first, unread_from - UNREAD_CONTEXT_WORDS))
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


class LivePiiMarks:
    """The live view's marks over a whole recording: a committed word once marked stays marked.

    :meth:`LivePiiHighlighter.highlight` reads only the recent words; without this memory a name said a
    minute ago lost its mark as soon as it left that window. Committed words are only ever appended, so
    their indices do not change.
    """

    def __init__(self) -> None:
        self._committed: dict[int, str] = {}
        self.committed_count = 0  # committed words at the last update: the next pass must read from here

    def update(self, flagged: dict[int, str], committed_count: int) -> dict[int, str]:
        """Returns entity type by word index for the whole live transcript: every committed word ever marked
        (with its latest type) and this pass's marks on the tentative tail (index >= ``committed_count``).

        ``flagged`` is this pass's :meth:`LivePiiHighlighter.highlight`. Raises nothing.
        """
        tentative = {}
        for index, entity_type in flagged.items():
            if index < committed_count:
                self._committed[index] = entity_type
            else:
                tentative[index] = entity_type
        self.committed_count = committed_count
        return {**self._committed, **tentative}
