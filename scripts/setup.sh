#!/usr/bin/env bash
# Create .venv and install Release QA (extras in QA_EXTRAS, comma-separated; "torch" installs CPU PyTorch
# first). Idempotent; used by run.sh, test.sh and .ci/run. Prints how long the install took.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
EXTRAS=${QA_EXTRAS-}
EXTRAS=${EXTRAS// /}  # "test, torch" as "test,torch"
start=$(date +%s)
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
if [[ ",$EXTRAS," == *",torch,"* ]]; then
  # torch first and pinned: an unpinned torch pulls gigabytes of CUDA packages.
  .venv/bin/python -m pip install -q "torch==2.13.0"
fi
.venv/bin/python -m pip install -q -e ".${EXTRAS:+[$EXTRAS]}"
echo "Release QA installed in $(( $(date +%s) - start )) s (extras: ${EXTRAS:-none})" >&2
