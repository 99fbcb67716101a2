"""Configuration files found per file, `cleaner config`, unknown keys, exclude globs and .gitignore."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from clirunner import invoke

from cleaner.files import discover
from cleaner.model import Severity
from cleaner.settings import ConfigError, Resolver, config_from_table

SPUN = "Police said at the minimum six people died.\n"
RULE = "spin-news/at-the-minimum"


def run(*args: str, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        return invoke(list(args), env={"GITHUB_ACTIONS": ""})
    finally:
        os.chdir(old)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_disable_spin_silences_spin(tmp_path: Path) -> None:
    post = write(tmp_path / "content" / "post.md", SPUN)
    before = run("check", str(post))
    assert before.exit_code == 1 and RULE in before.output
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n\n[tool.cleaner]\ndisable = ["spin"]\n')
    after = run("check", str(post))
    assert after.exit_code == 0, after.output
    assert RULE not in after.output


def test_each_file_gets_its_nearest_configuration(tmp_path: Path) -> None:
    write(tmp_path / ".cleaner.toml", 'disable = ["spin"]\n')
    write(tmp_path / "news" / ".cleaner.toml", f'"{RULE}" = "error"\nfail-on = "error"\n')
    blog = write(tmp_path / "blog" / "a.md", SPUN)
    news = write(tmp_path / "news" / "b.md", SPUN)
    r = run("check", str(tmp_path))
    assert r.exit_code == 1
    assert "b.md" in r.output and "a.md" not in r.output.split("file(s)")[0]
    assert f"error [{RULE}]" in r.output
    resolver = Resolver()
    assert not resolver(blog).is_enabled(RULE, "spin")
    assert resolver(news).severity_for(RULE, "spin", Severity.WARNING) == Severity.ERROR
    assert resolver(news).fail_on == Severity.ERROR


def test_dot_cleaner_beats_pyproject_and_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\nquote-style = "straight"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n')
    assert Resolver()(tmp_path / "sub" / "a.md").quote_style == "straight"
    write(tmp_path / "sub" / ".cleaner.toml", 'quote-style = "curly"\n')
    assert Resolver()(tmp_path / "sub" / "a.md").quote_style == "curly"


def test_unknown_key_is_one_line_exit_2(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\ndisabel = ["spin"]\n')
    post = write(tmp_path / "post.md", SPUN)
    r = run("check", str(post))
    assert r.exit_code == 2
    assert "unknown key 'disabel'" in r.output and str(tmp_path / "pyproject.toml") in r.output
    assert "Traceback" not in r.output
    with pytest.raises(ConfigError, match="unknown key 'bogus'"):
        config_from_table({"bogus": "error"}, None)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"fail-on": "loud"}, "fail-on"),
        ({"quote-style": "fancy"}, "quote-style"),
        ({"boilerplate-threshold": 2}, "boilerplate-threshold"),
        ({"severity": {RULE: "loud"}}, "level"),
        ({RULE: "loud"}, "level"),
        ({"disable": [1]}, "disable"),
    ],
)
def test_bad_values_name_the_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        config_from_table(table, None)


def test_selectors_at_top_level_and_in_severity_table() -> None:
    loaded = config_from_table(
        {"spin-news": "info", "mt": "off", "severity": {RULE: "error"}, "grammar": "languagetool"}, None
    )
    cfg = loaded.config
    assert cfg.severity_for(RULE, "spin", Severity.WARNING) == Severity.ERROR
    assert cfg.severity_for("spin-news/other", "spin", Severity.WARNING) == Severity.INFO
    assert not cfg.is_enabled("mt-calques/x", "mt")
    assert cfg.grammar == "languagetool"


def test_config_command_shows_values_and_sources(tmp_path: Path) -> None:
    cfg = write(tmp_path / "pyproject.toml", f'[tool.cleaner]\ndisable = ["spin"]\n"{RULE}" = "error"\n')
    r = run("config", str(tmp_path), "--quote-style", "straight")
    assert r.exit_code == 0, r.output
    lines = {ln.split("=")[0].strip(): ln for ln in r.output.splitlines() if "=" in ln}
    assert '["spin"]' in lines["disable"] and lines["disable"].endswith(f"# {cfg}")
    assert '"straight"' in lines["quote-style"] and lines["quote-style"].endswith("# command line")
    assert lines["fail-on"].endswith("# default")
    assert lines[f'"{RULE}"'].endswith(f"# {cfg}")
    assert f"configuration file: {cfg}" in r.output
    bare = run("config", str(tmp_path / "nowhere" / "x.md"), "--config", str(tmp_path / "missing.toml"))
    assert bare.exit_code == 2 and "not found" in bare.output


def test_command_line_disable_beats_file_enable(tmp_path: Path) -> None:
    write(tmp_path / ".cleaner.toml", 'enable = ["spin"]\n')
    cfg = Resolver({"disable_extra": frozenset({"spin"})})(tmp_path / "a.md")
    assert not cfg.is_enabled(RULE, "spin")


def test_exclude_globs_apply_to_walks_and_forced_to_named_files(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.cleaner]\nexclude = ["drafts/**", "*.old.md"]\n')
    keep = write(tmp_path / "posts" / "a.md", SPUN)
    draft = write(tmp_path / "drafts" / "b.md", SPUN)
    write(tmp_path / "posts" / "c.old.md", SPUN)
    resolver = Resolver()
    targets, errors = discover([str(tmp_path)], is_excluded=resolver.excluded)
    assert [t.path for t in targets] == [keep] and not errors
    # a file named explicitly is checked even when excluded (ruff's convention) ...
    r = run("check", str(draft))
    assert r.exit_code == 1, r.output
    assert RULE in r.output
    # ... unless --force-exclude asks for the globs to apply to it; "only excluded files" is a success
    r = run("check", "--force-exclude", str(draft))
    assert r.exit_code == 0, r.output
    assert RULE not in r.output


def test_gitignore_nested_and_negated(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "public/\n*.tmp.md\n")
    write(tmp_path / "content" / ".gitignore", "private/\n!keep.tmp.md\n")
    want = [
        write(tmp_path / "content" / "a.md", SPUN),
        write(tmp_path / "content" / "keep.tmp.md", SPUN),
    ]
    write(tmp_path / "public" / "index.md", SPUN)
    write(tmp_path / "content" / "x.tmp.md", SPUN)
    write(tmp_path / "content" / "private" / "p.md", SPUN)
    targets, _ = discover([str(tmp_path)])
    assert sorted(t.path for t in targets) == sorted(want)
    # walking a sub-folder still honours the .gitignore files above it, up to the repository root
    targets, _ = discover([str(tmp_path / "content")])
    assert sorted(t.path for t in targets) == sorted(want)
    # a folder named explicitly is walked even when git ignores it; a named file is always taken
    assert [t.path.name for t in discover([str(tmp_path / "public")])[0]] == ["index.md"]
    assert [t.path.name for t in discover([str(tmp_path / "content" / "x.tmp.md")])[0]] == ["x.tmp.md"]


def test_fail_on_from_file(tmp_path: Path) -> None:
    post = write(tmp_path / "post.md", SPUN)
    write(tmp_path / ".cleaner.toml", 'fail-on = "error"\n')
    assert run("check", str(post)).exit_code == 0
    assert run("check", str(post), "--fail-on", "warning").exit_code == 1
