#!/usr/bin/env bash
# How much `analyze --one-speaker` helps a speaker-normalised model. For each speaker held out of the shipped
# model's training (RAVDESS actor 03, EMO-DB speaker 03, EMOVO speaker f2), analyses all of their recordings once
# file by file and once as one speaker, and prints the accuracy of each against the emotion in the file names
# (7-class set: RAVDESS calm and EMO-DB boredom count as neutral).
#
#   scripts/one-speaker-check.sh [--data DIR] [analyze options, e.g. --model BUNDLE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
data=../shared/corpora
if [[ "${1:-}" == "--data" ]]; then data="$2"; shift 2; fi
score() {
  python3 -c '
import json, os, sys
ravdess = {"01": "neutral", "02": "neutral", "03": "happy", "04": "sad", "05": "angry", "06": "fear",
           "07": "disgust", "08": "surprise"}
emodb = {"W": "angry", "L": "neutral", "E": "disgust", "A": "fear", "F": "happy", "T": "sad", "N": "neutral"}
emovo = {"dis": "disgust", "gio": "happy", "neu": "neutral", "pau": "fear", "rab": "angry", "sor": "surprise",
         "tri": "sad"}
def truth(name):
    if name.count("-") == 6: return ravdess[name.split("-")[2]]
    if name.count("-") == 2: return emovo[name.split("-")[0]]
    return emodb[name[5]]
right = total = 0
for line in sys.stdin:
    r = json.loads(line)
    if "error" in r: continue
    total += 1
    right += r["label"] == truth(os.path.basename(r["file"]))
print(f"{right}/{total} right ({100 * right / total:.1f}%)")'
}
check() {
  local name="$1"; shift
  local files=("$@")
  [[ ${#files[@]} -gt 0 ]] || { echo "$name: no files under $data" >&2; return; }
  echo "$name, file by file:   $(bin/emoscope analyze -q "${options[@]}" "${files[@]}" | score)"
  echo "$name, as one speaker: $(bin/emoscope analyze -q --one-speaker "${options[@]}" "${files[@]}" | score)"
}
options=("$@")
shopt -s nullglob
check "RAVDESS actor 03" "$data"/ravdess/Actor_03/*.flac
check "EMO-DB (2 s) speaker 03" "$data"/emodb-2s/03*.flac
check "EMOVO speaker f2" "$data"/emovo/f2/*.flac
