#!/usr/bin/env bash
# Installs the system packages the tests and tools use, when missing: Maven/JDK are assumed. Needs root (or sudo)
# for apt-get; without it, says what is missing and carries on (the tests that need it skip themselves).
set -uo pipefail
needed=(xvfb libgtk-3-0 pulseaudio pulseaudio-utils libasound2-plugins sox espeak-ng flac)
missing=()
for p in "${needed[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: not a Debian/Ubuntu system; install these if you can: ${missing[*]}" >&2; exit 0
fi
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"
  else echo "setup: not root; tests needing these will skip: ${missing[*]}" >&2; exit 0; fi
fi
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || echo "setup: could not install ${missing[*]}; tests needing them will skip" >&2
exit 0
