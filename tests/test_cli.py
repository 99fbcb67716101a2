"""The command line as a user meets it: exit codes, formats, outputs, errors as one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SEEDS, cleaner


def test_check_exit_codes(tmp_path: Path) -> None:
    assert cleaner("check", str(SEEDS)).returncode == 1
    ok = tmp_path / "ok.txt"
    ok.write_text("The minister said the talks would resume on Monday.\n", encoding="utf-8")
    r = cleaner("check", str(ok))
    assert r.returncode == 0, r.stdout + r.stderr
    missing = cleaner("check", str(tmp_path / "missing.txt"))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_text_format_lines(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("He said « yes » .\n", encoding="utf-8")
    r = cleaner("check", str(f))
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith(str(f))]
    assert lines[0].startswith(f"{f}:1:9: warning [quotes/foreign]")
    assert "(→ “)" in lines[0]


def test_json_contract(seed_paths: list[Path]) -> None:
    r = cleaner("check", "--format", "json", *map(str, seed_paths))
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert report["version"] == 1
    assert report["summary"]["files"] == 2
    for file in report["files"]:
        text = Path(file["path"]).read_text(encoding="utf-8")
        assert set(file["scores"]) >= {"spin", "boilerplate_share"}
        for f in file["findings"]:
            assert f["text"] == text[f["start"] : f["end"]]
            assert {
                "rule",
                "category",
                "severity",
                "message",
                "line",
                "column",
                "end_line",
                "end_column",
                "applicability",
                "confidence",
            } <= set(f)
            line_start = sum(len(x) for x in text.splitlines(keepends=True)[: f["line"] - 1])
            assert line_start + f["column"] - 1 == f["start"]


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("He said « yes ».\n", encoding="utf-8")
    assert cleaner("check", "--fail-on", "error", str(f)).returncode == 0
    assert cleaner("check", "--fail-on", "info", str(f)).returncode == 1


def test_clean_out_mirrors_layout_and_writes_reports(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.md").write_text("---\ntitle: x\n---\n\nHe said « yes » .\n", encoding="utf-8")
    (src / "b.txt").write_text("Fine text.\n", encoding="utf-8")
    (src / "skip.py").write_text("print('not an article')\n", encoding="utf-8")
    out, rep = tmp_path / "out", tmp_path / "rep"
    r = cleaner("clean", str(src), "--out", str(out), "--report", str(rep))
    assert r.returncode == 0, r.stderr
    assert (out / "sub" / "a.md").read_text(encoding="utf-8") == "---\ntitle: x\n---\n\nHe said “yes”.\n"
    assert (out / "b.txt").read_text(encoding="utf-8") == "Fine text.\n"
    assert not (out / "skip.py").exists()
    data = json.loads((rep / "sub" / "a.md.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["files"][0]["findings"]
    assert (rep / "sub" / "a.md.md").read_text(encoding="utf-8").startswith("# ")
    assert "summary" in r.stderr


def test_check_fix_in_place_keeps_bytes_outside_prose(tmp_path: Path) -> None:
    f = tmp_path / "post.md"
    original = "---\ntitle: « T »\nslug: « s »\n---\n\n```\n« code »\n```\n\nHe said « yes » .\r\n"
    f.write_bytes(original.encode("utf-8"))
    r = cleaner("check", "--fix", str(f))
    assert r.returncode == 0, r.stdout + r.stderr
    assert (
        f.read_bytes().decode("utf-8")
        == "---\ntitle: “T”\nslug: « s »\n---\n\n```\n« code »\n```\n\nHe said “yes”.\r\n"
    )


def test_clean_needs_a_destination() -> None:
    r = cleaner("clean", str(SEEDS))
    assert r.returncode == 2
    assert "--out" in r.stderr


def test_binary_file_is_skipped_with_a_message_and_others_processed(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    (tmp_path / "ok.txt").write_text("He said « yes ».\n", encoding="utf-8")
    r = cleaner("check", str(tmp_path))
    assert r.returncode == 2
    assert "binary" in r.stdout + r.stderr
    assert "ok.txt:1:9" in r.stdout
    assert "Traceback" not in r.stderr


def test_rules_list_and_test() -> None:
    r = cleaner("rules", "list")
    assert r.returncode == 0 and "common-errors" in r.stdout
    t = cleaner("rules", "test")
    assert t.returncode == 0, t.stdout[-2000:]
    assert " passed, 0 failed" in t.stdout
    s = cleaner("rules", "screen", "--all", "mt-calques")
    assert s.returncode == 0 and s.stdout.rstrip().endswith(" 0 rejected"), s.stdout[-2000:]
    assert "guarded\tmt-calques/in-the-frame-of" in s.stdout  # --all lists guarded entries too


def test_usage_errors_exit_2_with_one_error_line(tmp_path: Path) -> None:
    """argparse's errors keep the DESIGN contract: exit 2, the usage, one `cleaner: error:` line."""
    from clirunner import invoke

    for args in ([], ["bogus"], ["check"], ["check", "-f", "xml", "x.md"], ["check", "--bogus", "x.md"], ["explain"]):
        r = invoke(args)
        assert r.exit_code == 2, (args, r.output)
        assert "Traceback" not in r.output
        assert "usage: cleaner" in r.stderr, args
    assert "error: argument -f/--format: invalid choice: 'xml'" in invoke(["check", "-f", "xml", "x.md"]).stderr
    version = invoke(["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("cleaner ")
    assert invoke(["check", "--help"]).exit_code == 0 and "--exit-non-zero-on-fix" in invoke(["check", "-h"]).stdout


def test_options_and_paths_in_any_order(tmp_path: Path) -> None:
    """`cleaner check a.md --fail-on error b.md`: options may sit between paths, as pre-commit and
    shells put them."""
    from clirunner import invoke

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("He said « yes » .\n", encoding="utf-8")  # warnings only
    b.write_text("Police said at the minimum six people died.\n", encoding="utf-8")
    mixed = invoke(["check", str(a), "--fail-on", "error", str(b), "-q"], env={"GITHUB_ACTIONS": ""})
    ordered = invoke(["check", "--fail-on", "error", "-q", str(a), str(b)], env={"GITHUB_ACTIONS": ""})
    assert mixed.exit_code == ordered.exit_code == 0, mixed.output
    assert mixed.stdout == ordered.stdout and str(a) in mixed.stdout and str(b) in mixed.stdout
    assert invoke(["check", str(a), str(b), "-q"], env={"GITHUB_ACTIONS": ""}).exit_code == 1


def _entry_probe(setup: str, args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command entry (`cleaner.cli.entry`, which leaves with os._exit) after `setup`."""
    import os

    script = tmp_path / "probe.py"
    lines = ["import sys", setup, f"sys.argv = ['cleaner', *{args!r}]", "from cleaner.cli import entry", "entry()"]
    script.write_text("\n".join(lines) + "\n")
    env = {**os.environ}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env
    )


def test_the_fast_exit_flushes_every_line_and_runs_exit_handlers(tmp_path: Path) -> None:
    """The command skips Python's object-by-object teardown, not its duties: a long report piped out
    arrives whole, the exit code is kept, and `atexit` handlers (pools, temp folders, coverage) run."""
    marker = tmp_path / "atexit-ran"
    setup = f"import atexit, pathlib\natexit.register(pathlib.Path({str(marker)!r}).write_text, 'yes')"
    r = _entry_probe(setup, ["check", "--format", "json", str(SEEDS)], tmp_path)
    assert r.returncode == 1, r.stderr
    assert len(json.loads(r.stdout)["files"]) == 2  # the whole document, parsed
    assert marker.read_text() == "yes"


def test_a_thread_still_running_gets_a_normal_exit(tmp_path: Path) -> None:
    """os._exit would kill a non-daemon thread mid-work; with one running, Python exits as usual."""
    marker = tmp_path / "thread-finished"
    setup = (
        "import pathlib, threading, time\n"
        f"def work():\n    time.sleep(0.5)\n    pathlib.Path({str(marker)!r}).write_text('done')\n"
        "threading.Thread(target=work).start()"
    )
    ok = tmp_path / "ok.txt"
    ok.write_text("The minister said the talks would resume on Monday.\n", encoding="utf-8")
    r = _entry_probe(setup, ["check", str(ok)], tmp_path)
    assert r.returncode == 0, r.stderr
    assert marker.read_text() == "done"


def test_a_run_declares_only_its_command_and_parses_as_the_full_parser_would() -> None:
    """`build_parser(only=…)` (what a run uses) must accept and document each command exactly as the
    full parser does; root help still lists every command."""
    import argparse

    from cleaner.cli import COMMANDS, _parse, build_parser

    full = build_parser()
    subs = next(a for a in full._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subs.choices) == list(COMMANDS)
    samples = {
        "check": ["check", "a.md", "--fix", "-q", "b.md", "--disable", "spin"],
        "clean": ["clean", "x", "--out", "o", "--report", "r", "-j", "2"],
        "report": ["report", "x", "--html", "r.html", "--title", "T"],
        "config": ["config", "--quote-style", "straight"],
        "rules": ["rules", "test", "spin-news"],
    }
    for name, args in samples.items():
        one = build_parser(only=name)
        one_subs = next(a for a in one._actions if isinstance(a, argparse._SubParsersAction))
        assert list(one_subs.choices) == [name]
        assert vars(_parse(one, args)) == vars(_parse(full, args)), name
        assert one_subs.choices[name].format_help() == subs.choices[name].format_help()
    help_text = full.format_help()
    assert all(name in help_text for name in COMMANDS)


def test_output_cut_off_by_its_reader_ends_quietly_with_the_sigpipe_status() -> None:
    """`cleaner check … | head -1`: once the reader has gone, no "error: Broken pipe", no traceback,
    and the status a program killed by SIGPIPE has (141), whether the pipe closes mid-run or at the end."""
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # a reader that has already gone: the first write fails
    env = {**os.environ}
    env.pop("GITHUB_ACTIONS", None)
    try:
        for args in (["check", str(SEEDS)], ["check", "--format", "json", str(SEEDS)]):
            r = subprocess.run(
                [sys.executable, "-m", "cleaner", *args],
                stdout=write_end,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                env=env,
            )
            assert r.returncode == 141, r.stderr
            assert r.stderr == ""
    finally:
        os.close(write_end)
