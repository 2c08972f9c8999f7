#!/usr/bin/env bash
# Set-up command: install kg into .venv/ and build the graph of seeds/ into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
.venv/bin/kg build seeds --out output "$@"
