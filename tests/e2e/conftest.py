"""End-to-end tests: the C example and the Python binding, through libdeepseek_ocr, against the local OCR server.

The server is started once for the session on a free loopback port (src/DeepSeekOcr.Server/start-server.sh) and
stopped at the end. The library and the C example come from ./build.sh.
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "artifacts/native/lib/libdeepseek_ocr.so"
EXAMPLE = ROOT / "build/examples/ocr_example"
SAMPLES = ROOT / "tests/samples"

sys.path.insert(0, str(ROOT / "bindings/python/src"))
os.environ["DEEPSEEK_OCR_LIBRARY"] = str(LIBRARY)


@pytest.fixture(scope="session")
def server_url():
    for built in (LIBRARY, EXAMPLE):
        if not built.exists():
            pytest.fail(f"{built} is missing: run ./build.sh first")
    with tempfile.TemporaryDirectory() as state:
        env = dict(os.environ, DEEPSEEK_OCR_SERVER_STATE=state)
        started = subprocess.run(
            [ROOT / "src/DeepSeekOcr.Server/start-server.sh"], env=env, capture_output=True, text=True, timeout=180
        )
        if started.returncode != 0:
            pytest.fail(f"the local OCR server did not start: {started.stderr.strip()}")
        url = next(line.split("=", 1)[1] for line in started.stdout.splitlines() if line.startswith("DEEPSEEK_OCR_SERVER_URL="))
        try:
            yield url
        finally:
            subprocess.run([ROOT / "src/DeepSeekOcr.Server/stop-server.sh"], env=env, capture_output=True, timeout=60)
