"""Resemblyzer's speaker encoder without torch: weights reader, mel spectrogram, numpy LSTM."""
from audio_core.voice_encoder.encoder import VoiceEncoder, bundled_weights_path
from audio_core.voice_encoder.mel import mel_spectrogram

__all__ = ["VoiceEncoder", "bundled_weights_path", "mel_spectrogram"]
