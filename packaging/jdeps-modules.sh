#!/usr/bin/env bash
# Prints, comma-separated, the JDK modules that the classes of the app jar and of every library jar use, as found by
# jdeps: the list behind the installer profile's installer.modules (pom.xml). Usage:
#   packaging/jdeps-modules.sh [APP_JAR [LIB_DIR]]      (default: target/emoscope.jar target/lib)
# Why classes, not jars: several libraries are modular jars whose module descriptors name modules that are not there
# (jdeps stops with "Module ... not found"), and others are multi-release jars. So every jar's classes are unpacked
# into one directory, without module-info.class, and jdeps reads that directory as one class path. This finds every
# static reference, including in code the app may never reach: a superset of what it needs. What jdeps cannot see
# (reflection, service loading) is checked by running the installed app: scripts/smoke-installer.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${1:-$root/target/emoscope.jar}"
lib="${2:-$root/target/lib}"
[[ -f "$jar" && -d "$lib" ]] || { echo "jdeps-modules: need $jar and $lib (mvn package first)" >&2; exit 2; }
command -v unzip >/dev/null || { echo "jdeps-modules: needs unzip" >&2; exit 2; }
jdeps="${JAVA_HOME:+$JAVA_HOME/bin/}jdeps"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for j in "$jar" "$lib"/*.jar; do
  # exit code 11: the jar has no classes (JavaFX's empty classifier-less jars); anything else is an error
  rc=0; unzip -qo "$j" '*.class' -x 'module-info.class' 'META-INF/versions/*' -d "$tmp/classes" >/dev/null 2>&1 || rc=$?
  [[ $rc -eq 0 || $rc -eq 11 ]] || { echo "jdeps-modules: unzip $j failed ($rc)" >&2; exit 1; }
done
find "$tmp/classes" -name module-info.class -delete
# -summary lines: "classes -> java.desktop"; "not found" are optional dependencies of libraries, absent on purpose
"$jdeps" --ignore-missing-deps -summary "$tmp/classes" | awk '$2 == "->" && $3 ~ /^(java|jdk)\./ {print $3}' \
  | sort -u | paste -sd, -
