"""How clients travel to other processes (multiprocessing, Dask, Spark, Ray): as their settings, never as a native
handle, which belongs to the process that made it. The unpickling process makes its own native client."""

from __future__ import annotations

from typing import Any, Callable, Dict, Generic, Optional, TypeVar

T = TypeVar("T")

#: What repr() shows in place of a secret.
REDACTED = "<redacted>"


class Secret(Generic[T]):
    """A value (the API key) that repr() and str() never show, so that it stays out of logs, tracebacks and the
    task descriptions distributed engines print. It still pickles as itself: see :func:`client_settings`."""

    __slots__ = ("_value",)

    def __init__(self, value: T) -> None:
        self._value = value

    def reveal(self) -> T:
        return self._value

    def __repr__(self) -> str:
        return REDACTED

    __str__ = __repr__

    def __reduce__(self) -> Any:
        return (Secret, (self._value,))


def reveal(value: Any) -> Any:
    """value itself, or the value a Secret holds."""
    return value.reveal() if isinstance(value, Secret) else value


def client_settings(settings: Dict[str, Any], pickle_api_key: bool) -> Dict[str, Any]:
    """The constructor arguments a pickled client carries. Without pickle_api_key the key is left out, so the
    unpickling process reads $DEEPSEEK_OCR_API_KEY (the key then never travels with the tasks)."""
    carried = dict(settings, pickle_api_key=pickle_api_key)
    if not pickle_api_key:
        carried["api_key"] = None
    return carried


def restore(client_class: Callable[..., T], settings: Dict[str, Any]) -> T:
    """The client a pickle carries: its class (pickled by reference) made anew from its settings."""
    return client_class(**_revealed(settings))


def _revealed(settings: Dict[str, Any]) -> Dict[str, Any]:
    return {name: reveal(value) for name, value in settings.items()}


def redacted_key(api_key: Optional[Any]) -> str:
    """How repr() mentions a key: that there is one, never what it is."""
    return f" api_key={REDACTED}" if reveal(api_key) else ""
