"""The wheel: tagged for the platform, library inside, installable by pip without a package index."""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib
import io
import os
import re
import subprocess
import sys
import sysconfig
import tarfile
import zipfile

import pytest

from conftest import PACKAGE_ROOT, REPO_ROOT

sys.path.insert(0, str(PACKAGE_ROOT / "build_backend"))
backend = importlib.import_module("deepseek_ocr_build")
VERSION = backend.header_version()


def platform_tag() -> str:
    return sysconfig.get_platform().replace("-", "_").replace(".", "_")


def has_pip() -> bool:
    return subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    directory = tmp_path_factory.mktemp("wheel")
    name = backend.build_wheel(str(directory), {"library": os.environ["DEEPSEEK_OCR_LIBRARY"]})
    return directory / name


def test_wheel_is_tagged_py3_none_platform(wheel):
    assert wheel.name == f"deepseek_ocr-{VERSION}-py3-none-{platform_tag()}.whl"
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"deepseek_ocr-{VERSION}.dist-info/WHEEL").decode()
    assert f"Tag: py3-none-{platform_tag()}" in metadata
    assert "Root-Is-Purelib: false" in metadata


def test_the_version_is_the_headers_and_written_nowhere_else():
    header = (REPO_ROOT / "native" / "include" / "deepseek_ocr.h").read_text()
    pyproject = (PACKAGE_ROOT / "pyproject.toml").read_text()

    assert f'#define OCR_VERSION "{VERSION}"' in header
    assert "dynamic = [\"version\"]" in pyproject
    assert not re.search(r"^version\s*=", pyproject, re.M)


def test_wheel_metadata_carries_the_headers_version(wheel):
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"deepseek_ocr-{VERSION}.dist-info/METADATA").decode()
    assert f"\nVersion: {VERSION}\n" in metadata


def test_wheel_holds_the_package_the_library_and_py_typed(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        library = archive.read("deepseek_ocr/libdeepseek_ocr.so")
    assert {"deepseek_ocr/__init__.py", "deepseek_ocr/_ctypes.py", "deepseek_ocr/py.typed",
            f"deepseek_ocr-{VERSION}.dist-info/METADATA", f"deepseek_ocr-{VERSION}.dist-info/entry_points.txt"} <= names
    assert library.startswith(b"\x7fELF")
    assert not any("__pycache__" in name for name in names)


def test_wheel_record_lists_every_file_with_its_hash(wheel):
    with zipfile.ZipFile(wheel) as archive:
        rows = list(csv.reader(io.StringIO(archive.read(f"deepseek_ocr-{VERSION}.dist-info/RECORD").decode())))
        recorded = {row[0] for row in rows}
        assert recorded == set(archive.namelist())
        for name, digest, size in rows:
            if not digest:
                continue
            content = archive.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            assert digest == f"sha256={expected}" and int(size) == len(content), name


def test_building_without_a_library_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setenv("DEEPSEEK_OCR_LIBRARY", str(tmp_path / "absent.so"))

    with pytest.raises(RuntimeError, match="native/build.sh"):
        backend.build_wheel(str(tmp_path))


def test_sdist_holds_the_sources_and_no_binary(tmp_path):
    name = backend.build_sdist(str(tmp_path))
    with tarfile.open(tmp_path / name) as archive:
        names = archive.getnames()
    assert f"deepseek_ocr-{VERSION}/pyproject.toml" in names
    assert f"deepseek_ocr-{VERSION}/build_backend/deepseek_ocr_build.py" in names
    assert f"deepseek_ocr-{VERSION}/PKG-INFO" in names
    assert not any(n.endswith(".so") for n in names)


def test_the_simple_toml_reader_agrees_with_tomllib():
    tomllib = pytest.importorskip("tomllib")
    text = (PACKAGE_ROOT / "pyproject.toml").read_text()

    assert backend._read_simple_toml(text) == tomllib.loads(text)


@pytest.mark.skipif(not has_pip(), reason="this Python has no pip")
def test_pip_installs_the_source_folder_offline_and_the_package_uses_its_own_library(tmp_path, server, png):
    target = tmp_path / "site"
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(PACKAGE_ROOT)],
        capture_output=True, env=env, timeout=300,
    )
    assert install.returncode == 0, install.stderr.decode()

    image = tmp_path / "scan.png"
    image.write_bytes(png)
    run_env = {k: v for k, v in os.environ.items() if k not in ("DEEPSEEK_OCR_LIBRARY", "PYTHONPATH")}
    run_env["PYTHONPATH"] = str(target)
    code = ("import deepseek_ocr, sys; "
            "print(deepseek_ocr.library_path()); "
            f"print(deepseek_ocr.Client({server.url!r}).ocr(sys.argv[1]).text)")
    run = subprocess.run([sys.executable, "-c", code, str(image)], capture_output=True, env=run_env, cwd=tmp_path,
                         timeout=60)

    assert run.returncode == 0, run.stderr.decode()
    library_path, text = run.stdout.decode().split("\n", 1)
    assert library_path == str(target / "deepseek_ocr" / "libdeepseek_ocr.so")
    assert text == "# Title\n\nHello, world.\n"
