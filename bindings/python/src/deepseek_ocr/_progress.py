"""The progress bar of the command line, on stderr."""

from __future__ import annotations

from typing import TextIO


class Progress:
    """Counts finished images (or pages: ``unit``) and draws a bar; on a terminal it redraws one line, elsewhere it
    prints one line per image. Messages printed through it do not tear the bar."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO, *, enabled: bool, unit: str = "images") -> None:
        self._total = total
        self._unit = unit
        #: How many inputs still have an unknown size (a PDF before its first page ends): the total shows a "+".
        self.unsized = 0
        self._stream = stream
        self._enabled = enabled
        self._redraw = enabled and stream.isatty()
        self.done = 0
        self.failed = 0

    def advance(self, *, ok: bool) -> None:
        self.done += 1
        if not ok:
            self.failed += 1
        self._draw()

    def grow(self, count: int) -> None:
        """Adds count to the total: the pages of a document, once it says how many it has."""
        self._total += count

    def message(self, line: str) -> None:
        if self._redraw:
            self._stream.write("\r\033[K")
            self._stream.write(line + "\n")
            self._draw()  # the bar the message wiped out
        else:
            self._stream.write(line + "\n")
            self._stream.flush()

    def finish(self) -> None:
        if self._redraw and self.done:
            self._stream.write("\n")
            self._stream.flush()

    def _draw(self) -> None:
        if not self._enabled or not self.done:
            return
        filled = self.WIDTH * min(self.done, self._total) // max(1, self._total)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        failed = f", {self.failed} failed" if self.failed else ""
        more = "+" if self.unsized else ""
        text = f"[{bar}] {self.done}/{self._total}{more} {self._unit}{failed}"
        self._stream.write(("\r\033[K" + text) if self._redraw else text + "\n")
        self._stream.flush()
