"""Shared fixtures. The tests import the package from ../src and load the library named by $DEEPSEEK_OCR_LIBRARY,
else the one native/build.sh published under artifacts/native/lib of this repository."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parent
REPO_ROOT = PACKAGE_ROOT.parent.parent
BUILT_LIBRARY = REPO_ROOT / "artifacts" / "native" / "lib" / "libdeepseek_ocr.so"

sys.path.insert(0, str(PACKAGE_ROOT / "src"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO_ROOT / "tests" / "server"))  # the scripted test server every suite shares
if not os.environ.get("DEEPSEEK_OCR_LIBRARY"):
    os.environ["DEEPSEEK_OCR_LIBRARY"] = str(BUILT_LIBRARY)
if not Path(os.environ["DEEPSEEK_OCR_LIBRARY"]).is_file():
    pytest.exit(
        f"libdeepseek_ocr not found at {os.environ['DEEPSEEK_OCR_LIBRARY']}: run native/build.sh first, "
        "or set DEEPSEEK_OCR_LIBRARY",
        returncode=2,
    )
# Tests must never reach a real service or pick up a developer's key.
os.environ.pop("DEEPSEEK_OCR_API_KEY", None)
os.environ.pop("DEEPSEEK_OCR_BASE_URL", None)

import deepseek_ocr  # noqa: E402
from replies import png_bytes  # noqa: E402
from scripted_server import ScriptedServer  # noqa: E402


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """The scripted test server on a free loopback port. Clients use its bare URL, so every request gets the
    "default" scenario: tests queue replies on it (`server.queue("default", ...)`) or redefine it."""
    with ScriptedServer() as running:
        yield running


@pytest.fixture
def client(server: ScriptedServer) -> Iterator[deepseek_ocr.Client]:
    with deepseek_ocr.Client(server.url, max_retries=0, timeout=30) as made:
        yield made


@pytest.fixture
def png() -> bytes:
    return png_bytes()


@pytest.fixture
def png_file(tmp_path: Path, png: bytes) -> Path:
    path = tmp_path / "scan.png"
    path.write_bytes(png)
    return path


@pytest.fixture
def subprocess_env() -> dict:
    """The environment for running the package in a child process from this source tree."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PACKAGE_ROOT / "src"), env.get("PYTHONPATH")]))
    return env
