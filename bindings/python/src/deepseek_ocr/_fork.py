"""State that belongs to one process: after fork() a child makes its own instead of using its parent's.

The library's runtime does not survive fork(): in a child, every handle the parent made (library, clients, cancel
tokens) is dead, and so are the parent's threads, with whatever locks they held. So the package keeps such state in
:class:`PerProcess` values. A child's first use makes a new value; the parent's is dropped without being used or
freed (freeing it would be a call into the dead runtime). The at-fork hook only counts forks, so a child that never
uses the package pays nothing.
"""

from __future__ import annotations

import os
import threading
from typing import Callable, Generic, Optional, TypeVar

T = TypeVar("T")

_generation = 0
# Guards making per-process values. Re-created in the child: a thread of the parent may have held it at fork().
_lock = threading.RLock()


def generation() -> int:
    """How many forks separate this process from the one that imported the package: 0 there, 1 in its children..."""
    return _generation


def _after_fork_in_child() -> None:
    global _generation, _lock
    _generation += 1
    _lock = threading.RLock()


if hasattr(os, "register_at_fork"):  # absent on Windows, which has no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)


class PerProcess(Generic[T]):
    """A value made on first use in each process, by ``make(previous)``: ``previous`` is the value the parent
    process had (None in the process that made the first one), for the maker to read, never to use or free."""

    def __init__(self, make: Callable[[Optional[T]], T]) -> None:
        self._make = make
        self._value: Optional[T] = None
        self._generation = -1

    def get(self) -> T:
        if self._generation != _generation:
            with _lock:
                if self._generation != _generation:
                    self._value = self._make(self._value)
                    self._generation = _generation
        assert self._value is not None
        return self._value

    def current(self) -> Optional[T]:
        """This process's value, or None if it has none yet (never makes one)."""
        return self._value if self._generation == _generation else None
