"""Entry point of the bundled app: `hushnote` with no arguments opens the desktop app."""
import os
import sys

# onnxruntime (Silero VAD, DeepFilterNet) writes a device id and queued usage
# events to ~/.cache/Microsoft/DeveloperTools unless this is set before it loads.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

if len(sys.argv) > 2 and sys.argv[1] == "--decode-child":  # audio_core.decode runs FFmpeg in such a child
    from audio_core.decode_child import main as decode_child

    sys.exit(decode_child(sys.argv[2:]))

from app.paths import cache_dir  # noqa: E402  (after the switch above)

# librosa compiles functions with numba, which caches the machine code (no audio or text) on disk;
# in a frozen app its only place is $XDG_CACHE_HOME/numba (NUMBA_CACHE_DIR needs source files).
# Point XDG_CACHE_HOME at Hushnote's own cache folder, so that and any other library cache stay there.
os.environ["XDG_CACHE_HOME"] = str(cache_dir())

from ui.launcher import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["gui"]))
