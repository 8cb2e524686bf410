"""Checks that no thread of the package outlives the call that started it."""

from __future__ import annotations

import threading
import time
from typing import List


def leftover_workers(grace: float = 1.0) -> List[threading.Thread]:
    """The package's threads still alive after a short grace period (a joined thread leaves
    threading.enumerate() a moment after join() returns)."""
    deadline = time.monotonic() + grace
    while True:
        workers = [t for t in threading.enumerate() if t.name.startswith("deepseek_ocr") and t.is_alive()]
        if not workers or time.monotonic() > deadline:
            return workers
        time.sleep(0.01)
