"""The default transcription and the app's background warm-up run without torch.

Importing torch takes ~300 MB and holds the interpreter lock for 0.3-0.4 s,
which froze the app's window while models loaded in the background. Only the
optional Spleeter separator needs it now.
"""
import subprocess
import sys

from tests.support.testdata import PROJECT_ROOT

CHILD = """
import sys
from pathlib import Path
from app.cli.main import main
from app.engines import Engines
from audio_core.progress import CancelToken
from ui.workers import warm_up_job

clip, out = sys.argv[1], Path(sys.argv[2])
assert main(["transcribe", clip, "--out", str(out), "--format", "txt"]) == 0
assert (out / (Path(clip).stem + ".txt")).read_text().strip()
engines = Engines()
warm_up_job(engines)(lambda *args, **kwargs: None, CancelToken())
assert engines.voice_encoder.embed_utterance([0.1] * 16000).shape == (256,)
loaded = sorted(name for name in sys.modules if name == "torch" or name.startswith("torch."))
print("torch modules:", loaded)
sys.exit(1 if loaded else 0)
"""


def test_default_transcribe_with_speakers_and_pii_and_the_apps_warm_up_never_import_torch(testdata, tmp_path):
    clip = testdata / "real" / "pyannote_sample.wav"  # two people and personal data: every default stage runs
    result = subprocess.run([sys.executable, "-c", CHILD, str(clip), str(tmp_path)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "torch modules: []" in result.stdout


def test_torch_is_still_there_for_whoever_asks_for_it_such_as_spleeter():
    code = ("import audio_core, spacy, presidio_analyzer, sys; assert 'torch' not in sys.modules;"
            "import torch; assert float(torch.ones(2).sum()) == 2.0")
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True, timeout=300)
