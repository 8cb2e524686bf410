"""Finding the library, and refusing one that is missing or of another version with a message that says what to do."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from deepseek_ocr._ctypes import OCR_VERSION_MAJOR as MAJOR, OCR_VERSION_MINOR as MINOR
from deepseek_ocr._loader import _is_compatible


def load_in_child(env, library):
    code = "import deepseek_ocr\ntry:\n    deepseek_ocr.Client()\nexcept deepseek_ocr.LibraryError as e:\n    print(e)\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60,
                          env=dict(env, DEEPSEEK_OCR_LIBRARY=str(library)))


def test_a_missing_library_file_names_the_variable_to_set(subprocess_env, tmp_path):
    run = load_in_child(subprocess_env, tmp_path / "libabsent.so")

    message = run.stdout.decode()
    assert "libabsent.so" in message
    assert "DEEPSEEK_OCR_LIBRARY" in message


def test_a_file_that_is_not_a_library_is_refused(subprocess_env, tmp_path):
    bogus = tmp_path / "libdeepseek_ocr.so"
    bogus.write_text("not ELF")

    run = load_in_child(subprocess_env, bogus)

    assert "could not load libdeepseek_ocr" in run.stdout.decode()


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler to build a stand-in library")
@pytest.mark.parametrize("version", ["2.0.0", "0.9.1", "1.0.0"])
def test_a_library_of_another_major_version_is_refused_with_what_to_do(subprocess_env, tmp_path, version):
    # A stand-in exporting every function, so that only the version check can refuse it.
    names = ["ocr_client_options_init", "ocr_request_init", "ocr_client_new", "ocr_client_free", "ocr_image",
             "ocr_stream", "ocr_result_free", "ocr_cancel_token_new", "ocr_cancel_token_cancel",
             "ocr_cancel_token_free", "ocr_last_error", "ocr_status_string"]
    source = tmp_path / "fake.c"
    source.write_text("".join(f"void {name}(void) {{}}\n" for name in names)
                      + f'const char *ocr_version(void) {{ return "{version}"; }}\n')
    library = tmp_path / "libfake.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)

    message = load_in_child(subprocess_env, library).stdout.decode()

    assert f"is libdeepseek_ocr {version}" in message
    assert f"needs {MAJOR}.x with x >= {MINOR}" in message
    assert "DEEPSEEK_OCR_LIBRARY" in message


# The versions around the header's own (MAJOR.MINOR): the same major and no older minor are compatible.
@pytest.mark.parametrize("version, compatible", [
    (f"{MAJOR}.{MINOR}.0", True), (f"{MAJOR}.{MINOR + 1}.7", True), (f"{MAJOR}.{MINOR}", True),
    (f"{MAJOR}.{MINOR - 1}.0", False), (f"{MAJOR + 1}.0.0", False), (f"{MAJOR - 1}.9.0", False),
    ("", False), ("x.y", False),
])
def test_versions_with_the_same_major_and_no_older_minor_are_compatible(version, compatible):
    assert _is_compatible(version) is compatible
