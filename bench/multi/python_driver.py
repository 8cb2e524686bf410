#!/usr/bin/env python3
"""python_driver: the Python side of the many-in-flight benchmark, beside multi_driver (the C ABI, one thread).

    python_driver.py --url URL --images DIR --count N --inflight K [--how many|threads]

--how many     client.ocr_many(paths, concurrency=K) on this one thread (the package's ocr_multi path)
--how threads  the peer a Python user writes without it: a ThreadPoolExecutor of K threads over client.ocr(path)

Images are the files of DIR in name order, reused round-robin up to N, passed as paths (read by the library when each
request starts, as multi_driver does). Prints the line every driver prints:
    RESULT images=N failed=F seconds=S rss_idle_kib=A rss_peak_kib=B
measured as multi_driver.c measures it: rss_idle is the resident memory after one warm-up request; a second warm-up
round of K requests (the same way as the run) opens the K connections a long run keeps; then the peak is reset through
/proc/self/clear_refs, the N images are timed, and rss_peak is the high-water mark at the end. The package is
imported from bindings/python/src of this repository and loads $DEEPSEEK_OCR_LIBRARY, else
artifacts/native/lib/libdeepseek_ocr.so.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings/python/src"))
os.environ.setdefault("DEEPSEEK_OCR_LIBRARY", str(ROOT / "artifacts/native/lib/libdeepseek_ocr.so"))

import deepseek_ocr  # noqa: E402


def status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def run_many(client: deepseek_ocr.Client, paths, inflight: int) -> int:
    failed = 0
    for value in client.ocr_many(paths, concurrency=inflight, ordered=False):
        _, outcome = value
        if isinstance(outcome, Exception):
            failed += 1
            if failed == 1:
                print(f"python_driver: {outcome}", file=sys.stderr)
    return failed


def run_threads(client: deepseek_ocr.Client, paths, inflight: int) -> int:
    def one(path: str) -> bool:
        try:
            client.ocr(path)
            return True
        except deepseek_ocr.OcrError as error:
            print(f"python_driver: {error}", file=sys.stderr)
            return False

    with ThreadPoolExecutor(max_workers=inflight) as pool:
        return sum(not ok for ok in pool.map(one, paths))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--images", required=True, type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--inflight", type=int, default=1)
    parser.add_argument("--how", choices=("many", "threads"), default="many")
    arguments = parser.parse_args()
    files = sorted(str(path) for path in arguments.images.iterdir() if not path.name.startswith("."))
    if not files:
        print(f"python_driver: no images in {arguments.images}", file=sys.stderr)
        return 2
    paths = (files[index % len(files)] for index in range(arguments.count))  # lazily, as a user's iterable

    with deepseek_ocr.Client(arguments.url, max_retries=0) as client:
        client.ocr(files[0])  # warm-up: the runtime and the HTTP stack started
        rss_idle = status_kib("VmRSS")
        run = run_many if arguments.how == "many" else run_threads
        run(client, (files[index % len(files)] for index in range(arguments.inflight)), arguments.inflight)
        reset_peak()
        start = time.perf_counter()
        failed = run(client, paths, arguments.inflight)
        seconds = time.perf_counter() - start
    print(f"RESULT images={arguments.count} failed={failed} seconds={seconds:.4f} rss_idle_kib={rss_idle} "
          f"rss_peak_kib={status_kib('VmHWM')}")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
