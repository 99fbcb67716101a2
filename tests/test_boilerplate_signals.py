"""Boilerplate without a site list: signals, the signal model, the safety rules, and folder templates.

The articles are tests/data/clean_news (see its README); the site template wrapped around them here is
made up, as a scraper of one site would write it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA

from cleaner.config import Config
from cleaner.detect.boilerplate import decide, guard, signals, template
from cleaner.detect.boilerplate.features import Para
from cleaner.files import discover
from cleaner.model import Applicability
from cleaner.pipeline import clean_text
from cleaner.runner import Job, run
from cleaner.segment import segment

NEWS = sorted((DATA / "clean_news").glob("*.txt"))

HEADER = ["Morning Ledger", "Sections", "Our Reporters", "Weather Desk"]
FOOTER = ["Corrections Policy", "Ledger Media Group", "Reader Services", "Work With Us"]


def article(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()


def page(body: str, header: list[str] = HEADER, footer: list[str] = FOOTER) -> str:
    return "\n\n".join([*header, body, *footer]) + "\n"


def para(text: str) -> Para:
    doc = segment(text + "\n", "text")
    from cleaner.detect import boilerplate as B

    return B._analysis(doc).body[0] if B._analysis(doc).body else B._analysis(doc).title  # type: ignore[return-value]


# -- signals ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Share on Facebook",
        "Abonnez-vous à notre lettre",
        "Jetzt spenden",
        "Suscríbete ahora",
        "Iscriviti alla newsletter",
        "Compartilhe",
        "Подпишитесь на канал",
    ],
)
def test_call_to_action_words_in_seven_languages(text: str) -> None:
    assert signals._text_signals(para(text))[1] > 0


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks would resume in March after the holidays.",
        "Le ministre a déclaré que les négociations reprendraient en mars.",
        "Der Minister sagte, die Gespräche würden im März fortgesetzt.",
    ],
)
def test_ordinary_sentences_carry_no_call_to_action(text: str) -> None:
    assert signals._text_signals(para(text))[1] == 0


def test_counts_timestamps_separators_and_links() -> None:
    sig = signals._text_signals(para("12 comments | 3 hours ago | follow @ledger"))
    assert sig[3] == 1.0 and sig[4] > 0 and sig[5] == 1.0
    plain = signals._text_signals(para("Officials said the bridge would reopen soon."))
    assert plain[3] == 0.0 and plain[5] == 0.0


def test_model_file_matches_the_features_and_records_its_precision() -> None:
    m = signals.model()
    assert len(m.weights) == len(signals.FEATURES)
    assert 0.5 < m.threshold < 1.0 and "precision" in m.note


def test_article_like_rows_are_recognised() -> None:
    row = [0.0] * len(signals.FEATURES)
    idx = {n: i for i, n in enumerate(signals.FEATURES)}
    row[idx["sentence"]], row[idx["log_words"]], row[idx["stopwords"]], row[idx["overlap"]] = 1, 0.8, 0.4, 0.6
    assert signals.article_like(row)
    row[idx["overlap"]] = 0.0
    assert not signals.article_like(row)


# -- safety ----------------------------------------------------------------------------------------


def test_closing_sentence_with_the_articles_names_survives_after_prompts() -> None:
    body = article(NEWS[0])
    names = [w for w in body.split() if w[:1].isupper() and len(w) > 3][:3]
    closing = f"{' '.join(names)} said the review of the decision would be published in full next week."
    text = "\n\n".join([body, "Share", "Related", closing, "Advertisement"]) + "\n"
    cleaned = clean_text(text).cleaned
    assert closing in cleaned
    assert "Advertisement" not in cleaned


def test_too_much_removed_leaves_the_file_for_review() -> None:
    prose = "We use cookies to improve your experience. By continuing you accept our use of cookies."
    text = "\n\n".join(["A title", "He said it was a good day for the town and everyone in it.", prose]) + "\n"
    strict = Config().with_(boilerplate_max_loss=0.2)
    result = clean_text(text, config=strict)
    assert result.cleaned == text
    rules = {f.rule for f in result.findings}
    assert guard.TOO_MUCH_RULE in rules
    assert all(f.applicability != Applicability.SAFE for f in result.findings if f.category == "boilerplate")
    forced = clean_text(text, config=strict.with_(boilerplate_max_loss=1.0))
    assert prose not in forced.cleaned and guard.TOO_MUCH_RULE not in {f.rule for f in forced.findings}


def test_too_much_removed_is_a_configuration_option(tmp_path: Path) -> None:
    from cleaner.settings import ConfigError, config_from_table

    assert config_from_table({"boilerplate-max-loss": 0.3}, None).config.boilerplate_max_loss == 0.3
    with pytest.raises(ConfigError):
        config_from_table({"boilerplate-max-loss": 2}, None)


# -- folder templates ------------------------------------------------------------------------------


def _clean_folder(folder: Path, out: Path) -> dict[str, str]:
    targets, errors = discover([str(folder)])
    assert not errors
    run(targets, Job(fix=True, out_dir=out), Config())
    return {p.name: p.read_text(encoding="utf-8") for p in out.rglob("*.txt")}


def test_a_folder_of_one_sites_pages_loses_its_template_lines(tmp_path: Path) -> None:
    src = tmp_path / "site"
    src.mkdir()
    for path in NEWS[:4]:
        (src / path.name).write_text(page(article(path)), encoding="utf-8")
    cleaned = _clean_folder(src, tmp_path / "out")
    assert len(cleaned) == 4
    for path in NEWS[:4]:
        out = cleaned[path.name]
        for line in HEADER + FOOTER:
            assert line not in out.splitlines(), (path.name, line)
        alone = clean_text(article(path) + "\n").cleaned  # the article cleaned on its own
        for paragraph in alone.split("\n\n")[1:]:  # every paragraph of it is still there
            assert paragraph.strip() in out


def test_pages_of_different_sites_share_no_template(tmp_path: Path) -> None:
    src = tmp_path / "mixed"
    src.mkdir()
    for i, path in enumerate(NEWS[:4]):
        (src / path.name).write_text(page(article(path), [f"Site {i} Ledger {i}"], [f"Footer {i} Co {i}"]), "utf-8")
    targets, _ = discover([str(src)])
    assert template.folder_templates(targets) == {}


def test_template_needs_most_pages_of_the_folder() -> None:
    story = [page("\n\n".join(f"Story {i}, paragraph {j}." for j in range(12))) for i in range(3)]
    pages = story + [f"Other text {i}.\n" for i in range(4)]
    assert template.template_of(pages) == frozenset()  # on 3 of 7 pages: not a template
    assert "morning ledger" in template.template_of(pages[:4])


def test_template_inside_the_article_is_only_suggested() -> None:
    lines = frozenset({"key takeaways"})
    body = article(NEWS[1]).split("\n\n")
    text = "\n\n".join([*body[:3], "Key takeaways", *body[3:]]) + "\n"
    cfg = Config().with_(site_template=lines)
    found = [f for f in clean_text(text, config=cfg, fix=False).findings if f.rule == template.TEMPLATE_RULE]
    assert found and all(f.applicability == Applicability.SUGGESTED for f in found)
    assert decide.REVIEW_CONFIDENCE == template.REVIEW_CONFIDENCE


def test_copies_or_versions_of_one_article_make_no_template() -> None:
    body = article(NEWS[2])
    assert template.template_of([page(body)] * 5) == frozenset()  # copies count once
    versions = [page(body + f"\n\nUpdate {i}: the story was corrected.") for i in range(5)]
    assert template.template_of(versions) == frozenset()  # the shared lines are most of each page


@pytest.mark.parametrize(
    "row",
    ["| Rank | Insurer | Premiums |", "U+0080 – U+07FF | 110xxxxx | 10xxxxxx |  |", "2021 | 4.5 | 3.2 | 1.0"],
)
def test_table_rows_are_not_menu_rows(row: str) -> None:
    from cleaner.detect.boilerplate.features import _menu_row

    assert _menu_row(row, len(row.split())) == 0.0
    assert _menu_row("Home | World | Sport | Opinion | Culture", 5) > 0
