#!/usr/bin/env bash
# Cross-corpus pre-training, evaluated honestly: trains a seven-class model on every corpus here except CORPUS
# (so it never hears a test speaker), then runs the speaker-independent evaluation of CORPUS with every fold
# starting from that model (evaluate --pretrained). Both steps resume from work/ if interrupted.
# Results go to work/pretrain-CORPUS/ (report and results table), not to docs/results.md.
#   scripts/pretrain-evaluate.sh CORPUS [extra evaluate options, e.g. --smooth-epochs 3]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="${1:?usage: scripts/pretrain-evaluate.sh emodb-2s|emovo|ravdess|tess [evaluate options]}"
shift
all=(ravdess tess emovo emodb-2s)
others=()
for c in "${all[@]}"; do [[ "$c" != "$target" ]] && others+=("$c"); done
[[ ${#others[@]} -eq ${#all[@]} ]] && { echo "unknown corpus: $target (one of ${all[*]})" >&2; exit 2; }
out="work/pretrain-$target"
mkdir -p "$out"
pre="$out/pretrained-for-$target.emo"  # its name also names its training checkpoint
if [[ ! -f "$pre" ]]; then
  bin/emoscope train --corpus "$(IFS=,; echo "${others[*]}")" --labels seven-class --out "$pre"
fi
bin/emoscope evaluate --corpus "$target" --pretrained "$pre" --report-dir "$out" --results "$out/results.md" "$@"
