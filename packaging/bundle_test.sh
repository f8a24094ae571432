#!/usr/bin/env bash
# Smoke test of the built bundle (make bundle-test): with networking forbidden
# (a fresh network namespace with no interfaces but loopback), the bundle
# prints its version and runs the demo; then its size is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bundle=dist/hushnote/hushnote
[ -x "$bundle" ] || { echo "no bundle at $bundle: run make bundle" >&2; exit 1; }
if unshare -n true 2>/dev/null; then
  offline=(unshare -n)
elif unshare -rn true 2>/dev/null; then
  offline=(unshare -rn)
else
  echo "cannot create a network namespace here (needs root or user namespaces)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" TMPDIR="$work/tmp" HUSHNOTE_HOME="$work/hushnote" HUSHNOTE_PASSPHRASE="bundle smoke test passphrase"
mkdir -p "$HOME" "$TMPDIR"
echo "== --version (no network)"
start_s=$SECONDS
"${offline[@]}" "$bundle" --version
echo "-- --version took $((SECONDS - start_s)) s"
echo "== demo (no network)"
start_s=$SECONDS
(cd "$work" && "${offline[@]}" "$OLDPWD/$bundle" demo --out "$work/demo-output")
echo "-- demo took $((SECONDS - start_s)) s"
ls "$work/demo-output"
[ -s "$work/demo-output/note-1.txt" ] || { echo "the demo wrote no transcript" >&2; exit 1; }
echo "== files the bundle left in HOME and TMPDIR (should hold no audio or transcript text)"
find "$HOME" "$TMPDIR" -type f | sed "s|^$work/||"
# onnxruntime's telemetry writes a device id and event queue under ~/.cache/Microsoft and a
# session file TMPDIR/.ses unless ORT_DISABLE_TELEMETRY is set (packaging/entry.py sets it).
if [ -e "$HOME/.cache/Microsoft" ] || [ -e "$TMPDIR/.ses" ]; then
  echo "onnxruntime telemetry files were written (ORT_DISABLE_TELEMETRY not in effect)" >&2
  exit 1
fi
stray=$(find "$HOME" "$TMPDIR" -type f)
if [ -n "$stray" ]; then
  echo "the bundle left files outside Hushnote's folders (above)" >&2
  exit 1
fi
echo "== Hushnote's cache (compiled library code only)"
find "$HUSHNOTE_HOME/cache" -type f | wc -l
echo "== bundle size"
du -sh dist/hushnote
