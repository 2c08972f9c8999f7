#!/usr/bin/env bash
# Test command: install kg and its test tools, then lint, type-check and run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
.venv/bin/ruff check kg tests scripts
.venv/bin/ruff format --check kg tests scripts
.venv/bin/mypy kg
.venv/bin/python -m pytest "$@"
