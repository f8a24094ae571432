"""What a note keeps once past its redact-after age (the retention policy in ``app.storage.retention``)."""
from __future__ import annotations

from audio_core.model import Transcript


def redact_for_retention(transcript: Transcript) -> Transcript:
    """Returns a new transcript redacted under the default policy, with spans pointing at the replacements."""
    from app.privacy.policy import POLICIES
    from app.privacy.redact import redact_transcript  # loads the recognizers: seconds, so only when a note is due

    # The stored note keeps its speaker labels and title: the library lists and filters by them.
    return redact_transcript(transcript, POLICIES["default"], keep_speaker_names=True, keep_title=True)
