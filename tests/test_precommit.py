"""The pre-commit hooks, run by the real `pre-commit` tool in a scratch content repository, and the
compiled-pack cache that makes a hook start fast.

The hook repository is a throw-away git commit of this working tree (so the test works before anything
is committed). pre-commit installs `language: python` hooks into their own virtualenv with
`pip install .`; to keep the test offline and quick, that virtualenv sees this interpreter's
site-packages (through PYTHONPATH: pre-commit builds the hook virtualenv from the base interpreter, whose
system site-packages are not this environment's) and pip is told to use no index, install no
dependencies and build without isolation (the build backend, hatchling, comes from the test
environment). Without hatchling the hooks file is tested with `language: system` instead (same
entries and file types, the `cleaner` of this environment), and the test says so in its skip reason
for the install part.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import site as site_module
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

RULE = "spin-news/at-the-minimum"
FRONT = "---\ntitle: Storm report\ntags: [at the minimum]\n---\n"
CODE = "```\nPolice said at the minimum six people died.\n```\n"
OFF = "<!-- cleaner: off -->\nThe mayor said at the minimum four roads were closed.\n<!-- cleaner: on -->\n"
POST = f"{FRONT}\nPolice said at the minimum six people died.\n\n{CODE}\n{OFF}\nThe storm moved east overnight.\n"

needs_tools = pytest.mark.skipif(
    shutil.which("git") is None or importlib.util.find_spec("pre_commit") is None,
    reason="needs git and pre-commit (test extra)",
)


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    out = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def hook_repo(dest: Path, language: str | None) -> str:
    """Commit a copy of the working tree (tracked and untracked-not-ignored files) at `dest`."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=False
    )
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode().split("\0") if n]
    else:  # not a git checkout (an sdist): take the package, the packs and the build files
        names = [str(p.relative_to(ROOT)) for d in ("cleaner", "rules") for p in (ROOT / d).rglob("*") if p.is_file()]
        names += ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml"]
    for name in names:
        src = ROOT / name
        if src.is_file() and not name.startswith((".hypothesis", ".pytest_cache", ".ruff_cache")):
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    if language:
        hooks = dest / ".pre-commit-hooks.yaml"
        hooks.write_text(hooks.read_text(encoding="utf-8").replace("language: python", f"language: {language}"))
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "hook repo", cwd=dest)
    return git("rev-parse", "HEAD", cwd=dest)


def precommit(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )


@needs_tools
def test_precommit_hooks_in_a_content_repo(tmp_path: Path) -> None:
    offline_install = importlib.util.find_spec("hatchling") is not None
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    rev = hook_repo(hooks, None if offline_install else "system")
    site = tmp_path / "site"
    site.mkdir()
    git("init", "-q", cwd=site)
    config = f"repos:\n  - repo: {hooks}\n    rev: {rev}\n    hooks:\n"
    config += "      - id: cleaner-check\n      - id: cleaner-fix\n"
    (site / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    post = site / "post.md"
    post.write_bytes(POST.encode())
    git("add", "-A", cwd=site)
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        # the hook virtualenv is built from the *base* interpreter, so system site-packages would be
        # that interpreter's, not this environment's: this environment's site-packages go on the path
        # instead (build backend for `pip install .`, and cleaner's dependencies for the hook run)
        "PYTHONPATH": os.pathsep.join(site_module.getsitepackages()),
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's inverted env switch: "0" turns build isolation off
        "CLEANER_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("GITHUB_ACTIONS", None)

    check = precommit(site, "run", "cleaner-check", "--files", "post.md", env=env)
    assert check.returncode == 1, check.stdout + check.stderr
    assert RULE in check.stdout and "post.md:6:13:" in check.stdout
    assert post.read_bytes() == POST.encode()  # checking writes nothing

    fix = precommit(site, "run", "cleaner-fix", "--files", "post.md", env=env)
    assert fix.returncode == 1, fix.stdout + fix.stderr  # it changed a file: the commit must stop
    fixed = post.read_text(encoding="utf-8")
    assert "Police said at least six people died." in fixed
    for untouched in (FRONT, CODE, OFF):
        assert untouched in fixed
    again = precommit(site, "run", "--files", "post.md", env=env)
    assert again.returncode == 0, again.stdout + again.stderr

    # `disable = ["spin"]` in the site's pyproject.toml silences spin findings
    post.write_bytes(POST.encode())
    (site / "pyproject.toml").write_text('[tool.cleaner]\ndisable = ["spin"]\n', encoding="utf-8")
    quiet = precommit(site, "run", "cleaner-check", "--files", "post.md", env=env)
    assert quiet.returncode == 0, quiet.stdout + quiet.stderr
    assert RULE not in quiet.stdout

    # One hook, as the hooks file advises: the fix hook names each fix it applied, every finding left
    # is printed once, and a file matched by the site's `exclude` is still checked when pre-commit
    # names it (ruff's convention; `--force-exclude` in the hook's args would skip it).
    (site / ".pre-commit-config.yaml").write_text(config.replace("      - id: cleaner-check\n", ""), encoding="utf-8")
    (site / "pyproject.toml").write_text('[tool.cleaner]\nexclude = ["drafts/**"]\n', encoding="utf-8")
    post.write_bytes((POST + "\nHe said « hi » and the chief minister was in good health.\n").encode())
    draft = site / "drafts" / "d.md"
    draft.parent.mkdir()
    draft.write_text("Police said at the minimum four people died.\n", encoding="utf-8")
    git("add", "-A", cwd=site)
    one = precommit(site, "run", "--files", "post.md", "drafts/d.md", env=env)
    assert one.returncode == 1, one.stdout + one.stderr
    fixes = [ln for ln in one.stdout.splitlines() if ": fixed " in ln]
    assert any(ln.startswith("post.md: fixed") and RULE in ln and "quotes/" in ln for ln in fixes), one.stdout
    assert any(ln.startswith("drafts/d.md: fixed") and RULE in ln for ln in fixes), one.stdout
    assert "at least four" in draft.read_text(encoding="utf-8")
    left = [ln for ln in one.stdout.splitlines() if ln.startswith("post.md:") and ": fixed " not in ln]
    assert left and len(left) == len(set(left)), one.stdout  # what is left, each finding once
    if not offline_install:
        pytest.skip("hooks ran with language: system; install hatchling to test the python-language install")


def test_hooks_file_declares_both_hooks() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"cleaner-check", "cleaner-fix"}
    for h in hooks.values():
        assert h["types_or"] == ["markdown", "plain-text"]
        assert h["entry"].startswith("cleaner check")
    assert "--fix" in hooks["cleaner-fix"]["entry"] and "--exit-non-zero-on-fix" in hooks["cleaner-fix"]["entry"]
    assert "--fix" not in hooks["cleaner-check"]["entry"]


# -- the compiled-pack cache -------------------------------------------------------------------------
PACK = """pack: tiny
description: test pack
category: spin
entries:
  - id: at-the-minimum
    phrase: at the minimum
    suggest: at least
    examples:
      flag: ["Police said at the minimum six people died."]
      pass: ["Police said at least six people died."]
"""


def build_counter(files: list[Path]):  # type: ignore[no-untyped-def]
    from cleaner.packs import PackSet, load_pack

    calls = []

    def build() -> PackSet:
        calls.append(1)
        return PackSet([load_pack(p) for p in files])

    return build, calls


def test_pack_cache_reuses_rebuilds_on_change_and_survives_corruption(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cleaner.packs import PackSet
    from cleaner.packs.cache import cached
    from cleaner.segment import segment

    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "tiny.yaml"
    pack.write_text(PACK, encoding="utf-8")
    build, calls = build_counter([pack])
    first = cached([pack], build, PackSet)
    second = cached([pack], build, PackSet)
    assert len(calls) == 1 and second is not first
    doc = segment("Police said at the minimum six people died.\n")
    assert [f.rule for f in second.scan(doc)] == ["tiny/at-the-minimum"]  # the unpickled automaton works

    pack.write_text(PACK.replace("at least", "no fewer than"), encoding="utf-8")
    third = cached([pack], build, PackSet)
    assert len(calls) == 2 and third.scan(doc)[0].suggestion == "no fewer than"

    for entry in (tmp_path / "cache").glob("packs-*.pickle"):
        entry.write_bytes(b"\x80\x05garbage")
    assert cached([pack], build, PackSet).scan(doc)[0].suggestion == "no fewer than"
    assert len(calls) == 3
    for entry in (tmp_path / "cache").glob("packs-*.pickle"):
        entry.write_bytes(pickle.dumps({"not": "a PackSet"}))
    cached([pack], build, PackSet)
    assert len(calls) == 4


def test_pack_cache_unwritable_or_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleaner.packs import PackSet
    from cleaner.packs.cache import cached

    pack = tmp_path / "tiny.yaml"
    pack.write_text(PACK, encoding="utf-8")
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocker / "cache"))
    build, calls = build_counter([pack])
    assert isinstance(cached([pack], build, PackSet), PackSet)
    assert isinstance(cached([pack], build, PackSet), PackSet)
    assert len(calls) == 2
    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    cached([pack], build, PackSet)
    assert len(calls) == 3
    assert not list(tmp_path.glob("**/packs-*.pickle"))
