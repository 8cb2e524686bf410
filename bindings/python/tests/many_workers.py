"""Functions that test_pickle.py runs in spawned worker processes: importable by name."""

from __future__ import annotations

import os
from typing import Any, Tuple

import deepseek_ocr


def ocr_with(job: Tuple[deepseek_ocr.Client, bytes]) -> Tuple[int, Any]:
    """OCRs an image with a client that came through a pickle: this worker's pid, and the result or the error (which
    goes back through a pickle too)."""
    client, image = job
    try:
        return os.getpid(), client.ocr(image)
    except deepseek_ocr.OcrError as error:
        return os.getpid(), error
