"""MT-artefact detector: each rule flags its artefact and passes correct English."""

from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.detect import mt
from cleaner.segment import segment

FILLER = (
    "Officials said the attack on the residence was a major escalation in the dispute over the election "
    "results, and they called for calm and restraint from all sides in the country."
)


def rules(text: str) -> list[tuple[str, str]]:
    doc = segment(FILLER + "\n\n" + text + "\n\n" + FILLER + "\n", "text")
    out = []
    for f in mt.detect(doc, Config()):
        assert f.text == doc.text[f.start : f.end]
        out.append((f.rule, f.text))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It came through the establishment of the & support for the & terrorist groups.",
            [("mt/ampersand-debris", "& "), ("mt/ampersand-debris", "& ")],
        ),
        ("Rebels seized a & large depot and its & fuel.", [("mt/ampersand-debris", "& ")] * 2),
        (
            "The text read &quot;no comment&quot; on the website.",
            [("mt/entity-debris", "&quot;"), ("mt/entity-debris", "&quot;")],
        ),
        (
            "« It is a new uproar from abroad, He said.",
            [("mt/capital-after-comma", "He said"), ("mt/unclosed-quote", "«")],
        ),
        (
            "“The blood of martyrs will hold you accountable, said the militia leader on Saturday.",
            [("mt/unclosed-quote", "“")],
        ),
        (
            "The commander posted a tweet that was addressed to the prime minister and did not name him forgotten.",
            [("mt/stray-participle", "forgotten")],
        ),
        ("Witnesses said the officers beat them broken; nobody intervened.", [("mt/stray-participle", "broken")]),
    ],
)
def test_flags(text: str, expected: list[tuple[str, str]]) -> None:
    assert rules(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "AT&T and Johnson & Johnson reported results; M&A activity slowed, analysts said.",
        "Shares of Procter & Gamble rose after Barnes & Noble said it would expand.",
        "“We are in close contact with the Iraqi security forces,” he said.",
        "« I am fine and among my people. Thank God, » the Prime Minister tweeted.",
        "The crowd chanted the slogan, and he said he would not resign.",
        "He named the group Asaib Ahl al-Haq, which is backed by Iran.",
        "Police had him arrested. The blast left her shaken. Medics found them wounded.",
        "Rivals call them biased. Some of them clicked. She wanted it finished.",
        "They did not name him, officials said, and the ministry thanked us.",
        # a particle or a noun after the pronoun is no participle (clean web pages)
        "Write your passwords without writing them down. Slow animations frustrate and slow them down.",
        "We came upon a neighbor standing up weeding her lawn.",
        # "&" for "and" in informal English: "and" would be grammatical in each place
        "Log in & create a new user, then try more settings & a wider array of recipes.",
        "The shape of the machine & the amount of plastic matter; the trip to & from work is short.",
        "Speed is pretty good for me & the VPN connects fast; it is his & hers, salt & pepper.",
    ],
)
def test_passes(text: str) -> None:
    assert rules(text) == []


@pytest.mark.parametrize(
    "text",
    [
        '“It would be critical to do it in a step-down fashion," said a psychologist from San Diego.',
        "Die App „Vivy“ wurde in Kooperation von 90 gesetzlichen Krankenkassen entwickelt.",
        'The 13" model is thinner.\n\nBack to Top «',
        'He said, “somebody ought to put a bullet in her skull," the prosecutor’s office said.',
    ],
)
def test_quotation_closed_with_another_glyph_is_closed(text: str) -> None:
    """Scraped copy closes “ with a straight quote, and German closes „ with “: both are closed."""
    assert [r for r in rules(text) if r[0] == "mt/unclosed-quote"] == []


def test_quote_continued_in_next_paragraph_passes() -> None:
    text = (
        "“The relationship has been tense for a long time, she said the militias were to blame.\n\n“But it is stupid.”"
    )
    assert [r for r in rules(text) if r[0] == "mt/unclosed-quote"] == []


def test_misdirected_closing_mark_is_not_unclosed() -> None:
    assert rules("« We have offered our support in investigating this attack, « he added.") == []


# -- speed-ups must not change answers ---------------------------------------------------------------


def _unclosed_reference(text: str) -> list[int]:
    """The character-by-character scan `mt._unclosed` must agree with."""
    from cleaner.normalise.quotes import not_a_quote

    stack: list[tuple[str, int]] = []
    for i, c in enumerate(text):
        top = stack[-1][0] if stack else ""
        if c in '«»“”„"' and not_a_quote(text, i, c, text[i - 1] if i else "", text[i + 1 : i + 2], len(stack)):
            continue
        if c == '"':
            if top == "“":
                stack.pop()
        elif c == "„":
            stack.append((c, i))
        elif (c == "“" and top == "„") or (c in mt._OPEN and stack and mt._MISDIRECTED.match(text, i)):
            stack.pop()
        elif c in mt._OPEN:
            stack.append((c, i))
        elif stack and c == mt._CLOSE.get(top):
            stack.pop()
        elif c in "»”":
            for j in range(len(stack) - 1, -1, -1):
                if mt._CLOSE.get(stack[j][0]) == c:
                    del stack[j:]
                    break
    return [i for _, i in stack]


def test_unclosed_agrees_with_character_scan() -> None:
    import random

    rng = random.Random(8)
    alphabet = ["«", "»", "“", "”", "„", '"', " he said", "a", " ", ".", "« he added", "“ they wrote", "\n", "7"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert mt._unclosed(text) == _unclosed_reference(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII text, with it's and don't and O'Neill.",
        "Curly ’quotes’ and l’armée and DON’T",
        "İSTANBUL d’İstanbul İyi",
        "ΟΔΟΣ'Α ΟΔΟΣ. Σ Α'Σ",
        "Straße Éric ÀÉÎ ﬁne ǅemal",
        "mixed\ufffcmask and 123 numbers_x",
        "“Don’t,” he said — it’s the army’s … «plan» • © 2021",
        "a`b and don’t",
        "a`b and don't – fine",
        "’tis ’ alone’ d’’x",
        "Москва’s “мэр” said",
        "",
    ],
)
def test_words_agree_with_token_by_token_lowering(text: str) -> None:
    from cleaner.detect import language

    assert language.words(text) == [w.lower() for w in language.WORD.findall(text)]
    assert language.stopword_ratio(language.words(text), "fr") == (
        sum(w in language.STOPWORDS["fr"] for w in language.words(text)) / len(language.words(text))
        if language.words(text)
        else 0.0
    )


def test_guess_by_counts_is_guess_by_tokens() -> None:
    from collections import Counter

    from cleaner.detect import language

    for text in (FILLER, "le chat est sur la table avec les enfants et le chien", "der Hund und die Katze", ""):
        toks = language.words(text)
        by_tokens = max(
            ((lang, language.stopword_ratio(toks, lang)) for lang in language.STOPWORDS),
            key=lambda x: x[1],
            default=(None, 0.0),
        )
        assert language.guess_by_counts(Counter(toks), len(toks)) == (by_tokens if by_tokens[1] > 0 else (None, 0.0))


def test_typography_is_neither_word_nor_letter() -> None:
    """Blanking TYPOGRAPHY (and "’" for `\\w+` tokens) out can't change a word or a token."""
    import regex

    from cleaner.detect import language

    for c in language.TYPOGRAPHY:
        assert not regex.match(r"[\w\p{L}\p{M}'’]", c), c
    assert not regex.match(r"\w", "’")


@pytest.mark.parametrize("markup", ["text", "markdown"])
def test_sample_words_are_the_words_of_the_sample(markup: str) -> None:
    """`_is_english` reads the sample block by block; that must give exactly the words of the sample."""
    from cleaner.detect import language

    md = (
        "# Title’s here\n\nSome *emphasis* and [a link](http://x.org/l’abc) in d’Artagnan’s text.\n\n"
        "- item one\n- item’s two\n\n> quoted l’armée\n\n```\ncode block words\n```\n\n<div>html words</div>\n\n"
        "| a | b |\n|---|---|\n| cell | other’s |\n"
    )
    long = "\n\n".join([FILLER] * 130)  # longer than the sample: the cut falls inside a block
    for text in (md, FILLER + "\n\n" + md, long, long + "\n\n" + md):
        doc = segment(text, markup)  # type: ignore[arg-type]
        words = mt._sample_words(doc, {})
        if words is not None:
            assert words == language.words(doc.mask[: mt.ENGLISH_SAMPLE])


def test_lower_case_keeps_letters_letters() -> None:
    """`language.words` lower-cases before matching: exact because lower case maps letters (and marks)
    to letters (and marks), "İ" (checked for) aside. Checked against every code point."""
    import regex

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    letters = set(regex.findall(r"\p{L}", every))
    letters_marks = set(regex.findall(r"[\p{L}\p{M}]", every))
    odd = set()
    for c in (c for c in every if c.lower() != c):
        low = c.lower()
        if (c in letters) != all(x in letters for x in low) or (c in letters_marks) != all(
            x in letters_marks for x in low
        ):
            odd.add(c)
    assert odd <= {"İ"}
