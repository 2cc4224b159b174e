#!/usr/bin/env bash
# Regenerate the locks from pyproject.toml (needs PyPI): requirements.txt, the exact
# versions of the dependencies (what Streamlit Community Cloud, `pip install -r
# requirements.txt` and deployments install), and requirements-dev.txt, the same plus the
# build and test extras (what scripts/test.sh and CI install). Versions already locked
# stay unless pyproject.toml rules them out; extra arguments go to uv, e.g. --upgrade or
# --upgrade-package streamlit.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
[ -x .venv/bin/uv ] || .venv/bin/pip install -q --disable-pip-version-check uv
compile=(.venv/bin/uv pip compile pyproject.toml --universal --quiet
         --custom-compile-command "bash scripts/lock.sh")
"${compile[@]}" -o requirements.txt "$@"
"${compile[@]}" --extra build --extra test -c requirements.txt -o requirements-dev.txt "$@"
