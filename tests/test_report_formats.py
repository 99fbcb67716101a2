"""CI formats: SARIF 2.1.0 (validated against the vendored official schema), GitHub workflow
annotations, reviewdog rdjson, and the before/after diff helper.

The results are built by hand from the seed articles (`seed_results()`, also used by
test_report_html.py), with the findings a careful editor makes (the seeds' acceptance list), so the
reporters are tested on realistic, overlapping, multi-line and zero-width findings independently of
what the detectors find today. One test also runs the real pipeline on the seeds.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.model import Applicability, Edit, Finding, LineIndex, Result, Severity
from cleaner.report.diff import word_diff
from cleaner.report.github import escape_data, escape_property, relative_path, render_github
from cleaner.report.json import report_dict
from cleaner.report.rdjson import rdjson_dict, render_rdjson
from cleaner.report.sarif import render_sarif, sarif_log

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "sarif-schema-2.1.0.json"
S000 = "000_af6df560e1acb889.txt"
S003 = "003_69443b1925ce1ba3.txt"

# What an editor flags in seed 003 (spun phrase -> the usual wording), from the seeds' acceptance list.
SPIN_003 = [
    ("chief Minister Mustafa al-Kadhimi", "Prime Minister Mustafa al-Kadhimi"),
    ("security supplies", "security sources"),
    ("at the minimum", "at least"),
    ("chief minister’s personal protection force", "prime minister’s personal protection force"),
    ("the chief minister was in", "the prime minister was in"),
    ("the chief minister was safe", "the prime minister was safe"),
    ("chief minister’s office", "prime minister’s office"),
    ("No group closest claimed", "No group immediately claimed"),
    ("who argument the results", "who dispute the results"),
    ("keep up you accountable", "hold you accountable"),
    ("had one need against", "had one demand against"),
    ("(with live fire) method you are", "(with live fire) means you are"),
    ("a bloc rule by", "a bloc led by"),
    ("stand to assistance most", "stand to benefit most"),
    ("he additional.", "he added."),
]
BOILERPLATE_003 = ["Click: See details", "Leave a Reply"]
BOILERPLATE_000 = [
    "Tired of the incessant, clumsy internet entertainment updates?",
    "Stay up to date on market movements.",
    "Know what is hidden behind the obvious",
    "Vikas Pathak /",
    "Outlook web desk /",
    "Jayanta Oinam /",
    "Harish Manav /",
    "Iraq,Prime Minister of Iraq,Iran,",
    "Donnez votre avis",
    "Vidéo du jour:",
]


def _all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _paragraph(text: str, start: int) -> tuple[int, int]:
    """The paragraph (blank-line separated) containing `start`: [begin, end) without the newline."""
    begin = text.rfind("\n\n", 0, start)
    begin = 0 if begin == -1 else begin + 2
    end = text.find("\n\n", start)
    return begin, len(text) if end == -1 else end


def _apply(text: str, findings: list[Finding]) -> tuple[str, int]:
    edits = sorted(
        {f.fix for f in findings if f.fix and f.applicability == Applicability.SAFE}, key=lambda e: (e.start, e.end)
    )
    kept: list[Edit] = []
    for e in edits:
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    for e in reversed(kept):
        text = text[: e.start] + e.replacement + text[e.end :]
    return text, len(kept)


def _f(
    text: str,
    rule: str,
    cat: str,
    start: int,
    end: int,
    msg: str,
    sugg: str | None = None,
    appl: Applicability = Applicability.NONE,
    sev: Severity = Severity.WARNING,
    conf: float = 0.9,
    fix: Edit | None = None,
) -> Finding:
    return Finding(rule, cat, sev, msg, start, end, text[start:end], sugg, appl, conf, fix)


def _boilerplate(text: str, lines: list[str]) -> list[Finding]:
    out = []
    for needle in lines:
        i = text.index(needle)
        b, e = _paragraph(text, i)
        # the fix also takes the blank line(s) before the paragraph, as the real detector does
        fb = b
        while fb > 0 and text[fb - 1] == "\n":
            fb -= 1
        out.append(
            _f(
                text,
                "boilerplate/scraped-paragraph",
                "boilerplate",
                b,
                e,
                "scraped page furniture, not part of the article",
                "",
                Applicability.SAFE,
                conf=0.92,
                fix=Edit(fb, e, ""),
            )
        )
    return out


def seed_results() -> list[Result]:
    """Results for both seeds as a careful editor (and a finished pipeline) would produce them."""
    t3 = (SEEDS / S003).read_text(encoding="utf-8")
    f3: list[Finding] = []
    for spun, usual in SPIN_003:
        for i in _all(t3, spun):
            safe = spun == "at the minimum"
            f3.append(
                _f(
                    t3,
                    "spin-news/" + "-".join(spun.lower().split()[:3]).strip("(.)"),
                    "spin",
                    i,
                    i + len(spun),
                    f"“{spun}” is a synonym-spun form of “{usual}”",
                    usual,
                    Applicability.SAFE if safe else Applicability.SUGGESTED,
                    conf=0.95 if safe else 0.8,
                )
            )
    # overlapping: a name-consistency finding inside a spin finding
    for i in _all(t3, "Hash al-Shaabi") + _all(t3, "Hashed al-Shaabi"):
        n = len("Hash al-Shaabi") if t3.startswith("Hash al", i) else len("Hashed al-Shaabi")
        f3.append(
            _f(
                t3,
                "names/inconsistent-spelling",
                "names",
                i,
                i + n,
                "one organisation spelled three ways; most frequent: Hashd al-Shaabi",
                "Hashd al-Shaabi",
                Applicability.SUGGESTED,
                Severity.INFO,
                0.7,
            )
        )
    k = t3.index("Mustafa al-Kadhimi", t3.index("chief Minister Mustafa"))
    f3.append(_f(t3, "names/person", "names", k, k + len("Mustafa al-Kadhimi"), "person name", sev=Severity.INFO))
    g = t3.index("The relationship between Kadhimi")
    f3.append(
        _f(
            t3,
            "grammar/agreement",
            "grammar",
            g,
            g + len("The relationship between Kadhimi and the Iran-backed militias have been tense"),
            "subject and verb disagree: “relationship … have”",
            sev=Severity.INFO,
            conf=0.6,
        )
    )
    f3.append(
        _f(
            t3,
            "boilerplate/title-suffix",
            "boilerplate",
            t3.index(" | News"),
            t3.index(" | News") + 7,
            "site name after the headline",
            "",
            Applicability.SUGGESTED,
        )
    )
    f3 += _boilerplate(t3, BOILERPLATE_003)
    f3.sort(key=lambda f: (f.start, f.end, f.rule))

    t0 = (SEEDS / S000).read_text(encoding="utf-8")
    f0: list[Finding] = []
    for i in _all(t0, "«\u00a0"):
        f0.append(
            _f(
                t0,
                "quotes/guillemets",
                "quotes",
                i,
                i + 2,
                "guillemets in English copy",
                "“",
                Applicability.SAFE,
                Severity.INFO,
                1.0,
            )
        )
    for i in _all(t0, "\u00a0»"):
        f0.append(
            _f(
                t0,
                "quotes/guillemets",
                "quotes",
                i,
                i + 2,
                "guillemets in English copy",
                "”",
                Applicability.SAFE,
                Severity.INFO,
                1.0,
            )
        )
    for bad, good in (("al- Kadhimi", "al-Kadhimi"), ("al -Kadhimi", "al-Kadhimi")):
        i = t0.index(bad)
        f0.append(
            _f(
                t0,
                "spacing/spaced-hyphen",
                "spacing",
                i,
                i + len(bad),
                "space inside a hyphenated name",
                good,
                Applicability.SAFE,
                Severity.WARNING,
                1.0,
            )
        )
    i = t0.index("failed attempt ”") + len("failed attempt")
    f0.append(
        _f(
            t0,
            "spacing/space-before-closing-quote",
            "spacing",
            i,
            i + 1,
            "space before a closing quote",
            "",
            Applicability.SAFE,
            Severity.WARNING,
            1.0,
        )
    )
    i = t0.index("the & support for the &")
    f0.append(
        _f(
            t0,
            "mt/stray-ampersand",
            "mt",
            i,
            i + len("the & support for the &"),
            "“&” left over from translation or scraping",
            sev=Severity.ERROR,
        )
    )
    i = t0.index("Al-Khadimi")
    f0.append(
        _f(
            t0,
            "names/inconsistent-spelling",
            "names",
            i,
            i + len("Al-Khadimi"),
            "name spelled two ways: al-Kadhimi (14×) and Al-Khadimi (1×)",
            "Al-Kadhimi",
            Applicability.SUGGESTED,
        )
    )
    i = t0.index("(with keen fire)")
    f0.append(
        _f(
            t0,
            "mt/keen-fire",
            "mt",
            i + 6,
            i + 10,
            "“keen fire” is a mistranslation of “live fire”",
            "live",
            Applicability.SUGGESTED,
        )
    )
    i = t0.index("mass protests 2019") + len("mass protests ")
    f0.append(
        _f(
            t0,
            "grammar/missing-preposition",
            "grammar",
            i,
            i,
            "missing preposition before a year",
            "in ",
            Applicability.SUGGESTED,
            Severity.INFO,
            0.5,
        )
    )
    f0.append(
        _f(
            t0,
            "boilerplate/title-prefix",
            "boilerplate",
            0,
            5,
            "source tag before the headline",
            "",
            Applicability.SUGGESTED,
        )
    )
    f0 += _boilerplate(t0, BOILERPLATE_000)
    f0.sort(key=lambda f: (f.start, f.end, f.rule))

    out = []
    for name, text, findings, spin in ((S000, t0, f0, 0.12), (S003, t3, f3, 0.97)):
        cleaned, n = _apply(text, findings)
        bp = sum(f.end - f.start for f in findings if f.category == "boilerplate" and f.rule.endswith("paragraph"))
        out.append(
            Result(
                f"seeds/{name}",
                text,
                cleaned,
                "utf-8",
                findings,
                {"spin": spin, "boilerplate_share": bp / len(text)},
                n,
            )
        )
    return out


HOSTILE = "Title <script>alert(1)</script>\n\nSay \"hi\" & <b>bold</b> 'x' </textarea> -->\n"


def hostile_result() -> Result:
    i = HOSTILE.index("<script>")
    j = HOSTILE.index('"hi" & <b>')
    findings = [
        Finding(
            "spin-news/x",
            "spin",
            Severity.WARNING,
            'msg with <i>markup</i> & "quotes"',
            i,
            i + 8,
            HOSTILE[i : i + 8],
            "<img src=x onerror=alert(2)>",
            Applicability.SUGGESTED,
        ),
        Finding("style/y", "style", Severity.INFO, "second, overlapping", j, j + 10, HOSTILE[j : j + 10]),
        Finding(
            "grammar/z", "grammar", Severity.ERROR, "third, overlapping", j + 5, j + 14, HOSTILE[j + 5 : j + 14], ""
        ),
    ]
    b = HOSTILE.index("<b>")
    cleaned = HOSTILE[:b] + HOSTILE[b + 3 :]
    return Result('dir/<evil>&"name".txt', HOSTILE, cleaned, findings=findings, scores={"spin": 0.5})


# ---------------------------------------------------------------- fixture sanity


def test_seed_results_are_consistent() -> None:
    results = seed_results()
    for r in results:
        for f in r.findings:
            assert f.text == r.original[f.start : f.end]
    r0, r3 = results
    assert sum(1 for f in r3.findings if f.category == "spin") == 18
    assert "Leave a Reply" not in r3.cleaned and "Vidéo du jour" not in r0.cleaned
    assert "«" not in r0.cleaned and "at the minimum" not in r3.cleaned


def test_json_report_is_the_report_dict_with_one_finding_per_line() -> None:
    from cleaner.report.json import render_json

    results = seed_results()
    out = render_json(results)
    assert json.loads(out) == json.loads(json.dumps(report_dict(results)))
    lines = out.splitlines()
    assert sum(1 for line in lines if line.lstrip().startswith('{"rule": ')) == sum(len(r.findings) for r in results)
    assert out.endswith("}\n") and "\\u00ab" not in out and "«" in out  # ensure_ascii=False: « stays «


@pytest.mark.parametrize(
    "value",
    [
        {"text": '« quoted » \u2028 \x00 "\\', "n": 3, "c": 0.123, "none": None, "ok": True, "big": 10**30},
        ["é", 1.5, -0.0, float("1e-7"), [], {}],
        "just a string",
        7,
        None,
    ],
)
def test_the_report_encoder_writes_what_json_dumps_writes(value: object) -> None:
    """The report's per-value encoder (a C encoder made once) is `json.dumps(ensure_ascii=False)`."""
    from cleaner.report.json import _dumps

    assert _dumps(value) == json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- SARIF


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def _validate(log: dict[str, object], schema: dict[str, object]) -> None:
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_schema_is_the_official_one(schema: dict[str, object]) -> None:
    assert "sarif-schema-2.1.0.json" in str(schema["id"])
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    jsonschema.Draft4Validator.check_schema(schema)


def test_schema_rejects_broken_sarif(schema: dict[str, object]) -> None:
    """The validation must be able to fail: a result with a bad level or region is refused."""
    log = sarif_log(seed_results())
    log["runs"][0]["results"][0]["level"] = "fatal"  # type: ignore[index]
    with pytest.raises(AssertionError):
        _validate(log, schema)
    log = sarif_log(seed_results())
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0  # type: ignore[index]
    with pytest.raises(AssertionError):
        _validate(log, schema)


def test_sarif_valid_and_counts_match_json(schema: dict[str, object]) -> None:
    results = [*seed_results(), hostile_result()]
    log = json.loads(render_sarif(results))
    _validate(log, schema)
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["name"] == "cleaner"
    assert run["tool"]["driver"]["version"]
    report = report_dict(results)
    json_findings = [f for file in report["files"] for f in file["findings"]]  # type: ignore[index]
    assert len(run["results"]) == len(json_findings) == report["summary"]["findings"]  # type: ignore[index]
    # every result's region is the JSON finding's position, and the rule index points at its rule
    for res, jf in zip(run["results"], json_findings, strict=True):
        region = res["locations"][0]["physicalLocation"]["region"]
        assert res["ruleId"] == jf["rule"]
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == jf["rule"]
        assert (region["startLine"], region["startColumn"]) == (jf["line"], jf["column"])
        assert (region["endLine"], region["endColumn"]) == (jf["end_line"], jf["end_column"])
        assert (region["charOffset"], region["charLength"]) == (jf["start"], jf["end"] - jf["start"])
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[jf["severity"]]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) == len({f["rule"] for f in json_findings})
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}


def test_sarif_fixes_reproduce_the_cleaned_text() -> None:
    """Applying the SARIF fixes of the safe findings gives exactly the cleaned text."""
    for r in seed_results():
        log = sarif_log([r])
        edits = []
        for res in log["runs"][0]["results"]:
            if res["properties"]["applicability"] != "safe" or "fixes" not in res:
                continue
            (rep,) = res["fixes"][0]["artifactChanges"][0]["replacements"]
            region = rep["deletedRegion"]
            edits.append(
                (region["charOffset"], region["charOffset"] + region["charLength"], rep["insertedContent"]["text"])
            )
        text = r.original
        for s, e, new in sorted(set(edits), reverse=True):
            text = text[:s] + new + text[e:]
        assert text == r.cleaned


def test_sarif_uri_is_relative_and_encoded(tmp_path: Path) -> None:
    r = Result(
        str(tmp_path / "a dir" / "ä.md"),
        "x at the minimum y\n",
        "x at the minimum y\n",
        findings=[Finding("spin-news/a", "spin", Severity.WARNING, "m", 2, 16, "at the minimum")],
    )
    log = sarif_log([r], root=tmp_path)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "a%20dir/%C3%A4.md"
    assert "fixes" not in log["runs"][0]["results"][0]


def test_sarif_columns_count_code_points() -> None:
    text = "“Emoji 🙂” at the minimum.\n"
    i = text.index("at the")
    r = Result(
        "a.txt",
        text,
        text,
        findings=[
            Finding(
                "spin-news/a",
                "spin",
                Severity.WARNING,
                "m",
                i,
                i + 14,
                "at the minimum",
                "at least",
                Applicability.SAFE,
            )
        ],
    )
    region = sarif_log([r])["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    # in UTF-16 code units 🙂 would count twice (12 and 26)
    assert region["startColumn"] == i + 1 == 11 and region["endColumn"] == 25


def test_sarif_reports_unreadable_files(schema: dict[str, object]) -> None:
    results = [
        Result("bin.dat", "", "", error="cannot read: Permission denied"),
        Result("img.png", "", "", skipped="binary file"),
    ]
    log = sarif_log(results)
    _validate(log, schema)
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert len(inv["toolExecutionNotifications"]) == 2
    assert log["runs"][0]["results"] == []


# ---------------------------------------------------------------- GitHub annotations


def test_github_one_annotation_per_finding() -> None:
    results = seed_results()
    out = render_github(results)
    lines = out.splitlines()
    findings = [f for r in results for f in r.findings]
    assert len(lines) == len(findings)
    index = LineIndex(results[1].original)
    r3_lines = [ln for ln in lines if "003_" in ln]
    for ln, f in zip(r3_lines, results[1].findings, strict=True):
        kind = {"error": "::error ", "warning": "::warning ", "info": "::notice "}[f.severity.value]
        assert ln.startswith(kind)
        line, col = index.position(f.start)
        assert f"file=seeds/003_69443b1925ce1ba3.txt,line={line},col={col}," in ln
        props, _, message = ln.partition("::")[2].partition("::")
        assert f"title={escape_property(f.rule + ' (' + f.category + ')')}" in props
        assert "\n" not in message and message


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    text = "line one\nsay: at the minimum, 100%\n"
    i = text.index("at the")
    r = Result(
        "dir/we,ird:name.txt",
        text,
        text,
        findings=[
            Finding(
                "spin-news/a",
                "spin",
                Severity.ERROR,
                "msg: with, punctuation\nand 100%",
                i,
                i + 14,
                "at the minimum",
                "at least",
                Applicability.SAFE,
            )
        ],
    )
    (line,) = render_github([r]).splitlines()
    assert line.startswith("::error file=dir/we%2Cird%3Aname.txt,line=2,col=6,endLine=2,endColumn=20,")
    assert "title=spin-news/a (spin)::" in line
    assert line.endswith("::msg: with, punctuation%0Aand 100%25 → “at least”")


def test_github_multiline_finding_and_info() -> None:
    r = seed_results()[0]
    out = render_github([r])
    bp = [ln for ln in out.splitlines() if "boilerplate/scraped-paragraph" in ln]
    assert len(bp) == len(BOILERPLATE_000)
    assert any(ln.startswith("::notice ") for ln in out.splitlines())
    # "Vikas Pathak /" + its headline: a two-line paragraph
    two = [ln for ln in bp if "line=" in ln]
    assert any(_prop(ln, "endLine") == str(int(_prop(ln, "line")) + 1) for ln in two)


def _prop(line: str, name: str) -> str:
    props = line.split("::")[1].split(" ", 1)[1]
    return dict(p.split("=", 1) for p in props.split(","))[name]


def test_relative_path(tmp_path: Path) -> None:
    assert relative_path(None) == "<stdin>"
    assert relative_path("./a/b.md") == "a/b.md"
    assert relative_path(str(tmp_path / "x" / "y.txt"), tmp_path) == "x/y.txt"
    assert relative_path("/elsewhere/y.txt", tmp_path) == "/elsewhere/y.txt"


# ---------------------------------------------------------------- rdjson


def test_rdjson_shape() -> None:
    results = seed_results()
    d = json.loads(render_rdjson(results))
    assert d["source"] == {"name": "cleaner"}
    diags = d["diagnostics"]
    findings = [f for r in results for f in r.findings]
    assert len(diags) == len(findings)
    for diag, f in zip(diags, findings, strict=True):
        assert set(diag) >= {"message", "location", "severity", "source", "code"}
        assert diag["severity"] == f.severity.value.upper()
        assert diag["code"] == {"value": f.rule}
        rng = diag["location"]["range"]
        assert rng["start"]["line"] >= 1 and rng["start"]["column"] >= 1
        assert (rng["end"]["line"], rng["end"]["column"]) >= (rng["start"]["line"], rng["start"]["column"])
        if f.suggestion is not None:
            assert diag["suggestions"][0]["text"] == (f.fix.replacement if f.fix else f.suggestion)
        else:
            assert "suggestions" not in diag


def test_rdjson_columns_are_utf8_bytes() -> None:
    text = "“Quote” at the minimum\n"
    i = text.index("at the")
    r = Result(
        "a.txt",
        text,
        text,
        findings=[
            Finding(
                "spin-news/a",
                "spin",
                Severity.WARNING,
                "m",
                i,
                i + 14,
                "at the minimum",
                "at least",
                Applicability.SAFE,
            )
        ],
    )
    (diag,) = rdjson_dict([r])["diagnostics"]
    # “ and ” are 3 bytes each in UTF-8: code-point column 9 is byte column 13
    assert diag["location"]["range"] == {"start": {"line": 1, "column": 13}, "end": {"line": 1, "column": 27}}
    assert diag["suggestions"] == [{"range": diag["location"]["range"], "text": "at least"}]


# ---------------------------------------------------------------- diff helper


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("", ""),
        ("same\n", "same\n"),
        ("he additional.\n\nClick: See details\n\nLeave a Reply", "he added.\n"),
        ("« Hi, » he said.\n", "“Hi,” he said.\n"),
        ("a\nb\nc\n", "a\nc\nd\n"),
        ("no newline", "no newline at end\n"),
        ("x", ""),
        ("", "y"),
    ],
)
def test_word_diff_tiles_both_texts(a: str, b: str) -> None:
    _check_tiling(a, b)


def _check_tiling(a: str, b: str) -> list:  # type: ignore[type-arg]
    ops = word_diff(a, b)
    assert "".join(o.text for o in ops if o.tag != "insert") == a
    assert "".join(o.text for o in ops if o.tag != "delete") == b
    pos_a = pos_b = 0
    for o in ops:
        assert (o.a_start, o.b_start) == (pos_a, pos_b)
        pos_a, pos_b = o.a_end, o.b_end
        if o.tag != "insert":
            assert a[o.a_start : o.a_end] == o.text
        if o.tag != "delete":
            assert b[o.b_start : o.b_end] == o.text
    assert (pos_a, pos_b) == (len(a), len(b))
    return ops


_LINE = st.lists(st.sampled_from(["the", "minister", "said", "at", "least", ",", "«", "»", "he", "added"]), max_size=8)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_LINE.map(" ".join), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 11), st.sampled_from(["drop", "edit", "keep"])), max_size=12),
)
def test_word_diff_tiles_cleaner_like_edits(lines: list[str], actions: list[tuple[int, str]]) -> None:
    """Paragraphs dropped and edited in place, as `cleaner clean` does: the ops tile both texts."""
    what = {i: act for i, act in actions}
    kept = []
    for i, line in enumerate(lines):
        act = what.get(i, "keep")
        if act == "drop":
            continue
        kept.append(line.replace(" at least", " at the minimum") if act == "edit" else line)
    _check_tiling("\n\n".join(lines) + "\n", "\n\n".join(kept) + "\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from("abc"), max_size=14), st.lists(st.sampled_from("abc"), max_size=14))
def test_myers_gives_a_shortest_edit_script(a: list[str], b: list[str]) -> None:
    """The word diff's Myers pass: opcodes tile both sequences, equal runs are equal, and the number of
    tokens deleted + inserted is len(a) + len(b) - 2·LCS (checked against the textbook table)."""
    from cleaner.report.diff import _myers

    codes = _myers(a, b, 100)
    assert codes is not None
    x = y = edits = 0
    for tag, i1, i2, j1, j2 in codes:
        assert (i1, j1) == (x, y)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2]
        else:
            edits += (i2 - i1) + (j2 - j1)
        x, y = i2, j2
    assert (x, y) == (len(a), len(b))
    lcs = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, ca in enumerate(a):
        for j, cb in enumerate(b):
            lcs[i + 1][j + 1] = lcs[i][j] + 1 if ca == cb else max(lcs[i][j + 1], lcs[i + 1][j])
    assert edits == len(a) + len(b) - 2 * lcs[-1][-1]
    assert len(a) + len(b) - 2 * lcs[-1][-1] > 2 or _myers(a, b, 2) is not None
    assert _myers(a, b, edits - 1) is None if edits else True


def test_removed_paragraphs_next_to_edited_ones_are_whole_deletions() -> None:
    a = "He said at least six.\n\nFollow us on Twitter for more news\n\nHe additional more.\n"
    b = "He said at least seven.\n\nHe added more.\n"
    changes = [(o.tag, o.text) for o in _check_tiling(a, b) if o.tag != "equal"]
    assert ("delete", "Follow us on Twitter for more news\n\n") in changes
    assert ("delete", "six") in changes and ("insert", "seven") in changes
    assert ("delete", "additional") in changes and ("insert", "added") in changes


def test_word_diff_is_readable_on_the_seeds() -> None:
    r0, r3 = seed_results()
    changes3 = [(o.tag, o.text) for o in word_diff(r3.original, r3.cleaned) if o.tag != "equal"]
    assert ("delete", "\n\nClick: See details\n\nLeave a Reply") in changes3
    assert changes3.count(("insert", "least")) == 3
    # removed boilerplate of 000 comes out as whole deletions, not confetti
    deletions = [o.text for o in word_diff(r0.original, r0.cleaned) if o.tag == "delete"]
    for needle in BOILERPLATE_000:
        assert any(needle in d for d in deletions), needle


def test_swaps_in_the_diff_of_real_output_hold_no_shared_whitespace() -> None:
    """On seed 003 as the pipeline cleans it: a swap never starts or ends with whitespace both sides
    share ("the minimum " → "least " must read "the minimum" → "least")."""
    from cleaner import pipeline

    text = (SEEDS / S003).read_text(encoding="utf-8")
    result = pipeline.clean_text(text, f"seeds/{S003}")
    changes = [(o.tag, o.text) for o in word_diff(result.original, result.cleaned) if o.tag != "equal"]
    assert ("insert", "least") in changes
    for (t1, d), (t2, i) in itertools.pairwise(changes):
        if (t1, t2) == ("delete", "insert"):
            assert not (d[-1].isspace() and d[-1] == i[-1]) and not (d[0].isspace() and d[0] == i[0]), (d, i)


def test_reporters_agree_on_real_pipeline_output(schema: dict[str, object]) -> None:
    """Whatever the detectors find on the seeds today: SARIF valid, one result / annotation /
    diagnostic per JSON finding."""
    from cleaner import pipeline

    results = [
        pipeline.clean_text(p.read_text(encoding="utf-8"), f"seeds/{p.name}") for p in sorted(SEEDS.glob("*.txt"))
    ]
    n = report_dict(results)["summary"]["findings"]  # type: ignore[index]
    log = sarif_log(results)
    _validate(log, schema)
    assert len(log["runs"][0]["results"]) == n
    assert len(render_github(results).splitlines()) == n
    assert len(rdjson_dict(results)["diagnostics"]) == n
