"""The diarizer's int8 voice encoder gives the float encoder's embeddings on real speech (its speed: tests/bench/bench_voice_encoder.py)."""
from __future__ import annotations

import numpy as np
import pytest

from audio_core.decode import decode_audio
from audio_core.errors import ModelError
from audio_core.voice_encoder import VoiceEncoder, bundled_weights_path
from audio_core.voice_encoder.quantized import QuantizedLstm
from tests.support.cpu_kernels import has_vnni

# The bounds below were set where onnxruntime runs int8 with VNNI. Without it (an AVX2-only AMD EPYC) its kernels
# round differently and the phone call's windows read 0.9984 mean, 0.9956 least: still far inside the gap between
# two voices, but not this exactness, so there the comparison is not made (README, Limits).
int8_exactness = pytest.mark.skipif(not has_vnni(), reason="this CPU has no VNNI: onnxruntime's int8 kernels round differently")


@pytest.fixture(scope="module")
def encoders():
    return VoiceEncoder(), VoiceEncoder(quantized=True)


@pytest.fixture(scope="module")
def real_speech(testdata):
    """A phone call, a far-field meeting and a read clip."""
    paths = [testdata / "real" / "pyannote_sample.wav", sorted((testdata / "meetings").glob("*.wav"))[0],
             sorted((testdata / "real").glob("librivox_*.wav"))[0]]
    return {path.stem: decode_audio(path)[: 16000 * 20] for path in paths}


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))


@int8_exactness
def test_diarizer_windows_get_the_float_encoders_embeddings(encoders, real_speech):
    from audio_core.diarize.builtin import DiarizationOptions
    from audio_core.diarize.embeddings import embed_window_sets

    float_encoder, int8_encoder = encoders
    options = DiarizationOptions()
    sets = [options.embedding, options.segment_embedding]
    for name, audio in real_speech.items():
        regions = [(0.0, audio.size / 16000)]
        for exact, quantized in zip(embed_window_sets(float_encoder, audio, regions, sets),
                                    embed_window_sets(int8_encoder, audio, regions, sets)):
            np.testing.assert_array_equal(quantized.starts_s, exact.starts_s)
            cosines = _cosines(quantized.vectors, exact.vectors)
            assert len(cosines) > 20, name
            assert cosines.mean() >= 0.999 and cosines.min() >= 0.997, (name, cosines.mean(), cosines.min())
            np.testing.assert_allclose(np.linalg.norm(quantized.vectors, axis=1), 1.0, atol=1e-5)


@int8_exactness
def test_a_voice_enrolled_either_way_is_the_same_voice(encoders, real_speech):
    float_encoder, int8_encoder = encoders
    for name, audio in real_speech.items():
        assert float(float_encoder.embed_utterance(audio) @ int8_encoder.embed_utterance(audio)) >= 0.999, name


def test_windows_that_start_together_share_one_run(encoders, real_speech):
    from audio_core.voice_encoder import mel_spectrogram

    _, int8_encoder = encoders
    mels = mel_spectrogram(real_speech["pyannote_sample"])
    windows = np.stack([mels[s : s + 150] for s in range(0, len(mels) - 150, 61)])
    shared = int8_encoder.embed_prefixes(windows, [100, 150], batch_size=16)
    for got, length in zip(shared, (100, 150)):
        # Not bit-equal: each run's activations are quantized on the range of the batch it runs in.
        assert _cosines(got, int8_encoder.embed_frames(windows[:, :length], batch_size=16)).min() >= 0.9995
    with pytest.raises(ValueError):
        int8_encoder.embed_prefixes(windows, [151])


def test_a_missing_or_broken_int8_graph_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="int8 voice encoder"):
        QuantizedLstm(tmp_path / "absent.onnx")
    (tmp_path / "broken.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="int8 voice encoder"):
        QuantizedLstm(tmp_path / "broken.onnx")
    with pytest.raises(ModelError, match="bundled weights"):
        VoiceEncoder(bundled_weights_path(), quantized=True)


def test_on_any_cpu_a_voice_embedded_in_int8_is_its_own_float_voice_and_no_other(encoders, real_speech):
    float_encoder, int8_encoder = encoders
    names = list(real_speech)
    exact = {name: float_encoder.embed_utterance(real_speech[name]) for name in names}
    for name in names:
        quantized = int8_encoder.embed_utterance(real_speech[name])
        own = float(quantized @ exact[name])
        nearest_other = max(float(quantized @ exact[other]) for other in names if other != name)
        assert own >= 0.995 and own - nearest_other >= 0.05, (name, own, nearest_other)
