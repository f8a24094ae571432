"""The export recipe bleeps exactly what `hushnote export` always bleeped (no digit string slips through)."""
from __future__ import annotations

import numpy as np

from audio_core.model import PiiSpan, Segment, Transcript, Word
from audio_core.decode import decode_audio
from app.privacy.audio_redaction import AudioRedactionOptions, audio_intervals, bleep_intervals
from app.privacy.policy import parse_policy
from app.export_job import ExportRequest, export_note


def test_app_export_bleeps_the_widened_stretches_like_the_cli(tmp_path):
    # Whisper gives a spoken number short word times with gaps around them; the speech fills the gaps.
    words = [Word("my", 0.0, 0.3), Word("number", 0.35, 0.7), Word("is", 0.75, 0.9),
             Word("555-314-8839.", 1.6, 2.0), Word("thanks", 3.6, 4.0)]
    text = "my number is 555-314-8839. thanks"
    transcript = Transcript(
        segments=[Segment(0.0, 4.0, text, words)],
        pii_spans=[PiiSpan(0, 13, 25, "PHONE_NUMBER", "555-314-8839", 0.9)],
        duration_s=4.5,
    )
    audio = (0.3 * np.sin(np.arange(int(4.5 * 16_000)) * 2 * np.pi * 220 / 16_000)).astype(np.float32)

    result = export_note(ExportRequest(out_dir=tmp_path, stem="n", formats=(), audio="bleeped"), transcript, audio)

    exported = decode_audio(result.paths[0])
    options = AudioRedactionOptions()
    expected = bleep_intervals(audio, audio_intervals(transcript, parse_policy("default"), options), options)
    assert np.allclose(exported[: expected.size], expected, atol=1e-3)
    assert not np.allclose(exported, audio, atol=1e-3)
