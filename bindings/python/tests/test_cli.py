"""python -m deepseek_ocr, run as a user runs it: a child process against the loopback server."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from fake_server import completion, echo_prompt, error, hold, sse


def cli(env, *arguments, stdin: bytes = b""):
    return subprocess.run(
        [sys.executable, "-m", "deepseek_ocr", *arguments], input=stdin, capture_output=True, env=env, timeout=60,
    )


@pytest.fixture
def images(tmp_path, png):
    paths = []
    for name in ("page1", "page2", "page3"):
        path = tmp_path / f"{name}.png"
        path.write_bytes(png)
        paths.append(str(path))
    return paths


def test_one_image_prints_its_text(server, subprocess_env, images):
    server.then(completion("# Invoice\n\nTotal: 42"))

    run = cli(subprocess_env, "--base-url", server.url, images[0])

    assert run.returncode == 0, run.stderr
    assert run.stdout.decode() == "# Invoice\n\nTotal: 42\n"
    assert run.stderr == b""


def test_several_images_print_in_the_order_given_even_with_jobs(server, subprocess_env, images):
    server.default_reply = echo_prompt()

    run = cli(subprocess_env, "--base-url", server.url, "--jobs", "3", "--prompt", "same", *images)

    assert run.returncode == 0, run.stderr
    expected = "".join(f"<!-- {path} -->\nsame\n" for path in images)
    assert run.stdout.decode() == expected
    assert len(server.requests) == 3


def test_output_dir_gets_one_markdown_file_per_image(server, subprocess_env, images, tmp_path):
    server.default_reply = completion("text of a page")
    out = tmp_path / "out"

    run = cli(subprocess_env, "--base-url", server.url, "--jobs", "2", "--output-dir", str(out), *images)

    assert run.returncode == 0, run.stderr
    assert run.stdout == b""
    assert sorted(p.name for p in out.iterdir()) == ["page1.md", "page2.md", "page3.md"]
    assert (out / "page2.md").read_text() == "text of a page\n"


def test_same_names_in_output_dir_do_not_overwrite_each_other(server, subprocess_env, tmp_path, png):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "scan.png").write_bytes(png)
    out = tmp_path / "out"

    run = cli(subprocess_env, "--base-url", server.url, "--output-dir", str(out),
              str(tmp_path / "a" / "scan.png"), str(tmp_path / "b" / "scan.png"))

    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["scan-2.md", "scan.md"]


def test_progress_bar_counts_the_images_on_stderr(server, subprocess_env, images):
    run = cli(subprocess_env, "--base-url", server.url, "--jobs", "2", "--progress", *images)

    assert run.returncode == 0
    lines = run.stderr.decode().splitlines()
    assert [line.split("] ")[1] for line in lines] == ["1/3 images", "2/3 images", "3/3 images"]


def test_stream_prints_the_deltas_and_a_final_newline(server, subprocess_env, images):
    server.then(sse(["# Ti", "tle", "\n\nbody"]))

    run = cli(subprocess_env, "--base-url", server.url, "--stream", "--max-tokens", "64", images[0])

    assert run.returncode == 0, run.stderr
    assert run.stdout.decode() == "# Title\n\nbody\n"
    assert server.requests[0].body["stream"] is True
    assert server.requests[0].body["max_tokens"] == 64


def test_standard_input_is_read_as_the_image(server, subprocess_env, png):
    run = cli(subprocess_env, "--base-url", server.url, "-", stdin=png)

    assert run.returncode == 0, run.stderr
    assert server.requests[0].image_bytes == png


def test_a_failed_image_gives_one_line_on_stderr_exit_1_and_the_others_still_print(server, subprocess_env, images,
                                                                                   tmp_path):
    server.default_reply = completion("fine")
    missing = str(tmp_path / "missing.png")

    run = cli(subprocess_env, "--base-url", server.url, "--jobs", "2", images[0], missing, images[1])

    assert run.returncode == 1
    stderr = run.stderr.decode().splitlines()
    assert len(stderr) == 1
    assert stderr[0].startswith(f"python -m deepseek_ocr: error: {missing}: ")
    assert "does not exist" in stderr[0]
    assert run.stdout.decode().count("fine\n") == 2


@pytest.mark.parametrize("http_status, words", [(401, "HTTP 401"), (429, "HTTP 429"), (500, "HTTP 500")])
def test_a_server_error_exits_1_with_the_library_message(server, subprocess_env, images, http_status, words):
    server.default_reply = error(http_status, "nope")

    run = cli(subprocess_env, "--base-url", server.url, "--stream", images[0])

    assert run.returncode == 1
    message = run.stderr.decode().strip()
    assert "\n" not in message and words in message and "nope" in message


def test_a_bad_base_url_exits_1_with_one_line(subprocess_env, images):
    run = cli(subprocess_env, "--base-url", "not a url", images[0])

    assert run.returncode == 1
    assert run.stderr.decode().count("\n") == 1
    assert run.stderr.decode().startswith("python -m deepseek_ocr: error: ")


@pytest.mark.parametrize(
    "arguments",
    [[], ["--jobs", "0", "a.png"], ["--max-tokens", "many", "a.png"], ["--stream", "--jobs", "2", "a.png"],
     ["--timeout", "-3", "a.png"], ["-", "-"]],
    ids=["no image", "jobs 0", "max-tokens not a number", "stream with jobs", "negative timeout", "stdin twice"],
)
def test_a_wrong_command_line_exits_2_with_usage(subprocess_env, arguments):
    run = cli(subprocess_env, *arguments)

    assert run.returncode == 2
    assert b"usage: python -m deepseek_ocr" in run.stderr


def test_help_describes_the_command(subprocess_env):
    run = cli(subprocess_env, "--help")

    assert run.returncode == 0
    text = run.stdout.decode()
    for option in ("--stream", "--prompt", "--max-tokens", "--base-url", "--output-dir", "--jobs", "DEEPSEEK_OCR_API_KEY",
                   "exit status"):
        assert option in text


def test_a_missing_library_exits_1_saying_what_to_do(subprocess_env, images, tmp_path):
    env = dict(subprocess_env, DEEPSEEK_OCR_LIBRARY=str(tmp_path / "libnothing.so"))

    run = cli(env, images[0])

    assert run.returncode == 1
    assert b"DEEPSEEK_OCR_LIBRARY" in run.stderr
    assert run.stderr.decode().count("\n") == 1


def test_ctrl_c_stops_the_requests_and_exits_130(server, subprocess_env, images):
    server.default_reply = hold()
    child = subprocess.Popen([sys.executable, "-m", "deepseek_ocr", "--base-url", server.url, "--jobs", "2", *images],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=subprocess_env)
    try:
        assert server.holding.wait(20)
        start = time.monotonic()
        child.send_signal(signal.SIGINT)
        _, stderr = child.communicate(timeout=10)
    finally:
        child.kill()

    assert child.returncode == 130
    assert time.monotonic() - start < 3
    assert stderr.decode().strip() == "python -m deepseek_ocr: interrupted"
    assert server.disconnected.wait(2)
