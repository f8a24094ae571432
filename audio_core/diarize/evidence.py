"""What the built-in diarizer keeps of a long recording, kept small.

Block by block, the first pass yields speech regions, the clustering windows'
embeddings and the shorter re-segmentation windows' embeddings. Stored as
they came, they grew about 0.27 MB per audio minute, and the clustering over
up to 2000 of them peaked at 46-54 MB (tests/bench/bench_diarization_memory.py,
10 and 20 min). Here the clustering windows are thinned evenly once there are
more than clustering uses (every second one is dropped, then every fourth…),
and the re-segmentation windows, which every frame needs, are kept in half
precision: 0.06 MB per audio minute stored, peak 14-16 MB.

Fed through :meth:`EvidenceStore.listen`, a block's clustering windows that
the thinning would drop at once are never embedded: the same evidence for
6 % fewer encoder frames at 10 minutes and 32 % fewer at 60.

The evidence of a block depends on the whole block (Silero's speech regions
end at its edges, its loudness sets the encoder's gain and its noise floor
the regions' edges, and the int8 encoder quantises each batch on the batch's
own range), so :meth:`EvidenceStore.listen` re-cuts whatever blocks it is fed
into the pipeline's own (audio_core.blocks: 240 s, cut at quiet points): audio
fed in any blocks gives the evidence of the same audio fed whole. Fed in 7 s and
9 s blocks, a 16 s two-voice clip came out as three speakers instead of two.
"""
from __future__ import annotations

import numpy as np

from audio_core.blocks import BLOCK_S, BlockCutter
from audio_core.diarize.builtin import DiarizationOptions, SpeechEvidence, collect_evidence, join_evidence
from audio_core.diarize.clustering import MAX_CLUSTERED_WINDOWS
from audio_core.diarize.embeddings import WindowEmbeddings


def _compact(windows: WindowEmbeddings, dtype) -> WindowEmbeddings:
    return WindowEmbeddings(windows.starts_s, windows.ends_s, windows.vectors.astype(dtype))


class EvidenceStore:
    """Collects :class:`SpeechEvidence` block by block with bounded clustering windows.

    Call :meth:`listen` with each block of audio in order (any blocks: the store cuts its own, every
    ``block_s`` seconds at a quiet point), or :meth:`add` with each block's evidence in order; then
    :meth:`evidence` for the whole.
    """

    def __init__(self, max_windows: int = MAX_CLUSTERED_WINDOWS, block_s: float = BLOCK_S):
        self.max_windows = max_windows
        self._cutter = BlockCutter(block_s)
        self._start_s: float | None = None  # where the audio fed to :meth:`listen` starts
        self._regions: list[tuple[float, float]] = []
        self._windows: list[WindowEmbeddings] = []
        self._segment_windows: list[WindowEmbeddings] = []
        self._indices: list[np.ndarray] = []  # running index of each kept clustering window
        self._stride = 1
        self._seen = 0  # clustering windows offered so far (their index decides which are kept)

    def listen(self, encoder, offset_s: float, block: np.ndarray, options: DiarizationOptions) -> None:
        """Returns None after taking one block (16 kHz mono) that follows the ones before; its evidence
        is added once the pipeline's block it falls in is complete (at the latest in :meth:`evidence`).

        Clustering windows an add would drop at once are never embedded (the
        same evidence as :meth:`add` of the whole block's, for less encoder work).
        """
        if self._start_s is None:
            self._start_s, self._encoder, self._options = offset_s, encoder, options
        for start_s, whole in self._cutter.push(block):
            self._add_block(start_s, whole)

    def _add_block(self, start_s: float, block: np.ndarray) -> None:
        offset_s = self._start_s + start_s
        self.add(collect_evidence(self._encoder, [(offset_s, block)], self._options, clustering_kept=self.kept_of_next))

    def kept_of_next(self, count: int) -> np.ndarray:
        """Returns which of the next ``count`` clustering windows (bool, in order) the next :meth:`add`
        keeps, thinning included."""
        index = np.arange(self._seen, self._seen + count)
        stride = self._stride
        if self._kept() + int(np.count_nonzero(index % stride == 0)) > self.max_windows:
            stride *= 2
        return index % stride == 0

    def add(self, part: SpeechEvidence) -> None:
        """Returns None after keeping ``part``'s regions, its re-segmentation windows in half precision and
        its clustering windows whose running index is a multiple of the current stride. A part whose
        ``offered_windows`` is set holds only the windows :meth:`kept_of_next` chose, computed just before."""
        self._regions += part.regions
        windows = part.windows
        offered = len(windows) if part.offered_windows is None else part.offered_windows
        index = np.arange(self._seen, self._seen + offered)
        if part.offered_windows is None:
            keep = index % self._stride == 0
            windows = WindowEmbeddings(windows.starts_s[keep], windows.ends_s[keep], windows.vectors[keep])
            index = index[keep]
            grows = len(windows)
        else:
            grows = int(np.count_nonzero(index % self._stride == 0))
            index = index[self.kept_of_next(offered)]
            if len(index) != len(windows):
                raise ValueError(f"{len(windows)} clustering windows given where {len(index)} were chosen")
        self._seen += offered
        self._windows.append(windows)
        self._indices.append(index)
        self._segment_windows.append(_compact(part.segment_windows, np.float16))
        if self._kept() - len(windows) + grows > self.max_windows:
            self._thin()

    def _kept(self) -> int:
        return sum(len(w) for w in self._windows)

    def _thin(self) -> None:
        self._stride *= 2
        keeps = [index % self._stride == 0 for index in self._indices]
        self._windows = [WindowEmbeddings(w.starts_s[k], w.ends_s[k], w.vectors[k]) for w, k in zip(self._windows, keeps)]
        self._indices = [index[k] for index, k in zip(self._indices, keeps)]

    def nbytes(self) -> int:
        """Returns the bytes held by the stored windows (for the memory benchmark)."""
        return sum(w.starts_s.nbytes + w.ends_s.nbytes + w.vectors.nbytes for w in self._windows + self._segment_windows)

    def evidence(self) -> SpeechEvidence:
        """Returns everything added, as one :class:`SpeechEvidence` (segment vectors in half precision),
        after adding what :meth:`listen` still held."""
        for start_s, block in self._cutter.flush():
            self._add_block(start_s, block)
        whole = join_evidence([SpeechEvidence([], w, s) for w, s in zip(self._windows, self._segment_windows)])
        whole.regions = list(self._regions)
        return whole
