#!/usr/bin/env bash
# Install what the tests need and run them all: the Debian packages of
# .ci/apt-packages.txt (chromium for the browser tests, nginx for the proxy's), a virtual
# environment with requirements-dev.txt (the lock: exact versions, see README.md), then
# pytest (extra arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=$(while read -r pkg; do dpkg -s "$pkg" >/dev/null 2>&1 || echo "$pkg"; done \
          < .ci/apt-packages.txt)
if [ -n "$missing" ]; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends $missing
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt
.venv/bin/python -m pytest "$@"
