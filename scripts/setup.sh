#!/usr/bin/env bash
# Create .venv and install NewsLedger into it (idempotent). Used by run-demo.sh and run-tests.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# The stock pip 23 skips trafilatura's lxml_html_clean dependency: upgrade first.
.venv/bin/python -m pip install -q -U pip
extras=${NEWSLEDGER_EXTRAS:-}
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install -q -e ".[$extras]"
else
  .venv/bin/python -m pip install -q -e .
fi
