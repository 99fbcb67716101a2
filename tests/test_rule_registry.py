"""The rule registry (cleaner/registry): every rule documented once, its examples run through the pipeline,
every reported rule registered, and `cleaner rules` / `cleaner explain` built on it.

Pack entries' examples run through the pack engine in tests/test_packs.py (`cleaner rules test`); here the
code rules' examples run through the whole pipeline, in the context the registry gives them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirunner import invoke
from conftest import ROOT, SEEDS

from cleaner.config import Config
from cleaner.pipeline import clean_text
from cleaner.registry import Rule, register
from cleaner.registry.lookup import UnknownRuleError, all_rules, check_selectors, closest, code_rules, get

RUNNABLE = [r for r in code_rules().values() if not r.examples_need]


def _examples(kind: str) -> list[tuple[Rule, str]]:
    return [(r, ex) for r in RUNNABLE for ex in (r.flag if kind == "flag" else r.passes)]


def _run(rule: Rule, example: str) -> list:
    config = Config().with_(**rule.config) if rule.config else Config()
    result = clean_text(rule.document(example), path="example.txt", markup=rule.markup, config=config, fix=False)  # type: ignore[arg-type]
    return [f for f in result.findings if rule.covers(f.rule)]


@pytest.mark.parametrize(("rule", "example"), _examples("flag"), ids=lambda x: x.id if isinstance(x, Rule) else "")
def test_should_flag_examples_flag(rule: Rule, example: str) -> None:
    found = _run(rule, example)
    assert found, f"{rule.id} did not flag {example!r}"
    assert {f.category for f in found} == {rule.category}
    assert {f.severity for f in found} == {rule.severity}, "the registry's default severity is what it reports"


@pytest.mark.parametrize(("rule", "example"), _examples("pass"), ids=lambda x: x.id if isinstance(x, Rule) else "")
def test_should_pass_examples_pass(rule: Rule, example: str) -> None:
    assert _run(rule, example) == [], f"{rule.id} flagged {example!r}"


def test_every_code_rule_is_documented_and_only_a_few_need_more_than_text() -> None:
    for r in code_rules().values():
        assert r.summary and len(r.why.split()) >= 8 and r.flag and r.passes, r.id
    assert {r.id for r in code_rules().values() if r.examples_need} == {
        "encoding/legacy-encoding",  # a file on disk (tests/test_decode.py)
        "languagetool/*",  # a LanguageTool server (tests/test_grammar.py)
    }


def test_every_rule_has_a_why_and_examples_of_both_kinds() -> None:
    """Pack entries too (their examples run in tests/test_packs.py through `check_examples`)."""
    rules = all_rules()
    assert len(rules) > 10_000
    for r in rules.values():
        assert r.why.strip() and r.summary.strip() and r.flag and r.passes, r.id


def test_register_refuses_incomplete_or_duplicate_rules() -> None:
    good = code_rules()["mt/ordinal"]
    with pytest.raises(ValueError, match="twice"):
        register(good)
    for bad in (
        Rule(**{**good.__dict__, "id": "mt/x-test", "passes": ()}),
        Rule(**{**good.__dict__, "id": "mt/x-test", "why": " "}),
        Rule(**{**good.__dict__, "id": "mt/x-test", "category": "nonsense"}),
        Rule(**{**good.__dict__, "id": "Bad ID"}),
        Rule(**{**good.__dict__, "id": "mt/x-test", "context": "no place for it"}),
    ):
        with pytest.raises(ValueError):
            register(bad)
    assert "mt/x-test" not in code_rules()


def _test_texts() -> list[tuple[str, str]]:
    """(name, text) of the seeds and of the articles the tests read (tests/data)."""
    data = ROOT / "tests/data"
    paths = [*sorted(SEEDS.glob("*.txt")), *sorted((data / "clean_news").glob("*.txt"))]
    paths += sorted((data / "foreign_articles").glob("*.txt"))
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in paths]
    for line in (data / "aeb-sample.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        texts.append((page["id"][:8] + ".txt", "\n\n".join(p["text"] for p in page["paragraphs"]) + "\n"))
    for line in (data / "mt_dev_sample.jsonl").read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        texts.append((page["id"][:8] + ".txt", page["gold"]))
    return texts


def test_every_rule_reported_on_the_seeds_and_test_texts_is_registered() -> None:
    reported: dict[str, str] = {}
    for name, text in _test_texts():
        for f in clean_text(text, path=name, fix=False).findings:
            reported[f.rule] = f.category
    assert len(reported) > 30  # the texts exercise packs and detectors alike
    listed = {r["id"]: r for r in json.loads(invoke(["rules", "--format", "json"]).stdout)}
    for rule_id, category in reported.items():
        r = get(rule_id)
        assert r is not None and r.category == category, rule_id
        assert rule_id in listed and listed[rule_id]["category"] == category
        assert listed[rule_id]["description"] and listed[rule_id]["examples"]["flag"]
        assert invoke(["explain", rule_id]).exit_code == 0


def test_rules_json_lists_code_and_pack_rules_once() -> None:
    r = invoke(["rules", "--format", "json"])
    assert r.exit_code == 0
    rules = json.loads(r.stdout)
    ids = [x["id"] for x in rules]
    assert len(ids) == len(set(ids)) == len(all_rules())
    assert {"mt/capital-after-comma", "spin-news/at-the-minimum", "boilerplate/share-prompt"} <= set(ids)
    for x in rules:
        assert {"id", "category", "severity", "applicability", "description", "examples"} <= set(x)
    table = invoke(["rules"])
    assert table.exit_code == 0 and "mt/ordinal" in table.stdout.replace("\n", "")


@pytest.mark.parametrize("rule", [r.id for r in code_rules().values()])
def test_explain_every_code_rule(rule: str) -> None:
    r = invoke(["explain", rule])
    assert r.exit_code == 0 and rule in r.stdout and code_rules()[rule].flag[0].splitlines()[0] in r.stdout


def test_explain_a_family_member_and_unknown_ids() -> None:
    assert invoke(["explain", "languagetool/MORFOLOGIK_RULE_EN_US"]).exit_code == 0
    r = invoke(["explain", "spin-news/at-the-minimun"])
    assert r.exit_code == 2 and "spin-news/at-the-minimum" in r.stderr
    r = invoke(["explain", "mt/capital-after-coma"])
    assert r.exit_code == 2 and "mt/capital-after-comma" in r.stderr


def test_selectors_rules_packs_and_categories() -> None:
    check_selectors(["spin", "mt", "spin-news", "boilerplate/share-prompt", "mt/ordinal", "languagetool/ANY_RULE"])
    with pytest.raises(UnknownRuleError, match="spin-news/at-the-minimum"):
        check_selectors(["spin-news/at-the-minimun"], "pyproject.toml")
    with pytest.raises(UnknownRuleError, match="did you mean 'languagetool'"):
        check_selectors(["languagetool/*"])  # the family's name in the registry, not a selector
    with pytest.raises(UnknownRuleError, match="did you mean 'boilerplate'"):
        check_selectors(["boilerplate/*"])  # never matched anything: a pack is selected by its name
    assert closest("spn") == ["spin"] or "spin" in closest("spn")


# --- unknown names are errors wherever they are given ----------------------------------------------

HOUSE_PACK = """
pack: house
category: style
entries:
  - id: utilise
    phrase: utilise
    suggest: use
    examples:
      flag: ["We utilise it."]
      pass: ["We use it."]
"""


@pytest.mark.parametrize(
    ("table", "wrong", "meant"),
    [
        ('disable = ["spin-nws"]', "spin-nws", "spin-news"),
        ('enable = ["mt/capital-after-coma"]', "mt/capital-after-coma", "mt/capital-after-comma"),
        ('[tool.cleaner.severity]\nqoutes = "info"', "qoutes", "quotes"),
        ('"spin-news/at-the-minimun" = "error"', "spin-news/at-the-minimun", "spin-news/at-the-minimum"),
    ],
)
def test_unknown_names_in_the_configuration_exit_2_with_close_matches(
    tmp_path: Path, table: str, wrong: str, meant: str
) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.cleaner]\n{table}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("He said yes.\n", encoding="utf-8")
    r = invoke(["check", str(tmp_path / "a.txt")])
    assert r.exit_code == 2 and repr(wrong) in r.stderr and repr(meant) in r.stderr, r.stderr


def test_known_names_in_the_configuration_pass(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(HOUSE_PACK, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.cleaner]\npacks = ["house.yaml"]\ndisable = ["mt", "spin-news", "boilerplate/share-prompt", '
        '"house/utilise", "languagetool/MORFOLOGIK_RULE_EN_US"]\n[tool.cleaner.severity]\nspin = "info"\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text("We utilise it.\n", encoding="utf-8")
    r = invoke(["check", str(tmp_path / "a.txt")])
    assert r.exit_code == 0, r.stderr


def test_unknown_name_on_the_command_line_exits_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("He said yes.\n", encoding="utf-8")
    r = invoke(["check", "--disable", "quotse", str(tmp_path / "a.txt")])
    assert r.exit_code == 2 and "'quotes'" in r.stderr
    assert invoke(["check", "--disable", "quotes", str(tmp_path / "a.txt")]).exit_code == 0


def test_unknown_name_in_an_inline_control_is_the_files_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("He said « yes ».\n\n<!-- cleaner: disable=qoutes -->\n\nHe said « no ».\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("He said « yes ».\n\n<!-- cleaner: disable=quotes -->\n\nHe said « no ».\n", encoding="utf-8")
    r = invoke(["check", str(bad), str(good)])
    assert r.exit_code == 2 and "line 3" in r.output and "'quotes'" in r.output
    assert "good.txt:1:9" in r.stdout  # the other file is checked as usual
    assert invoke(["check", str(good)]).exit_code == 1
    with pytest.raises(UnknownRuleError):
        clean_text(bad.read_text(encoding="utf-8"))


# --- reports take their rule documentation from the registry ---------------------------------------


def test_sarif_rules_and_review_notes_come_from_the_registry() -> None:
    from cleaner.report.sarif import sarif_log
    from cleaner.report.sidelist import finding_list

    text = "Exports fell by 3,5 million tonnes, and at the minimum six people died.\n"
    result = clean_text(text, path="a.txt", fix=False)
    rules = {f.rule for f in result.findings}
    assert {"mt/decimal-comma", "spin-news/at-the-minimum"} <= rules
    driver = sarif_log([result])["runs"][0]["tool"]["driver"]
    for entry in driver["rules"]:
        r = get(entry["id"])
        assert r is not None
        assert entry["shortDescription"]["text"] == r.summary and entry["fullDescription"]["text"] == r.why
        assert r.flag[0] in entry["help"]["text"]
    html, _n = finding_list(0, result.findings, text, set())
    assert 'title="A decimal comma (3,5 million) in English text' in html


def test_the_block_pack_is_read_by_the_one_pack_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The boilerplate detector's prompts come from `boilerplate.yaml` of the rules folder the engine reads
    (CLEANER_RULES_DIR honoured), validated by the one schema: a malformed entry is a PackError there too."""
    from cleaner.detect.boilerplate.pack import load_block_pack
    from cleaner.packs import PackError

    monkeypatch.setenv("CLEANER_CACHE_DIR", "")
    monkeypatch.setenv("CLEANER_RULES_DIR", str(tmp_path))
    assert load_block_pack.__wrapped__() == ()  # a rules folder without a boilerplate pack
    (tmp_path / "boilerplate.yaml").write_text(
        "pack: boilerplate\ncategory: boilerplate\nscope: block\nconfidence: 0.9\nentries:\n"
        "  - id: promo\n    regex: '^special offer$'\n    suggest: ''\n",
        encoding="utf-8",
    )
    (entry,) = load_block_pack.__wrapped__()
    assert entry.rule == "boilerplate/promo" and entry.confidence == 0.9 and entry.pattern.search("Special Offer")
    (tmp_path / "boilerplate.yaml").write_text(
        "pack: boilerplate\nscope: block\nentries:\n  - id: promo\n    regx: '^x$'\n", encoding="utf-8"
    )
    with pytest.raises(PackError, match="unknown key 'regx'"):
        load_block_pack.__wrapped__()


def test_detectors_name_their_rules_through_the_registry() -> None:
    """No rule ID written as a string literal (or an f-string on a pack name) outside cleaner/registry:
    a detector reports the constant its rule's declaration returned, so every reported rule is documented.
    (LanguageTool's rules are the one family whose IDs are made at run time: `languagetool/<ID>`.)"""
    import ast
    import re

    shaped = re.compile(r"^[a-z][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
    packs = {r.pack for r in all_rules().values()} - {"languagetool"}
    found = []
    for path in sorted((ROOT / "cleaner").rglob("*.py")):
        if "registry" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            literal = isinstance(node, ast.Constant) and isinstance(node.value, str) and shaped.match(node.value)
            if literal and node.value.split("/", 1)[0] in packs:  # type: ignore[attr-defined]
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")  # type: ignore[attr-defined]
            made = isinstance(node, ast.JoinedStr) and re.match(r"f['\"]\{PACK\}/", ast.unparse(node))
            if made and "grammar" not in path.parts:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")  # type: ignore[attr-defined]
    assert not found, "\n".join(found)


def test_the_runners_rule_flags_a_legacy_encoded_file(tmp_path: Path) -> None:
    """`encoding/legacy-encoding` is the batch runner's (files on disk), so its examples are files."""
    rule = code_rules()["encoding/legacy-encoding"]
    (tmp_path / "cp1252.txt").write_bytes("The café reopened on Monday, officials said.\n".encode("cp1252"))
    (tmp_path / "utf8.txt").write_text("The café reopened on Monday, officials said.\n", encoding="utf-8")
    found = {
        f["rule"]: file["path"]
        for file in json.loads(invoke(["check", "--format", "json", str(tmp_path)]).stdout)["files"]
        for f in file["findings"]
    }
    assert found.get(rule.id, "").endswith("cp1252.txt")
    assert list(found) == [rule.id]  # and the UTF-8 copy has no finding at all
