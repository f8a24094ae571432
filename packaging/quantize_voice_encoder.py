"""Builds audio_core/voice_encoder/models/lstm-int8.onnx: the LSTM of Resemblyzer's voice encoder (its
bundled ``pretrained.pt``) as an ONNX graph, layers 2 and 3 dynamically quantized to int8 per channel.

Input ``mels`` (steps, batch, 40), output ``hidden`` (steps, batch, 256): the last layer's hidden state
after every step; the final linear layer and normalisation stay in numpy (audio_core.voice_encoder.encoder).
The first layer stays float: its input is a mel power spectrogram. Rebuild only when the weights change.
Needs ``onnx`` (a build-time tool, not a runtime dependency):

    .venv/bin/pip install onnx==1.23.2 ml_dtypes
    .venv/bin/python packaging/quantize_voice_encoder.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HIDDEN = 256
LAYERS = 3


def _onnx_gates(weights: np.ndarray) -> np.ndarray:
    """torch's gate order (input, forget, cell, output) to ONNX's (input, output, forget, cell)."""
    i, f, g, o = np.split(np.asarray(weights, np.float32), 4, axis=0)
    return np.concatenate([i, o, f, g], axis=0)


def float_graph(state: dict):
    """Returns the float ONNX model of the encoder's stacked LSTM."""
    from onnx import TensorProto, helper, numpy_helper

    nodes, weights, previous = [], [], "mels"
    for k in range(LAYERS):
        w = _onnx_gates(state[f"lstm.weight_ih_l{k}"])[None]
        r = _onnx_gates(state[f"lstm.weight_hh_l{k}"])[None]
        b = np.concatenate([_onnx_gates(state[f"lstm.bias_ih_l{k}"]), _onnx_gates(state[f"lstm.bias_hh_l{k}"])])[None]
        weights += [numpy_helper.from_array(a, f"{name}{k}") for name, a in (("W", w), ("R", r), ("B", b))]
        weights.append(numpy_helper.from_array(np.array([1], np.int64), f"direction_axis{k}"))
        nodes.append(helper.make_node("LSTM", [previous, f"W{k}", f"R{k}", f"B{k}"], [f"all{k}"], name=f"lstm{k}", hidden_size=HIDDEN))
        out = "hidden" if k == LAYERS - 1 else f"layer{k}"
        nodes.append(helper.make_node("Squeeze", [f"all{k}", f"direction_axis{k}"], [out], name=f"squeeze{k}"))
        previous = out
    graph = helper.make_graph(nodes, "resemblyzer_lstm", [helper.make_tensor_value_info("mels", TensorProto.FLOAT, ["steps", "batch", 40])],
                              [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, ["steps", "batch", HIDDEN])], weights)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def main() -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from audio_core.voice_encoder.checkpoint import load_checkpoint
    from audio_core.voice_encoder.encoder import bundled_weights_path
    from audio_core.voice_encoder.quantized import QUANTIZED_LSTM

    checkpoint = load_checkpoint(bundled_weights_path())
    state = checkpoint.get("model_state", checkpoint)
    QUANTIZED_LSTM.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "lstm.onnx"
        onnx.save(float_graph(state), source)
        quantize_dynamic(source, QUANTIZED_LSTM, op_types_to_quantize=["LSTM"], nodes_to_quantize=["lstm1", "lstm2"],
                         weight_type=QuantType.QInt8, per_channel=True)
    print(f"wrote {QUANTIZED_LSTM} ({QUANTIZED_LSTM.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
