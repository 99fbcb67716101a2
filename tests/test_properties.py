"""Property-based tests of the pipeline invariants (DESIGN.md, issue 9) over generated input.

Why: users point cleaner at whatever a scraper produced and `--in-place` rewrites their only copy, so
the invariants must hold for *any* input, not only for the seeds. Hypothesis generates plain text,
Markdown (front matter, fences, indented code, HTML blocks, lists, quotes, links, inline code) and raw
bytes in every encoding the decoder accepts, built from tokens that make the detectors fire (foreign
quotes, mojibake, HTML entities, spun phrases taken from the shipped packs, boilerplate lines).

Properties checked: no exception; `clean` is idempotent; every finding's `text` is exactly the
original's `[start, end)`; planned edits never overlap; edits never touch masked (non-prose)
characters; every masked run of the original survives, in order, in the cleaned text; CRLF, the BOM
and the presence or absence of a final newline are kept through a bytes round trip.

The strategies and checks are in invariants.py; `test_fuzz.py` runs them at a larger, time-bounded scale.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from invariants import NO_BOILERPLATE, check_bytes, check_line_endings, check_pipeline, markdown_texts, plain_texts

from cleaner import clean_text
from cleaner.decode import decode, encode

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
# -- the tests -------------------------------------------------------------------------------------


@SETTINGS
@given(plain_texts())
def test_plain_text_invariants(text: str) -> None:
    r = check_pipeline(text, "text")
    check_line_endings(text, r.cleaned)


@SETTINGS
@given(plain_texts())
def test_plain_text_nothing_masked_changes(text: str) -> None:
    check_pipeline(text, "text", NO_BOILERPLATE)


@SETTINGS
@given(markdown_texts())
def test_markdown_invariants(text: str) -> None:
    r = check_pipeline(text, "markdown")
    check_line_endings(text, r.cleaned)


@SETTINGS
@given(markdown_texts())
def test_markdown_nothing_masked_changes(text: str) -> None:
    check_pipeline(text, "markdown", NO_BOILERPLATE)


@SETTINGS
@given(markdown_texts())
def test_markdown_unsafe_fixes_keep_invariants(text: str) -> None:
    check_pipeline(text, "markdown", NO_BOILERPLATE.with_(unsafe_fixes=True))


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    check_pipeline(text, "text")
    check_pipeline(text, "markdown", NO_BOILERPLATE)


@SETTINGS
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    check_bytes(data)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]


@SETTINGS
@given(st.one_of(plain_texts(), markdown_texts()), st.sampled_from(ENCODINGS))
def test_encoded_round_trip(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
        return
    check_bytes(data, "markdown")


@SETTINGS
@given(plain_texts(), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_bom_crlf_final_newline_bytes(text: str, nl: str, final: bool) -> None:
    body = re.sub(r"\r\n|\r|\n", nl, text).rstrip("\r\n") + (nl if final else "")
    data = b"\xef\xbb\xbf" + body.encode("utf-8")
    decoded = decode(data)
    assert decoded.bom and decoded.text == body
    r = clean_text(decoded.text, "a.txt")
    payload, enc = encode(r.cleaned, decoded)
    assert enc == "utf-8" and payload.startswith(b"\xef\xbb\xbf")
    check_line_endings(body, r.cleaned)


def test_generators_reach_the_detectors() -> None:
    """The strategies are only useful if they make fixes happen; guard against silent drift."""
    text = "« Oui » , he said at the minimum .\r\n\r\nâ€œQuoteâ€ &amp; more\r\n"
    r = check_pipeline(text, "text")
    assert r.changed and r.fixes_applied >= 3
    assert r.cleaned.endswith("\r\n") and "\n" not in r.cleaned.replace("\r\n", "")
