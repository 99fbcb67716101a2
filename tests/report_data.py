"""What the report tests render, and the tools they read it with (not a test module: imported by them).

- `seed_results()`: results for both seed articles built by hand, with the findings a careful editor
  makes (the seeds' acceptance list), so the reporters are tested on realistic, overlapping, multi-line
  and zero-width findings independently of what the detectors find today; `hostile_result()`: a file
  whose name, text, messages and suggestions try to break out of HTML.
- `validate_sarif(log, schema)`: validation against the vendored official SARIF 2.1.0 schema
  (the `sarif_schema` fixture in conftest.py loads it).
- `parse(html)`: the review page through the standard library's html.parser, collecting what the
  tests compare (article texts, diff views, ids, scripts).

The headless-browser helpers are in chromium.py.
"""

from __future__ import annotations

from html.parser import HTMLParser

import jsonschema
from conftest import SEEDS

from cleaner.model import Applicability, Edit, Finding, Result, Severity

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


def validate_sarif(log: dict[str, object], schema: dict[str, object]) -> None:
    """Fail (AssertionError) with the first ten schema violations of `log`, if any."""
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


# ---------------------------------------------------------------- the HTML page, parsed

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Collects tags, ids, and the text of selected regions (with what is inside <del>/<ins>/<summary>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.ids: list[str] = []
        self.articles: list[str] = []
        self.diffs: list[list[tuple[str, str]]] = []  # (kind, text): kind in text/del/ins/summary
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        cls = a.get("class", "").split()
        if tag == "div" and "article" in cls:
            self.articles.append("")
        if tag == "div" and "difftext" in cls:
            self.diffs.append([])
        if tag == "script":
            self.scripts.append("")
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def _inside(self, tag: str, cls: str | None = None) -> bool:
        return any(t == tag and (cls is None or cls in a.get("class", "").split()) for t, a in self.stack)

    def handle_data(self, data: str) -> None:
        if self._inside("script"):
            self.scripts[-1] += data
        if self._inside("div", "article"):
            self.articles[-1] += data
        if self._inside("div", "difftext"):
            kind = (
                "summary"
                if self._inside("summary")
                else "del"
                if self._inside("del")
                else "ins"
                if self._inside("ins")
                else "text"
            )
            self.diffs[-1].append((kind, data))


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p
