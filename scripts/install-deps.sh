#!/usr/bin/env bash
# Installs LoopLab's build and test dependencies from Debian 12 packages, only if missing.
# dpkg-dev (dpkg-shlibdeps), lintian, desktop-file-utils, appstream and man-db check the
# Debian package (tests/package).
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqscintilla2-qt6-dev libgl1-mesa-dev
  pybind11-dev libpython3-dev python3 nlohmann-json3-dev
  libgtest-dev libgmock-dev libbenchmark-dev libseccomp-dev libpython3.11-testsuite
  libavcodec-dev libavformat-dev libswscale-dev libavutil-dev libavfilter-dev
  xvfb xauth
  dpkg-dev lintian desktop-file-utils appstream man-db
)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
