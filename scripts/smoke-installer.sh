#!/usr/bin/env bash
# Smoke test of the Linux installer, and the source of the figures in docs/packaging.md.
#
#   scripts/smoke-installer.sh [--build] [--deb FILE] [--jdeps] [--keep] [--screenshot PNG]
#
#   --build       build first, timed: mvn -B $MVN_ARGS -Pinstaller package -DskipTests (also done when no .deb exists;
#                 MVN_ARGS=-o keeps Maven offline)
#   --deb FILE    test this .deb instead of target/installer/emoscope_*.deb
#   --jdeps       also check that the runtime holds every JDK module jdeps finds (packaging/jdeps-modules.sh, minutes)
#   --keep        leave the package installed and the test's home directory in target/smoke-installer
#   --screenshot  where the window's picture goes (default docs/screenshots/installed-app.png)
#
# As root it installs the package into the system (apt-get install ./file.deb, which also brings its dependencies
# such as xdg-utils; dpkg -i without apt) and removes it at the end with dpkg -r; otherwise it unpacks it with
# dpkg-deb -x into target/smoke-installer/root. Then, with a fresh HOME and, where `unshare -n` works, no network:
#   1. the files: launcher, runtime, ND4J/OpenBLAS/JavaCPP linux-x86_64 jars (their native libraries taken out and
#      unpacked in lib/app/natives, where the launcher points JavaCPP and JavaFX), model, menu entry, MIME associations;
#   2. the command line: `emoscope analyze` on a generated WAV (and FLAC), JSON checked: probabilities sum to 1; the
#      first run must write nothing into the (fresh) home: no ~/.javacpp;
#   3. the desktop app under Xvfb: started with no arguments, its window must appear; screenshot; then started the
#      way the menu entry and "Open With" start it (the .desktop file's Exec, with the WAV); both are stopped;
#   4. removal: dpkg -r must take away the files, the menu entry and the /usr/bin link.
# Prints sizes and timings at the end. Exits non-zero at the first failure. Needs Xvfb, xwininfo (x11-utils) and
# ImageMagick's import; as root on Debian/Ubuntu it installs what is missing with apt-get.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=0; deb=""; keep=0; jdeps=0; shot="$root/docs/screenshots/installed-app.png"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build=1 ;;
    --deb) deb="$(readlink -f "$2")"; shift ;;
    --jdeps) jdeps=1 ;;
    --keep) keep=1 ;;
    --screenshot) shot="$(readlink -f "$2")"; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "smoke: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

work="$root/target/smoke-installer"
say() { echo "smoke: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mib() { du -sm "$1" | cut -f1; }

gui_pid=""; installed=0
cleanup() {
  [[ -n "$gui_pid" ]] && kill -9 "$gui_pid" 2>/dev/null
  if [[ $installed -eq 1 && $keep -eq 0 ]]; then dpkg -r emoscope >"$work/remove.log" 2>&1; fi
  [[ $keep -eq 0 ]] && rm -rf "$work/home" "$work/root"
}
trap cleanup EXIT

rm -rf "$work"; mkdir -p "$work"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- tools ------------------------------------------------------------------------------------------------------------
is_root=0; [[ $(id -u) -eq 0 ]] && is_root=1
missing=()
command -v dpkg-deb >/dev/null || fail "dpkg-deb is needed (a Debian/Ubuntu system)"
command -v xvfb-run >/dev/null || missing+=(xvfb)
command -v xwininfo >/dev/null || missing+=(x11-utils)
command -v import >/dev/null || missing+=(imagemagick)
need_build=0
[[ -z "$deb" && ( $build -eq 1 || -z "$(ls "$root"/target/installer/emoscope_*.deb 2>/dev/null)" ) ]] && need_build=1
[[ $need_build -eq 1 ]] && ! command -v fakeroot >/dev/null && missing+=(fakeroot)   # jpackage runs dpkg-deb under it
if [[ ${#missing[@]} -gt 0 ]]; then
  [[ $is_root -eq 1 ]] && command -v apt-get >/dev/null || fail "install ${missing[*]} (needs root and apt-get here)"
  say "installing ${missing[*]}"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || fail "could not install ${missing[*]}"
fi

# --- build ------------------------------------------------------------------------------------------------------------
build_wall=""; build_rss=""
if [[ -z "$deb" ]]; then
  if [[ $need_build -eq 1 ]]; then
    say "building: mvn -B ${MVN_ARGS:-} -Pinstaller package -DskipTests (log: target/smoke-installer/build.log)"
    timer=(); [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -v -o "$work/build-time.txt")
    t0=$(now)
    (cd "$root" && "${timer[@]}" mvn -B ${MVN_ARGS:-} -Pinstaller package -DskipTests) >"$work/build.log" 2>&1 \
      || fail "build failed, see $work/build.log"
    build_wall="$(secs "$t0" "$(now)") s"
    [[ -f "$work/build-time.txt" ]] && build_rss="$(awk -F': ' '/Maximum resident/ {printf "%d MiB", $2 / 1024}' \
      "$work/build-time.txt")"
  fi
  deb="$(ls -t "$root"/target/installer/emoscope_*.deb 2>/dev/null | head -1)"
fi
[[ -f "$deb" ]] || fail "no .deb (looked for target/installer/emoscope_*.deb)"
say "package: $deb"

# --- install ----------------------------------------------------------------------------------------------------------
if [[ $is_root -eq 1 ]]; then
  if [[ "$(dpkg-query -W -f='${Status}' emoscope 2>/dev/null)" == "install ok installed" ]]; then
    say "removing the emoscope package already installed"
    dpkg -r emoscope >/dev/null 2>&1 || fail "could not remove the installed emoscope"
  fi
  say "installing into the system"
  installed=1
  if command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$deb" >"$work/install.log" 2>&1
  else
    dpkg -i "$deb" >"$work/install.log" 2>&1
  fi || fail "installation failed, see $work/install.log"
  [[ "$(dpkg-query -W -f='${Status}' emoscope 2>/dev/null)" == "install ok installed" ]] \
    || fail "dpkg does not list emoscope as installed"
  app=/opt/emoscope; sysroot=""
else
  say "not root: unpacking with dpkg-deb -x (no menu registration, no removal test)"
  dpkg-deb -x "$deb" "$work/root" || fail "dpkg-deb -x failed"
  sysroot="$work/root"; app="$sysroot/opt/emoscope"
fi

# --- 1. files ---------------------------------------------------------------------------------------------------------
say "checking the installed files"
[[ -x "$app/bin/emoscope" ]] || fail "no launcher $app/bin/emoscope"
[[ -f "$app/lib/app/models/default.emo" ]] || fail "no shipped model in $app/lib/app/models"
for j in nd4j-native-[0-9]*-linux-x86_64.jar openblas-*-linux-x86_64.jar javacpp-*-linux-x86_64.jar; do
  ls "$app"/lib/app/lib/$j >/dev/null 2>&1 || fail "native library jar $j missing from $app/lib/app/lib"
done
natives="$app/lib/app/natives"
for l in libnd4jcpu.so libjnind4jcpu.so libjnijavacpp.so libopenblas_nolapack.so.0 libjniopenblas.so libgomp.so.1 \
         libglass.so libglassgtk3.so libprism_sw.so; do
  [[ -f "$natives/$l" ]] || fail "native library $l not unpacked in $natives"
done
if command -v unzip >/dev/null; then
  for j in "$app"/lib/app/lib/*-linux-x86_64.jar "$app"/lib/app/lib/javafx-*-linux.jar; do
    ! unzip -l "$j" | grep -E '\.so(\.[0-9]+)?$' >/dev/null || fail "$(basename "$j") still holds native libraries"
  done
fi
grep -q -- '-Xmx3g' "$app/lib/app/emoscope.cfg" || fail "the launcher's emoscope.cfg lacks -Xmx3g"
grep -q -- '-Djava.library.path=$APPDIR/natives' "$app/lib/app/emoscope.cfg" \
  || fail "the launcher's emoscope.cfg does not point java.library.path at the natives"
modules="$("$app/lib/runtime/bin/java" --list-modules | sed 's/@.*//' | paste -sd, -)"
say "runtime modules: $modules"
if [[ $jdeps -eq 1 ]]; then
  say "jdeps over the packaged jars (minutes)"
  mkdir -p "$work/jdeps-lib"
  find "$app/lib/app/lib" -name '*.jar' -exec cp {} "$work/jdeps-lib/" \;
  needed="$("$root/packaging/jdeps-modules.sh" "$app/lib/app/emoscope.jar" "$work/jdeps-lib")" || fail "jdeps failed"
  rm -rf "$work/jdeps-lib"
  say "jdeps: $needed"
  for m in ${needed//,/ }; do [[ ",$modules," == *",$m,"* ]] || fail "runtime lacks module $m that jdeps found"; done
fi
desktop_file="$app/lib/emoscope-emoscope.desktop"
mime_file="$app/lib/emoscope-emoscope-MimeInfo.xml"
[[ -f "$desktop_file" && -f "$mime_file" ]] || fail "no .desktop or MimeInfo.xml in $app/lib"
if [[ $is_root -eq 1 ]]; then
  desktop_file=/usr/share/applications/emoscope-emoscope.desktop
  [[ -f "$desktop_file" ]] || fail "menu entry not installed: $desktop_file"
  [[ -f /usr/share/mime/packages/emoscope-emoscope-MimeInfo.xml ]] || fail "MIME associations not installed"
  [[ "$(readlink /usr/bin/emoscope)" == /opt/emoscope/bin/emoscope ]] || fail "no /usr/bin/emoscope link"
fi
for want in 'MimeType=.*audio/x-wav' 'MimeType=.*audio/wav' 'MimeType=.*audio/flac' 'Categories=AudioVideo;Audio;' \
            '^Comment=.' '^Icon=/opt/emoscope/lib/emoscope.png' '^Exec=/opt/emoscope/lib/app/emoscope-desktop %F'; do
  grep -q -- "$want" "$desktop_file" || fail "$desktop_file: no line matching '$want'"
done
for t in audio/x-wav audio/wav audio/flac; do grep -q "type=\"$t\"" "$mime_file" || fail "$mime_file lacks $t"; done
[[ -f "${sysroot}/opt/emoscope/lib/emoscope.png" ]] || fail "no icon"
if [[ $is_root -eq 1 ]] && command -v gio >/dev/null; then   # GIO (GNOME's file managers) sees the association
  for t in audio/x-wav audio/flac; do
    gio mime "$t" 2>/dev/null | grep emoscope-emoscope.desktop >/dev/null || fail "gio mime $t does not list EmoScope"
  done
fi
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop_file" || fail "desktop-file-validate rejects $desktop_file"
fi

# --- test audio -------------------------------------------------------------------------------------------------------
wav="$work/speech.wav"; flac=""
if command -v espeak-ng >/dev/null; then
  espeak-ng -s 150 -w "$wav" "I cannot believe you did that again. This is absolutely unacceptable, and I am furious." \
    || fail "espeak-ng could not write $wav"
elif command -v sox >/dev/null; then
  sox -n -r 16000 -c 1 -b 16 "$wav" synth 3 sine 140-260 tremolo 4 80 vol 0.5 || fail "sox could not write $wav"
else
  python3 - "$wav" <<'PY' || fail "python3 could not write $wav"
import math, struct, sys, wave
with wave.open(sys.argv[1], "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
    w.writeframes(b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * (150 + 40 * math.sin(i / 900)) * i
                  / 16000) * (0.6 + 0.4 * math.sin(i / 1300)))) for i in range(16000 * 3)))
PY
fi
if command -v sox >/dev/null && sox "$wav" "$work/speech.flac" 2>/dev/null; then flac="$work/speech.flac"
elif command -v flac >/dev/null && flac -s -o "$work/speech.flac" "$wav" 2>/dev/null; then flac="$work/speech.flac"; fi

# --- 2. command line --------------------------------------------------------------------------------------------------
# A fresh home: nothing may be written into it by the command line (JavaCPP used to unpack 397 MiB into ~/.javacpp,
# JavaFX its libraries into ~/.openjfx), and the app starts with no saved settings. Java takes user.home from the
# password database, not from $HOME, hence -Duser.home (the JVM reads JAVA_TOOL_OPTIONS; it prints "Picked up
# JAVA_TOOL_OPTIONS" on stderr).
orig_home="$HOME"
export HOME="$work/home"; mkdir -p "$HOME"
export JAVA_TOOL_OPTIONS="-Duser.home=$HOME"
unset EMOSCOPE_MODEL OMP_NUM_THREADS
isolate=(); net="network available"
if [[ $is_root -eq 1 ]] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
  isolate=(unshare -n); net="no network (unshare -n)"
fi
cli="$app/bin/emoscope"
check_json() { # FILE N: N JSON lines, each with probabilities over the classes that sum to 1
  python3 - "$1" "$2" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
assert len(lines) == int(sys.argv[2]), f"{len(lines)} result lines, expected {sys.argv[2]}"
for l in lines:
    r = json.loads(l)
    assert "error" not in r, r["error"]
    if r["label"] == "no_speech":   # no emotion, so no probabilities
        assert "probabilities" not in r, r
        print(f"  {r['file'].split('/')[-1]}: no speech ({r['duration_s']} s)")
        continue
    p = r["probabilities"]
    assert len(p) >= 2 and all(0 <= v <= 1 for v in p.values()), p
    assert abs(sum(p.values()) - 1) < 0.01, f"probabilities sum to {sum(p.values())}"
    assert r["label"] and r["segments"], r
    print(f"  {r['file'].split('/')[-1]}: {r['label']} ({r['duration_s']} s), probabilities {p}")
PY
}
say "CLI, first run ($net, fresh HOME): emoscope analyze $(basename "$wav")"
t0=$(now)
"${isolate[@]}" "$cli" analyze "$wav" >"$work/analyze.jsonl" 2>"$work/analyze.err" \
  || fail "emoscope analyze exited with $?: $(tail -3 "$work/analyze.err")"
first_run="$(secs "$t0" "$(now)")"
check_json "$work/analyze.jsonl" 1 >&2 || fail "bad JSON from emoscope analyze"
written="$(cd "$HOME" && find . -mindepth 1 | head -5 | paste -sd' ' -)"
[[ -z "$written" ]] || fail "the first run wrote into the home: $written ($(du -sm "$HOME" | cut -f1) MiB)"
if [[ -n "$flac" ]]; then
  say "CLI: emoscope analyze $(basename "$flac")"
  "${isolate[@]}" "$cli" analyze "$flac" >"$work/analyze-flac.jsonl" 2>"$work/analyze-flac.err" \
    || fail "emoscope analyze (FLAC) exited with $?: $(tail -3 "$work/analyze-flac.err")"
  check_json "$work/analyze-flac.jsonl" 1 >&2 || fail "bad JSON from emoscope analyze (FLAC)"
fi
say "CLI, three more runs of analyze and of --version (caches warm)"
runs=""; vers=""
for i in 1 2 3; do
  t0=$(now); "${isolate[@]}" "$cli" analyze "$wav" >"$work/analyze-$i.jsonl" 2>/dev/null || fail "analyze run $i failed"
  runs+=" $(secs "$t0" "$(now)")"
  t0=$(now); "${isolate[@]}" "$cli" --version >"$work/version.txt" 2>/dev/null || fail "--version failed"
  vers+=" $(secs "$t0" "$(now)")"
done
check_json "$work/analyze-3.jsonl" 1 >/dev/null || fail "bad JSON on a warm run"
grep -q '^emoscope [0-9]' "$work/version.txt" || fail "--version printed: $(cat "$work/version.txt")"
warm_analyze="$(echo "$runs" | median)"; warm_version="$(echo "$vers" | median)"
# the same analysis from the build tree with the full JDK, as bin/emoscope runs it (same JVM options), to compare
tree_analyze="-"
if [[ -f "$root/target/emoscope.jar" ]] && command -v java >/dev/null; then
  say "for comparison: java -Xmx3g -jar target/emoscope.jar analyze, three runs"
  runs=""
  for i in 1 2 3; do
    # in the developer's own home, whose ~/.javacpp the build tree fills on its first run
    t0=$(now); JAVA_TOOL_OPTIONS="-Duser.home=$orig_home" "${isolate[@]}" java -Xmx3g -jar "$root/target/emoscope.jar" \
      analyze "$wav" >/dev/null 2>&1 || fail "java -jar target/emoscope.jar analyze failed"
    runs+=" $(secs "$t0" "$(now)")"
  done
  tree_analyze="$(echo "$runs" | median)"
fi

# --- 3. desktop app ---------------------------------------------------------------------------------------------------
cat >"$work/gui.sh" <<'EOF'
#!/usr/bin/env bash
# under xvfb-run: gui.sh LOG SHOT|- COMMAND...: starts COMMAND, waits for its "EmoScope" window, optionally saves it
log="$1"; shot="$2"; shift 2
"$@" >"$log" 2>&1 &
pid=$!; echo "pid $pid" >&2
t0=$(date +%s.%N)
for _ in $(seq 1 240); do
  kill -0 "$pid" 2>/dev/null || { echo "the app exited before its window appeared" >&2; exit 1; }
  win="$(xwininfo -root -tree 2>/dev/null | awk '/"EmoScope/ { split($0, g, /  +/); print $1 }' | head -1)"
  [[ -n "$win" ]] && break
  sleep 0.5
done
[[ -n "$win" ]] || { echo "no EmoScope window after 120 s" >&2; kill -9 "$pid"; exit 1; }
awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "window %.2f\n", b - a }'
xwininfo -id "$win" | grep -E 'xwininfo|Width|Height' >&2
if [[ "$shot" != "-" ]]; then
  sleep 10   # let the model load and the first frames draw
  kill -0 "$pid" 2>/dev/null || { echo "the app died after opening its window" >&2; exit 1; }
  import -window "$win" "$shot" || { echo "import failed" >&2; kill -9 "$pid"; exit 1; }
fi
kill -0 "$pid" 2>/dev/null || { echo "the app died after opening its window" >&2; exit 1; }
kill "$pid"; for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
kill -9 "$pid" 2>/dev/null
exit 0
EOF
chmod +x "$work/gui.sh"
xvfb=(xvfb-run -a -s "-screen 0 1440x900x24")
say "desktop app: $cli with no arguments, under Xvfb"
out="$("${isolate[@]}" "${xvfb[@]}" "$work/gui.sh" "$work/gui-1.log" "$work/installed-app.png" "$cli" 2>"$work/gui-1.err")" \
  || fail "desktop app: $(tail -2 "$work/gui-1.err"); app log: $(tail -5 "$work/gui-1.log")"
gui_window="$(awk '/^window/ {print $2}' <<<"$out")"
[[ -s "$work/installed-app.png" ]] || fail "no screenshot"
mkdir -p "$(dirname "$shot")" && cp "$work/installed-app.png" "$shot"
say "window after $gui_window s; screenshot $shot ($(identify -format '%wx%h' "$shot" 2>/dev/null))"
exec_line="$(sed -n 's/^Exec=//p' "$desktop_file" | head -1)"
exec_line="${exec_line//\/opt\/emoscope/$app}"
read -r -a exec_cmd <<<"${exec_line//%F/$wav}"
say "desktop app as the menu / Open With starts it: ${exec_cmd[*]}"
"${isolate[@]}" "${xvfb[@]}" "$work/gui.sh" "$work/gui-2.log" - "${exec_cmd[@]}" >/dev/null 2>"$work/gui-2.err" \
  || fail "desktop entry launch: $(tail -2 "$work/gui-2.err"); app log: $(tail -5 "$work/gui-2.log")"

# --- sizes ------------------------------------------------------------------------------------------------------------
deb_bytes=$(stat -c %s "$deb")
installed_mib=$(mib "$app")
runtime_mib=$(mib "$app/lib/runtime")
image_dir="$(dirname "$deb")/image/emoscope"; image_mib="-"; [[ -d "$image_dir" ]] && image_mib=$(mib "$image_dir")
natives_mib=$(mib "$app/lib/app/natives")
for d in .javacpp .openjfx; do [[ ! -e "$HOME/$d" ]] || fail "the desktop app unpacked native libraries into ~/$d"; done
home_after="$(cd "$HOME" && find . -mindepth 1 -maxdepth 2 | sort | paste -sd' ' -)"

# --- 4. removal -------------------------------------------------------------------------------------------------------
if [[ $is_root -eq 1 && $keep -eq 0 ]]; then
  say "removing: dpkg -r emoscope"
  dpkg -r emoscope >"$work/remove.log" 2>&1 || fail "dpkg -r failed, see $work/remove.log"
  installed=0
  [[ ! -e /opt/emoscope/bin/emoscope ]] || fail "/opt/emoscope/bin/emoscope still there after removal"
  [[ ! -e /usr/share/applications/emoscope-emoscope.desktop ]] || fail "menu entry still there after removal"
  [[ ! -e /usr/share/mime/packages/emoscope-emoscope-MimeInfo.xml ]] || fail "MIME file still there after removal"
  [[ ! -L /usr/bin/emoscope ]] || fail "/usr/bin/emoscope still there after removal"
fi

cat <<EOF

EmoScope installer smoke test: passed ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $load_start at start,
$(cut -d' ' -f1-3 /proc/loadavg) at end)
| what | value |
|---|---|
| build: mvn -Pinstaller package -DskipTests | ${build_wall:-not built in this run (use --build)}${build_rss:+, max RSS $build_rss} |
| .deb | $(( deb_bytes / 1048576 )) MiB ($deb_bytes bytes) $(basename "$deb") |
| app-image (target/installer/image/emoscope) | $image_mib MiB |
| installed ($app) | $installed_mib MiB, of which the jlink runtime $runtime_mib MiB |
| native libraries, unpacked in the package (lib/app/natives) | $natives_mib MiB |
| written into the fresh home by the CLI's first run | nothing |
| in the home after the desktop app ran twice | ${home_after:-nothing} |
| CLI first run, fresh HOME: analyze $(basename "$wav") | $first_run s |
| CLI warm: analyze $(basename "$wav") (median of 3) | $warm_analyze s |
| CLI warm: --version (median of 3) | $warm_version s |
| for comparison, build tree + JDK: java -Xmx3g -jar target/emoscope.jar analyze (median of 3) | $tree_analyze s |
| desktop app: start to window | $gui_window s |
| runs | $net |
EOF
