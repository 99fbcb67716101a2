"""The bad-input battery (issue 9): hostile files through the real command line.

Why: users point cleaner at whatever a scraper produced. Every bad input must give one clear line and
the documented exit code (0 clean, 1 findings, 2 error; DESIGN.md), never a traceback, never a hang,
and the other files of the run must still be processed. Files that can be decoded (UTF-16, cp1252,
invalid UTF-8 read as cp1252) must round-trip: same encoding, BOM and line endings on the way out.

Every run goes through `python -m cleaner` in a subprocess with a timeout, as a user would meet it.
The 40 MB file is generated on the fly; it is skipped unless CLEANER_TEST_BIG=1 because it takes minutes
(figures are in the robustness report); a 2 MB file with the same content runs by default.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, cleaner

OK_TEXT = "The minister said the talks would resume on Monday.\n"
FIXABLE = "He said « yes » , and left.\n"


def no_traceback(r: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in r.stderr + r.stdout, r.stderr[-3000:]


def lines_naming(r: subprocess.CompletedProcess[str], name: str) -> list[str]:
    return [ln for ln in (r.stdout + r.stderr).splitlines() if name in ln]


def battery(folder: Path) -> dict[str, Path]:
    """A folder holding one of every kind of bad input next to good files."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "ok.txt": OK_TEXT.encode(),
        "fixable.txt": FIXABLE.encode(),
        "binary.txt": bytes(range(256)) * 8,
        "nul.txt": b"Hello\x00world, this is mostly text.\n",
        "controls.md": b"\x01\x02\x03\x04\x05\x06\x07\x08" * 20 + b"text\n",
        "invalid-utf8.txt": "Café « oui » .\n".encode() + b"\xff\xfe\x80 tail .\n",
        "utf16.txt": "\ufeff« Oui » said the man .\r\nSecond line.\r\n".encode("utf-16-le"),
        "cp1252.txt": "He said “yes” – it’s café .\r\n".encode("cp1252"),
        "empty.txt": b"",
        "blank.md": b"   \n\n\t \r\n\n",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "dir.md").mkdir(exist_ok=True)
    (folder / "dir.md" / "inside.md").write_text(FIXABLE, encoding="utf-8")
    (folder / "dangling.txt").symlink_to(folder / "no-such-target.txt")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    return {name: folder / name for name in [*files, "dir.md", "dangling.txt", "pipe.txt"]}


def test_battery_check_one_line_each_and_exit_2(tmp_path: Path) -> None:
    paths = battery(tmp_path / "in")
    r = cleaner("check", str(tmp_path / "in"), timeout=120)
    no_traceback(r)
    assert r.returncode == 2, r.stdout + r.stderr
    for name, reason in [
        ("binary.txt", "binary"),
        ("nul.txt", "binary"),
        ("controls.md", "binary"),
        ("dangling.txt", "dangling"),
        ("pipe.txt", "not a regular file"),
    ]:
        if name == "pipe.txt" and not paths[name].exists():
            continue
        found = lines_naming(r, name)
        assert len(found) == 1, (name, found)
        assert reason in found[0], found
    # The good and the decodable files were still checked.
    assert lines_naming(r, "fixable.txt"), r.stdout
    assert lines_naming(r, "inside.md"), r.stdout
    assert any("legacy-encoding" in ln for ln in lines_naming(r, "cp1252.txt"))
    assert any("legacy-encoding" in ln for ln in lines_naming(r, "utf16.txt"))


def test_battery_clean_out_processes_the_rest_and_round_trips(tmp_path: Path) -> None:
    battery(tmp_path / "in")
    out = tmp_path / "out"
    r = cleaner("clean", str(tmp_path / "in"), "--out", str(out), "-q", timeout=120)
    no_traceback(r)
    assert r.returncode == 2
    assert (out / "ok.txt").read_bytes() == OK_TEXT.encode()
    assert (out / "fixable.txt").read_text(encoding="utf-8") == "He said “yes”, and left.\n"
    assert (out / "dir.md" / "inside.md").read_text(encoding="utf-8") == "He said “yes”, and left.\n"
    # UTF-16 keeps its BOM, its encoding and CRLF.
    u16 = (out / "utf16.txt").read_bytes()
    assert u16.startswith(b"\xff\xfe")
    assert u16.decode("utf-16") == "“Oui” said the man.\r\nSecond line.\r\n"
    # cp1252 stays cp1252 with CRLF.
    assert (out / "cp1252.txt").read_bytes() == "He said “yes” – it’s café.\r\n".encode("cp1252")
    # Empty and whitespace-only files come back byte-identical.
    assert (out / "empty.txt").read_bytes() == b""
    assert (out / "blank.md").read_bytes() == b"   \n\n\t \r\n\n"
    for name in ("binary.txt", "nul.txt", "controls.md", "dangling.txt", "pipe.txt"):
        assert not (out / name).exists(), name
    # New files get ordinary permissions (not mkstemp's 0600).
    umask = os.umask(0o022)
    os.umask(umask)
    assert (out / "ok.txt").stat().st_mode & 0o777 == 0o666 & ~umask


def test_invalid_utf8_is_processed_not_refused(tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(b"Plain words \xff\xfe here .\n")
    r = cleaner("check", "--format", "json", str(f))
    no_traceback(r)
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert report["files"][0]["encoding"] in ("cp1252", "latin-1")
    r = cleaner("clean", "--in-place", "-q", str(f))
    assert r.returncode == 0, r.stderr
    assert f.read_bytes() == b"Plain words \xff\xfe here.\n"  # the stray bytes are kept as they were


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("blank.txt", b" \n\t\n\n"),
        ("bom-only.txt", b"\xef\xbb\xbf"),
        ("crlf-only.md", b"\r\n\r\n"),
        ("one-char.txt", b"x"),
    ],
)
def test_empty_and_whitespace_files(tmp_path: Path, name: str, data: bytes) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    r = cleaner("check", str(f))
    no_traceback(r)
    assert r.returncode == 0, r.stdout + r.stderr
    r = cleaner("clean", "--in-place", "-q", str(f))
    assert r.returncode == 0, r.stderr
    assert f.read_bytes() == data


def test_one_megabyte_line(tmp_path: Path) -> None:
    sentence = "The minister said « yes » , and the talks went on at the minimum for hours. "
    line = sentence * (1_000_000 // len(sentence) + 1)
    f = tmp_path / "line.txt"
    f.write_text(line + "\n", encoding="utf-8")
    r = cleaner("clean", "--out", str(tmp_path / "out"), "-q", str(f))
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    out = (tmp_path / "out" / "line.txt").read_text(encoding="utf-8")
    assert out.count("“yes”,") == line.count("« yes » ,")
    assert out.endswith("hours. \n") and "\n" not in out[:-1]
    assert out == line.replace("« yes » ,", "“yes”,") + "\n"  # the quotes fixed all along, nothing else touched


def test_line_that_looks_like_a_menu_is_not_emptied(tmp_path: Path) -> None:
    """A paragraph the boilerplate detector dislikes must never turn a file into nothing."""
    f = tmp_path / "menu.txt"
    data = "word « x » , " * 5000 + "\n"
    f.write_text(data, encoding="utf-8")
    r = cleaner("clean", "--in-place", "-q", str(f), timeout=120)
    no_traceback(r)
    assert r.returncode == 0
    assert f.read_text(encoding="utf-8").count("word") == 5000


@pytest.mark.parametrize("kind", ["blockquote", "list", "mixed"])
def test_deeply_nested_markdown(tmp_path: Path, kind: str) -> None:
    """10,000 levels of nesting: no RecursionError, no hang, and no container markup lost.

    markdown-it stops parsing below its nesting limit; what it did not parse is not prose, so it is
    left exactly as it was (the text after it may then go unchecked, which is safe).
    """
    depth = 10_000
    if kind == "blockquote":
        body = ">" * depth + " deep « quote » .\n"
    elif kind == "list":
        body = "- " * depth + "item « x » .\n" + "".join("   " * (i % 3) + "- item « x » .\n" for i in range(depth))
    else:
        body = "".join("> " * (i % 50) + "- " * (i % 7) + "text « x » .\n" for i in range(depth))
    text = f"Intro « line » .\n\n{body}\nOutro « line » .\n"
    f = tmp_path / "deep.md"
    f.write_text(text, encoding="utf-8")
    r = cleaner("clean", "--out", str(tmp_path / "out"), "-q", str(f), timeout=300)
    no_traceback(r)
    assert r.returncode == 0, r.stderr
    out = (tmp_path / "out" / "deep.md").read_text(encoding="utf-8")
    assert out.startswith("Intro “line”.\n\n")
    assert out.endswith(("Outro “line”.\n", "Outro « line » .\n"))
    markup = re.compile(r"^[>\-\s]*")
    before = [markup.match(ln).group() for ln in body.splitlines()]  # type: ignore[union-attr]
    after = [markup.match(ln).group() for ln in out.splitlines()[2 : 2 + len(before)]]  # type: ignore[union-attr]
    assert after == before


def test_dangling_symlink_named_explicitly(tmp_path: Path) -> None:
    ok = tmp_path / "ok.txt"
    ok.write_text(FIXABLE, encoding="utf-8")
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "missing.md")
    r = cleaner("check", str(link), str(ok))
    no_traceback(r)
    assert r.returncode == 2
    assert len(lines_naming(r, "gone.md")) == 1 and "dangling" in lines_naming(r, "gone.md")[0]
    assert lines_naming(r, "ok.txt")


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    d = tmp_path / "story.md"
    d.mkdir()
    (d / "part.txt").write_text(FIXABLE, encoding="utf-8")
    r = cleaner("check", str(d))
    no_traceback(r)
    assert r.returncode == 1, r.stdout + r.stderr
    assert lines_naming(r, "part.txt")
    r = cleaner("clean", "--in-place", "-q", str(d))
    assert r.returncode == 0 and (d / "part.txt").read_text(encoding="utf-8") == "He said “yes”, and left.\n"


def _unreadable(tmp_path: Path) -> Path:
    """A file the process cannot read: chmod 000, or (as root, where that does not block reads) a link
    to /proc/self/mem, whose first page is unmapped so read() fails with EIO."""
    f = tmp_path / "secret.txt"
    if os.geteuid() != 0:
        f.write_text(OK_TEXT, encoding="utf-8")
        f.chmod(0)
        return f
    if not Path("/proc/self/mem").exists():
        pytest.skip("running as root without /proc: no way to make a file unreadable")
    f.symlink_to("/proc/self/mem")
    return f


def test_unreadable_file(tmp_path: Path) -> None:
    bad = _unreadable(tmp_path)
    ok = tmp_path / "ok.txt"
    ok.write_text(FIXABLE, encoding="utf-8")
    try:
        r = cleaner("check", str(tmp_path))
        no_traceback(r)
        assert r.returncode == 2, r.stdout + r.stderr
        found = lines_naming(r, bad.name)
        assert len(found) == 1 and "cannot read" in found[0], found
        assert lines_naming(r, "ok.txt")
        r = cleaner("clean", "--out", str(tmp_path / "out"), "-q", str(tmp_path))
        no_traceback(r)
        assert r.returncode == 2
        assert (tmp_path / "out" / "ok.txt").exists() and not (tmp_path / "out" / bad.name).exists()
    finally:
        if not bad.is_symlink():
            bad.chmod(0o644)


def test_unreadable_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads folders whatever their mode; no portable way to deny it")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(OK_TEXT, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(FIXABLE, encoding="utf-8")
    locked.chmod(0)
    try:
        r = cleaner("check", str(tmp_path))
        no_traceback(r)
        assert r.returncode == 2
        assert len(lines_naming(r, "locked")) == 1
        assert lines_naming(r, "ok.txt")
    finally:
        locked.chmod(0o755)


def test_output_folder_inside_input_folder(tmp_path: Path) -> None:
    src = tmp_path / "articles"
    src.mkdir()
    (src / "a.txt").write_text(FIXABLE, encoding="utf-8")
    (src / "b.md").write_text(OK_TEXT, encoding="utf-8")
    for _ in range(2):  # the second run must not read the first run's output back as input
        r = cleaner("clean", str(src), "--out", str(src / "cleaned"), "--report", str(src / "reports"), "-q")
        no_traceback(r)
        assert r.returncode == 0, r.stderr
    produced = sorted(p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file())
    assert produced == [
        "a.txt",
        "b.md",
        "cleaned/a.txt",
        "cleaned/b.md",
        "reports/a.txt.json",
        "reports/a.txt.md",
        "reports/b.md.json",
        "reports/b.md.md",
        "reports/index.html",
        "reports/index.md",
    ]


def test_same_file_given_twice(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(FIXABLE, encoding="utf-8")
    link = tmp_path / "alias.txt"
    link.symlink_to(f)
    r = cleaner("check", "--format", "json", str(f), str(f), f"{tmp_path}/./a.txt", str(tmp_path), str(link))
    no_traceback(r)
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert report["summary"]["files"] == 1, report["files"]
    r = cleaner("clean", "--in-place", "-q", str(f), str(f), str(link))
    assert r.returncode == 0 and f.read_text(encoding="utf-8") == "He said “yes”, and left.\n"
    assert link.is_symlink(), "in-place writing must not replace a symlink by a file"


def test_missing_file_among_good_ones(tmp_path: Path) -> None:
    ok = tmp_path / "ok.txt"
    ok.write_text(FIXABLE, encoding="utf-8")
    r = cleaner("clean", "--out", str(tmp_path / "out"), "-q", str(tmp_path / "nope.txt"), str(ok))
    no_traceback(r)
    assert r.returncode == 2
    assert len(lines_naming(r, "nope.txt")) == 1
    assert (tmp_path / "out" / "ok.txt").exists()


def _big_file(path: Path, megabytes: int) -> int:
    seeds = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    reps = megabytes * 1024 * 1024 // len(seeds.encode()) + 1
    data = "\n\n".join([seeds] * reps).encode()
    path.write_bytes(data)
    return len(data)


def _run_measured(args: list[str], timeout: float) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the CLI in a fresh interpreter that reports its own peak RSS (MB). (Its speed is measured by
    bench/, not here.)

    The report is an exit handler: the command leaves with `os._exit` after running them (cli.entry), so
    a `finally` clause never ran and the peak read as 0, which no memory limit can catch."""
    code = (
        "import atexit, resource, runpy, sys\n"
        "sys.argv = ['cleaner', *sys.argv[1:]]\n"
        "atexit.register(lambda: sys.stderr.write("
        "f'\\nPEAK_RSS_KB={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n'))\n"
        "runpy.run_module('cleaner', run_name='__main__')\n"
    )
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    peak = max((int(ln.split("=")[1]) for ln in r.stderr.splitlines() if ln.startswith("PEAK_RSS_KB=")), default=0)
    return r, peak / 1024


@pytest.mark.parametrize(
    "megabytes",
    [
        2,
        pytest.param(
            40,
            marks=pytest.mark.skipif(
                os.environ.get("CLEANER_TEST_BIG") != "1", reason="takes minutes; set CLEANER_TEST_BIG=1"
            ),
        ),
    ],
)
def test_big_file_memory(tmp_path: Path, megabytes: int) -> None:
    f = tmp_path / "big.txt"
    size = _big_file(f, megabytes)
    r, peak_mb = _run_measured(["clean", "--out", str(tmp_path / "out"), "-q", "-j", "1", str(f)], 1800)
    no_traceback(r)
    assert r.returncode == 0, r.stderr[-2000:]
    out = (tmp_path / "out" / "big.txt").read_bytes()
    assert 0.5 * size < len(out) <= size
    print(f"{size / 1e6:.1f} MB: peak RSS {peak_mb:.0f} MB")
    assert peak_mb > 20, "the child's peak memory was not measured"
    assert peak_mb < 1024, f"peak memory {peak_mb:.0f} MB for a {size / 1e6:.0f} MB file"


# -- hostile text in the HTML report (issue 9, item 6) ---------------------------------------------

HOSTILE = [
    '<script>alert("x1")</script> He said « yes » , and left .',
    '<img src=x onerror=alert("x2")> at the minimum « no » .',
    '"><svg onload=alert("x3")> « quoted » .',
    "</textarea></pre></code><script>alert('x4')</script> Paris , France .",
    "<!-- x5 --> <style>body{display:none}</style> Follow us on Twitter",
    "[link](javascript:alert('x6')) and `<b onclick=alert('x7')>` « here » .",
    "{{ 7*7 }} {% raw %} ${alert('x8')} &lt;script&gt; &amp; « end » .",
]


class _Tags:
    """Every start tag and attribute the browser would see, via the standard library's HTML parser."""

    def __init__(self, html: str) -> None:
        from html.parser import HTMLParser

        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        outer = self

        class Parser(HTMLParser):
            in_script = False

            def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
                outer.tags.append((tag, dict(attrs)))
                self.in_script = tag == "script"

            def handle_endtag(self, tag: str) -> None:
                self.in_script = False

            def handle_data(self, data: str) -> None:
                if self.in_script:
                    outer.scripts.append(data)

        p = Parser(convert_charrefs=True)
        p.feed(html)
        p.close()


def test_html_report_escapes_hostile_text(tmp_path: Path) -> None:
    try:
        from cleaner.report.html import render_html
    except ImportError:
        pytest.skip("cleaner/report/html.py (render_html) is not written yet")
    from cleaner import clean_text

    results = []
    for i, text in enumerate(HOSTILE):
        r = clean_text(text + "\n", f"x{i}.md" if i % 2 else f"x{i}.txt")
        r.path = f'<script>alert("p{i}")</script>"onmouseover="alert(1)/{i}.txt'
        results.append(r)
    html = render_html(results, title='<script>alert("t")</script>')
    parsed = _Tags(html)
    for tag, attrs in parsed.tags:
        assert tag not in ("img", "svg", "style") or not any("alert" in (v or "") for v in attrs.values()), tag
        for name, value in attrs.items():
            assert not name.startswith("on") or "alert" not in (value or ""), (tag, name, value)
            assert not (value or "").lower().startswith("javascript:"), (tag, name, value)
    assert not any("alert(" in s for s in parsed.scripts), "hostile text ended up inside a <script> element"
    for marker in ("x1", "x2", "x3", "x4", "p0", "t"):
        assert f'<script>alert("{marker}")' not in html
    # The hostile text is still shown, as text.
    assert "&lt;script&gt;" in html or "&#60;script&#62;" in html
