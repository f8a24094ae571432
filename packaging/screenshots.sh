#!/usr/bin/env bash
# Saves a PNG of each desktop-app screen (unlock, library, note, privacy, duplicate, export, settings, vocabulary,
# record, forget, forgotten: ui/screenshots.py) into assets/screenshots/,
# drawn on a real X display (Xvfb) with the bundled sample meeting. Usage: packaging/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-assets/screenshots}"
sample="assets/sample/meeting.wav"
[ -f "$sample" ] || sample="../shared/testdata/synthetic/meeting.wav"
command -v xvfb-run >/dev/null || { echo "screenshots.sh: xvfb-run is missing (Debian package xvfb)" >&2; exit 2; }
unset QT_QPA_PLATFORM WAYLAND_DISPLAY
export QT_QPA_PLATFORM=xcb
xvfb-run -a -s "-screen 0 1400x900x24 -dpi 96" .venv/bin/python -m ui gui --screenshots "$out" --sample "$sample"
