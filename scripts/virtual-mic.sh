#!/usr/bin/env bash
# A virtual microphone for a machine without a sound card: a private PulseAudio daemon with a null sink whose
# monitor is the default capture source. Java Sound records it (through ALSA's pulse plugin) bit-exactly.
#
#   scripts/virtual-mic.sh start          install PulseAudio if missing (root only), start the daemon, print
#                                         PULSE_SERVER=unix:... on stdout (the JVM must have it in its environment)
#                                         and STARTED=1 (or 0 when it was already running)
#   scripts/virtual-mic.sh play FILE...   feed audio files (any format sox reads) into the virtual microphone;
#                                         returns when they have been played
#   scripts/virtual-mic.sh server         print PULSE_SERVER=unix:... without starting anything
#   scripts/virtual-mic.sh stop           stop the daemon started by `start`
#
# The daemon's socket is at $PULSE_SERVER when that is set to unix:/some/dir/pulse/native, else at
# ${EMOSCOPE_VMIC_DIR:-/tmp/emoscope-vmic}/pulse/native. It is a daemon of its own (its own runtime directory), so
# it does not disturb a desktop's PulseAudio. Exit codes: 0 ok, 2 PulseAudio unavailable, 3 it did not start.
set -uo pipefail

sink=vmic_sink
rate=16000

if [[ "${PULSE_SERVER:-}" == unix:*/pulse/native ]]; then
  socket="${PULSE_SERVER#unix:}"
  runtime="$(dirname "$(dirname "$socket")")"
else
  runtime="${EMOSCOPE_VMIC_DIR:-/tmp/emoscope-vmic}"
  socket="$runtime/pulse/native"
fi
export XDG_RUNTIME_DIR="$runtime"
export PULSE_SERVER="unix:$socket"

log() { echo "virtual-mic: $*" >&2; }

install_if_missing() {
  local missing=()
  command -v pulseaudio >/dev/null 2>&1 || missing+=(pulseaudio)
  command -v paplay >/dev/null 2>&1 || missing+=(pulseaudio-utils)
  dpkg -s libasound2-plugins >/dev/null 2>&1 || missing+=(libasound2-plugins)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    log "missing ${missing[*]} and cannot install them (needs root and apt-get)"; return 2
  fi
  log "installing ${missing[*]}"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { log "apt-get could not install ${missing[*]}"; return 2; }
}

running() { pactl info >/dev/null 2>&1; }

start() {
  install_if_missing || exit 2
  mkdir -p "$runtime/pulse" && chmod 700 "$runtime" "$runtime/pulse"
  local started=0
  if ! running; then
    started=1
    # -n: no default.pa; every module we need is loaded explicitly. Root gets a system-wide warning only.
    pulseaudio -D -n --exit-idle-time=-1 --use-pid-file=yes --log-target=file:"$runtime/pulse.log" \
      -L "module-native-protocol-unix socket=$socket auth-anonymous=1" \
      -L "module-null-sink sink_name=$sink rate=$rate channels=1 sink_properties=device.description=EmoScope_virtual_microphone" \
      -L "module-always-sink" >/dev/null 2>&1
    for _ in $(seq 1 50); do running && break; sleep 0.1; done
    running || { log "PulseAudio did not start (see $runtime/pulse.log)"; exit 3; }
  fi
  pactl set-default-sink "$sink" >/dev/null 2>&1
  pactl set-default-source "$sink.monitor" >/dev/null 2>&1 || { log "no $sink.monitor source"; exit 3; }
  echo "PULSE_SERVER=$PULSE_SERVER"
  echo "STARTED=$started"
}

play() {
  running || { log "not running: run '$0 start' first"; exit 3; }
  local f tmp
  for f in "$@"; do
    tmp="$runtime/feed-$$.wav"
    # the sink runs at 16 kHz mono: convert so the monitor carries exactly what the file holds
    sox -q "$f" -r "$rate" -c 1 -b 16 "$tmp" || { log "sox cannot read $f"; exit 3; }
    paplay --device="$sink" --latency-msec=100 "$tmp" || { rm -f "$tmp"; log "paplay failed on $f"; exit 3; }
    rm -f "$tmp"
  done
}

stop() {
  running && pactl exit >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do running || break; sleep 0.1; done
}

case "${1:-}" in
  start) start ;;
  play) shift; play "$@" ;;
  server) echo "PULSE_SERVER=$PULSE_SERVER" ;;
  stop) stop ;;
  *) echo "usage: $0 start | play FILE... | server | stop" >&2; exit 64 ;;
esac
