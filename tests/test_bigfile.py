"""Big files as a stream (issue 26, case 8: memory at most 3x the file plus a constant).

A big file is read, decoded, cleaned and written window by window (`cleaner.bigfile`). These tests
make "big" small (the window and threshold sizes are patched) so that they run in a second, and check
that the stream gives exactly what the in-memory path gives: the same windows as `pipeline.chunks`,
the same encoding decision as `decode.decode`, the same findings, scores and written bytes, and the
same guarantees when writing the user's file (atomic, an edit made meanwhile is kept).
"""

from __future__ import annotations

import codecs
import itertools
import os
from pathlib import Path

import pytest

import cleaner.pipeline as P
from cleaner import bigfile
from cleaner.decode import DecodeError, decode, encode
from cleaner.files import Target
from cleaner.model import LineIndex
from cleaner.runner import Job, process_one, streams

PARAS = [
    "Police said « at least six » people died , officials said.",
    "The storm hit the coast on Monday.",
    "At the minimum , the minister said so .",
    "Prices rose 3 % in March—the most since 2019.",
]


def _text(n_paras: int, seps: tuple[str, ...] = ("\n\n",)) -> str:
    out = []
    for i in range(n_paras):
        out.append(PARAS[i % len(PARAS)] + seps[i % len(seps)])
    return "".join(out)


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows of ~500 characters above 2,000, read 97 bytes at a time (pieces end mid-character)."""
    monkeypatch.setattr(P, "CHUNK_THRESHOLD", 2_000)
    monkeypatch.setattr(P, "CHUNK_CHARS", 500)
    monkeypatch.setattr(bigfile, "BLOCK", 97)


SEPARATORS = [
    ("\n\n",),
    ("\r\n\r\n", "\r\n"),
    ("\n \t \n\n\n", "\n", "\n\n\n\n"),
    ("\n" + " " * 700 + "\n",),  # a blank line longer than a read and than a window
]


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize("seps", SEPARATORS)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_windows_are_the_windows_of_chunks(tmp_path: Path, seps: tuple[str, ...], encoding: str) -> None:
    text = _text(300, seps)
    if encoding == "cp1252":
        text = text.replace("«", '"').replace("»", '"').replace("—", "-")
    f = tmp_path / "big.txt"
    f.write_bytes(text.encode(encoding))
    got = list(bigfile.windows(f, bigfile.sniff(f), "text"))
    spans = P.chunks(text, "text")
    assert len(spans) > 3
    assert [(s, t) for s, t in got] == [(s, text[s:e]) for s, e in spans]


@pytest.mark.usefixtures("small")
def test_markdown_windows_keep_fences_and_front_matter_whole(tmp_path: Path) -> None:
    text = "---\ntitle: x\n\n" + "a: b\n\n" * 150 + "---\n\n" + _text(40)
    text += "```\n" + "code  line\n\n" * 100 + "```\n\n" + _text(200)
    f = tmp_path / "big.md"
    f.write_text(text, encoding="utf-8")
    got = list(bigfile.windows(f, bigfile.sniff(f), "markdown"))
    assert [(s, t) for s, t in got] == [(s, text[s:e]) for s, e in P.chunks(text, "markdown")]
    assert len(got) > 3


@pytest.mark.usefixtures("small")
def test_inline_controls_keep_one_window(tmp_path: Path) -> None:
    text = _text(100) + "<!-- clean" + "er: off -->\n\n" + _text(100)
    f = tmp_path / "big.md"
    f.write_text(text, encoding="utf-8")
    assert list(bigfile.windows(f, bigfile.sniff(f), "markdown")) == [(0, text)]


SAMPLES = [
    "Plain ASCII.\n" * 50,
    "Curly “quotes” and «guillemets»\r\n" * 40,
    "\ufeffBOM first\n" * 30,
    "\r".join(["old Mac line endings"] * 40),
]


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize(
    "data",
    [s.encode("utf-8") for s in SAMPLES]
    + [codecs.BOM_UTF8 + SAMPLES[1].encode("utf-8")]
    + [codecs.BOM_UTF16_LE + SAMPLES[1].encode("utf-16-le"), SAMPLES[1].encode("utf-16-be")]
    + [codecs.BOM_UTF32_BE + SAMPLES[1].encode("utf-32-be")]
    + [SAMPLES[0].encode() + b"caf\xe9 \x93x\x94\n" * 30, SAMPLES[0].encode() + b"\x81\x8d caf\xe9\n" * 30]
    + [b"\x00\x01\x02binary" * 100, b"text\n" * 100 + b"\x01\x02\x03\x04" * 500, codecs.BOM_UTF8 + b"\xff\xfe" * 50],
)
def test_sniff_decides_as_decode_does(tmp_path: Path, data: bytes) -> None:
    f = tmp_path / "f.txt"
    f.write_bytes(data)
    try:
        d = decode(data)
    except DecodeError as exc:
        with pytest.raises(type(exc)) as got:
            bigfile.sniff(f)
        assert str(got.value) == str(exc)
        return
    s = bigfile.sniff(f)
    assert (s.encoding, s.bom, s.newline, s.chars, s.decoded().label) == (
        d.encoding,
        d.bom,
        d.newline,
        len(d.text),
        d.label,
    )
    assert "".join(t for _, t in bigfile.windows(f, s, "text")) == d.text


def _run(f: Path, job: Job):  # type: ignore[no-untyped-def]
    from cleaner.config import DEFAULT

    return process_one(Target(f, Path(f.name), f.name), job, DEFAULT)


def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    assert [(x.rule, x.start, x.end, x.text, x.suggestion, x.message) for x in a.findings] == [
        (x.rule, x.start, x.end, x.text, x.suggestion, x.message) for x in b.findings
    ]
    assert (a.scores, a.fixes_applied, a.changed, a.encoding, a.error) == (
        b.scores,
        b.fixes_applied,
        b.changed,
        b.encoding,
        b.error,
    )


@pytest.mark.usefixtures("small")
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1"])
def test_streamed_clean_equals_the_in_memory_one(tmp_path: Path, encoding: str) -> None:
    text = _text(400, ("\n\n", "\r\n\r\n"))
    if encoding == "latin-1":  # a curly quote put in by a fix is not latin-1: the output falls back to UTF-8
        text = text.replace("—", "-") + "\x81\n"  # a byte cp1252 leaves undefined: read as latin-1
    f = tmp_path / "big.txt"
    f.write_bytes(text.encode(encoding))
    whole = _run(f, Job(fix=True, out_dir=tmp_path / "a", report_dir=tmp_path / "ra"))
    streamed = _run(f, Job(fix=True, out_dir=tmp_path / "b", report_dir=tmp_path / "rb", stream=True))
    assert whole.original and not streamed.original and streamed.length == len(whole.original)
    _same(streamed, whole)
    assert whole.changed and len(whole.findings) > 100
    assert (tmp_path / "b/big.txt").read_bytes() == (tmp_path / "a/big.txt").read_bytes()
    assert (tmp_path / "b/big.txt").read_bytes() == encode(whole.cleaned, decode(f.read_bytes()))[0]
    for ext in (".json", ".md"):
        assert (tmp_path / "rb" / f"big.txt{ext}").read_bytes() == (tmp_path / "ra" / f"big.txt{ext}").read_bytes()
    index = LineIndex(whole.original)
    assert [streamed.line_index().position(x.start) for x in streamed.findings] == [
        index.position(x.start) for x in whole.findings
    ]
    assert not list(tmp_path.rglob("*.cleaner-tmp"))


@pytest.mark.usefixtures("small")
def test_streamed_in_place_rewrites_atomically_and_only_when_changed(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("The storm hit the coast on Monday.\n\n" * 200, encoding="utf-8")
    before = clean.stat()
    r = _run(clean, Job(fix=True, in_place=True, stream=True))
    assert r.error is None and not r.changed
    assert clean.stat().st_ino == before.st_ino and clean.stat().st_mtime_ns == before.st_mtime_ns

    dirty = tmp_path / "dirty.txt"
    text = _text(400)
    dirty.write_text(text, encoding="utf-8")
    other = tmp_path / "other-link.txt"
    os.link(dirty, other)  # a hard link keeps seeing the one file
    expected = P.clean_text(text, str(dirty)).cleaned
    r = _run(dirty, Job(fix=True, in_place=True, stream=True))
    assert r.error is None and r.changed
    assert dirty.read_text(encoding="utf-8") == expected == other.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("*.cleaner-tmp"))


@pytest.mark.usefixtures("small")
def test_an_edit_made_while_a_big_file_is_cleaned_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "big.txt"
    f.write_text(_text(400), encoding="utf-8")
    real = P.clean_text
    calls = itertools.count()

    def editing(*args, **kwargs):  # type: ignore[no-untyped-def]
        if next(calls) == 1:  # the user saves the file while the second window is cleaned
            with f.open("a", encoding="utf-8") as fh:
                fh.write("My own new line.\n")
        return real(*args, **kwargs)

    monkeypatch.setattr(P, "clean_text", editing)
    r = _run(f, Job(fix=True, in_place=True, stream=True))
    assert r.error and "changed on disk" in r.error and not r.changed
    assert f.read_text(encoding="utf-8").endswith("My own new line.\n")
    assert not list(tmp_path.glob("*.cleaner-tmp"))


@pytest.mark.usefixtures("small")
def test_small_files_and_other_jobs_are_not_streamed(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    f.write_text(_text(400), encoding="utf-8")
    assert streams(Target(f, Path("big.txt"), "big.txt"), Job(stream=True))
    assert not streams(Target(f, Path("big.txt"), "big.txt"), Job())  # the library's default: texts
    assert not streams(Target(f, Path("big.txt"), "big.txt"), Job(stream=True, html_view=True))
    small = tmp_path / "small.txt"
    small.write_text(_text(5), encoding="utf-8")
    assert not streams(Target(small, Path("small.txt"), "small.txt"), Job(stream=True))


def test_clean_out_of_a_big_file_holds_a_fraction_of_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`clean --out` on a 20 MB file, measured with tracemalloc: what the reading, decoding, windows,
    findings, line index and writing hold at their peak is a fraction of the file (it was ~5x: the
    bytes, the text in two bytes a character, the cleaned text and the encoded copy, all at once).

    The detectors are replaced by one cheap rule (a space before a comma, one finding per ~250
    characters as in news) so that this runs in seconds; what the real detectors hold per window is
    bounded by the window and printed by `bench/memory.py` (peak RSS of the real command)."""
    import re
    import tracemalloc

    from clirunner import invoke

    from cleaner.model import Applicability, Finding, Result, Severity

    def one_rule(text: str, path=None, markup=None, config=None, fix=True, encoding="utf-8"):  # type: ignore[no-untyped-def]
        found = [
            Finding("spacing/space-before-punctuation", "spacing", Severity.WARNING, "Space before a comma",
                    m.start(), m.end(), m.group(), ",", Applicability.SAFE)
            for m in re.finditer(" ,", text)
        ]  # fmt: skip
        cleaned = text.replace(" ,", ",") if fix else text
        return Result(path, text, cleaned, encoding, found, {"spin": 0.0}, fixes_applied=len(found) if fix else 0)

    para = "Yes , the minister — who spoke on Monday after the vote — said prices would rise. " * 3
    f = tmp_path / "big.txt"
    with f.open("w", encoding="utf-8") as fh:
        for i in range(20_000_000 // (len(para) + 2)):
            fh.write(f"{para}{i}\n\n")
    size = f.stat().st_size
    monkeypatch.setattr(P, "clean_text", one_rule)
    # windows of 100,000 characters (not 1,000,000) read 256 KB at a time: what one window holds is then
    # small next to the file, and the peak shows what grows with the file
    monkeypatch.setattr(P, "CHUNK_THRESHOLD", 1_000_000)
    monkeypatch.setattr(P, "CHUNK_CHARS", 100_000)
    monkeypatch.setattr(bigfile, "BLOCK", 1 << 18)
    tracemalloc.start()
    try:
        r = invoke(["clean", "--out", str(tmp_path / "out"), "-q", "-j", "1", str(f)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.exit_code == 0, r.output
    out = (tmp_path / "out" / "big.txt").read_bytes()
    assert b" ," not in out and len(out) == size - f.read_bytes().count(b" ,")  # every comma fixed, once
    assert peak < 0.5 * size, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.1f} MB file"


def test_json_report_in_pieces_is_the_json_report() -> None:
    from cleaner.model import Result
    from cleaner.report.json import iter_json, render_json

    texts = [_text(12), "Clean text.\n", ""]
    results = [P.clean_text(t, f"f{i}.txt") for i, t in enumerate(texts)]
    results[0].path, results[1].path, results[2].path = "a.txt", "b.txt", "c.txt"
    results.append(Result(path="bad.txt", original="", cleaned="", error="cannot read: denied"))
    results.append(Result(path="bin.dat", original="", cleaned="", skipped="binary file"))
    assert results[0].findings and not results[1].findings
    assert "".join(iter_json(results)) == render_json(results)
    assert "".join(iter_json([])) == render_json([])


@pytest.mark.usefixtures("small")
def test_check_fix_on_a_big_file_reports_what_the_fixed_file_still_holds(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    text = _text(400, ("\n\n", "\r\n\r\n")) + "The chief minister of Iraq said so.\n\n" * 3  # left for an editor
    for d in (a, b):
        (d / "big.txt").write_text(text, encoding="utf-8", newline="")
    whole = _run(a / "big.txt", Job(fix=True, in_place=True, recheck=True))
    streamed = _run(b / "big.txt", Job(fix=True, in_place=True, recheck=True, stream=True))
    assert (b / "big.txt").read_bytes() == (a / "big.txt").read_bytes() != text.encode()
    _same(streamed, whole)
    assert streamed.fixed_rules == whole.fixed_rules and streamed.fixed_rules
    fixed = (b / "big.txt").read_bytes().decode("utf-8")
    assert streamed.findings and all(fixed[f.start : f.end] == f.text for f in streamed.findings)
    index = LineIndex(fixed)
    assert [streamed.line_index().position(f.start) for f in streamed.findings] == [
        index.position(f.start) for f in whole.findings
    ]
