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
"${offline[@]}" "$bundle" --version
echo "== demo (no network)"
(cd "$work" && "${offline[@]}" "$OLDPWD/$bundle" demo --out "$work/demo-output")
ls "$work/demo-output"
echo "== bundle size"
du -sh dist/hushnote
