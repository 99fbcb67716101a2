"""Headless Chromium for the review-page tests (not a test module: imported by them).

`needs_chromium` skips a test, with the reason and how to install it, when no `chromium` is on PATH;
`run_chromium` opens a page with a throw-away profile; `decode_png` reads its screenshots without an
image library (8-bit RGB/RGBA, non-interlaced, the PNGs Chromium writes).
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def run_chromium(html_path: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open `html_path` in headless Chromium with a throw-away profile and home (`extra`: what to do,
    e.g. `--dump-dom` or `--screenshot=PATH`); its stderr carries the console log."""
    assert CHROMIUM is not None
    profile = tmp / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        html_path.as_uri(),
    ]
    env = {**os.environ, "HOME": str(tmp)}
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env, check=False)


def decode_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows of RGB(A) bytes, bytes per pixel) of an 8-bit, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, [], 0
    h = ctype = interlace = depth = 0
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + n]
        pos += 12 + n
        if typ == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif typ == b"IDAT":
            idat.append(body)
        elif typ == b"IEND":
            break
    assert depth == 8 and interlace == 0 and ctype in (2, 6), (depth, ctype, interlace)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytes(stride)
    rows = []
    for y in range(h):
        i = y * (stride + 1)
        f, line = raw[i], raw[i + 1 : i + 1 + stride]
        if f == 0:
            cur = line
        elif f == 2:
            cur = bytes([(a + b) & 255 for a, b in zip(line, prev, strict=True)])
        else:
            out = bytearray(line)
            for x in range(stride):
                left = out[x - bpp] if x >= bpp else 0
                if f == 1:
                    out[x] = (out[x] + left) & 255
                elif f == 3:
                    out[x] = (out[x] + ((left + prev[x]) >> 1)) & 255
                else:
                    up, ul = prev[x], (prev[x - bpp] if x >= bpp else 0)
                    p = left + up - ul
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - ul)
                    out[x] = (out[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else ul)) & 255
            cur = bytes(out)
        rows.append(cur)
        prev = cur
    return w, h, rows, bpp
