#!/usr/bin/env bash
# The main job: set up, ingest the bundled example articles into ./newsledger.db, show the timeline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/newsledger ingest examples/
.venv/bin/newsledger timeline
