"""The JSON report (version 1, DESIGN.md) and what every CI format must agree on with it.

The results are built by hand from the seed articles (`report_data.seed_results()`), so the reporters are
tested on realistic, overlapping, multi-line and zero-width findings independently of what the
detectors find today; the last test runs the real pipeline on the seeds.
"""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS
from report_data import seed_results, validate_sarif

from cleaner.report.github import render_github
from cleaner.report.json import report_dict
from cleaner.report.rdjson import rdjson_dict
from cleaner.report.sarif import sarif_log


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


def test_reporters_agree_on_real_pipeline_output(sarif_schema: dict[str, object]) -> None:
    """Whatever the detectors find on the seeds today: SARIF valid, one result / annotation /
    diagnostic per JSON finding."""
    from cleaner import pipeline

    results = [
        pipeline.clean_text(p.read_text(encoding="utf-8"), f"seeds/{p.name}") for p in sorted(SEEDS.glob("*.txt"))
    ]
    n = report_dict(results)["summary"]["findings"]  # type: ignore[index]
    log = sarif_log(results)
    validate_sarif(log, sarif_schema)
    assert len(log["runs"][0]["results"]) == n
    assert len(render_github(results).splitlines()) == n
    assert len(rdjson_dict(results)["diagnostics"]) == n
