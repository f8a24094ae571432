"""A long recording's diarization evidence stays bounded: clustering windows are thinned evenly
once there are more than clustering uses, re-segmentation windows are kept in half precision,
and a short recording's speakers are the same through the store as without it."""
from __future__ import annotations

import numpy as np

from audio_core.diarize.builtin import SpeechEvidence, collect_evidence, turns_from_evidence
from audio_core.diarize.embeddings import WindowEmbeddings
from audio_core.diarize.evidence import EvidenceStore


def _shifted(part: SpeechEvidence, offset_s: float) -> SpeechEvidence:
    def move(w: WindowEmbeddings) -> WindowEmbeddings:
        return WindowEmbeddings(w.starts_s + offset_s, w.ends_s + offset_s, w.vectors)

    return SpeechEvidence([(s + offset_s, e + offset_s) for s, e in part.regions], move(part.windows), move(part.segment_windows))


def test_when_a_recording_grows_then_the_stored_clustering_windows_stay_bounded(voice_encoder, meeting_audio):
    part = collect_evidence(voice_encoder, [(0.0, meeting_audio)])
    duration_s = meeting_audio.size / 16000
    store = EvidenceStore(max_windows=300)
    sizes = []
    for i in range(12):  # 12 minutes of the same meeting, block after block
        store.add(_shifted(part, i * duration_s))
        sizes.append(len(store.evidence().windows))
    whole = store.evidence()
    assert max(sizes) <= 300 and sizes[-1] >= 150
    starts = whole.windows.starts_s
    assert starts[0] < duration_s and starts[-1] > 11 * duration_s  # spread over the whole recording
    assert len(whole.segment_windows) == 12 * len(part.segment_windows)
    assert whole.segment_windows.vectors.dtype == np.float16
    assert len(whole.regions) == 12 * len(part.regions)


def test_a_short_meeting_has_the_same_speakers_through_the_store(voice_encoder, meeting_audio, meeting_diarization):
    store = EvidenceStore()
    store.add(collect_evidence(voice_encoder, [(0.0, meeting_audio)]))
    stored = turns_from_evidence(store.evidence(), meeting_audio.size / 16000)
    assert [(t.speaker, round(t.start_s, 1)) for t in stored.turns] == [(t.speaker, round(t.start_s, 1)) for t in meeting_diarization.turns]
