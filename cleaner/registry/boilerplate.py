"""Rules of the boilerplate detector (cleaner/detect/boilerplate/): page furniture judged by its form, its
place around the article and its topic. (The prompts of rules/boilerplate.yaml are pack entries and are
registered from the pack.) Every finding spans its whole paragraph and its fix deletes it; the fix is
safe only at `boilerplate-threshold` confidence or above, otherwise suggested for an editor.

The examples stand in a short news article (`ARTICLE_THEN`: the example after its last paragraph), since
a paragraph is furniture or article text by where it stands as much as by what it says.
"""

from __future__ import annotations

from ..model import Applicability, Severity
from .core import code_rule

SAFE = Applicability.SAFE

_TITLE = "Iraqi Prime Minister Mustafa al-Kadhimi survives drone attack"
_BODY = (
    "Iraqi Prime Minister Mustafa al-Kadhimi survived an attack by armed drones that targeted his residence "
    "early Sunday. Officials said he was unharmed and called for calm.\n\n"
    "Two Iraqi officials told the Associated Press that seven of the prime minister's security forces were "
    "injured in the attack by two armed drones in the heavily fortified Green Zone in Baghdad.\n\n"
    "The attack was a major escalation amid tensions sparked by the refusal of Iran-backed militias to accept "
    "the results of last month's parliamentary elections in Iraq.\n\n"
    "Militia supporters camped outside the Green Zone for almost a month after rejecting the election "
    "results, in which the militias lost around two-thirds of their seats in Iraq's parliament.\n\n"
    "The prime minister later appeared on Iraqi television and said the drone attack on his residence would "
    "not deter the government, and he ordered an investigation into the attack."
)
#: the rest of a related-stories list after an article (teasers with their dates and reading times)
_RELATED = (
    "4 minutes\n\nDrone strikes: what the militias want\n\n17 Dec 2025\n\n2 minutes\n\n"
    "Green Zone protests end after a month\n\n16 Dec 2025\n\n5 minutes\n\n"
    "Iraq's new parliament meets for the first time\n\n15 Dec 2025\n\n1 minute\n\nBaghdad's budget passes"
)
#: an article, then the example
ARTICLE_THEN = f"{_TITLE}\n\n{_BODY}\n\n{{example}}\n"
#: the example, then an article
THEN_ARTICLE = f"{{example}}\n\n{_TITLE}\n\n{_BODY}\n"
#: the example as the article's first line (its headline)
HEADLINE = f"{{example}}\n\n{_BODY}\n"

# -- structure: what a paragraph is by its form ------------------------------------------------------

TAG_LIST = code_rule(
    "boilerplate/tag-list",
    "boilerplate",
    "A tag or keyword list (comma-separated, with empty fields)",
    """A CMS prints the article's tags as one comma-separated line, often with empty fields where a tag was
    blank. No sentence has five or more short comma fields and no end punctuation; removed wherever it
    stands.""",
    ["Iraq,Prime Minister of Iraq,Iran,,Iraq,World news,,,drone,iraq,attempt,,,,,"],
    ["Iraq, Iran, Syria, Lebanon and Jordan sent delegations to the summit, officials said."],
    applicability=SAFE,
    context=ARTICLE_THEN,
)
MENU_ROW = code_rule(
    "boilerplate/menu-row",
    "boilerplate",
    "A navigation row (Home | World | Sport | Business)",
    """A site's menu scraped as a line: three or more separators between one- to three-word items, no
    sentence. Table rows (edge pipes, empty cells, numbers in the cells) are not menus.""",
    ["Home | World | Politics | Business | Sport | Culture"],
    ["| Party | Seats |", "The vote split 52 | 48 in the first round, and 50 | 50 in the second."],
    applicability=SAFE,
    context=ARTICLE_THEN,
)
BYLINE_TEASER = code_rule(
    "boilerplate/byline-teaser",
    "boilerplate",
    "A byline and the teaser of another story (“Vikas Pathak /” and a blurb)",
    """A related-stories box scraped as text: an author's name with a slash, then the first lines of a
    different story. It is not the article's own byline: the story under it is another one.""",
    [
        "Vikas Pathak /\nThe BJP's first post-pandemic national executive meeting was held in mixed mode "
        "with 125 delegates at the NDMC Convention Center in the capital."
    ],
    ["Officials said the investigation into the drone attack would take several weeks."],
    applicability=SAFE,
    context=ARTICLE_THEN,
)
DATE_LINE = code_rule(
    "boilerplate/date-line",
    "boilerplate",
    "A date line outside the article (“Published 5 March 2024, 13:30”)",
    """The page's publication or update stamp, left as a paragraph before or after the article. A date
    shape that recurs through the page is a column of data, not a stamp, and is kept.""",
    ["Updated: November 7, 2021 10:45 AM"],
    ["On November 7, 2021 the prime minister survived the attack, officials said."],
    applicability=SAFE,
    context=ARTICLE_THEN,
)
BYLINE = code_rule(
    "boilerplate/byline",
    "boilerplate",
    "A byline outside the article (“By Jane Smith”)",
    """The author line of the page, left as a paragraph around the article text. Only short lines of the
    byline shape; a sentence that names a reporter passes.""",
    ["By Samya Kullab"],
    ["By Sunday evening the militias had left the Green Zone, officials said."],
    applicability=SAFE,
    context=ARTICLE_THEN,
)

# -- position and topic: where a paragraph stands ------------------------------------------------------

AFTER_ARTICLE = code_rule(
    "boilerplate/after-article",
    "boilerplate",
    "A short or headline-like paragraph in the page's tail, after the article has ended",
    """After an article come link lists, teasers of other stories and promo lines. Found as the densest run
    of long, stop-word-rich paragraphs (the article) and what stands after it: a short paragraph or a
    headline of another story there is furniture. Inside the article only prompts and tag lists are
    removed, since short body paragraphs look like junk too.""",
    ["Leave a Reply\n\nMost popular\n\nFrench election: Macron and Le Pen head for runoff"],
    ["Officials said the investigation into the drone attack on the residence would take several weeks."],
    applicability=SAFE,
    context=ARTICLE_THEN,
)
BEFORE_ARTICLE = code_rule(
    "boilerplate/before-article",
    "boilerplate",
    "A short paragraph before the article starts that is not its headline",
    """Before an article stand the site's name, menus, section labels and breadcrumbs. A short paragraph
    before the article run that shares little with the article is suggested for removal (not removed:
    it may be a kicker or a subheading).""",
    ["12K Shares"],
    ["Iraq’s prime minister survives a drone attack on his residence in Baghdad"],
    context=f"Baghdad Today\n\n{{example}}\n\n{_TITLE}\n\n{_BODY}\n",
)
OFF_TOPIC = code_rule(
    "boilerplate/off-topic",
    "boilerplate",
    "A long paragraph after the article whose words barely occur in it (another story's teaser)",
    """Promo copy and teasers of other stories after an article are long enough to pass as article text,
    but their content words barely occur in the headline and the article. A full sentence right after
    the article with no prompt seen yet is usually its closing line, and is never removed on overlap
    alone.""",
    [
        "Share this article\n\nTired of the incessant, clumsy internet entertainment updates? Walk dazzling "
        "streets with Outlook, the magazine for travellers who love fashion, design and food."
    ],
    ["The prime minister’s office said the investigation into the drone attack would be led by the army."],
    applicability=SAFE,
    context=ARTICLE_THEN,
)
REPEATED = code_rule(
    "boilerplate/repeated",
    "boilerplate",
    "A short paragraph after the article that repeats the page furniture before it",
    """Site furniture recurs: a label printed in the header and again in the footer. A short non-sentence
    after the article that repeats a line seen outside the article is furniture.""",
    ["WORLD NEWS"],
    ["Officials said the investigation into the drone attack on the residence would take several weeks."],
    applicability=SAFE,
    context=f"Baghdad Today\n\nWORLD NEWS\n\n{_TITLE}\n\n{_BODY}\n\nShare this article\n\n{{example}}\n",
)
FOREIGN_LANGUAGE = code_rule(
    "boilerplate/foreign-language",
    "boilerplate",
    "A paragraph outside the article in another language than the article's",
    """A French "Vidéo du jour" or a German newsletter line under an English story is the source site's
    furniture. Only paragraphs outside the article run; inside it a foreign paragraph is left to the MT
    detectors (it may be a quotation).""",
    ["Le gouvernement a annoncé une nouvelle enquête sur les violences de la semaine dernière à Paris."],
    ["The government announced a new inquiry into last week’s violence in Baghdad, officials said."],
    applicability=SAFE,
    context=ARTICLE_THEN,
)
PAGE_FURNITURE = code_rule(
    "boilerplate/page-furniture",
    "boilerplate",
    "A paragraph the boilerplate model judges furniture by its form and place",
    """Outside the article run, a logistic model over a paragraph's signals (length, stop words, links,
    position, overlap with the article, recurring line templates) decides paragraphs no rule names. Its
    threshold is chosen on a development set (cleaner/data/boilerplate_model.json records it). In the
    example, a teaser's date in a related-stories list: dates recur there, so no date-line rule names it.""",
    ["18 Dec 2025"],
    ["The prime minister thanked the security forces."],
    applicability=SAFE,
    context=f"{_TITLE}\n\n{_BODY}\n\nRelated Articles\n\n{{example}}\n\n{_RELATED}\n",
)
SITE_TEMPLATE = code_rule(
    "boilerplate/site-template",
    "boilerplate",
    "A line repeated on most pages of the same folder (the site's template)",
    """A batch of pages scraped from one site shares its template: the same header, footer and promo lines
    on most pages. Lines found on most files of a folder are the site's, not the article's (removed
    outside the article run, suggested inside it). Needs a batch; `clean_text` alone has no folder.""",
    ["Baghdad Today is the best source of news for the region"],
    ["Officials said the investigation into the drone attack on the residence would take several weeks."],
    applicability=SAFE,
    context=ARTICLE_THEN,
    config={"site_template": frozenset({"baghdad today is the best source of news for the region"})},
)
TOO_MUCH_REMOVED = code_rule(
    "boilerplate/too-much-removed",
    "boilerplate",
    "A file whose boilerplate removal would take more than `boilerplate-max-loss` of its text",
    """When removal would take most of a file, the likelier story is a misjudged article, not a page of
    furniture: the file is left unchanged (its boilerplate findings become suggestions) and flagged for
    review. `--force-boilerplate` removes anyway.""",
    ["We use cookies to give you the best experience on our website. By continuing you accept our cookie policy."],
    ["Share this:"],
    applicability=Applicability.NONE,
    context="{example}\n\nDrone attack\n",
)

# -- the headline: affixes ---------------------------------------------------------------------------

TITLE_PREFIX = code_rule(
    "boilerplate/title-prefix",
    "boilerplate",
    "A source tag before the headline (“CM – ”)",
    """Aggregators prefix headlines with a source or section tag and a dash. Only the affix is flagged, and
    only when what follows is itself a headline; “US – China trade talks” keeps its dash.""",
    ["CM – Iraqi Prime Minister survives drone attack"],
    ["US – China trade talks resume in Geneva today"],
    severity=Severity.WARNING,
    context=HEADLINE,
)
TITLE_SUFFIX = code_rule(
    "boilerplate/title-suffix",
    "boilerplate",
    "The site's name after the headline (“ | News”)",
    """Page titles end with the site's name after a pipe or dash; copied as the article's headline, it is
    furniture. Only the affix is flagged.""",
    ["Iraq's PM survives 'assassination attempt' | News"],
    ["Iraq's PM survives 'assassination attempt'"],
    context=HEADLINE,
)
