"""Every ``hushnote`` command starts without loading libraries only some commands use.

Building the command line registers every subcommand; an eager ``scipy.signal``
import there (for the background-only export) added about a second of CPU to
every run, ``transcribe`` included (bench_asr's recognition-only row went from
1.01x to 1.47x the bare faster-whisper call on the 72 s sample).
"""
import subprocess
import sys

from tests.support.testdata import PROJECT_ROOT

HEAVY = ("scipy.signal", "scipy.stats", "torch", "spacy", "PySide6")

CHILD = f"""
import sys
from app.cli.main import build_parser
build_parser()
print(sorted(name for name in {HEAVY!r} if name in sys.modules))
"""


def test_building_the_command_line_loads_no_heavy_library():
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "[]"
