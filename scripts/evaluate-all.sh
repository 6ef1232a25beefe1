#!/usr/bin/env bash
# Reproduces every row of docs/results.md: the speaker-independent protocol on each corpus here, then the seed
# paper's (leaky) protocol. Each run resumes from work/ if interrupted. Extra arguments go to every run
# (e.g. --data DIR). Takes about two hours on 2 cores (see docs/results.md for each run's time).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for protocol in speaker paper; do
  for corpus in emodb-2s emovo ravdess tess; do
    bin/emoscope evaluate --corpus "$corpus" --protocol "$protocol" "$@"
  done
done
