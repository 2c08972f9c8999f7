#!/usr/bin/env bash
# Install what kg needs into .venv/ (idempotent). With --test, also the test tools and the
# Debian packages the tests drive: chromium (a real browser) and raptor2-utils (rapper).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
extras="."
[ "${1:-}" = "--test" ] && extras=".[test]"

if [ ! -x .venv/bin/python ]; then
  echo "kg: creating virtual environment .venv/" >&2
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.kg-installed-$(cat pyproject.toml | sha256sum | cut -c1-16)-${extras//[^a-z]/}"
if [ ! -f "$stamp" ]; then
  echo "kg: installing Python packages ($extras)" >&2
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e "$extras"
  touch "$stamp"
fi

if [ "${1:-}" = "--test" ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v rapper >/dev/null 2>&1 || missing+=(raptor2-utils)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "kg: installing Debian packages: ${missing[*]}" >&2
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "kg: warning: ${missing[*]} missing and cannot apt-get install here; browser or rapper tests will skip" >&2
    fi
  fi
fi
