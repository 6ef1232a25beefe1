#!/usr/bin/env bash
# Regenerates the installer icons from assets/icons/emoscope.svg (the same drawing as the app's own icons):
#   packaging/linux/emoscope.png    256x256 PNG (jpackage --icon on Linux; the menu entry's icon)
#   packaging/windows/emoscope.ico  16, 24, 32, 48, 64, 128 and 256 px (jpackage --icon on Windows)
#   packaging/macos/emoscope.icns   16 to 1024 px, PNG-compressed entries (jpackage --icon on macOS)
# Needs ImageMagick (convert) and python3 (standard library only: the .icns container is written here, so no
# iconutil, png2icns or Pillow is needed). The outputs are committed; run this only after changing the SVG.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
svg="$root/assets/icons/emoscope.svg"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# rasterise at 1.5x the target density, then downsample: sharper edges than rendering at the exact size
render() { convert -background none -density $(( $1 * 3 / 2 )) "$svg" -resize "$1x$1" -depth 8 "png32:$2"; }

for n in 16 24 32 48 64 128 256 512 1024; do render "$n" "$tmp/$n.png"; done

cp "$tmp/256.png" "$root/packaging/linux/emoscope.png"
convert "$tmp/16.png" "$tmp/24.png" "$tmp/32.png" "$tmp/48.png" "$tmp/64.png" "$tmp/128.png" "$tmp/256.png" \
  "$root/packaging/windows/emoscope.ico"

python3 - "$tmp" "$root/packaging/macos/emoscope.icns" <<'PY'
import struct, sys
src, out = sys.argv[1], sys.argv[2]
# Apple icon types whose payload is a whole PNG file (macOS 10.7+); the @2x types reuse the larger bitmaps
types = [("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
         ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512)]
body = b""
for code, size in types:
    png = open(f"{src}/{size}.png", "rb").read()
    body += code.encode("ascii") + struct.pack(">I", 8 + len(png)) + png
with open(out, "wb") as f:
    f.write(b"icns" + struct.pack(">I", 8 + len(body)) + body)
PY
echo "icons written: packaging/linux/emoscope.png packaging/windows/emoscope.ico packaging/macos/emoscope.icns"
