"""bytes → str and back, remembering everything needed to write the file out the way it came in.

Order of attempts: a BOM (UTF-8, UTF-16 LE/BE, UTF-32), strict UTF-8, BOM-less UTF-16 (NUL bytes in
alternate positions), then the legacy single-byte encodings news sites still serve (cp1252, whose
undefined bytes make it fail on some files, then latin-1, which never fails). Binary files — NUL bytes
that are not UTF-16, or many control bytes — are refused with `BinaryFileError` so that nothing is
ever "cleaned" into garbage. Line endings are not touched at all: the decoded text keeps `\\r\\n`, so
offsets are offsets into the file as it is, and writing back is exact.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


class DecodeError(ValueError):
    """The bytes are not text cleaner can safely process (the message says why)."""


class BinaryFileError(DecodeError):
    pass


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    bom: bytes = b""
    newline: str = "\n"

    @property
    def is_utf8(self) -> bool:
        return self.encoding == "utf-8"

    @property
    def label(self) -> str:
        """The encoding as reports show it (`utf-8-sig` for UTF-8 with a BOM)."""
        if self.bom and self.encoding == "utf-8":
            return "utf-8-sig"
        return self.encoding


def newline_of(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    if crlf > lf:
        return "\r\n"
    if not crlf and not lf and "\r" in text:
        return "\r"
    return "\n"


def _looks_utf16(data: bytes) -> str | None:
    return utf16_by_zeros(len(data), data[0::2].count(0), data[1::2].count(0))


def utf16_by_zeros(size: int, even_zeros: int, odd_zeros: int) -> str | None:
    """BOM-less UTF-16 told by where its NUL bytes are (counts of the bytes at even and odd offsets);
    counts, not bytes, so that a big file read block by block is judged the same (`bigfile.sniff`)."""
    if size < 4 or size % 2:
        return None
    half = size // 2
    if odd_zeros > 0.4 * half and even_zeros < 0.05 * half:
        return "utf-16-le"
    if even_zeros > 0.4 * half and odd_zeros < 0.05 * half:
        return "utf-16-be"
    return None


#: how much of a file's start the control-byte test looks at
SAMPLE = 65536


def binary_sample(sample: bytes) -> bool:
    """Whether the first `SAMPLE` bytes hold too many control bytes for text."""
    return bool(sample) and sum(sample.count(c) for c in _CONTROL) > 0.01 * len(sample) + 2


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes; raise `BinaryFileError`/`DecodeError` with a one-line reason."""
    for bom, enc in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc.reason}") from exc
            base = "utf-16" if enc.startswith("utf-16") else enc
            return Decoded(text, enc if base != "utf-8" else "utf-8", bom, newline_of(text))
    if b"\x00" in data:
        wide = _looks_utf16(data)
        if wide:
            try:
                text = data.decode(wide)
                return Decoded(text, wide, b"", newline_of(text))
            except UnicodeDecodeError:
                pass
        raise BinaryFileError("binary file (contains NUL bytes)")
    if binary_sample(data[:SAMPLE]):
        raise BinaryFileError("binary file (control bytes)")
    try:
        text = data.decode("utf-8")
        return Decoded(text, "utf-8", b"", newline_of(text))
    except UnicodeDecodeError:
        pass
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return Decoded(text, enc, b"", newline_of(text))
    raise DecodeError("undecodable text")  # pragma: no cover - latin-1 decodes any byte string


def encode(text: str, like: Decoded) -> tuple[bytes, str]:
    """Encode `text` the way `like` was read: same encoding and BOM; line endings are in `text`.

    If the cleaned text cannot be represented in a legacy encoding (a curly quote in latin-1, say),
    fall back to UTF-8 and say so in the returned encoding name rather than lose characters.
    """
    try:
        return like.bom + text.encode(like.encoding), like.encoding
    except UnicodeEncodeError:
        return text.encode("utf-8"), "utf-8"
