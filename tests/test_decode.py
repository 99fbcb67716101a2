from __future__ import annotations

import codecs

import pytest

from cleaner.decode import BinaryFileError, decode, encode


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        ("café “x”\n".encode(), "utf-8", "café “x”\n"),
        (codecs.BOM_UTF8 + "café\n".encode(), "utf-8", "café\n"),
        (codecs.BOM_UTF16_LE + "café\r\n".encode("utf-16-le"), "utf-16-le", "café\r\n"),
        (codecs.BOM_UTF16_BE + "café".encode("utf-16-be"), "utf-16-be", "café"),
        ("naïve “quote”".encode("cp1252"), "cp1252", "naïve “quote”"),
        (b"caf\xe9 \x81", "latin-1", "café \x81"),
        (b"", "utf-8", ""),
    ],
)
def test_decode_and_round_trip(data: bytes, encoding: str, text: str) -> None:
    d = decode(data)
    assert d.encoding == encoding
    assert d.text == text
    back, enc = encode(d.text, d)
    assert back == data
    assert enc == encoding


def test_bom_label_and_newline() -> None:
    d = decode(codecs.BOM_UTF8 + b"a\r\nb\r\n")
    assert d.label == "utf-8-sig"
    assert d.newline == "\r\n"
    assert d.text == "a\r\nb\r\n"  # line endings are kept, so offsets are file offsets


def test_utf16_without_bom_is_detected() -> None:
    assert decode("hello world".encode("utf-16-le")).text == "hello world"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(0, 32)) * 10])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryFileError):
        decode(data)


def test_legacy_encoding_falls_back_to_utf8_when_unencodable() -> None:
    d = decode("caf\xe9".encode("latin-1") + b"\x81")
    data, enc = encode("café ✓", d)
    assert enc == "utf-8"
    assert data.decode("utf-8") == "café ✓"
