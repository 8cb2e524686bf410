"""OcrMany: the iterator client.ocr_many() returns, many images in flight from one thread over the library's
ocr_multi (ocr_multi_add queues a request, ocr_multi_wait hands back the next item that ended)."""

from __future__ import annotations

import ctypes
import os
import threading
from collections import deque
from typing import Any, Callable, Deque, Dict, Iterable, Iterator, Optional, Tuple, Union

from ._base_client import BaseClient
from ._call import ClientCall
from ._ctypes import EventKind, Status, ocr_event, ocr_multi_p
from ._errors import ForkedProcessError, InternalError, InvalidArgumentError, OcrError, error_for_status
from ._fork import generation
from ._native import check, error_from_details, take_result
from ._request import ImageSource, PreparedRequest, option_names
from ._types import OcrResult

#: What ocr_many gives for one image: its result, or the exception that image failed with.
Outcome = Union[OcrResult, Exception]

#: Called after each image ends with (images ended, images in all or None when the iterable has no len()).
ProgressCallback = Callable[[int, Optional[int]], None]

#: The keyword arguments of Client.ocr() that ocr_many passes on to every image (each image is a request of its own).
REQUEST_OPTIONS = option_names("more_images")

#: The header's bound on max_in_flight.
MAX_CONCURRENCY = 1024

# ocr_multi_wait is called in slices this long, so that Ctrl-C (which Python delivers between bytecodes, never
# inside a foreign call) and a cancel from another thread are seen within this time.
WAIT_SLICE_MS = 100

# Why an image's own preparation failed (a bad type, a NUL in a path): that image's error, not the run's.
_ITEM_ERRORS = (OcrError, TypeError, ValueError)


def check_images(images: Iterable[ImageSource]) -> Iterator[ImageSource]:
    # One path or one image's bytes is iterable too (by character, by byte): refused rather than sent piecewise.
    if isinstance(images, (str, bytes, bytearray, memoryview, os.PathLike)):
        raise TypeError("images must be an iterable of images (paths, bytes or URLs); for one image use ocr()")
    return iter(images)


def check_options(client: BaseClient, concurrency: int, options: Dict[str, Any]) -> None:
    """Refuses a bad concurrency or request option once, up front, rather than as the same error for every image."""
    if isinstance(concurrency, bool) or not isinstance(concurrency, int):
        raise TypeError(f"concurrency must be an int, not {type(concurrency).__name__}")
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise InvalidArgumentError(
            f"concurrency must be between 1 and {MAX_CONCURRENCY}, got {concurrency}", Status.E_INVALID_ARGUMENT
        )
    unknown = sorted(set(options) - REQUEST_OPTIONS)
    if unknown:
        raise TypeError(f"ocr_many() got unexpected keyword arguments: {', '.join(unknown)}")
    client._prepare(b"", options, "ocr_many")  # checks every option's type and range


class OcrMany(Iterator[Any]):
    """The images of :meth:`Client.ocr_many` recognised with up to ``concurrency`` requests in flight.

    With ``ordered=True`` it yields one value per image, in the order of the images: the :class:`OcrResult`, or
    the exception that image failed with (an :class:`OcrError` subclass; a TypeError or ValueError for an item that
    is not an image). With ``ordered=False`` it yields ``(index, result_or_exception)`` pairs as the images end,
    ``index`` counting the images from 0. A failed image never stops the others.

    Images are taken from the iterable as room frees up: about ``concurrency`` plus a small margin are queued at a
    time. In order, a result that ends before an earlier one waits for it; at most about twice ``concurrency``
    images are then held, and a slow image holds back the ones after it once that many are waiting.

    Breaking out of the loop, :meth:`close`, leaving its ``with`` block or dropping it cancels the requests in
    flight and frees them. :meth:`cancel` does that from another thread. Ctrl-C stops it within about 100 ms.
    The whole iteration raises only for a failure of the run itself: the images iterable or the progress
    callback raising, KeyboardInterrupt, or the library failing.
    """

    def __init__(
        self,
        client: BaseClient,
        images: Iterable[ImageSource],
        *,
        concurrency: int,
        ordered: bool,
        progress: Optional[ProgressCallback],
        options: Dict[str, Any],
    ) -> None:
        check_options(client, concurrency, options)
        self._images = enumerate(check_images(images))
        self._total = _length(images)
        self._client = client
        self._options = dict(options)
        self._concurrency = concurrency
        self._ordered = ordered
        self._progress = progress
        margin = max(4, concurrency // 4)
        self._queued_limit = concurrency + margin  # items in the multi: running or about to
        self._held_limit = 2 * concurrency + margin  # in order: items from the next to yield to the newest added
        self._lock = threading.Lock()  # the multi handle, against cancel() from another thread
        self._call: Optional[ClientCall] = None
        self._multi: Optional[int] = None
        self._generation = generation()
        self._event = ocr_event()
        self._exhausted = False
        self._finished = False
        self._cancelled = False
        self._added = 0
        self._pending = 0  # added and not yet ended
        self._ended = 0
        self._next_to_yield = 0
        self._in_order: Dict[int, Outcome] = {}
        self._as_completed: Deque[Tuple[int, Outcome]] = deque()

    def __iter__(self) -> "OcrMany":
        return self

    def __next__(self) -> Any:
        if self._finished:
            raise StopIteration
        if self._generation != generation():
            self._finished = True  # the multi and its requests belong to the parent process
            raise ForkedProcessError(
                "this ocr_many was started before fork(), so its requests belong to the parent process; start a new "
                "one in this process", Status.E_FORKED)
        try:
            return self._next_outcome()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> "OcrMany":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __del__(self) -> None:
        if getattr(self, "_multi", None) is not None:
            self.close()

    def __repr__(self) -> str:
        state = "finished" if self._finished else f"{self._ended} ended, {self._pending} in flight"
        return f"<deepseek_ocr.OcrMany concurrency={self._concurrency} ordered={self._ordered} {state}>"

    def cancel(self) -> None:
        """Stops the run from any thread: the requests in flight are cancelled and the iteration ends (without
        yielding what had not ended) at its next step. The iterating thread frees them."""
        self._cancelled = True
        with self._lock:
            if self._multi is not None and self._generation == generation():
                self._call.native.ocr_multi_cancel(self._multi)  # type: ignore[union-attr]

    def close(self) -> None:
        """Cancels what is in flight, waits for it to stop (the library's requests stop within about 100 ms of a
        cancel) and frees it; the iteration ends. Idempotent."""
        self._finished = True
        self._in_order.clear()
        self._as_completed.clear()
        with self._lock:
            multi, self._multi = self._multi, None
            call, self._call = self._call, None
            if self._generation != generation():
                return  # a forked child: the parent's handles are neither used nor freed here
            if multi is not None and call is not None:
                call.native.ocr_multi_cancel(multi)
                call.native.ocr_multi_free(multi)
            if call is not None:
                call.end()

    def _next_outcome(self) -> Any:
        while True:
            if self._cancelled:
                self.close()
                raise StopIteration
            if self._ordered and self._next_to_yield in self._in_order:
                self._next_to_yield += 1
                return self._in_order.pop(self._next_to_yield - 1)
            if not self._ordered and self._as_completed:
                return self._as_completed.popleft()
            self._add_while_room()
            if self._pending == 0:
                if self._exhausted and not self._in_order and not self._as_completed:
                    self.close()
                    raise StopIteration
                continue  # images that failed before reaching the library are ready
            self._wait_one_slice()

    def _start(self) -> None:
        call = self._client._begin_call()  # the client cannot be freed while the multi uses it
        multi = ocr_multi_p()
        try:
            check(call.native, call.native.ocr_multi_new(call.handle, self._concurrency, ctypes.byref(multi)))
        except BaseException:
            call.end()
            raise
        with self._lock:
            self._call, self._multi = call, multi.value
        if self._cancelled:
            self.cancel()

    def _has_room(self) -> bool:
        if self._pending >= self._queued_limit:
            return False
        return not self._ordered or self._added - self._next_to_yield < self._held_limit

    def _add_while_room(self) -> None:
        while not self._exhausted and self._has_room():
            try:
                index, image = next(self._images)
            except StopIteration:
                self._exhausted = True
                return
            self._added += 1
            if self._multi is None:
                self._start()
            call = self._call
            assert call is not None
            try:
                request = PreparedRequest(call.native, image, self._options)
            except _ITEM_ERRORS as error:
                self._ended_with(index, error)
                continue
            # Copied whole by the library (an image_path is read when the item starts): request may go now.
            check(call.native, call.native.ocr_multi_add(self._multi, ctypes.byref(request.struct), 0, index))
            self._pending += 1

    def _wait_one_slice(self) -> None:
        call, event = self._call, self._event
        assert call is not None
        status = call.native.ocr_multi_wait_size(
            self._multi, WAIT_SLICE_MS, ctypes.byref(event), ctypes.sizeof(event)
        )
        if status == Status.E_TIMEOUT:
            return
        check(call.native, status)
        if event.kind != EventKind.DONE:
            return  # a delta: not asked for (no OCR_MULTI_STREAM); an unknown newer kind: not for these bindings
        self._pending -= 1
        self._ended_with(event.tag, self._outcome_of(event))

    def _outcome_of(self, event: ocr_event) -> Outcome:
        native = self._call.native  # type: ignore[union-attr]
        if event.status == Status.OK:
            if not event.result:
                return InternalError("ocr_multi_wait: an item ended OK without a result", Status.E_INTERNAL)
            return take_result(native, event.result)
        if event.error:
            return error_from_details(event.status, event.error.contents)
        return error_for_status(event.status, "")

    def _ended_with(self, index: int, outcome: Outcome) -> None:
        if self._ordered:
            self._in_order[index] = outcome
        else:
            self._as_completed.append((index, outcome))
        self._ended += 1
        if self._progress is not None:
            self._progress(self._ended, self._total)


def _length(images: Iterable[Any]) -> Optional[int]:
    try:
        return len(images)  # type: ignore[arg-type]
    except TypeError:
        return None
