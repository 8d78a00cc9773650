#!/usr/bin/env bash
# Quick start, command 2: install what is missing, build with warnings as errors, run every test,
# then build and run the engine's tests again under AddressSanitizer + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci -j2
if [ "${LOOPLAB_SKIP_ASAN:-0}" != 1 ]; then
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  ctest --preset asan -j2 -E '^determinism$'
fi
