#!/usr/bin/env bash
# Install, ingest the bundled sample releases, and answer a sample question.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/qa ingest
.venv/bin/qa sources
.venv/bin/qa ask "${1:-Who prepared the reserve estimate?}"
