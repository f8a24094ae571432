"""A stacked LSTM's forward pass in numpy, batched, for inference only.

Each layer's input and hidden weights are joined into one matrix so a time
step is one matrix product per layer, and the sigmoid gates are folded into
one ``tanh`` call over all four gates (sigmoid(x) = (1 + tanh(x / 2)) / 2,
with the halving done once on the weights). Memory is a few (batch, 1024)
buffers whatever the sequence length.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LstmLayer:
    """One layer: ``weights`` ((input + hidden), 4 * hidden) in gate order input, forget, output, cell,
    with the three sigmoid gates' columns pre-halved; ``bias`` (4 * hidden,) likewise."""

    weights: np.ndarray
    bias: np.ndarray

    @property
    def hidden_size(self) -> int:
        return self.weights.shape[1] // 4

    @property
    def input_size(self) -> int:
        return self.weights.shape[0] - self.hidden_size


def layer_from_torch(weight_ih: np.ndarray, weight_hh: np.ndarray, bias_ih: np.ndarray, bias_hh: np.ndarray) -> LstmLayer:
    """Returns the :class:`LstmLayer` for one layer of ``torch.nn.LSTM`` weights (gate order i, f, g, o)."""
    hidden = weight_hh.shape[1]
    i, f, g, o = (slice(k * hidden, (k + 1) * hidden) for k in range(4))
    order = np.r_[i, f, o, g]
    scale = np.ones(4 * hidden, np.float32)
    scale[: 3 * hidden] = 0.5
    weights = np.concatenate([weight_ih, weight_hh], axis=1)[order].T * scale
    bias = (bias_ih + bias_hh)[order] * scale
    return LstmLayer(np.ascontiguousarray(weights, np.float32), np.ascontiguousarray(bias, np.float32))


def last_hidden_state(layers: list[LstmLayer], inputs: np.ndarray) -> np.ndarray:
    """Returns the last layer's hidden state after the last step, (batch, hidden), for ``inputs``
    (batch, steps, features), starting from zero states."""
    return hidden_states_at(layers, inputs, [inputs.shape[1]])[0]


def hidden_states_at(layers: list[LstmLayer], inputs: np.ndarray, steps_wanted: list[int]) -> np.ndarray:
    """Returns the last layer's hidden states (len(steps_wanted), batch, hidden) after each of
    ``steps_wanted`` steps (1 to steps) of ``inputs`` (batch, steps, features), from zero states.

    A window's state after its first k steps is the state of the window cut k steps long, so
    windows that start together share one run. Raises ValueError for a step outside 1..steps.
    """
    batch, steps, _ = inputs.shape
    if any(not 1 <= k <= steps for k in steps_wanted):
        raise ValueError(f"steps {steps_wanted} outside 1..{steps}")
    wanted = {k: i for i, k in enumerate(steps_wanted)}
    out = np.empty((len(steps_wanted), batch, layers[-1].hidden_size), np.float32)
    steps = max(steps_wanted)
    # joined[k] holds layer k's [input | hidden]; layer k writes its hidden state into its own
    # buffer (for its next step) and into layer k + 1's input part.
    joined = [np.zeros((batch, layer.weights.shape[0]), np.float32) for layer in layers]
    cells = [np.zeros((batch, layer.hidden_size), np.float32) for layer in layers]
    gates = [np.empty((batch, layer.weights.shape[1]), np.float32) for layer in layers]
    scratch = [np.empty((batch, layer.hidden_size), np.float32) for layer in layers]
    for t in range(steps):
        joined[0][:, : layers[0].input_size] = inputs[:, t]
        for k, layer in enumerate(layers):
            n = layer.hidden_size
            g = gates[k]
            np.matmul(joined[k], layer.weights, out=g)
            g += layer.bias
            np.tanh(g, out=g)
            sigmoids = g[:, : 3 * n]
            sigmoids *= 0.5
            sigmoids += 0.5
            cell, tmp = cells[k], scratch[k]
            cell *= g[:, n : 2 * n]
            np.multiply(g[:, :n], g[:, 3 * n :], out=tmp)
            cell += tmp
            np.tanh(cell, out=tmp)
            hidden = joined[k][:, layer.input_size :]
            np.multiply(g[:, 2 * n : 3 * n], tmp, out=hidden)
            if k + 1 < len(layers):
                joined[k + 1][:, : layers[k + 1].input_size] = hidden
        if t + 1 in wanted:
            out[wanted[t + 1]] = joined[-1][:, layers[-1].input_size :]
    return out
