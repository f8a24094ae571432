"""Keeps torch out of libraries that import it only to probe for it.

thinc (under spaCy) and Presidio (its device probe and its Hugging Face
recognizer) import torch when it is installed, to ask
whether a GPU is there or to offer torch-backed layers; Hushnote's spaCy
pipelines and its speaker encoder never use it. Importing torch costs about
300 MB and holds the interpreter lock for 0.3-0.4 s, which froze the app's
window when the privacy models loaded in the background. Both libraries
treat ImportError as "no torch" and run on CPU, so the import is refused for
them alone; any other importer (Spleeter, tests) still gets torch, and once
torch is loaded they see it too.
"""
from __future__ import annotations

import sys

# Modules whose own `import torch` is refused: they catch ImportError and carry on without it.
PROBING_MODULES = frozenset({
    "thinc.compat",
    "presidio_analyzer.nlp_engine.device_detector",
    "presidio_analyzer.predefined_recognizers.ner.huggingface_ner_recognizer",  # a recognizer Hushnote never builds
})


class TorchProbeBlocker:
    """A meta-path finder refusing ``torch`` when the module importing it is one of ``PROBING_MODULES``."""

    def find_spec(self, name, path=None, target=None):
        """Raises ModuleNotFoundError for ``torch`` imported by a probing module; returns None (no say) otherwise."""
        if name != "torch":
            return None
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__", "").startswith(("importlib", "_frozen_importlib")):
            frame = frame.f_back
        if frame is not None and frame.f_globals.get("__name__") in PROBING_MODULES:
            raise ModuleNotFoundError("torch is not offered to libraries probing for it", name="torch")
        return None


def install() -> None:
    """Puts the blocker first on ``sys.meta_path`` (once per process)."""
    if not any(isinstance(finder, TorchProbeBlocker) for finder in sys.meta_path):
        sys.meta_path.insert(0, TorchProbeBlocker())
