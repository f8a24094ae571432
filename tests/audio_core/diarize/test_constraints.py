"""The segmentation model's evidence about who is who: voices one window keeps apart are counted apart."""
from __future__ import annotations

import numpy as np

from audio_core.diarize.constraints import WindowLinks, constrained_count, merged_share, overlapped_share, window_links
from audio_core.diarize.segmentation import FRAME_STEP_S, FRAMES_PER_WINDOW, LOCAL_SPEAKERS
from audio_core.diarize.windows import WindowEvidence


def _one_window(turns_s: list[tuple[float, float, int]]) -> WindowEvidence:
    """A single 10 s segmentation window whose local speakers speak alone over ``turns_s``."""
    activity = np.zeros((1, FRAMES_PER_WINDOW, LOCAL_SPEAKERS), np.uint8)
    for start, end, speaker in turns_s:
        activity[0, int(start / FRAME_STEP_S) : int(end / FRAME_STEP_S), speaker] = 1
    empty = np.zeros((0, 4), int)
    return WindowEvidence(np.zeros(1, int), activity, empty, np.zeros((0, 256), np.float32), np.zeros(0, bool), 10.0)


def test_windows_under_different_local_speakers_of_one_window_cannot_be_one_speaker():
    evidence = _one_window([(0.0, 4.0, 0), (5.0, 9.0, 1)])
    starts = np.array([0.5, 2.0, 5.5, 7.0, 3.5])
    ends = starts + 1.5  # the last one straddles both voices and the pause: nobody's
    links = window_links(evidence, starts, ends)
    assert {tuple(p) for p in links.cannot} == {(0, 2), (0, 3), (1, 2), (1, 3)}
    assert {tuple(p) for p in links.must} == {(0, 1), (2, 3)}
    assert links.most_local == 2


def _links(groups: list[int], cannot_between: list[tuple[int, int]], per_pair: int = 60) -> WindowLinks:
    """Cannot-links between the windows of the true groups named in ``cannot_between``."""
    truth = np.array(groups)
    pairs = []
    for a, b in cannot_between:
        pairs += [(i, j) for i in np.flatnonzero(truth == a) for j in np.flatnonzero(truth == b)][:per_pair]
    return WindowLinks(np.array(pairs), np.zeros((0, 2), int), 2)


def test_a_count_that_merges_voices_heard_apart_is_raised_to_the_smallest_that_does_not():
    truth = np.repeat(np.arange(4), 20)
    merged = np.where(truth == 3, 2, truth)  # two similar voices under one label
    links = _links(list(truth), [(0, 1), (2, 3), (1, 3)])
    assert merged_share(merged, links) > 0.1
    partitions = {3: merged, 4: truth, 5: np.where(np.arange(80) % 7 == 0, 4, truth)}
    chosen = constrained_count(merged, partitions.__getitem__, 8, links, max_merged=0.1, min_pairs=100)
    assert chosen.tolist() == truth.tolist()


def test_the_count_stays_where_few_pairs_were_heard_or_no_larger_count_keeps_them_apart():
    truth = np.repeat(np.arange(4), 20)
    merged = np.where(truth == 3, 2, truth)
    few = WindowLinks(np.array([[40, 60]] * 20), np.zeros((0, 2), int), 2)
    assert constrained_count(merged, {4: truth}.__getitem__, 8, few, 0.1, min_pairs=100) is merged
    links = _links(list(truth), [(2, 3)], per_pair=200)
    random_splits = {k: np.arange(80) % k for k in range(4, 9)}  # far-field voices the encoder cannot part
    assert constrained_count(merged, random_splits.__getitem__, 8, links, 0.1, min_pairs=100) is merged


def test_when_two_similar_voices_are_heard_apart_in_a_window_then_they_are_two_speakers(engines, testdata):
    """Two espeak-ng voices and a reader: the eigengap, silhouette and coherent count merged the two espeak-ng
    voices (2 speakers, DER 39 %); the segmentation model hears them as two voices where their turns meet, so the
    count is raised to 3 (DER 5 %)."""
    from audio_core.diarize.overlap import diarize_overlapping
    from tests.support import overlap_meeting, voice_pool
    from tests.support.diarization import diarization_error_rate

    voices = dict(overlap_meeting.utterances(testdata))
    for name in ("esp-f2", "esp-m3", "kal"):
        voices[name] = voice_pool._synthesised(name)
    meeting = overlap_meeting.mix_meeting(voices, voice_pool.meeting_orders(sorted(voices), 3, 3, 7), seed=7)
    turns = diarize_overlapping(engines.segmentation_model, engines.diarization_encoder, meeting.audio).turns
    assert len({t.speaker for t in turns}) == 3
    assert diarization_error_rate(meeting.turns, turns) < 0.1


def test_a_window_where_the_model_hears_two_voices_at_once_counts_as_overlapped():
    evidence = _one_window([(0.0, 4.0, 0), (3.0, 7.0, 1)])  # both speak from 3 s to 4 s
    share = overlapped_share(evidence, np.array([0.5, 2.5, 3.0, 5.5]), np.array([2.0, 4.0, 4.0, 7.0]))
    assert share[0] == 0.0 and share[3] == 0.0
    assert 0.6 < share[1] < 0.7 and share[2] > 0.95  # 1 s of 1.5 s; all of it


def test_windows_of_two_voices_at_once_are_not_clustered_into_a_speaker_of_their_own():
    """Two voices and windows that hold both at once (their mean): clustered with the rest, the mixed
    windows formed a third speaker (a 4-voice mix came out as 5 voices); clustered without them and then
    given the nearest voice, there are two."""
    from audio_core.diarize.clustering import ClusteringOptions, cluster_embeddings

    rng = np.random.default_rng(0)
    a, b = np.eye(16)[0], np.eye(16)[1]
    both = (a + b) / np.sqrt(2)
    centres = [a] * 40 + [b] * 40 + [both] * 40
    vectors = np.array(centres) + 0.08 * rng.standard_normal((120, 16))
    clean = np.arange(120) < 80
    assert cluster_embeddings(vectors, ClusteringOptions()).max() + 1 == 3
    labels = cluster_embeddings(vectors, ClusteringOptions(), clean=clean)
    assert labels.max() + 1 == 2
    assert len(set(labels[:40])) == 1 and len(set(labels[40:80])) == 1 and labels[0] != labels[40]
