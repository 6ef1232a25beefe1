#!/usr/bin/env bash
# Makes the screenshots in docs/screenshots/ from the app's demo mode (-Demoscope.demo=...), on a virtual X display
# (Xvfb, installed when missing and run as root). Reproducible: the live view listens to a "Demo voice" device that
# plays a spoken sentence (espeak-ng) in real time, the file views analyse the same sentence, a real angry RAVDESS
# recording when the corpora are there, and a deliberately broken file (to show the error banner); the Attention page
# explains an angry EmoDB sentence (emodb-2s/03a01Wa.flac; the spoken sentence without the corpora).
#
#   scripts/screenshots.sh [OUT_DIR]        default OUT_DIR: docs/screenshots
#
# SIZE (default 1366x768) is the virtual screen, and the window fills it as it would a maximised window there: the
# README's pictures are 1366x768, the ones in docs/screenshots/1920x1080/ were made with
#   SIZE=1920x1080 scripts/screenshots.sh docs/screenshots/1920x1080
# ONLY (e.g. "model attention") makes just those pictures.
#
# Environment: EMOSCOPE_CORPORA (default ../shared/corpora), EMOSCOPE_CLASSPATH (run these classes instead of
# target/emoscope.jar), EMOSCOPE_MODEL (bundle to show; default models/default.emo), XVFB_DISPLAY (default :97).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mkdir -p "${1:-$root/docs/screenshots}" && cd "${1:-$root/docs/screenshots}" && pwd)"
corpora="${EMOSCOPE_CORPORA:-$root/../shared/corpora}"
display="${XVFB_DISPLAY:-:97}"
size="${SIZE:-1366x768}"
only=" ${ONLY:-live file attention live-dark file-dark model} "
log() { echo "screenshots: $*" >&2; }

missing=()
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' || missing+=(libgtk-3-0) # JavaFX's glass needs GTK 3
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    log "installing ${missing[*]}"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1
  else
    log "missing ${missing[*]} and cannot install them here (needs root and apt-get)"; exit 2
  fi
fi

if [[ -n "${EMOSCOPE_CLASSPATH:-}" ]]; then
  launch=(-cp "$EMOSCOPE_CLASSPATH" org.emoscope.cli.Main)
else
  jar="$root/target/emoscope.jar"
  if [[ ! -f "$jar" ]]; then log "building"; mvn -q -B -f "$root/pom.xml" -DskipTests package >&2; fi
  launch=(-jar "$jar")
fi

cd "$root"
work="$(mktemp -d)"
Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
cleanup() { kill "$xvfb" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
sleep 1

# inputs: a spoken sentence, a real angry utterance if the corpora are here, and a broken file
speech="$work/speech.wav"
if command -v espeak-ng >/dev/null 2>&1; then
  espeak-ng -v en-us -s 150 -p 60 -w "$speech" \
    "I cannot believe you did this again. This is absolutely unacceptable! Why does nobody ever listen to me?"
fi
files="$speech"
angry="$(find "$corpora/ravdess" -name '03-01-05-02-*' 2>/dev/null | sort | head -1 || true)"
if [[ -n "$angry" ]] && command -v sox >/dev/null 2>&1; then
  sox -q "$angry" -r 16000 -c 1 "$work/ravdess-angry.wav" && files="$files,$work/ravdess-angry.wav"
fi
# the Attention page explains a real recording: an EmoDB actor's angry sentence (W: Wut), when the corpora are here
emodb="$(find "$corpora/emodb-2s" -name '03a01Wa.flac' 2>/dev/null | head -1 || true)"
printf 'RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00 this is not audio' > "$work/broken.wav"
files="$files,$work/broken.wav"

shoot() { # name mode [extra -D options...]
  local name="$1" mode="$2"; shift 2
  [[ "$only" == *" ${name%.png} "* ]] || return 0
  log "$name"
  DISPLAY="$display" timeout 240 java -Xmx1g -Dprism.order=sw -Dprism.text=t2k \
    -Demoscope.demo="$mode" -Demoscope.screenshot="$out/$name" -Demoscope.demo.size="$size" "$@" \
    "${launch[@]}" 2> >(grep -v -e "^WARNING" -e SLF4J -e "PlatformImpl startup" -e "Unsupported JavaFX configuration" >&2) || log "$name: the app exited with $?"
}

shoot live.png live -Demoscope.demo.input="$speech" -Demoscope.demo.seconds=22
shoot file.png file -Demoscope.demo.files="$files"
shoot attention.png attention -Demoscope.demo.files="${emodb:-$speech}"
shoot live-dark.png live -Demoscope.demo.input="$speech" -Demoscope.demo.seconds=12 -Demoscope.demo.theme=dark -Demoscope.demo.state=silence
shoot file-dark.png file -Demoscope.demo.files="$files" -Demoscope.demo.theme=dark
shoot model.png model
ls -1 "$out"/*.png
