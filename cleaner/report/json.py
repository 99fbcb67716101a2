"""JSON report, version 1 — the contract other tools rely on (see DESIGN.md)."""

from __future__ import annotations

import json.encoder
from collections.abc import Callable, Iterable, Iterator
from json.encoder import JSONEncoder, encode_basestring

from ..model import Result
from .counts import summary

#: CPython's C encoder (not in the type stubs; None on an interpreter without it)
_Encode = Callable[[object, int], Iterable[str]]
_c_make_encoder: Callable[..., _Encode] | None = getattr(json.encoder, "c_make_encoder", None)


def report_dict(results: list[Result]) -> dict[str, object]:
    return {"version": 1, "files": [r.to_dict() for r in results], "summary": summary(results)}


def render_json(results: list[Result]) -> str:
    """The report, one finding per line (readable, diff-friendly).

    Why not `json.dumps(..., indent=1)`: with `indent` the standard library falls back to its pure-Python
    encoder, which made writing reports slower than cleaning the files. Each finding is encoded by the
    C encoder and only the few levels above it are laid out here.
    """
    return _layout(report_dict(results), 0) + "\n"


def iter_json(results: list[Result]) -> Iterator[str]:
    """`render_json` in pieces, each finding's dict made as it is written: the same text, without the
    report (or its dicts) whole in memory. For big files (a 200 MB file has ~900,000 findings, and
    their dicts were ~1 KB each)."""
    report = {"version": 1, "files": [r.to_dict(lazy=True) for r in results], "summary": summary(results)}
    yield from _pieces(report, 0)
    yield "\n"


def _pieces(value: object, level: int) -> Iterator[str]:
    """`_layout` as pieces; an iterator (a file's lazy findings) is laid out as a list."""
    if isinstance(value, Iterator):
        first = next(value, None)
        if first is None:
            yield "[]"
            return
        pad = " " * (level + 1)
        yield "[\n" + pad + _layout(first, level + 1)
        for item in value:
            yield ",\n" + pad + _layout(item, level + 1)
        yield "\n" + " " * level + "]"
        return
    if level >= _LAID_OUT or not isinstance(value, (dict, list)) or not value:
        yield _dumps(value)
        return
    pad = " " * (level + 1)
    if isinstance(value, dict):
        yield "{\n"
        for i, (k, v) in enumerate(value.items()):
            yield (",\n" if i else "") + f"{pad}{_dumps(k)}: "
            yield from _pieces(v, level + 1)
        yield "\n" + " " * level + "}"
        return
    yield "["
    for i, v in enumerate(value):
        yield ("," if i else "") + "\n" + pad
        yield from _pieces(v, level + 1)
    yield "\n" + " " * level + "]"


#: Nesting levels laid out one item per line (report, files, file, findings); deeper values are compact.
_LAID_OUT = 4


def _encoder() -> Callable[[object], str]:
    """`json.dumps(value, ensure_ascii=False)`, without building an encoder per call.

    `dumps` makes a `JSONEncoder` and then a C encoder for every value; a report makes one call per
    finding plus a few per file (12,790 calls for the 183 files of `bench/run.py`), and building them was
    a third of the report's time. Where CPython's C encoder is missing (`_c_make_encoder` None), the
    encoder object is still made once."""
    enc = JSONEncoder(ensure_ascii=False)
    if _c_make_encoder is None:  # pragma: no cover - CPython always has it
        return enc.encode
    # the arguments `JSONEncoder.iterencode(_one_shot=True)` passes for these options, but no markers
    # dict (the circular-reference check): a report is a tree of fresh dicts and lists
    c_encode = _c_make_encoder(None, enc.default, encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(c_encode(value, 0))


_dumps = _encoder()


def _layout(value: object, level: int) -> str:
    if level >= _LAID_OUT or not isinstance(value, (dict, list)) or not value:
        return _dumps(value)
    pad = " " * (level + 1)
    if isinstance(value, dict):
        items = [f"{pad}{_dumps(k)}: {_layout(v, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * level + "}"
    items = [pad + _layout(v, level + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * level + "]"
