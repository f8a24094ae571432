"""What a note keeps once past its redact-after age (the retention policy in ``app.storage.retention``)."""
from __future__ import annotations

from audio_core.model import Transcript


def redact_for_retention(transcript: Transcript) -> Transcript:
    """Returns a new transcript redacted under the default policy, with spans pointing at the replacements.

    Named speakers become pseudonyms (their voice-profile links dropped), and the title and file name lose the
    redacted items and the speakers' names, as in a redacted export. Raises nothing.
    """
    from app.privacy.policy import POLICIES
    from app.privacy.redact import redact_transcript  # loads the recognizers: seconds, so only when a note is due

    # Names the user typed are personal data too: a speaker label "Anna Schmidt" above "I'm [PERSON_1]" undoes the
    # redaction. The library lists and filters by the pseudonyms. No detector runs on the title (it would load the
    # language model at every unlock with a note due): the transcript's items and the speakers' names are replaced.
    return redact_transcript(transcript, POLICIES["default"])
