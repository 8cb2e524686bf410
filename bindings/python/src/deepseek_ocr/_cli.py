"""The command line: python -m deepseek_ocr IMAGE... (installed as deepseek-ocr too)."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Set, TextIO, Union
from urllib.parse import urlsplit

from ._async import AsyncClient
from ._document_cli import is_pdf, page_list, run_documents
from ._errors import LibraryError, OcrError
from ._many import MAX_CONCURRENCY
from ._progress import Progress
from ._request import MODES, RequestOptions, is_url

MODULE_PROGRAM = "python -m deepseek_ocr"
# What a shell reports for a program that SIGPIPE ended (128 + 13), as for `cat` in `cat big | head -1`.
BROKEN_PIPE_STATUS = 141

DESCRIPTION = """\
Recognise the text of images with a DeepSeek-OCR service and print it as Markdown.

Each IMAGE is a file (JPEG, PNG, WebP or BMP), an http(s):// or data: URL, or - for
standard input. With several images the text of each is printed in the order given,
after a line <!-- IMAGE -->. With --output-dir the text of IMAGE is written to
DIR/NAME.md, NAME being IMAGE's file name (receipt.png gives receipt.png.md), and
the path of each file written is printed.

An IMAGE may also be a PDF: its pages are rendered (--dpi) and recognised, several
at once (--concurrency), in markdown mode unless --mode or --prompt says otherwise,
and printed joined by <--- Page Split --->. With PDFs, or with --mode and
--output-dir, each input is written as a document: DIR/NAME.md (the pages' Markdown,
figures linked as images/NAME_PAGE_N.png), DIR/NAME.raw.md (the model's raw output),
DIR/NAME.regions.json (per page: its size, status and regions with pixel and 0-999
boxes) and the figures cropped into DIR/images/; an image is a one-page document.
A page that fails is named on stderr; the other pages are still written."""

EPILOG = """\
environment:
  DEEPSEEK_OCR_BASE_URL   the service when --base-url is not given (else the hosted
                          https://api.codingplanx.ai); the local server's
                          src/DeepSeekOcr.Server/start-server.sh prints one
  DEEPSEEK_OCR_API_KEY    the API key, sent as a Bearer token
  DEEPSEEK_OCR_LIBRARY    the libdeepseek_ocr to load instead of the bundled one

exit status:
  0 every image was recognised, 1 one or more failed (each failure is one line on
  stderr), 2 the command line is wrong, 130 interrupted, 141 standard output was
  closed early (e.g. by head), as for any program that SIGPIPE ends.

examples:
  %(prog)s scan.png
  %(prog)s --stream --max-tokens 2048 page.jpg
  %(prog)s --jobs 4 --output-dir out/ pages/*.png
  %(prog)s --mode markdown --pages 1-3,5 --output-dir out/ report.pdf"""


def main(argv: Optional[Sequence[str]] = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        return asyncio.run(_run(arguments))
    except KeyboardInterrupt:
        print(f"{program()}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _stdout_closed()
    except (LibraryError, OcrError) as error:
        print(f"{program()}: error: {_one_line(str(error))}", file=sys.stderr)
        return 1


def program() -> str:
    """The name the command was run by, for usage and messages: deepseek-ocr (the installed script) or
    python -m deepseek_ocr."""
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return MODULE_PROGRAM if name in ("", "-c", "__main__.py") else name


def _stdout_closed() -> int:
    # The reader went away (`| head -1`): stop quietly, as programs that SIGPIPE ends do. Python ignores SIGPIPE,
    # so a write fails with EPIPE instead; standard output goes to /dev/null so that the flush at exit, which would
    # fail the same way and print a traceback, has somewhere to go (the recipe of Python's signal module docs).
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return BROKEN_PIPE_STATUS


# DeepSeek-OCR's own prompt for Markdown output (without <|grounding|>, which asks for boxes too).
MARKDOWN_PROMPT = "<image>\nConvert the document to markdown."


def _prompt_arguments(arguments: argparse.Namespace) -> RequestOptions:
    """The prompt, mode and locate text to ask with: without --mode or --prompt, the Markdown prompt above."""
    if arguments.mode is None and arguments.prompt is None:
        return {"prompt": MARKDOWN_PROMPT}
    return {"prompt": arguments.prompt, "mode": arguments.mode, "locate_text": arguments.locate}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=program(), description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE", help="an image file, URL, or - for standard input")
    parser.add_argument("--stream", action="store_true", help="print the text as it arrives, one image at a time")
    parser.add_argument(
        "--prompt", metavar="TEXT",
        help='the instruction sent with the image (default: the mode\'s, else "<image>\\nConvert the document to markdown.")',
    )
    parser.add_argument(
        "--mode", choices=list(MODES), metavar="MODE",
        help="one of DeepSeek-OCR's prompts: " + ", ".join(MODES) + "; grounding modes print the clean Markdown",
    )
    parser.add_argument("--locate", metavar="TEXT", help="the text to find, for --mode locate")
    parser.add_argument("--max-tokens", type=_positive_int, metavar="N", help="the longest answer, in tokens")
    parser.add_argument("--base-url", metavar="URL", help="the service, e.g. http://127.0.0.1:8000")
    parser.add_argument("--model", metavar="NAME", help='the model to ask (default: "deepseek-ocr")')
    parser.add_argument("--timeout", type=_positive_float, metavar="SECONDS", help="per image (default: 600)")
    parser.add_argument(
        "--output-dir", type=Path, metavar="DIR",
        help="write DIR/NAME.md for each image (receipt.png: receipt.png.md) and print the paths, not the text",
    )
    parser.add_argument("--jobs", type=_positive_int, default=1, metavar="N", help="images recognised at once (default: 1)")
    parser.add_argument("--dpi", type=_positive_int, default=144, metavar="N",
                        help="the resolution PDF pages are rendered at, 36 to 600 (default: 144)")
    parser.add_argument("--pages", type=page_list, metavar="LIST",
                        help="the pages of each PDF to recognise, e.g. 1-3,5 (default: all)")
    parser.add_argument("--concurrency", type=_positive_int, default=4, metavar="N",
                        help="pages of a PDF recognised at once, 1 to 64 (default: 4)")
    parser.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="a progress bar on stderr, one line per image when stderr is not a terminal "
        "(default: with several images, when stderr is a terminal)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    return parser


async def _run(arguments: argparse.Namespace) -> int:
    if arguments.stream and arguments.jobs > 1:
        _parser().error("--stream prints one image at a time; it cannot be combined with --jobs above 1")
    if arguments.images.count("-") > 1:
        _parser().error("- (standard input) may be given only once")
    sources = [_source(image) for image in arguments.images]
    names = _output_names(arguments.images)
    if arguments.output_dir is not None:
        arguments.output_dir.mkdir(parents=True, exist_ok=True)
    has_pdf = any(is_pdf(source) for source in sources)
    if has_pdf and arguments.stream:
        _parser().error("--stream prints images; a PDF cannot be streamed")
    if has_pdf or (arguments.output_dir is not None and arguments.mode is not None and not arguments.stream):
        return await run_documents(arguments, sources, names, program())

    show_progress = arguments.progress
    if show_progress is None:
        show_progress = len(sources) > 1 and sys.stderr.isatty()
    progress = Progress(len(sources), sys.stderr, enabled=show_progress)

    async with AsyncClient(arguments.base_url, model=arguments.model, timeout=arguments.timeout) as client:
        job = _Job(client, arguments, names, progress)
        if arguments.stream:
            for index, source in enumerate(sources):
                await job.stream(index, source)
        else:
            await job.run_all(sources)
    progress.finish()
    return 1 if progress.failed else 0


class _Job:
    def __init__(self, client: AsyncClient, arguments: argparse.Namespace, names: List[str], progress: Progress):
        self._client = client
        self._arguments = arguments
        self._names = names
        self._progress = progress
        self._several = len(names) > 1
        self._texts: Dict[int, Optional[str]] = {}
        self._next_to_print = 0

    async def run_all(self, sources: List[Union[str, bytes]]) -> None:
        # One ocr_many for every image, --jobs of them in flight (the library's bound caps it); they end in any
        # order and _print_ready prints them in the order given. Leaving the block (a closed standard output,
        # Ctrl-C) cancels what is still running before the client closes.
        arguments = self._arguments
        async with self._client.ocr_many(
            sources, concurrency=min(arguments.jobs, MAX_CONCURRENCY), ordered=False,
            max_tokens=arguments.max_tokens, **_prompt_arguments(arguments),
        ) as results:
            async for index, value in results:
                text: Optional[str] = None
                if isinstance(value, Exception):
                    self._fail(index, value)
                else:
                    answer: str = value.text if arguments.mode is None else value.markdown
                    text = answer
                    try:
                        if arguments.output_dir is not None:
                            self._write_file(index, answer)
                    except OSError as error:
                        self._fail(index, error)
                        text = None
                    else:
                        self._progress.advance(ok=True)
                self._texts[index] = text
                self._print_ready()

    async def stream(self, index: int, source: Union[str, bytes]) -> None:
        arguments = self._arguments
        to_file = arguments.output_dir is not None
        out: TextIO = open(self._path(index), "w", encoding="utf-8") if to_file else sys.stdout
        try:
            if not to_file and self._several:
                out.write(f"<!-- {self._arguments.images[index]} -->\n")
            ended_with_newline = True
            async with self._client.stream(
                source, max_tokens=arguments.max_tokens, **_prompt_arguments(arguments)
            ) as stream:
                async for delta in stream:
                    out.write(delta)
                    out.flush()
                    ended_with_newline = delta.endswith("\n")
            if not ended_with_newline:
                out.write("\n")
            out.flush()
        except BrokenPipeError:
            raise  # standard output closed: nothing more can be shown (see main)
        except (OcrError, OSError) as error:
            if not to_file:
                out.write("\n")
                out.flush()
            self._fail(index, error)
            return
        finally:
            if to_file:
                out.close()
        if to_file:
            print(self._path(index), flush=True)
        self._progress.advance(ok=True)

    def _print_ready(self) -> None:
        # Answers arrive in any order with --jobs; stdout gets them in the order the images were given.
        while self._next_to_print in self._texts:
            text = self._texts.pop(self._next_to_print)
            if text is not None:
                if self._arguments.output_dir is not None:
                    sys.stdout.write(f"{self._path(self._next_to_print)}\n")
                else:
                    if self._several:
                        sys.stdout.write(f"<!-- {self._arguments.images[self._next_to_print]} -->\n")
                    sys.stdout.write(text if text.endswith("\n") else text + "\n")
                sys.stdout.flush()
            self._next_to_print += 1

    def _write_file(self, index: int, text: str) -> None:
        self._path(index).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")

    def _path(self, index: int) -> Path:
        return self._arguments.output_dir / f"{self._names[index]}.md"

    def _fail(self, index: int, error: BaseException) -> None:
        message = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self._progress.message(f"{program()}: error: {self._arguments.images[index]}: {_one_line(message)}")
        self._progress.advance(ok=False)


def _source(image: str) -> Union[str, bytes]:
    if image == "-":
        return sys.stdin.buffer.read()
    return image


def _output_names(images: List[str]) -> List[str]:
    """NAME of DIR/NAME.md per image: the file's whole name, extension included, so that receipt.png and receipt.jpg
    do not collide and each output says what it came from; the same name given again (a/scan.png, b/scan.png) gets
    -2, -3... in the order given, which is also the order the paths are printed in."""
    names: List[str] = []
    taken: Set[str] = set()
    for image in images:
        if image == "-":
            base = "stdin"
        elif is_url(image):
            base = Path(urlsplit(image).path).name if not image.lower().startswith("data:") else "image"
        else:
            base = Path(image).name
        base = base or "image"
        name, count = base, 1
        while name.lower() in taken:  # lower: two names that differ only in case collide on some file systems
            count += 1
            name = f"{base}-{count}"
        taken.add(name.lower())
        names.append(name)
    return names


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"expected more than 0 seconds, got {text}")
    return value


def _version() -> str:
    from . import __version__

    return __version__
