"""What the built-in diarizer keeps of a long recording, kept small.

Block by block, the first pass yields speech regions, the clustering windows'
embeddings and the shorter re-segmentation windows' embeddings. Stored as
they came, they grew about 0.27 MB per audio minute, and the clustering over
up to 2000 of them peaked at 46-54 MB (tests/bench/bench_diarization_memory.py,
10 and 20 min). Here the clustering windows are thinned evenly once there are
more than clustering uses (every second one is dropped, then every fourth…),
and the re-segmentation windows, which every frame needs, are kept in half
precision: 0.06 MB per audio minute stored, peak 14-16 MB.
"""
from __future__ import annotations

import numpy as np

from audio_core.diarize.builtin import SpeechEvidence, join_evidence
from audio_core.diarize.clustering import MAX_CLUSTERED_WINDOWS
from audio_core.diarize.embeddings import WindowEmbeddings


def _compact(windows: WindowEmbeddings, dtype) -> WindowEmbeddings:
    return WindowEmbeddings(windows.starts_s, windows.ends_s, windows.vectors.astype(dtype))


class EvidenceStore:
    """Collects :class:`SpeechEvidence` block by block with bounded clustering windows.

    Call :meth:`add` with each block's evidence in order, :meth:`evidence` for the whole.
    """

    def __init__(self, max_windows: int = MAX_CLUSTERED_WINDOWS):
        self.max_windows = max_windows
        self._regions: list[tuple[float, float]] = []
        self._windows: list[WindowEmbeddings] = []
        self._segment_windows: list[WindowEmbeddings] = []
        self._indices: list[np.ndarray] = []  # running index of each kept clustering window
        self._stride = 1
        self._seen = 0  # clustering windows offered so far (their index decides which are kept)

    def add(self, part: SpeechEvidence) -> None:
        """Returns None after keeping ``part``'s regions, its re-segmentation windows in half precision and
        its clustering windows whose running index is a multiple of the current stride."""
        self._regions += part.regions
        index = np.arange(self._seen, self._seen + len(part.windows))
        self._seen += len(part.windows)
        keep = index % self._stride == 0
        windows = part.windows
        self._windows.append(WindowEmbeddings(windows.starts_s[keep], windows.ends_s[keep], windows.vectors[keep]))
        self._indices.append(index[keep])
        self._segment_windows.append(_compact(part.segment_windows, np.float16))
        if sum(len(w) for w in self._windows) > self.max_windows:
            self._thin()

    def _thin(self) -> None:
        self._stride *= 2
        keeps = [index % self._stride == 0 for index in self._indices]
        self._windows = [WindowEmbeddings(w.starts_s[k], w.ends_s[k], w.vectors[k]) for w, k in zip(self._windows, keeps)]
        self._indices = [index[k] for index, k in zip(self._indices, keeps)]

    def nbytes(self) -> int:
        """Returns the bytes held by the stored windows (for the memory benchmark)."""
        return sum(w.starts_s.nbytes + w.ends_s.nbytes + w.vectors.nbytes for w in self._windows + self._segment_windows)

    def evidence(self) -> SpeechEvidence:
        """Returns everything added, as one :class:`SpeechEvidence` (segment vectors in half precision)."""
        whole = join_evidence([SpeechEvidence([], w, s) for w, s in zip(self._windows, self._segment_windows)])
        whole.regions = list(self._regions)
        return whole
