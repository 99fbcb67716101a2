"""Standard input and clear errors: `-` as a path, a missing path, and what `check --fix` says.

Run through the real console entry (`python -m cleaner`) so standard input, standard output and the
exit status are the process's own, as in a shell or an editor integration.
"""

from __future__ import annotations

from pathlib import Path

from conftest import cleaner

RULE = "spin-news/at-the-minimum"


def test_check_reads_standard_input() -> None:
    r = cleaner("check", "-", stdin="at the minimum six\n")
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith(f"-:1:1: warning [{RULE}]"), r.stdout
    calm = cleaner("check", "-", stdin="Police said at least six people died.\n")
    assert calm.returncode == 0, calm.stdout + calm.stderr
    assert RULE not in calm.stdout


def test_clean_prints_the_cleaned_text() -> None:
    r = cleaner("clean", "-", stdin="He said « hello » at the minimum six times .\n")
    assert r.returncode == 0, r.stderr
    assert r.stdout == "He said “hello” at least six times.\n"
    clean_text = "The storm moved east overnight.\n"
    assert cleaner("clean", "-", stdin=clean_text).stdout == clean_text


def test_standard_input_misuse_is_a_usage_error(tmp_path: Path) -> None:
    for args in (("check", "-", "x.md"), ("check", "--fix", "-"), ("clean", "-", "--out", str(tmp_path))):
        r = cleaner(*args, stdin="at the minimum six\n")
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert r.stderr.startswith("cleaner: error:") and r.stdout == "", (args, r.stdout, r.stderr)


def test_missing_path_is_an_error_on_stderr(tmp_path: Path) -> None:
    for command in ("check", "report"):
        extra = ("--html", str(tmp_path / "r.html")) if command == "report" else ()
        r = cleaner(command, str(tmp_path / "nope.md"), *extra)
        assert r.returncode == 2, r.stdout + r.stderr
        assert r.stdout == "", r.stdout  # no "0 file(s)" summary
        assert "nope.md: no such file or directory" in r.stderr


def test_fix_names_the_fixes_it_applied(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("He said « hello » at the minimum six times .\n", encoding="utf-8")
    calm = tmp_path / "calm.md"
    calm.write_text("The storm moved east overnight.\n", encoding="utf-8")
    r = cleaner("check", "--fix", "--quiet", str(post), str(calm))
    lines = r.stdout.splitlines()
    fixed = [ln for ln in lines if ": fixed " in ln]
    assert len(fixed) == 1, r.stdout  # only the file that changed
    assert fixed[0].startswith(f"{post}: fixed 4 issues (") and RULE in fixed[0] and "quotes/foreign ×2" in fixed[0]
    assert post.read_text(encoding="utf-8") == "He said “hello” at least six times.\n"
