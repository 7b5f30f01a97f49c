#!/usr/bin/env bash
# Install, then open the chat app on http://127.0.0.1:7860 (ingests the bundled sample releases on first run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/qa serve "$@"
