#!/usr/bin/env bash
# Installs the system packages EmoScope uses, when missing: Maven/JDK are assumed. Needs root (or sudo) for apt-get.
#
#   scripts/setup-system.sh         what the tests and tools use (bin/test). Without root it says what is missing
#                                   and carries on: the tests that need it skip themselves. Always exits 0.
#   scripts/setup-system.sh --app   what the desktop app needs (bin/emoscope, before it opens the app): GTK 3, which
#                                   JavaFX draws its windows with. Exits 1, saying how to install it, when it is
#                                   missing and cannot be installed here.
set -uo pipefail

# GTK 3 as the loader sees it: found by JavaFX on any distribution, however it was installed.
have_gtk3() {
  local ldconfig
  ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
  "$ldconfig" -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' && return 0
  compgen -G '/usr/lib*/libgtk-3.so.0' >/dev/null || compgen -G '/usr/lib/*/libgtk-3.so.0' >/dev/null
}

# apt-get install as root or through password-less sudo; returns 1 when that is not possible or fails
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else return 1; fi
  fi
  echo "setup: installing $*" >&2
  $sudo apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1
}

if [[ "${1:-}" == "--app" ]]; then
  have_gtk3 && exit 0
  apt_install libgtk-3-0 && have_gtk3 && exit 0
  cat >&2 <<'MSG'
emoscope: the desktop app needs GTK 3, which is not installed here (JavaFX draws its windows with it).
  Debian/Ubuntu:  sudo apt-get install libgtk-3-0
  Fedora/RHEL:    sudo dnf install gtk3
  Arch:           sudo pacman -S gtk3
The command line needs nothing more: bin/emoscope --help
MSG
  exit 1
fi

needed=(xvfb libgtk-3-0 pulseaudio pulseaudio-utils libasound2-plugins sox espeak-ng flac)
missing=()
for p in "${needed[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: not a Debian/Ubuntu system; install these if you can: ${missing[*]}" >&2; exit 0
fi
apt_install "${missing[@]}" \
  || echo "setup: could not install ${missing[*]} (needs root or password-less sudo); tests needing them will skip" >&2
exit 0
