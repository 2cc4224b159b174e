#!/usr/bin/env bash
# Install what the tests need and run them all: Debian's chromium for the browser test
# (packages listed in .ci/apt-packages.txt), a virtual environment with
# requirements-dev.txt, then pytest (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo apt-get update -qq
  xargs -a .ci/apt-packages.txt $sudo apt-get install -y -qq --no-install-recommends
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m pytest "$@"
