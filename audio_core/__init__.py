"""Audio stages: decode, record, resample, separate, VAD, transcribe, diarize, alienate.

Nothing here imports Qt; arrays are mono float32 at ``SAMPLE_RATE`` unless a
function says otherwise.
"""
SAMPLE_RATE = 16_000
