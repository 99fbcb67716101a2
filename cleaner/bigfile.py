"""Big files as a stream: read, decode, clean and write window by window, never the whole text at once.

Why: a 200 MB file peaked at 1.9–2.1 GB resident (issue 26): its bytes, its text (two or four bytes a
character once one character is outside Latin-1), the cleaned windows, their join and the encoded
copy were all alive together. `pipeline.chunks` already cleans such a file in windows of about a
megabyte; here the windows are also *read* one by one from the file and each cleaned window goes
straight into the output's temp file (`atomic.atomic_writer`). What stays is per finding (the findings
themselves) and 8 bytes per line (`LineIndex.streamed`, for line:column in reports).

The file is read three times: once for its stamp (size, mtime, content hash) and the byte tests of
`decode.decode`, once to decode it with the encoding chosen as `decode` would (its length in
characters, its line-ending style, whether it holds inline controls), and once to clean it. The
windows are exactly `pipeline.chunks`'s, so a streamed result equals the in-memory one (a test checks).
"""

from __future__ import annotations

import codecs
import hashlib
import pickle
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, overload

from .atomic import ChangedError, Stamp, open_regular
from .decode import BOMS, SAMPLE, BinaryFileError, Decoded, DecodeError, binary_sample, utf16_by_zeros
from .files import Target, safe_name
from .model import Applicability, Edit, Finding, Result, Severity

if TYPE_CHECKING:
    from .config import Config

#: bytes read at a time
BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Sniffed:
    """What the first two reads learnt: how to decode the file, and what `chunks` needs to know."""

    encoding: str
    bom: bytes
    chars: int  # length of the decoded text
    newline: str
    controls: bool  # holds "cleaner:" (inline controls): never cut into windows
    stamp: Stamp

    def decoded(self) -> Decoded:
        """A `Decoded` without its text: enough for `decode.encode` and the encoding's label."""
        return Decoded("", self.encoding, self.bom, self.newline)


def sniff(path: Path) -> Sniffed:
    """`decode.decode`'s choice of encoding (and its errors) for the file at `path`, read in blocks."""
    h = hashlib.blake2b(digest_size=16)
    head = b""
    nul = False
    size = even_zeros = odd_zeros = 0
    with open_regular(path) as (fh, st):
        while block := fh.read(BLOCK):
            h.update(block)
            if len(head) < SAMPLE:
                head += block[: SAMPLE - len(head)]
            if b"\x00" in block:
                nul = True
            a, b = block[0::2].count(0), block[1::2].count(0)
            if size % 2:  # this block starts at an odd offset of the file
                a, b = b, a
            even_zeros, odd_zeros = even_zeros + a, odd_zeros + b
            size += len(block)
    stamp = Stamp(st.st_size, st.st_mtime_ns, h.digest())
    for bom, enc in BOMS:
        if head.startswith(bom):
            try:
                return _scanned(path, enc, bom, stamp)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc.reason}") from exc
    if nul:
        wide = utf16_by_zeros(size, even_zeros, odd_zeros)
        if wide:
            try:
                return _scanned(path, wide, b"", stamp)
            except UnicodeDecodeError:
                pass
        raise BinaryFileError("binary file (contains NUL bytes)")
    if binary_sample(head):
        raise BinaryFileError("binary file (control bytes)")
    for enc in ("utf-8", "cp1252", "latin-1"):
        try:
            return _scanned(path, enc, b"", stamp)
        except UnicodeDecodeError:
            continue
    raise DecodeError("undecodable text")  # pragma: no cover - latin-1 decodes any byte string


def _pieces(path: Path, encoding: str, bom: bytes, stamp: Stamp | None = None) -> Iterator[str]:
    """The file's text, decoded block by block (strict). With `stamp`: raise `ChangedError` at the end
    when the bytes read are not the ones the stamp describes (the file changed between the reads)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    h = hashlib.blake2b(digest_size=16)
    size = 0
    try:
        with open_regular(path) as (fh, _):
            skip = len(bom)
            while block := fh.read(BLOCK):
                h.update(block)
                size += len(block)
                if skip:
                    block, skip = block[skip:], max(0, skip - len(block))
                yield decoder.decode(block)
            yield decoder.decode(b"", True)
    except UnicodeDecodeError:
        if stamp is None:
            raise
        raise _changed(path) from None
    if stamp is not None and (size != stamp.size or h.digest() != stamp.digest):
        raise _changed(path)


def _changed(path: Path) -> ChangedError:
    return ChangedError(0, "changed on disk while it was being read; left as it is", str(path))


def _scanned(path: Path, encoding: str, bom: bytes, stamp: Stamp) -> Sniffed:
    chars = crlf = lf = 0
    cr = controls = False
    prev = ""
    for piece in _pieces(path, encoding, bom):
        if not piece:
            continue
        chars += len(piece)
        crlf += piece.count("\r\n") + (prev.endswith("\r") and piece.startswith("\n"))
        lf += piece.count("\n")
        cr = cr or "\r" in piece
        controls = controls or "cleaner:" in prev[-7:] + piece[:7] or "cleaner:" in piece
        prev = piece
    lf -= crlf
    newline = "\r\n" if crlf > lf else "\r" if not crlf and not lf and cr else "\n"
    return Sniffed(encoding, bom, chars, newline, controls, stamp)


def windows(path: Path, sniffed: Sniffed, markup: str) -> Iterator[tuple[int, str]]:
    """`(start, text)` of each window `pipeline.chunks` would cut the decoded file into, read as needed.

    `chunks` scans the whole text once for blank lines from CHUNK_CHARS on and takes a blank line as a
    cut when the conditions hold; here the same scan runs over a buffer that holds the text from the
    current window's start (and one character before it: a `^` at the window's start must see it).
    A blank line is only taken once it ends inside the buffer, so it is the match the whole text gives.
    """
    from . import pipeline as P

    n = sniffed.chars
    pieces = _pieces(path, sniffed.encoding, sniffed.bom, sniffed.stamp)
    if n <= P.CHUNK_THRESHOLD or sniffed.controls:
        yield 0, "".join(pieces)
        return
    size, blank, fence = P.CHUNK_CHARS, P._BLANK_LINE, P._FENCE
    buf, base, last, scan = "", 0, 0, size  # buf is text[base:]; `scan`: where the scan goes on
    done = False
    while not done:
        piece = next(pieces, None)
        if piece is None:
            done = True
        else:
            buf += piece
        while True:
            m = blank.search(buf, max(0, scan - base))
            if m is None or (not done and m.end() >= len(buf)):
                if m is None and not done:  # what is left can start a blank line only in its trailing run
                    scan = max(scan, base + len(buf.rstrip("\r\n \t")))
                break
            scan, cut = base + m.end(), base + m.start()
            if cut - last < size or n - cut < size:
                continue
            if markup == "markdown" and len(fence.findall(buf, last - base, cut - base)) % 2:
                continue  # inside a fenced code block
            if markup == "markdown" and last == 0 and buf.startswith(("---", "+++")) and P._in_front_matter(buf, cut):
                continue
            yield last, buf[last - base : cut - base]
            buf, base, last = buf[cut - 1 - base :], cut - 1, cut
    yield last, buf[last - base :]


class PackedFindings(Sequence[Finding]):
    """The findings of a streamed file, kept pickled and compressed window by window; a read unpacks
    one window at a time (new `Finding` objects on each read: change them in place and the change is
    lost).

    Why: a finding as objects costs ~500 bytes (the object, its ints, its strings, its `Edit`) and news
    gives one per ~230 bytes of text: 2x the file on their own, and scattered among each window's
    short-lived objects they kept the allocator's memory from being reused. Packed, with the rule IDs
    and messages a window repeats compressed away, they take a few tens of bytes each.
    """

    __slots__ = ("_head", "_packs", "_sizes")

    def __init__(self, head: list[Finding] | None = None) -> None:
        self._head = list(head or [])
        self._packs: list[bytes] = []
        self._sizes: list[int] = []

    def add(self, findings: list[Finding], delta: int = 0) -> None:
        """Keep `findings`, moved `delta` characters on (a window's findings into the whole file)."""
        if findings:
            rows = [_row(f, delta) for f in findings]
            self._packs.append(zlib.compress(pickle.dumps(rows, pickle.HIGHEST_PROTOCOL), 1))
            self._sizes.append(len(findings))

    def insert_first(self, finding: Finding) -> None:
        self._head.insert(0, finding)

    def __len__(self) -> int:
        return len(self._head) + sum(self._sizes)

    def __iter__(self) -> Iterator[Finding]:
        yield from self._head
        for pack in self._packs:
            yield from map(_finding, pickle.loads(zlib.decompress(pack)))

    @overload
    def __getitem__(self, i: int) -> Finding: ...
    @overload
    def __getitem__(self, i: slice) -> list[Finding]: ...
    def __getitem__(self, i: int | slice) -> Finding | list[Finding]:
        if isinstance(i, slice):
            return list(self)[i]
        if i < 0:
            i += len(self)
        if 0 <= i < len(self._head):
            return self._head[i]
        i -= len(self._head)
        for pack, size in zip(self._packs, self._sizes, strict=True):
            if 0 <= i < size:
                return _finding(pickle.loads(zlib.decompress(pack))[i])
            i -= size
        raise IndexError("finding index out of range")

    def __reduce__(self) -> tuple[object, ...]:
        return (_unpickle_packed, (self._head, self._packs, self._sizes))


_Row = tuple[str, str, str, str, int, int, str, "str | None", str, float, "tuple[int, int, str] | None"]


def _row(f: Finding, delta: int) -> _Row:
    """A finding as a tuple of plain values (they pickle at C speed; a slots dataclass does not)."""
    fix = None if f.fix is None else (f.fix.start + delta, f.fix.end + delta, f.fix.replacement)
    return (f.rule, f.category, f.severity.value, f.message, f.start + delta, f.end + delta, f.text,
            f.suggestion, f.applicability.value, f.confidence, fix)  # fmt: skip


def _finding(row: _Row) -> Finding:
    rule, category, severity, message, start, end, text, suggestion, applicability, confidence, fix = row
    return Finding(
        rule,
        category,
        Severity(severity),
        message,
        start,
        end,
        text,
        suggestion,
        Applicability(applicability),
        confidence,
        None if fix is None else Edit(*fix),
    )


def _unpickle_packed(head: list[Finding], packs: list[bytes], sizes: list[int]) -> PackedFindings:
    out = PackedFindings(head)
    out._packs, out._sizes = packs, sizes
    return out


class _ReadError(Exception):
    """An OSError while reading the input (not while writing an output): the message names the input."""


class _Unencodable(Exception):
    """A cleaned window cannot be written in the file's legacy encoding: write the file as UTF-8."""


def _read(items: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except ChangedError:
            raise
        except OSError as exc:
            raise _ReadError(exc) from exc
        yield item


def stream_file(
    target: Target, config: Config, fix: bool, out_dir: Path | None, in_place: bool, recheck: bool = False
) -> tuple[Result, Decoded | None]:
    """`runner.process_one` for a big file (its caller adds the legacy-encoding note and the reports):
    the same findings, scores, counts and written bytes, with the texts never whole in memory (the
    result keeps a line index and the length instead). Also returns how the file was decoded (None
    when it could not be read). `recheck` (`check --fix`): once the file is rewritten, its findings
    are those of the fixed text, each window re-checked as it is fixed (`runner._recheck`)."""
    name = target.display
    try:
        sniffed = sniff(target.path)
    except IsADirectoryError:
        return Result(path=name, original="", cleaned="", error="is a directory"), None
    except OSError as exc:
        return Result(path=name, original="", cleaned="", error=f"cannot read: {exc.strerror or exc}"), None
    except DecodeError as exc:
        return Result(path=name, original="", cleaned="", skipped=str(exc)), None
    like = sniffed.decoded()
    try:
        result = _streamed(target, config, (fix, out_dir, in_place, recheck), sniffed, like)
    except _Unencodable:
        result = _streamed(target, config, (fix, out_dir, in_place, recheck), sniffed, Decoded("", "utf-8"))
    return result, like


def _streamed(
    target: Target, config: Config, what: tuple[bool, Path | None, bool, bool], sniffed: Sniffed, out: Decoded
) -> Result:
    from contextlib import ExitStack

    from .atomic import atomic_writer
    from .fixes import applicable
    from .model import LineIndex
    from .pipeline import clean_text
    from .segment import markup_for

    fix, out_dir, in_place, recheck = what
    path = str(target.path)
    markup = markup_for(path)
    label = sniffed.decoded().label
    result = Result(path=target.display, original="", cleaned="", encoding=label, was_changed=False)
    findings = PackedFindings()
    lines = LineIndex.streamed()
    weighted: dict[str, float] = {}
    scores: dict[str, float] = {}
    count = 0
    # `recheck`: the findings and lines of the fixed text, where it stands (`at`), and the fixes by rule
    left, left_lines, at, fixed = PackedFindings(), LineIndex.streamed(), 0, dict[str, int]()
    written: Path | None = None
    try:
        with ExitStack() as stack:
            sinks = []
            if fix and out_dir is not None:
                written = out_dir / target.relative
                sinks.append(stack.enter_context(atomic_writer(written, durable=False)))
            rewrite = None
            if fix and in_place:
                written = target.path
                rewrite = stack.enter_context(atomic_writer(target.path, expect=sniffed.stamp, follow=True))
                sinks.append(rewrite)
            for start, window in _read(windows(target.path, sniffed, markup)):
                part = clean_text(window, path, markup=markup, config=config, fix=fix, encoding=label)
                findings.add(part.findings, start)
                lines.extend(window, start)
                result.fixes_applied += part.fixes_applied
                result.was_changed = result.was_changed or part.cleaned != window
                scores = part.scores
                for key, value in part.scores.items():
                    weighted[key] = weighted.get(key, 0.0) + value * len(window)
                count += 1
                if sinks:
                    try:
                        data = part.cleaned.encode(out.encoding)
                    except UnicodeEncodeError:
                        raise _Unencodable from None
                    if start == 0:
                        data = out.bom + data
                    for sink in sinks:
                        sink.write(data)
                if recheck:
                    if part.cleaned == window:
                        left.add(part.findings, at)
                    else:
                        again = clean_text(part.cleaned, path, markup=markup, config=config, fix=False, encoding=label)
                        left.add(again.findings, at)
                    left_lines.extend(part.cleaned, at)
                    at += len(part.cleaned)
                    for f in part.findings:
                        if f.fix is not None and applicable(f, config):
                            fixed[f.rule] = fixed.get(f.rule, 0) + 1
                del part, window
            if rewrite is not None and not result.was_changed:
                rewrite.discard()
    except ChangedError as exc:
        result.error = exc.strerror
        result.fixes_applied, result.was_changed = 0, False
    except _ReadError as exc:
        cause = exc.__cause__
        result.error = f"cannot read: {getattr(cause, 'strerror', None) or cause}"
    except OSError as exc:
        result.error = f"cannot write {safe_name(str(written or exc.filename))}: {exc.strerror or exc}"
    result.findings = findings  # type: ignore[assignment]  # a Sequence: readers only iterate and count
    result.lines, result.length = lines, sniffed.chars
    if recheck and result.was_changed and not result.error:
        result.findings, result.lines, result.length = left, left_lines, at  # type: ignore[assignment]
        result.fixed_rules = fixed
    total = max(1, sniffed.chars)
    result.scores = scores if count == 1 else {k: round(v / total, 4) for k, v in weighted.items()}
    return result
