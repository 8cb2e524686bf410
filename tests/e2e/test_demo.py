"""native/demo.sh as a new user runs it: from another folder, with relative paths, a bad file among good ones, and a
self-hosted service named by DEEPSEEK_OCR_BASE_URL without an API key."""
import os
import shutil
import subprocess

from conftest import ROOT, SAMPLES

DEMO = ROOT / "native/demo.sh"


def test_demo_from_another_folder_reads_relative_paths_and_goes_on_past_a_bad_file(server_url, tmp_path):
    shutil.copy(SAMPLES / "receipt.png", tmp_path / "receipt.png")
    (tmp_path / "pages").mkdir()
    shutil.copy(SAMPLES / "screenshot.png", tmp_path / "pages" / "screenshot.png")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    env = {k: v for k, v in os.environ.items() if k != "DEEPSEEK_OCR_API_KEY"}
    env["DEEPSEEK_OCR_BASE_URL"] = server_url

    run = subprocess.run([str(DEMO), "--no-build", "receipt.png", "scan.pdf", "pages/screenshot.png"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=300)

    assert run.returncode == 1, run.stderr
    assert f"using DEEPSEEK_OCR_BASE_URL={server_url}" in run.stderr
    # Both halves report the broken PDF (the C example renders PDFs with ocr_document, which names what is wrong) and
    # read both good images (the one after it too).
    assert run.stderr.count("scan.pdf") >= 2, run.stderr
    assert "the PDF cannot be opened: PDF document is damaged" in run.stderr, run.stderr
    c_half, python_half = run.stdout.split("<!-- Python command line")
    for half in (c_half, python_half):
        assert "TOTAL" in half.upper(), half  # the receipt
        assert "Connection status" in half, half  # the screenshot, after the PDF
    assert "does not exist" not in run.stderr


def test_cpp_example_builds_against_the_installed_package_and_reads_a_sample(server_url, tmp_path):
    # Configured as a user's own project: only the installed package (artifacts/native) on CMAKE_PREFIX_PATH.
    build = tmp_path / "build"
    configure = subprocess.run(["cmake", "-S", str(ROOT / "bindings/cpp/examples"), "-B", str(build),
                                f"-DCMAKE_PREFIX_PATH={ROOT / 'artifacts/native'}"],
                               capture_output=True, text=True, timeout=300)
    assert configure.returncode == 0, configure.stdout + configure.stderr
    compiled = subprocess.run(["cmake", "--build", str(build)], capture_output=True, text=True, timeout=300)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr

    env = dict(os.environ, DEEPSEEK_OCR_BASE_URL=server_url + "/v1")  # the OpenAI clients' habit works too
    run = subprocess.run([str(build / "ocr_example"), str(SAMPLES / "receipt.png")], env=env, capture_output=True,
                         text=True, timeout=120)

    assert run.returncode == 0, run.stderr
    assert "28.40" in run.stdout
