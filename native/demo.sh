#!/usr/bin/env bash
# The main job: OCR images through libdeepseek_ocr and print their Markdown, with the C example and the Python
# command line. Without DEEPSEEK_OCR_API_KEY it starts the local OCR server (Tesseract, src/DeepSeekOcr.Server) on
# a free loopback port and stops it at the end; with DEEPSEEK_OCR_API_KEY (and optionally DEEPSEEK_OCR_BASE_URL)
# it goes to the hosted service instead.
# Usage: native/demo.sh [IMAGE...]     (default: the sample images in tests/samples)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

./build.sh >&2

if (($#)); then
  images=("$@")
else
  images=(tests/samples/scanned-page.png tests/samples/receipt.png tests/samples/screenshot.png)
fi

if [ -z "${DEEPSEEK_OCR_API_KEY:-}" ]; then
  DEEPSEEK_OCR_SERVER_STATE=$(mktemp -d)
  export DEEPSEEK_OCR_SERVER_STATE
  trap 'src/DeepSeekOcr.Server/stop-server.sh >/dev/null 2>&1 || true; rm -rf "$DEEPSEEK_OCR_SERVER_STATE"' EXIT
  url=$(src/DeepSeekOcr.Server/start-server.sh | sed -n 's/^DEEPSEEK_OCR_SERVER_URL=//p')
  [ -n "$url" ] || { echo "demo.sh: the local OCR server did not start" >&2; exit 1; }
  export DEEPSEEK_OCR_BASE_URL=$url
  echo "demo.sh: no DEEPSEEK_OCR_API_KEY, so using the local OCR server at $url" >&2
else
  echo "demo.sh: using ${DEEPSEEK_OCR_BASE_URL:-the hosted service}" >&2
fi

echo "<!-- C example (native/examples/ocr_example.c), streamed -->"
for image in "${images[@]}"; do
  echo "<!-- $image -->"
  build/examples/ocr_example --stream --markdown "$image"
done

echo "<!-- Python command line (python3 -m deepseek_ocr) -->"
PYTHONPATH=$root/bindings/python/src DEEPSEEK_OCR_LIBRARY=$root/artifacts/native/lib/libdeepseek_ocr.so \
  python3 -m deepseek_ocr --jobs 2 "${images[@]}"
