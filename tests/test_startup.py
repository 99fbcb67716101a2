"""Start-up of a one-file check (issue 6): the lazily loaded pack cache and the rich-free plain output.

The cache must give back packs that behave exactly as freshly built ones (same findings, same entry
data), while building entries only when read; plain output must be byte-identical to what rich prints
to a pipe. Timing itself is measured by bench/startup.py, not asserted here (machines differ).
"""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
from conftest import ROOT

from cleaner.model import Finding, Result, Severity
from cleaner.packs import PackSet
from cleaner.packs import cache as pack_cache
from cleaner.packs.schema import Entry, load_pack
from cleaner.segment import segment

PACK = """
pack: demo
description: test pack
category: spin
severity: warning
applicability: safe
entries:
  - id: at-the-minimum
    phrase: at the minimum
    suggest: at least
    unless:
      - after: '^\\s*wage'
  - id: chief-minister
    phrase: chief minister's office
    suggest: prime minister's office
    unless:
      - document: '\\bIndia\\b'
        then: suggest
  - id: casing
    phrases: [Joined States, joined-together states]
    suggest: United States
    case: sensitive
    examples:
      flag: ["The Joined States said no."]
      pass: ["The joined states said no."]
  - id: footer
    regex: '^leave a reply$'
    suggest: ""
    category: boilerplate
    scope: block
  - id: closest-aide
    regex: '\\bclosest\\s+(?P<fix>aide)s?\\b'
    suggest: adviser
"""

TEXT = (
    "Police said at the minimum six people died. Workers earn at the minimum wage.\n\n"
    "The Joined States and the joined states met at the chief minister's office.\n\n"
    "Leave a reply\n\nHis closest aides left.\n"
)


def _fresh(tmp_path: Path) -> tuple[PackSet, list[Path]]:
    path = tmp_path / "demo.yaml"
    path.write_text(PACK, encoding="utf-8")
    return PackSet([load_pack(path)]), [path]


def _signature(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.start, f.end, f.text, f.message, f.suggestion, f.applicability, f.confidence, f.fix)
        for f in findings
    ]


def _cached_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[PackSet, PackSet]:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    fresh, files = _fresh(tmp_path)
    built = pack_cache.cached(files, lambda: fresh, PackSet)
    assert built is fresh  # first call: built and written
    assert list((tmp_path / "cache").glob("packs-*.pickle"))
    loaded = pack_cache.cached(files, lambda: pytest.fail("the cache was not used"), PackSet)
    return fresh, loaded


def test_cached_packs_find_exactly_what_fresh_packs_find(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, loaded = _cached_twice(tmp_path, monkeypatch)
    doc = segment(TEXT)
    expected = fresh.scan(doc)
    assert {f.rule for f in expected} >= {"demo/at-the-minimum", "demo/casing", "demo/footer", "demo/closest-aide"}
    assert _signature(loaded.scan(doc)) == _signature(expected)
    india = segment("Talks at the chief minister's office in India.\n")
    assert _signature(loaded.scan(india)) == _signature(fresh.scan(india))


def test_cached_entries_hold_the_same_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh, loaded = _cached_twice(tmp_path, monkeypatch)
    assert len(loaded.entries) == len(fresh.entries) == 5
    for a, b in zip(fresh.entries, loaded.entries, strict=True):
        for f in fields(Entry):
            va, vb = getattr(a, f.name), getattr(b, f.name)
            if f.name == "regex":
                assert (va is None) == (vb is None)
                if va is not None:
                    assert (vb.pattern, vb.flags) == (va.pattern, va.flags)
            elif f.name in ("unless", "when"):
                assert [(g.where, g.pattern.pattern, g.pattern.flags, g.then) for g in vb] == [
                    (g.where, g.pattern.pattern, g.pattern.flags, g.then) for g in va
                ]
            else:
                assert vb == va, f.name
    assert list(loaded.by_rule) == list(fresh.by_rule)
    assert loaded.by_rule.get("demo/nope") is None and "demo/casing" in loaded.by_rule
    assert [p.name for p in loaded.packs] == ["demo"]


def test_entries_are_built_on_first_read_and_shared_between_views(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, loaded = _cached_twice(tmp_path, monkeypatch)
    assert isinstance(loaded.entries, pack_cache.LazyEntries)
    store = loaded.entries._store
    assert store._built == {}  # nothing built by loading
    e = loaded.entries[2]
    assert list(store._built) == [2]
    assert loaded.by_rule["demo/casing"] is e
    assert loaded.packs[0].entries[2] is e
    assert loaded.entries[-1] is loaded.regex_entries[-1]
    assert loaded.entries[1:3] == [loaded.entries[1], e]
    assert [x.id for x in loaded.entries] == ["at-the-minimum", "chief-minister", "casing", "footer", "closest-aide"]


def test_patterns_compile_on_first_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, loaded = _cached_twice(tmp_path, monkeypatch)
    rx = loaded.by_rule["demo/closest-aide"].regex
    assert isinstance(rx, pack_cache.LazyPattern)
    assert rx._compiled is None and rx.pattern.startswith("(?")  # pattern and flags without compiling
    assert rx.search("his closest aides").group("fix") == "aide"
    assert rx._compiled is not None
    # the bound method is kept in the pattern's own slot: no `__getattr__` on later calls
    assert object.__getattribute__(rx, "search") == rx._compiled.search
    assert pickle.loads(pickle.dumps(rx))._compiled is None  # the slot is not pickled
    guard = loaded.by_rule["demo/at-the-minimum"].unless[0].pattern
    assert guard.search(" wage") and not guard.search(" six")


def test_a_loaded_pack_set_pickles_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Process pools and engines may pickle what the cache returned."""
    fresh, loaded = _cached_twice(tmp_path, monkeypatch)
    again = pickle.loads(pickle.dumps(loaded))
    doc = segment(TEXT)
    assert _signature(again.scan(doc)) == _signature(fresh.scan(doc))


@pytest.mark.parametrize("payload", [b"", b"garbage", pickle.dumps({"old": "format"})])
def test_a_broken_or_foreign_cache_file_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: bytes
) -> None:
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    fresh, files = _fresh(tmp_path)
    pack_cache.cached(files, lambda: fresh, PackSet)
    (entry,) = (tmp_path / "cache").glob("packs-*.pickle")
    entry.write_bytes(payload)
    rebuilt = pack_cache.cached(files, lambda: fresh, PackSet)
    assert rebuilt is fresh
    assert isinstance(pack_cache.cached(files, lambda: pytest.fail("not rewritten"), PackSet), PackSet)


def test_dump_load_keeps_other_objects_as_they_are() -> None:
    import re

    obj = {"plain": [1, 2, {"x": "y"}], "pattern": re.compile("a+b", re.I), "empty": []}
    buf = io.BytesIO()
    pack_cache.dump(obj, buf)
    buf.seek(0)
    back = pack_cache.load(buf)
    assert back["plain"] == [1, 2, {"x": "y"}] and back["empty"] == []
    assert back["pattern"].flags == re.compile("a+b", re.I).flags and back["pattern"].match("AAB")


# -- plain output -------------------------------------------------------------------------------------


def _results() -> list[Result]:
    text = "He said « yes » .\nA [bold]rule[/] :smile: line.\n"
    findings = [
        Finding("quotes/foreign", "quotes", Severity.WARNING, "foreign quotes « »", 8, 9, "«", "“"),
        Finding("spin-news/x", "spin", Severity.ERROR, "“[bold]rule[/]”  is\nspun", 20, 34, text[20:34], ""),
        Finding("mt/y", "mt", Severity.INFO, "note :smile:", 35, 42, text[35:42]),
    ]
    return [
        Result(path="a [x].md", original=text, cleaned=text, findings=findings, scores={"spin": 0.5}),
        Result(path="b.txt", original="", cleaned="", error="cannot read: [Errno 13] denied"),
    ]


@pytest.mark.parametrize("fixed", [False, True])
def test_plain_output_is_what_rich_prints_to_a_pipe(fixed: bool) -> None:
    from rich.console import Console

    from cleaner.report.text import print_findings, print_summary

    rich_out = io.StringIO()
    console = Console(file=rich_out, highlight=False, soft_wrap=True, force_terminal=False)
    print_findings(_results(), console)
    print_summary(_results(), console, fixed=fixed)

    plain_out = io.StringIO()
    real = sys.stdout
    sys.stdout = plain_out
    try:
        print_findings(_results(), None)
        print_summary(_results(), None, fixed=fixed)
    finally:
        sys.stdout = real
    assert plain_out.getvalue() == rich_out.getvalue()
    assert "a [x].md:1:9: warning [quotes/foreign]" in plain_out.getvalue()


def test_plain_stdout_follows_rich_terminal_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.report.text import plain_stdout

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert plain_stdout()
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not plain_stdout()
    monkeypatch.setenv("FORCE_COLOR", "")
    assert plain_stdout()
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert not plain_stdout()


def test_a_check_into_a_pipe_does_not_import_rich_or_parse_yaml_packs(tmp_path: Path) -> None:
    """The modules a hook run must not pay for. (Detectors may still import PyYAML themselves.) The
    run uses the user cache folder, as a hook does: on Linux, finding it must not import platformdirs."""
    post = tmp_path / "post.md"
    post.write_text("Police said at the minimum six people died.\n", encoding="utf-8")
    probe = (
        "import sys\n"
        "from cleaner.cli import main\n"
        "try:\n"
        "    main(['check', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import cleaner.packs.schema as s\n"
        "print('rich' in sys.modules, s._line_loader.cache_info().currsize, 'platformdirs' in sys.modules)\n"
    )
    import os

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("CLEANER_CACHE_DIR", None)
    env.pop("GITHUB_ACTIONS", None)
    env.pop("FORCE_COLOR", None)
    env.pop("TTY_COMPATIBLE", None)
    run = [sys.executable, "-c", probe, str(post)]
    subprocess.run(run, capture_output=True, text=True, env=env, cwd=ROOT, check=True)  # fills the cache
    r = subprocess.run(run, capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    assert "[spin-news/at-the-minimum]" in r.stdout
    rich, yaml_entries, platformdirs = r.stdout.splitlines()[-1].split()
    assert (rich, yaml_entries) == ("False", "0"), r.stdout + r.stderr
    assert platformdirs == str(sys.platform != "linux"), r.stdout + r.stderr
    assert list((tmp_path / "cache" / "cleaner").glob("packs-*.pickle"))  # the cache went where XDG says


def test_module_patterns_compile_lazily_and_all_at_once_before_a_fork() -> None:
    """Module patterns compile on first use (a one-file check compiles only what it runs);
    `compile_all` compiles every one, as a process about to fork its workers does."""
    import re

    import regex

    from cleaner import patterns
    from cleaner.detect import boilerplate, mt, spin  # noqa: F401 - they make their patterns

    made = list(patterns._MADE)
    assert len(made) > 30
    fresh = patterns.lazy(r"\bzz(?P<x>q)\b")
    assert fresh._compiled is None  # not compiled by being made
    assert fresh.search("a zzq b").group("x") == "q" and fresh._compiled is not None
    assert patterns.compile_all() == len(patterns._MADE)
    assert all(p._compiled is not None for p in patterns._MADE)
    assert all(isinstance(p.compiled(), re.Pattern if p._module == "re" else regex.Pattern) for p in made)
    patterns._MADE.remove(fresh)


@pytest.mark.parametrize(
    "env",
    [
        {"HOME": "/home/ann"},
        {"HOME": "/home/ann", "XDG_CACHE_HOME": "/var/tmp/xdg"},
        {"HOME": "/home/ann", "XDG_CACHE_HOME": "relative/xdg"},  # not absolute: ignored, as XDG says
        {"HOME": "/home/ann", "XDG_CACHE_HOME": ""},
        {"HOME": "relative-home"},  # left to platformdirs (it asks the password database)
        {},
    ],
)
def test_the_user_cache_folder_is_the_one_platformdirs_names(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """cachedir works the Linux answer out itself (importing platformdirs costs a hook ~10 ms); it must
    be the folder platformdirs gives, whatever the environment looks like."""
    from platformdirs import user_cache_dir

    from cleaner import cachedir

    for var in ("HOME", "XDG_CACHE_HOME", "CLEANER_CACHE_DIR"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert cachedir.user_cache_dir() == Path(user_cache_dir("cleaner", appauthor=False))
    assert cachedir.cache_root() == cachedir.user_cache_dir()
    if sys.platform == "linux" and env.get("HOME", "").startswith("/"):
        assert cachedir._xdg_cache_dir() is not None  # the fast path was the one taken


def test_an_empty_cleaner_cache_dir_switches_both_caches_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.grammar.cache import JsonCache

    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    built = []
    assert pack_cache.cached([], lambda: built.append(1) or len(built)) == 1
    assert pack_cache.cached([], lambda: built.append(1) or len(built)) == 2  # nothing was stored
    cache = JsonCache("t")
    cache.put("k", {"a": 1})
    assert cache.get("k") is None
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "c"))
    cache = JsonCache("t")
    cache.put("k", {"a": 1})
    assert cache.get("k") == {"a": 1} and (tmp_path / "c" / "t").is_dir()
