"""Real OCR of the sample images, end to end through the native library, from C and from Python."""
import os
import re
import subprocess
import sys
import threading

import pytest
from conftest import EXAMPLE, ROOT, SAMPLES

import deepseek_ocr

SAMPLE_NAMES = ["scanned-page", "receipt", "screenshot"]
MAX_CER = 0.02


def normalise(text: str) -> str:
    """Words only: layout (spaces, line breaks, Markdown table and heading marks) is not what CER measures here."""
    text = re.sub(r"^#+ ", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\| *-+ *(\| *-+ *)*\|$", "", text, flags=re.MULTILINE)
    text = text.replace("|", " ")
    return " ".join(text.split())


def cer(expected: str, actual: str) -> float:
    """Character error rate: Levenshtein distance over the expected length."""
    a, b = normalise(expected), normalise(actual)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] / max(1, len(a))


def truth(name: str) -> str:
    return (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("stream", [False, True], ids=["whole", "stream"])
def test_c_example_recognises_sample_within_cer(server_url, name, stream):
    env = dict(os.environ, DEEPSEEK_OCR_BASE_URL=server_url)
    args = [str(EXAMPLE)] + (["--stream"] if stream else []) + [str(SAMPLES / f"{name}.png")]
    run = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert cer(truth(name), run.stdout) <= MAX_CER, run.stdout


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_python_client_recognises_sample_within_cer(server_url, name):
    with deepseek_ocr.Client(base_url=server_url) as client:
        result = client.ocr(SAMPLES / f"{name}.png")
        streamed = "".join(client.stream((SAMPLES / f"{name}.png").read_bytes()))
    assert cer(truth(name), result.text) <= MAX_CER, result.text
    assert streamed == result.text
    assert result.finish_reason == "stop" and result.usage.total_tokens > 0 and result.http_status == 200


def test_c_example_markdown_has_heading_and_table(server_url):
    env = dict(os.environ, DEEPSEEK_OCR_BASE_URL=server_url)
    images = [str(SAMPLES / "scanned-page.png"), str(SAMPLES / "receipt.png")]
    run = subprocess.run([str(EXAMPLE), "--markdown", *images], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "# Annual Report of the Harbour Library" in run.stdout
    assert re.search(r"^\| *Item *\| *Qty *\| *Price *\|$", run.stdout, flags=re.MULTILINE), run.stdout


def test_python_grounding_prompt_gives_boxes(server_url):
    with deepseek_ocr.Client(base_url=server_url) as client:
        text = client.ocr(SAMPLES / "receipt.png", prompt="<image>\n<|grounding|>OCR this image.").text
    boxes = re.findall(r"<\|ref\|>(.+?)<\|/ref\|><\|det\|>\[\[(\d+), (\d+), (\d+), (\d+)\]\]<\|/det\|>", text)
    assert boxes and any("CORNER BAKERY" in ref for ref, *_ in boxes)
    assert all(0 <= int(v) <= 999 for _, *box in boxes for v in box)


def test_python_cli_writes_markdown_for_several_images(server_url, tmp_path):
    env = dict(os.environ, DEEPSEEK_OCR_BASE_URL=server_url, PYTHONPATH=str(ROOT / "bindings/python/src"))
    images = [str(SAMPLES / f"{name}.png") for name in SAMPLE_NAMES]
    run = subprocess.run(
        [sys.executable, "-m", "deepseek_ocr", "--jobs", "3", "--output-dir", str(tmp_path), *images],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [str(tmp_path / f"{name}.png.md") for name in SAMPLE_NAMES]
    for name in SAMPLE_NAMES:
        assert cer(truth(name), (tmp_path / f"{name}.png.md").read_text(encoding="utf-8")) <= MAX_CER


def test_many_threads_through_one_client_get_real_text(server_url):
    errors = []

    def work(name):
        try:
            for _ in range(3):
                assert cer(truth(name), client.ocr(SAMPLES / f"{name}.png").text) <= MAX_CER
        except Exception as error:  # reported below, with the thread's sample
            errors.append((name, error))

    with deepseek_ocr.Client(base_url=server_url) as client:
        threads = [threading.Thread(target=work, args=(name,)) for name in SAMPLE_NAMES * 2]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert not errors
