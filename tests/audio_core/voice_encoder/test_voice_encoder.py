"""The numpy voice encoder gives Resemblyzer's own embeddings, on real speech, without torch."""
from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np
import pytest

from audio_core.decode import decode_audio
from audio_core.errors import ModelError
from audio_core.voice_encoder import VoiceEncoder, bundled_weights_path, mel_spectrogram
from audio_core.voice_encoder.checkpoint import load_checkpoint
from audio_core.voice_encoder.preprocess import preprocess_wav
from tests.support.testdata import PROJECT_ROOT

MIN_COSINE = 0.9999


@pytest.fixture(scope="module")
def torch_encoder():
    resemblyzer = pytest.importorskip("resemblyzer")
    import torch

    threads_before = torch.get_num_threads()
    torch.set_num_threads(1)  # as the pipeline ran it; two threads spin against each other on 2 shared cores
    yield resemblyzer.VoiceEncoder(device="cpu", verbose=False)
    torch.set_num_threads(threads_before)


@pytest.fixture(scope="module")
def numpy_encoder():
    return VoiceEncoder()


@pytest.fixture(scope="module")
def real_speech(testdata):
    """Real people speaking: five read clips, a phone call and three meeting clips (11 voices)."""
    paths = sorted((testdata / "real").glob("librivox_*.wav")) + [testdata / "real" / "pyannote_sample.wav"]
    paths += sorted((testdata / "meetings").glob("*.wav"))[::2]
    return {path.stem: decode_audio(path) for path in paths}


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=-1) / (np.linalg.norm(a, axis=-1) * np.linalg.norm(b, axis=-1))


def test_utterance_embeddings_and_their_partials_match_resemblyzer_on_real_speech(torch_encoder, numpy_encoder, real_speech):
    for name, audio in real_speech.items():
        wav = preprocess_wav(audio)
        expected, expected_partials, expected_slices = torch_encoder.embed_utterance(wav, return_partials=True)
        got, partials, slices = numpy_encoder.embed_utterance(wav, return_partials=True)
        assert slices == expected_slices, name
        assert _cosines(got, expected) >= MIN_COSINE, name
        assert _cosines(partials, expected_partials).min() >= MIN_COSINE, name


def test_batched_windows_of_every_length_match_resemblyzer_one_by_one(torch_encoder, numpy_encoder, real_speech):
    import torch

    mels = mel_spectrogram(real_speech["pyannote_sample"])
    for length in (40, 150, 160):  # the shortest window embedded, the diarizer's, Resemblyzer's partial
        windows = np.stack([mels[s : s + length] for s in range(0, len(mels) - length, 97)])
        with torch.inference_mode():
            expected = np.concatenate([torch_encoder(torch.from_numpy(w[None])).numpy() for w in windows])
        got = numpy_encoder.embed_frames(windows, batch_size=16, threads=1)
        assert got.shape == expected.shape == (len(windows), 256)
        assert _cosines(got, expected).min() >= MIN_COSINE
        np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_windows_that_start_together_share_one_pass_and_get_their_own_embeddings(numpy_encoder, real_speech):
    mels = mel_spectrogram(real_speech["pyannote_sample"])
    windows = np.stack([mels[s : s + 150] for s in range(0, len(mels) - 150, 61)])
    shared = numpy_encoder.embed_prefixes(windows, [100, 150], batch_size=16, threads=1)
    alone = [numpy_encoder.embed_frames(windows[:, :length], batch_size=16, threads=1) for length in (100, 150)]
    assert shared.shape == (2, len(windows), 256)
    for got, expected in zip(shared, alone):
        assert _cosines(got, expected).min() >= MIN_COSINE
    with pytest.raises(ValueError):
        numpy_encoder.embed_prefixes(windows, [151])


def test_diarizer_window_sets_embedded_together_equal_each_set_embedded_alone(numpy_encoder, real_speech):
    from audio_core.diarize.builtin import DiarizationOptions
    from audio_core.diarize.embeddings import embed_window_sets

    options = DiarizationOptions()
    audio = real_speech["pyannote_sample"]
    regions = [(0.5, 9.7), (10.2, 10.9), (11.0, 29.5)]  # long, shorter than a window, long
    sets = [options.embedding, options.segment_embedding]
    together = embed_window_sets(numpy_encoder, audio, regions, sets)
    for got, option_set in zip(together, sets):
        (alone,) = embed_window_sets(numpy_encoder, audio, regions, [option_set])
        np.testing.assert_array_equal(got.starts_s, alone.starts_s)
        np.testing.assert_array_equal(got.ends_s, alone.ends_s)
        assert len(got) > 20 and _cosines(got.vectors, alone.vectors).min() >= MIN_COSINE


def test_speaker_embedding_is_the_normed_mean_as_in_resemblyzer(torch_encoder, numpy_encoder, real_speech):
    clips = [preprocess_wav(real_speech[f"librivox_sas-{n}"]) for n in ("0870", "0880", "0890")]
    assert _cosines(numpy_encoder.embed_speaker(clips), torch_encoder.embed_speaker(clips)) >= MIN_COSINE


def test_mel_spectrogram_and_preprocessing_match_resemblyzer(real_speech):
    from resemblyzer import audio as reference

    for audio in (real_speech["pyannote_sample"], real_speech["librivox_sas-0870"][:401], np.zeros(50, np.float32)):
        expected = reference.wav_to_mel_spectrogram(audio)
        got = mel_spectrogram(audio)
        assert got.shape == expected.shape
        np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-6 * max(1.0, float(expected.max())))
    phone = real_speech["pyannote_sample"]
    np.testing.assert_array_equal(preprocess_wav(phone), reference.preprocess_wav(phone))


def test_the_encoder_loads_and_embeds_without_importing_torch():
    code = (
        "import sys, numpy as np; from audio_core.voice_encoder import VoiceEncoder;"
        "e = VoiceEncoder(); v = e.embed_utterance(np.random.default_rng(0).normal(0, 0.1, 32000).astype(np.float32));"
        "assert v.shape == (256,); assert 'torch' not in sys.modules, 'torch was imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True, timeout=120)


def test_the_weights_reader_gives_torchs_own_arrays():
    torch = pytest.importorskip("torch")
    expected = torch.load(bundled_weights_path(), map_location="cpu", weights_only=True)["model_state"]
    got = load_checkpoint(bundled_weights_path())["model_state"]
    assert set(got) == set(expected)
    for key, tensor in expected.items():
        np.testing.assert_array_equal(got[key], tensor.numpy())


class _RunsCode:
    def __reduce__(self):
        return (print, ("this must never run",))


def test_a_weights_file_that_would_run_code_is_refused(tmp_path, capsys):
    torch = pytest.importorskip("torch")
    path = tmp_path / "evil.pt"
    torch.save({"model_state": {"x": torch.zeros(2)}, "payload": _RunsCode()}, path, _use_new_zipfile_serialization=True)
    with pytest.raises(ModelError, match="not a readable PyTorch checkpoint"):
        load_checkpoint(path)
    legacy = tmp_path / "evil_legacy.pt"
    torch.save({"payload": _RunsCode()}, legacy, _use_new_zipfile_serialization=False)
    with pytest.raises(ModelError, match="not a readable PyTorch checkpoint"):
        load_checkpoint(legacy)
    assert "must never run" not in capsys.readouterr().out


def test_a_zip_checkpoint_saved_by_current_torch_reads_back(tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "new.pt"
    weights = {"a": torch.arange(12, dtype=torch.float32).reshape(3, 4).t(), "b": torch.tensor([1, 2], dtype=torch.int64)}
    torch.save({"model_state": weights}, path)
    got = load_checkpoint(path)["model_state"]
    np.testing.assert_array_equal(got["a"], weights["a"].numpy())
    np.testing.assert_array_equal(got["b"], weights["b"].numpy())


def test_missing_truncated_or_foreign_weights_give_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="cannot read weights"):
        VoiceEncoder(tmp_path / "absent.pt")
    truncated = tmp_path / "truncated.pt"
    truncated.write_bytes(bundled_weights_path().read_bytes()[:100_000])
    with pytest.raises(ModelError):
        VoiceEncoder(truncated)
    foreign = tmp_path / "foreign.pt"
    foreign.write_bytes(pickle.dumps({"not": "weights"}))
    with pytest.raises(ModelError):
        VoiceEncoder(foreign)
