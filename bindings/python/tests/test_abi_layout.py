"""The ctypes structs against native/abi/layout.json, whose every number the C suite asserts against the compiler."""

from __future__ import annotations

import ctypes
import json
from pathlib import Path

import pytest

from deepseek_ocr import _ctypes

LAYOUT = Path(__file__).resolve().parents[3] / "native" / "abi" / "layout.json"
STRUCTS = json.loads(LAYOUT.read_text(encoding="utf-8"))["structs"]


@pytest.mark.parametrize("name", sorted(STRUCTS))
def test_struct_has_the_headers_size_and_offsets(name: str) -> None:
    expected = STRUCTS[name]
    struct = getattr(_ctypes, name)
    assert ctypes.sizeof(struct) == expected["size"], f"sizeof({name})"
    assert ctypes.alignment(struct) == expected["alignment"], f"_Alignof({name})"
    assert [field[0] for field in struct._fields_] == list(expected["fields"]), f"the fields of {name}, in order"
    for field, place in expected["fields"].items():
        assert getattr(struct, field).offset == place["offset"], f"offsetof({name}, {field})"
        assert getattr(struct, field).size == place["size"], f"the size of {name}.{field}"


def test_the_bindings_mirror_the_layouts_version() -> None:
    assert json.loads(LAYOUT.read_text(encoding="utf-8"))["version"] == _ctypes.OCR_VERSION
