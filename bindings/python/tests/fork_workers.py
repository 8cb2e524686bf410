"""Functions that the multiprocessing tests of test_fork.py run in worker processes: importable by name, so that the
spawn and forkserver start methods find them too."""

from __future__ import annotations

import os
from typing import Optional, Tuple

import deepseek_ocr

#: The client a worker uses: the parent's (inherited through fork) or one made by make_client in the worker.
CLIENT: Optional[deepseek_ocr.Client] = None


def make_client(base_url: str) -> None:
    global CLIENT
    CLIENT = deepseek_ocr.Client(base_url, max_retries=0, timeout=30)


def ocr(job: Tuple[str, str]) -> Tuple[int, str, bool]:
    """OCRs (image path, prompt) with CLIENT: the worker's pid, the text, and whether the library loaded in this
    process is a fresh copy (anonymous memory file) rather than the file itself."""
    path, prompt = job
    assert CLIENT is not None, "no client in this worker"
    text = CLIENT.ocr(path, prompt=prompt).text
    return os.getpid(), text, loaded_a_fresh_copy()


def loaded_a_fresh_copy() -> bool:
    with open("/proc/self/maps") as maps:
        return any("libdeepseek_ocr" in line and ("memfd:" in line or "(deleted)" in line) for line in maps)
