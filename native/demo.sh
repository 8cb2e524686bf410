#!/usr/bin/env bash
# The main job: OCR images through libdeepseek_ocr and print their Markdown, with the C example and the Python
# command line. With DEEPSEEK_OCR_BASE_URL set it uses that service (with DEEPSEEK_OCR_API_KEY when set: a
# self-hosted service may need none); with only DEEPSEEK_OCR_API_KEY, the hosted service; with neither, it starts
# the local OCR server (Tesseract, src/DeepSeekOcr.Server) on a free loopback port and stops it at the end.
# Every image is tried even when some fail; each failure is reported, and the exit status is 1 if any failed.
# Usage: native/demo.sh [--no-build] [IMAGE...]     (default: the sample images in tests/samples)
#   --no-build   skip ./build.sh (use what it built last)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

build=1
if [ "${1:-}" = "--no-build" ]; then
  build=0
  shift
fi

# Relative paths are the caller's: resolve them before changing into the repository. URLs, data: URLs and - (standard
# input, read by the Python half) stay as given.
images=()
for image in "$@"; do
  case "$image" in
    http://* | https://* | data:* | - | /*) images+=("$image") ;;
    *) images+=("$PWD/$image") ;;
  esac
done
cd "$root"
if ((${#images[@]} == 0)); then
  images=(tests/samples/scanned-page.png tests/samples/receipt.png tests/samples/screenshot.png)
fi

if ((build)); then
  ./build.sh >&2
fi

if [ -n "${DEEPSEEK_OCR_BASE_URL:-}" ]; then
  echo "demo.sh: using DEEPSEEK_OCR_BASE_URL=$DEEPSEEK_OCR_BASE_URL" >&2
elif [ -n "${DEEPSEEK_OCR_API_KEY:-}" ]; then
  echo "demo.sh: DEEPSEEK_OCR_API_KEY is set and DEEPSEEK_OCR_BASE_URL is not, so using the hosted service" >&2
else
  DEEPSEEK_OCR_SERVER_STATE=$(mktemp -d)
  export DEEPSEEK_OCR_SERVER_STATE
  trap 'src/DeepSeekOcr.Server/stop-server.sh >/dev/null 2>&1 || true; rm -rf "$DEEPSEEK_OCR_SERVER_STATE"' EXIT
  url=$(src/DeepSeekOcr.Server/start-server.sh | sed -n 's/^DEEPSEEK_OCR_SERVER_URL=//p')
  [ -n "$url" ] || { echo "demo.sh: the local OCR server did not start" >&2; exit 1; }
  export DEEPSEEK_OCR_BASE_URL=$url
  echo "demo.sh: neither DEEPSEEK_OCR_BASE_URL nor DEEPSEEK_OCR_API_KEY is set, so using the local OCR server at $url" >&2
fi

failed=0
echo "<!-- C example (native/examples/ocr_example.c), streamed -->"
for image in "${images[@]}"; do
  [ "$image" != - ] || continue # standard input can be read once: the Python half has it
  echo "<!-- $image -->"
  build/examples/ocr_example --stream --markdown "$image" || failed=1
done

echo "<!-- Python command line (python3 -m deepseek_ocr) -->"
PYTHONPATH=$root/bindings/python/src DEEPSEEK_OCR_LIBRARY=$root/artifacts/native/lib/libdeepseek_ocr.so \
  python3 -m deepseek_ocr --jobs 2 "${images[@]}" || failed=1

if ((failed)); then
  echo "demo.sh: one or more images failed (see the messages above)" >&2
  exit 1
fi
