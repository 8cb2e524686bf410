"""python -m deepseek_ocr, run as a user runs it: a child process against the loopback server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from replies import completion, echo_prompt, error, hold, sse


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
    server.queue("default", completion("# Invoice\n\nTotal: 42"))

    run = cli(subprocess_env, "--base-url", server.url, images[0])

    assert run.returncode == 0, run.stderr
    assert run.stdout.decode() == "# Invoice\n\nTotal: 42\n"
    assert run.stderr == b""


def test_several_images_print_in_the_order_given_even_with_jobs(server, subprocess_env, images):
    server.define("default", echo_prompt())

    run = cli(subprocess_env, "--base-url", server.url, "--jobs", "3", "--prompt", "same", *images)

    assert run.returncode == 0, run.stderr
    expected = "".join(f"<!-- {path} -->\nsame\n" for path in images)
    assert run.stdout.decode() == expected
    assert len(server.requests) == 3


def test_output_dir_gets_one_markdown_file_per_image_and_prints_each_path(server, subprocess_env, images, tmp_path):
    server.define("default", completion("text of a page"))
    out = tmp_path / "out"

    run = cli(subprocess_env, "--base-url", server.url, "--jobs", "2", "--output-dir", str(out), *images)

    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["page1.png.md", "page2.png.md", "page3.png.md"]
    assert (out / "page2.png.md").read_text() == "text of a page\n"
    # Printed without a terminal too, in the order the images were given.
    assert run.stdout.decode().splitlines() == [str(out / f"page{n}.png.md") for n in (1, 2, 3)]


def test_same_names_in_output_dir_do_not_overwrite_each_other(server, subprocess_env, tmp_path, png):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "scan.png").write_bytes(png)
    out = tmp_path / "out"

    run = cli(subprocess_env, "--base-url", server.url, "--output-dir", str(out),
              str(tmp_path / "a" / "scan.png"), str(tmp_path / "b" / "scan.png"))

    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["scan.png-2.md", "scan.png.md"]
    assert run.stdout.decode().splitlines() == [str(out / "scan.png.md"), str(out / "scan.png-2.md")]


def test_output_names_keep_the_extension_so_formats_of_one_name_do_not_collide(server, subprocess_env, tmp_path, png):
    server.define("default", echo_prompt())
    names = ["receipt.png", "receipt.jpg", "receipt.webp", "receipt.bmp", "Receipt.PNG"]
    for name in names:
        (tmp_path / name).write_bytes(png)  # the bytes decide the format, not the name
    out = tmp_path / "out"

    run = cli(subprocess_env, "--base-url", server.url, "--output-dir", str(out),
              *(str(tmp_path / name) for name in names))

    assert run.returncode == 0, run.stderr
    written = ["receipt.png.md", "receipt.jpg.md", "receipt.webp.md", "receipt.bmp.md", "Receipt.PNG-2.md"]
    assert run.stdout.decode().splitlines() == [str(out / name) for name in written]
    assert sorted(p.name for p in out.iterdir()) == sorted(written)


def test_stream_to_output_dir_prints_each_path(server, subprocess_env, images, tmp_path):
    server.define("default", sse(["stre", "amed"]))
    out = tmp_path / "out"

    run = cli(subprocess_env, "--base-url", server.url, "--stream", "--output-dir", str(out), *images[:2])

    assert run.returncode == 0, run.stderr
    assert run.stdout.decode().splitlines() == [str(out / "page1.png.md"), str(out / "page2.png.md")]
    assert (out / "page1.png.md").read_text() == "streamed\n"


def test_progress_bar_counts_the_images_on_stderr(server, subprocess_env, images):
    run = cli(subprocess_env, "--base-url", server.url, "--jobs", "2", "--progress", *images)

    assert run.returncode == 0
    lines = run.stderr.decode().splitlines()
    assert [line.split("] ")[1] for line in lines] == ["1/3 images", "2/3 images", "3/3 images"]


def test_progress_without_a_terminal_prints_each_count_once_around_a_failure(server, subprocess_env, images, tmp_path):
    missing = str(tmp_path / "missing.png")

    run = cli(subprocess_env, "--base-url", server.url, "--progress", images[0], missing, images[1])

    assert run.returncode == 1
    lines = run.stderr.decode().splitlines()
    assert len(lines) == 4, lines
    assert lines[1].startswith(f"python -m deepseek_ocr: error: {missing}: ")
    assert [line.split("] ")[1] for line in (lines[0], lines[2], lines[3])] == \
        ["1/3 images", "2/3 images, 1 failed", "3/3 images, 1 failed"]


def cli_into_closed_pipe(env, *arguments):
    """Runs the command with a standard output nobody reads any more, as `| head -1` leaves it."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([sys.executable, "-m", "deepseek_ocr", *arguments], stdout=write_end,
                              stderr=subprocess.PIPE, env=env, timeout=60)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("mode", [["--jobs", "2"], ["--stream"]], ids=["whole answers", "stream"])
def test_a_closed_standard_output_ends_quietly_with_141(server, subprocess_env, images, mode):
    server.define("default", echo_prompt())

    run = cli_into_closed_pipe(subprocess_env, "--base-url", server.url, *mode, *images)

    assert run.stderr == b""
    assert run.returncode == 141
    if "--stream" in mode:
        assert len(server.requests) <= 1  # nothing more is asked once nobody reads


def test_a_closed_standard_output_in_a_shell_pipeline_prints_no_traceback(server, subprocess_env, images):
    server.define("default", completion("line\n" * 20000))  # more than a pipe holds, so head closes it mid-write

    run = subprocess.run(["sh", "-c", f'"{sys.executable}" -m deepseek_ocr --base-url {server.url} "$1" | head -1',
                          "sh", images[0]], capture_output=True, env=subprocess_env, timeout=60)

    assert run.stdout == b"line\n"
    assert run.stderr == b""


def test_usage_names_the_program_as_it_was_run(subprocess_env, tmp_path):
    # What pip's console script does for deepseek-ocr.
    script = tmp_path / "deepseek-ocr"
    script.write_text("import sys\nfrom deepseek_ocr._cli import main\nsys.exit(main())\n")

    wrong = subprocess.run([sys.executable, str(script), "--jobs", "0", "a.png"], capture_output=True,
                           env=subprocess_env, timeout=60)
    helped = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, env=subprocess_env,
                            timeout=60)

    assert wrong.returncode == 2
    assert wrong.stderr.decode().startswith("usage: deepseek-ocr ")
    assert "deepseek-ocr --stream --max-tokens 2048 page.jpg" in helped.stdout.decode()
    assert "python -m" not in helped.stdout.decode()


def test_stream_prints_the_deltas_and_a_final_newline(server, subprocess_env, images):
    server.queue("default", sse(["# Ti", "tle", "\n\nbody"]))

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
    server.define("default", completion("fine"))
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
    server.define("default", error(http_status, "nope"))

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
                   "exit status", "python -m deepseek_ocr --stream", "start-server.sh", "141"):
        assert option in text


def test_a_missing_library_exits_1_saying_what_to_do(subprocess_env, images, tmp_path):
    env = dict(subprocess_env, DEEPSEEK_OCR_LIBRARY=str(tmp_path / "libnothing.so"))

    run = cli(env, images[0])

    assert run.returncode == 1
    assert b"DEEPSEEK_OCR_LIBRARY" in run.stderr
    assert run.stderr.decode().count("\n") == 1


def test_ctrl_c_stops_the_requests_and_exits_130(server, subprocess_env, images):
    server.define("default", hold())
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
