#!/usr/bin/env bash
# Installs what the server needs at run time on Debian/Ubuntu: Tesseract 5 (libtesseract.so.5, which brings
# Leptonica's liblept.so.5) and its English language data (/usr/share/tesseract-ocr/5/tessdata/eng.traineddata).
set -euo pipefail
packages=(libtesseract5 tesseract-ocr-eng)
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps.sh: run as root or install sudo (needs: ${packages[*]})" >&2; exit 1; }
    exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y --no-install-recommends "${packages[@]}" || { apt-get update && apt-get install -y --no-install-recommends "${packages[@]}"; }
