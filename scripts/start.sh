#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, and open LoopLab on the first lesson.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build --preset dev
# With no program named, the window opens the first lesson.
exec build/bin/looplab "$@"
