#!/usr/bin/env python3
"""Measures how many sample images per second a running server recognises with N concurrent requests.

Usage: measure-throughput.py URL [--concurrency N ...] [--requests R] [--api-key KEY]
Sends the samples in tests/samples (*.png) round-robin as base64 data: URLs with the "Free OCR." prompt, R requests
per concurrency level after one warm-up round, and prints one line per level. Python standard library only.
"""
import argparse
import base64
import json
import pathlib
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

SAMPLES = pathlib.Path(__file__).resolve().parents[2] / "tests" / "samples"


def body(image: pathlib.Path) -> bytes:
    url = "data:image/png;base64," + base64.b64encode(image.read_bytes()).decode()
    return json.dumps({
        "model": "deepseek-ocr",
        "messages": [
            {"role": "system", "content": "<image>\nFree OCR."},
            {"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}}]},
        ],
    }).encode()


def post(url: str, data: bytes, api_key: str | None) -> float:
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = "Bearer " + api_key
    started = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(url + "/v1/chat/completions", data, headers), timeout=120) as response:
        answer = json.load(response)
    if not answer["choices"][0]["message"]["content"]:
        raise RuntimeError("empty OCR result")
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4, 8])
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--api-key")
    args = parser.parse_args()

    images = sorted(SAMPLES.glob("*.png"))
    bodies = [body(image) for image in images]
    for data in bodies:  # warm-up: every engine path and connection once
        post(args.url, data, args.api_key)

    print(f"samples: {', '.join(image.name for image in images)}; {args.requests} requests per level")
    for concurrency in args.concurrency:
        work = [bodies[i % len(bodies)] for i in range(args.requests)]
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            latencies = list(pool.map(lambda data: post(args.url, data, args.api_key), work))
        elapsed = time.perf_counter() - started
        print(f"concurrency {concurrency:2}: {args.requests / elapsed:6.1f} images/s, "
              f"latency median {statistics.median(latencies) * 1000:6.0f} ms, "
              f"max {max(latencies) * 1000:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
