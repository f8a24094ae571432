"""A long recording's diarization evidence stays bounded: clustering windows are thinned evenly
once there are more than clustering uses, re-segmentation windows are kept in half precision,
a short recording's speakers are the same through the store as without it, and audio fed in any
blocks gives the evidence of the same audio fed whole."""
from __future__ import annotations

import numpy as np

from audio_core.blocks import cut_into_blocks
from audio_core.diarize.builtin import DiarizationOptions, SpeechEvidence, collect_evidence, turns_from_evidence
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


class _FrameCounter:
    """The real encoder, counting the mel frames its LSTM runs over."""

    def __init__(self, encoder):
        self.encoder = encoder
        self.frames = 0

    def embed_prefixes(self, mels, lengths, batch_size=64, threads=None):
        self.frames += len(mels) * max(lengths)
        return self.encoder.embed_prefixes(mels, lengths, batch_size, threads)


def test_a_long_recording_keeps_the_same_evidence_without_embedding_the_windows_thinning_drops(float_voice_encoder, meeting_audio):
    voice_encoder = float_voice_encoder
    blocks = [(i * 20.0, meeting_audio[i * 320_000 : (i + 1) * 320_000]) for i in range(3)] * 2
    blocks = [(i * 20.0, block) for i, (_, block) in enumerate(blocks)]
    every, planned = EvidenceStore(max_windows=60), EvidenceStore(max_windows=60, block_s=40.0)
    all_windows, planned_encoder = _FrameCounter(voice_encoder), _FrameCounter(voice_encoder)
    # The store works on the blocks it cuts itself (at quiet points), whatever blocks it is fed.
    for offset_s, block in cut_into_blocks([b for _, b in blocks], block_s=40.0):
        every.add(collect_evidence(all_windows, [(offset_s, block)]))
    for offset_s, block in blocks:
        planned.listen(planned_encoder, offset_s, block, DiarizationOptions())
    before, after = every.evidence(), planned.evidence()
    assert len(before.windows) <= 60 and np.array_equal(before.windows.starts_s, after.windows.starts_s)
    assert np.allclose(before.windows.vectors, after.windows.vectors, atol=1e-6)
    # Batches of other sizes round differently in the last bits; these are stored in half precision.
    assert np.allclose(before.segment_windows.vectors, after.segment_windows.vectors, atol=1e-3)
    assert before.regions == after.regions
    assert planned_encoder.frames < 0.8 * all_windows.frames


def _listened(encoder, blocks, block_s: float) -> SpeechEvidence:
    store = EvidenceStore(block_s=block_s)
    for offset_s, block in blocks:
        store.listen(encoder, offset_s, block, DiarizationOptions())
    return store.evidence()


def test_when_audio_arrives_in_other_blocks_then_the_evidence_is_the_same(voice_encoder, meeting_audio):
    # A recording fed as it comes and an import of the same audio must find the same speakers. Fed in its
    # own blocks, the evidence changed at every block edge (speech regions cut there, windows restarted, each
    # block's own loudness gain and int8 batches): a 16 s two-voice clip fed in two blocks had three speakers.
    audio = meeting_audio[: 40 * 16000]
    cuts = [0, 3 * 16000 + 77, 11 * 16000 + 5, 11 * 16000 + 6, 29 * 16000 + 300, audio.size]
    blocks = [(a / 16000, audio[a:b]) for a, b in zip(cuts, cuts[1:])]
    whole = _listened(voice_encoder, [(0.0, audio)], block_s=15.0)  # 15 s: the store's own cuts come in too
    fed = _listened(voice_encoder, blocks, block_s=15.0)
    assert fed.regions == whole.regions and len(whole.regions) > 3
    for kind in ("windows", "segment_windows"):
        a, b = getattr(whole, kind), getattr(fed, kind)
        assert np.array_equal(a.starts_s, b.starts_s) and np.array_equal(a.ends_s, b.ends_s)
        assert np.array_equal(a.vectors, b.vectors)  # the int8 encoder's own rounding included
