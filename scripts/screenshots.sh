#!/usr/bin/env bash
# Renders the screenshots the AppStream metadata shows (docs/screenshots/), with LoopLab
# itself, offscreen, in fresh settings so nothing of the user's shows. Usage:
#   scripts/screenshots.sh [PATH/TO/looplab]      (default: build/bin/looplab)
set -euo pipefail
cd "$(dirname "$0")/.."
looplab=${1:-build/bin/looplab}
settings=$(mktemp -d)
trap 'rm -rf "$settings"' EXIT
mkdir -p docs/screenshots
shot() {
  QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$settings/config" XDG_DATA_HOME="$settings/data" \
    "$looplab" "$1" --step "$2" --size 1280x720 --screenshot "docs/screenshots/$3.png"
}
shot lessons/05_gather.py 40 lesson
shot lessons/08_deadlock.py 1000 deadlock
