#!/usr/bin/env bash
# Installs Hushnote's desktop entry, AppStream metainfo and icons so it shows up
# in the application menu, pointing at the bundle (dist/hushnote/hushnote) or,
# when there is none, at the venv's hushnote.
#
#   packaging/install-desktop.sh [--prefix DIR] [--exec PATH] [--uninstall]
#
# --prefix DIR  where to install (default: $PREFIX, else ~/.local); files go
#               under DIR/share/{applications,metainfo,icons/hicolor}.
# --exec PATH   the hushnote program the menu entry starts (default: the bundle
#               if built, else .venv/bin/hushnote); made absolute.
# --uninstall   remove what this script installs under the prefix.
set -euo pipefail

APP_ID=io.hushnote.Hushnote
ROOT=$(cd "$(dirname "$0")/.." && pwd)
prefix=${PREFIX:-$HOME/.local}
exec_path=""
uninstall=0

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --exec) exec_path=${2:?--exec needs a program}; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-desktop.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

share="$prefix/share"
icon_sizes=()
for png in "$ROOT"/assets/icons/hushnote-*.png; do
  size=${png##*/hushnote-}; icon_sizes+=("${size%.png}")
done
targets=("$share/applications/$APP_ID.desktop" "$share/metainfo/$APP_ID.metainfo.xml"
         "$share/icons/hicolor/scalable/apps/$APP_ID.svg")
for size in "${icon_sizes[@]}"; do
  targets+=("$share/icons/hicolor/${size}x${size}/apps/$APP_ID.png")
done

refresh_caches() {
  # Menus and icon themes pick up new files on their own eventually; these make it immediate.
  if command -v update-desktop-database >/dev/null; then update-desktop-database -q "$share/applications" || true; fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$share/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
  fi
}

if [ "$uninstall" = 1 ]; then
  rm -f "${targets[@]}"
  refresh_caches
  echo "removed Hushnote's menu entry, metainfo and icons from $share"
  exit 0
fi

if [ -z "$exec_path" ]; then
  if [ -x "$ROOT/dist/hushnote/hushnote" ]; then
    exec_path="$ROOT/dist/hushnote/hushnote"
  elif [ -x "$ROOT/.venv/bin/hushnote" ]; then
    exec_path="$ROOT/.venv/bin/hushnote"
  else
    echo "install-desktop.sh: no hushnote to point at: run 'make bundle' or 'make install', or give --exec" >&2
    exit 1
  fi
fi
[ -x "$exec_path" ] || { echo "install-desktop.sh: $exec_path is not an executable program" >&2; exit 1; }
exec_path=$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path")
# The desktop entry spec would need escaping for these; refuse rather than write a broken entry.
case "$exec_path" in
  *[\"\`\$\\%]*) echo "install-desktop.sh: the program path must not contain \" \` \$ \\ or %: $exec_path" >&2; exit 1 ;;
esac

mkdir -p "$share/applications" "$share/metainfo" "$share/icons/hicolor/scalable/apps"
sed -e "s|^Exec=hushnote |Exec=\"$exec_path\" |" -e "/^Exec=/a TryExec=$exec_path" \
  "$ROOT/packaging/$APP_ID.desktop" > "$share/applications/$APP_ID.desktop"
install -m 0644 "$ROOT/packaging/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
install -m 0644 "$ROOT/assets/icons/hushnote.svg" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
for size in "${icon_sizes[@]}"; do
  install -D -m 0644 "$ROOT/assets/icons/hushnote-$size.png" "$share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
done

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$share/applications/$APP_ID.desktop"
fi
refresh_caches
echo "installed Hushnote's menu entry ($share/applications/$APP_ID.desktop) starting $exec_path"
