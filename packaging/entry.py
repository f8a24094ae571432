"""Entry point of the bundled app: `hushnote` with no arguments opens the desktop app."""
import os
import sys

# onnxruntime (Silero VAD, DeepFilterNet) writes a device id and queued usage
# events to ~/.cache/Microsoft/DeveloperTools unless this is set before it loads.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

from app.cli.main import main  # noqa: E402  (after the switch above)

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["gui"]))
