#!/usr/bin/env bash
# Install, then lint, type-check and run the whole test suite offline.
set -euo pipefail
cd "$(dirname "$0")/.."
QA_EXTRAS=test,torch bash scripts/setup.sh  # the suite also checks the fp32 model
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/ruff check index qa tests bench scripts
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
