"""GitHub workflow annotations: one `::error`/`::warning`/`::notice` line per finding, with the
workflow-command escaping of data and properties, and paths relative to the run's root."""

from __future__ import annotations

from pathlib import Path

from report_data import BOILERPLATE_000, seed_results

from cleaner.model import Applicability, Finding, LineIndex, Result, Severity
from cleaner.report.github import escape_data, escape_property, relative_path, render_github


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
