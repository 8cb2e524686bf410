"""The wheels: tagged by what their library needs (manylinux_2_X_ARCH), library inside, installable by pip without a
package index on their architecture and refused by pip on another."""

from __future__ import annotations

import base64
import csv
import hashlib
import importlib
import io
import os
import platform
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import PACKAGE_ROOT, REPO_ROOT

sys.path.insert(0, str(PACKAGE_ROOT / "build_backend"))
backend = importlib.import_module("deepseek_ocr_build")
elf_wheel_tag = importlib.import_module("elf_wheel_tag")
VERSION = backend.header_version()
# What native/build.sh --rid linux-arm64 lays out (tests/run-all.sh builds it before this suite).
ARM64_LIBRARY = REPO_ROOT / "artifacts" / "native-linux-arm64" / "lib" / "libdeepseek_ocr.so"
ELF_MACHINES = {"x86_64": 62, "aarch64": 183}


def glibc_minor_by_objdump(library) -> int:
    """X of the highest GLIBC_2.X among the versions `objdump -T` shows on the library's dynamic symbols: a reading
    independent of elf_wheel_tag's own ELF parsing."""
    table = subprocess.run(["objdump", "-T", str(library)], capture_output=True, text=True, check=True).stdout
    return max(int(minor) for minor in re.findall(r"\bGLIBC_2\.(\d+)", table))


def expected_tag(library, architecture: str) -> str:
    return f"manylinux_2_{glibc_minor_by_objdump(library)}_{architecture}"


def this_machine() -> str:
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(platform.machine().lower(), platform.machine().lower())


def has_pip() -> bool:
    return subprocess.run([sys.executable, "-m", "pip", "--version"], capture_output=True).returncode == 0


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    directory = tmp_path_factory.mktemp("wheel")
    name = backend.build_wheel(str(directory), {"library": os.environ["DEEPSEEK_OCR_LIBRARY"]})
    return directory / name


def test_wheel_is_tagged_manylinux_for_the_glibc_and_machine_its_library_needs(wheel):
    tag = expected_tag(os.environ["DEEPSEEK_OCR_LIBRARY"], this_machine())

    assert wheel.name == f"deepseek_ocr-{VERSION}-py3-none-{tag}.whl"
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read(f"deepseek_ocr-{VERSION}.dist-info/WHEEL").decode()
    assert f"Tag: py3-none-{tag}" in metadata
    assert "Root-Is-Purelib: false" in metadata


@pytest.mark.parametrize("library", [Path(os.environ["DEEPSEEK_OCR_LIBRARY"]), ARM64_LIBRARY], ids=["x64", "arm64"])
def test_the_tag_script_agrees_with_readelf_and_objdump(library):
    if not library.is_file():
        pytest.skip(f"{library} not built: native/build.sh --rid linux-arm64 (tests/run-all.sh does)")
    versions = subprocess.run(["readelf", "-V", "-W", str(library)], capture_output=True, text=True, check=True).stdout
    needed = subprocess.run(["readelf", "-d", "-W", str(library)], capture_output=True, text=True, check=True).stdout
    needs = elf_wheel_tag.read_needs(library)

    assert set(needs.needed) == set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", needed))
    assert {name for names in needs.versions.values() for name in names} == set(
        re.findall(r"Name: (\S+)\s+Flags", versions))
    assert needs.glibc_minor == glibc_minor_by_objdump(library)
    assert elf_wheel_tag.wheel_platform_tag(library) == expected_tag(
        library, "aarch64" if library == ARM64_LIBRARY else this_machine())


def test_the_tag_script_refuses_a_library_that_needs_more_than_manylinux_promises(tmp_path):
    library = tmp_path / "libneeds_curl.so"
    library.write_bytes(Path(os.environ["DEEPSEEK_OCR_LIBRARY"]).read_bytes())
    needs = elf_wheel_tag.read_needs(library)
    # Rename one needed library in the string table: libm.so.6 -> libq.so.6, which no manylinux system promises.
    data = bytearray(library.read_bytes())
    position = data.index(b"\0libm.so.6\0") + 1
    data[position:position + 4] = b"libq"
    library.write_bytes(bytes(data))

    assert "libm.so.6" in needs.needed
    with pytest.raises(elf_wheel_tag.NotManylinux, match="libq.so.6"):
        elf_wheel_tag.wheel_platform_tag(library)


@pytest.fixture(scope="module")
def arm64_wheel(tmp_path_factory):
    if not ARM64_LIBRARY.is_file():
        pytest.skip(f"{ARM64_LIBRARY} not built: native/build.sh --rid linux-arm64 (tests/run-all.sh does)")
    directory = tmp_path_factory.mktemp("wheel-arm64")
    return directory / backend.build_wheel(str(directory), {"library": str(ARM64_LIBRARY)})


def test_the_aarch64_wheel_is_tagged_and_holds_the_aarch64_library(arm64_wheel):
    tag = expected_tag(ARM64_LIBRARY, "aarch64")

    assert arm64_wheel.name == f"deepseek_ocr-{VERSION}-py3-none-{tag}.whl"
    with zipfile.ZipFile(arm64_wheel) as archive:
        names = set(archive.namelist())
        library = archive.read("deepseek_ocr/libdeepseek_ocr.so")
        metadata = archive.read(f"deepseek_ocr-{VERSION}.dist-info/WHEEL").decode()
    assert f"Tag: py3-none-{tag}" in metadata
    assert {"deepseek_ocr/__init__.py", "deepseek_ocr/_ctypes.py", "deepseek_ocr/_loader.py"} <= names
    assert library == ARM64_LIBRARY.resolve().read_bytes()
    assert library[:4] == b"\x7fELF" and int.from_bytes(library[18:20], "little") == ELF_MACHINES["aarch64"]


@pytest.mark.skipif(not has_pip(), reason="this Python has no pip")
def test_pip_refuses_the_wheel_of_another_architecture_by_its_tag(arm64_wheel, tmp_path):
    if this_machine() == "aarch64":
        pytest.skip("this machine is aarch64: the aarch64 wheel is its own")
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(tmp_path / "site"), str(arm64_wheel)],
        capture_output=True, text=True, env=env, timeout=300,
    )

    assert install.returncode != 0
    assert f"{arm64_wheel.name} is not a supported wheel on this platform" in install.stderr
    assert not (tmp_path / "site" / "deepseek_ocr").exists()


def test_a_wheel_is_built_per_architecture_by_one_command(tmp_path):
    run = subprocess.run([sys.executable, str(PACKAGE_ROOT / "build_wheels.py"), str(tmp_path)],
                         capture_output=True, text=True, timeout=300)

    assert run.returncode == 0, run.stderr
    built = sorted(path.name for path in tmp_path.glob("*.whl"))
    libraries = [(REPO_ROOT / "artifacts" / "native" / "lib" / "libdeepseek_ocr.so", this_machine())]
    if ARM64_LIBRARY.is_file():
        libraries.append((ARM64_LIBRARY, "aarch64"))
    expected = [f"deepseek_ocr-{VERSION}-py3-none-{expected_tag(library, machine)}.whl"
                for library, machine in libraries]
    assert built == sorted(expected)


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


def has_venv_with_pip() -> bool:
    return subprocess.run([sys.executable, "-c", "import ensurepip, venv"], capture_output=True).returncode == 0


@pytest.mark.skipif(not has_venv_with_pip(), reason="this Python has no venv with ensurepip (Debian: python3-venv)")
def test_pip_installs_the_wheel_into_a_fresh_venv_offline_and_it_works(wheel, tmp_path, server, png):
    environment = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True, capture_output=True, timeout=300)
    python = environment / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("DEEPSEEK_OCR_LIBRARY", "PYTHONPATH")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_FIND_LINKS="")
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", str(wheel)],
                             capture_output=True, text=True, env=env, timeout=300)
    assert install.returncode == 0, install.stderr

    image = tmp_path / "scan.png"
    image.write_bytes(png)
    code = ("import deepseek_ocr, sys; "
            "print(deepseek_ocr.library_path()); "
            f"print(deepseek_ocr.Client({server.url!r}).ocr(sys.argv[1]).text)")
    run = subprocess.run([str(python), "-c", code, str(image)], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=60)

    assert run.returncode == 0, run.stderr
    library_path, text = run.stdout.split("\n", 1)
    site_packages = Path(library_path).parent.parent
    assert site_packages.name == "site-packages" and environment in site_packages.parents
    assert Path(library_path).name == "libdeepseek_ocr.so"
    assert text == "# Title\n\nHello, world.\n"
    console_script = environment / "bin" / "deepseek-ocr"
    assert console_script.is_file()


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
