#!/usr/bin/env python3
"""Load on the local OCR server through the native library: images per second and p50/p99 latency.

Usage: bench/load/measure_load.py [--url URL] [--concurrency N ...] [--requests R]
N threads share one deepseek_ocr.Client (the Python binding over libdeepseek_ocr.so: every request goes through
the C ABI) and send the sample PNGs of tests/samples round-robin with the "Free OCR." prompt, R requests per level
after one warm-up round. Without --url it starts the local server (src/DeepSeekOcr.Server/start-server.sh) on a
free loopback port and stops it at the end. Run ./build.sh first. Python standard library only.
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "samples"
sys.path.insert(0, str(ROOT / "bindings" / "python" / "src"))
os.environ.setdefault("DEEPSEEK_OCR_LIBRARY", str(ROOT / "artifacts" / "native" / "lib" / "libdeepseek_ocr.so"))

import deepseek_ocr  # noqa: E402  (after the path and library are set)


def timed_ocr(client: deepseek_ocr.Client, image: pathlib.Path) -> float:
    started = time.perf_counter()
    if not client.ocr(image).text:
        raise RuntimeError(f"empty OCR result for {image.name}")
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(url: str, levels: list[int], requests: int) -> None:
    images = sorted(SAMPLES.glob("*.png"))
    with deepseek_ocr.Client(base_url=url) as client:
        for image in images:  # warm-up: every engine path and connection once
            timed_ocr(client, image)
        print(f"samples: {', '.join(image.name for image in images)}; {requests} requests per level; {os.cpu_count()} cores")
        for concurrency in levels:
            work = [images[i % len(images)] for i in range(requests)]
            started = time.perf_counter()
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                latencies = list(pool.map(lambda image: timed_ocr(client, image), work))
            elapsed = time.perf_counter() - started
            print(f"concurrency {concurrency:2}: {requests / elapsed:6.1f} images/s, "
                  f"p50 {statistics.median(latencies) * 1000:5.0f} ms, p99 {percentile(latencies, 0.99) * 1000:5.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server; default: start the local one")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    if args.url:
        measure(args.url, args.concurrency, args.requests)
        return 0
    with tempfile.TemporaryDirectory() as state:
        env = dict(os.environ, DEEPSEEK_OCR_SERVER_STATE=state)
        started = subprocess.run([ROOT / "src/DeepSeekOcr.Server/start-server.sh"], env=env, capture_output=True, text=True, check=True)
        url = started.stdout.strip().split("=", 1)[1]
        try:
            measure(url, args.concurrency, args.requests)
        finally:
            subprocess.run([ROOT / "src/DeepSeekOcr.Server/stop-server.sh"], env=env, capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
