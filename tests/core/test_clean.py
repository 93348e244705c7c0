"""Tests of the boilerplate cleaner on small made-up pages (no corpus files)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.clean import (
    FeedEvidence,
    Rules,
    clean_blocks,
    clean_text,
    split_text_blocks,
)

TITLE = "Portugal and Brazil sign new deal on wind turbine exports"

BODY = [
    "LISBON – Portugal and Brazil signed an agreement on Tuesday that will let turbine "
    "makers in both countries bid for each other's public wind-power tenders, the two "
    "governments said in a joint statement.",
    "The deal, which was negotiated over two years, removes a local-content rule that had "
    "kept Portuguese suppliers out of most Brazilian projects since 2015.",
    '"This is a good day for the people who build the machines," the Portuguese economy '
    "minister told reporters after the signing ceremony in the capital.",
    "Brazil's mines and energy ministry said the first joint tender could open early next "
    "year, with about 1.2 gigawatts of capacity on offer in the north-east of the country.",
    "Industry groups in both countries welcomed the move, although some warned that the "
    "smaller manufacturers would struggle to compete with the largest firms.",
    "The agreement still has to be ratified by the parliaments of both countries.",
]

TEASERS = [
    "Central bank keeps rates on hold for a third month",
    "Storm closes ports along the northern coast",
    "Football federation names new national coach",
]


def seed_like_page() -> str:
    """The shape of a real scraped news page, with made-up text."""
    lines = [
        "Home",
        "World",
        "Economy",
        "Sports",
        TITLE,
        "",
        "LISBON",
        TITLE,
        "",
        *[p + "\n" for p in BODY],
        "Quark.Models.Entities.Ancestor?.Title?.ToUpperInvariant() " + TEASERS[0],
        "",
        TEASERS[0],
        "LATEST NEWS",
        "",
    ]
    for n, teaser in enumerate(TEASERS, 1):
        lines += [f"  {n}. {teaser}", "", f"    {teaser}", ""]
    lines.append("Recommended")
    for teaser in TEASERS:
        lines += [teaser, "", teaser]
    lines += [
        "WORLD Floods force thousands from their homes in the south",
        "ECONOMY Exports grow faster than expected in the third quarter",
        "SPORTS Local team wins the cup after a penalty shoot-out",
        "© 2025 Example News Agency. All rights reserved.",
    ]
    return "\n".join(lines)


def test_seed_like_page_keeps_exactly_the_article() -> None:
    result = clean_text(seed_like_page(), TITLE)
    assert result.body == BODY


def test_seed_like_page_extracts_the_dateline() -> None:
    result = clean_text(seed_like_page(), TITLE)
    assert result.dateline == "LISBON"
    dateline_blocks = [b for b in result.blocks if b.reason == "dateline"]
    assert [b.text for b in dateline_blocks] == ["LISBON"]


def test_every_hidden_block_has_a_reason() -> None:
    result = clean_text(seed_like_page(), TITLE)
    reasons = {b.reason for b in result.hidden}
    assert all(b.reason for b in result.hidden)
    assert "repeated title" in reasons
    assert "template code" in reasons
    assert "teaser list" in reasons
    assert "navigation" in reasons
    assert "footer" in reasons


def test_body_and_hidden_blocks_are_all_blocks_in_order() -> None:
    text = seed_like_page()
    result = clean_text(text, TITLE)
    assert [b.text for b in result.blocks] == split_text_blocks(text)
    assert all(b.hidden == (b.text not in result.body) for b in result.blocks)


def test_byline_is_metadata_and_hidden() -> None:
    blocks = ["News", "Home", TITLE, "By Ana Costa", *BODY, "Most read", *TEASERS]
    result = clean_blocks(blocks, TITLE)
    assert result.byline == "By Ana Costa"
    assert result.body == BODY
    assert any(b.text == "By Ana Costa" and b.reason == "byline" for b in result.blocks)


def test_dateline_at_the_start_of_the_first_paragraph() -> None:
    result = clean_blocks(["Menu", *BODY, "Related", *TEASERS], TITLE)
    assert result.dateline == "LISBON"


def test_dateline_line_ending_in_a_dash() -> None:
    body = [p.replace("LISBON – ", "") for p in BODY]
    result = clean_blocks([TITLE, "LISBON --", *body, "Related", *TEASERS], TITLE)
    assert result.dateline == "LISBON"
    assert result.body == body


def test_capitalised_author_line_is_not_a_dateline() -> None:
    body = [p.replace("LISBON – ", "") for p in BODY]
    result = clean_blocks([TITLE, "ANA COSTA", *body, "Related", *TEASERS], TITLE)
    assert result.dateline is None


def test_works_without_a_title_and_on_empty_input() -> None:
    assert clean_blocks(["Home", *BODY, "Related", *TEASERS]).body == BODY
    assert clean_blocks([]).blocks == ()
    assert clean_text("").body == []


def test_markdown_paragraphs_are_blocks_too() -> None:
    menu = ["* [Home](/)", "[About](/about) · [Contact](/contact)"]
    paragraphs = ["# " + TITLE, *[p[:80] + "\n" + p[80:] for p in BODY], *menu]
    result = clean_blocks(paragraphs, TITLE)
    assert result.body == paragraphs[1:-2]
    assert {b.reason for b in result.hidden[1:]} == {"link list"}


def test_one_link_line_is_no_evidence_of_a_scraped_page() -> None:
    paragraphs = ["# " + TITLE, *BODY, "* [Home](/)"]
    assert clean_blocks(paragraphs, TITLE).body == paragraphs[1:]


def test_comment_thread_after_the_article_is_hidden() -> None:
    comment = (
        "I have followed this story for years and I think that the government is right "
        "to open the market, because the prices will come down for everyone in the end."
    )
    blocks = [TITLE, *BODY, "Comments (3)"]
    for n in range(3):
        blocks += [comment, f"Posted by reader{n} on May {n + 1}, 2024", "Reply"]
    result = clean_blocks(blocks, TITLE)
    assert result.body == BODY
    assert {b.reason for b in result.hidden[-9:]} == {"comments"}


def test_long_comment_thread_does_not_win_over_a_short_article() -> None:
    comment = (
        "Well I have to say that this is the most interesting thing I have read all week, "
        "and I think that the people who wrote the plan should be proud of what they did, "
        "because it is not easy to get two governments to agree on anything these days."
    )
    blocks = [TITLE, *BODY[:2], "Have your say", "Comments"]
    for n in range(8):
        blocks += [comment, f"Posted by reader{n} on May {n + 1}, 2024 5:5{n} PM", "Report"]
    result = clean_blocks(blocks, TITLE)
    assert result.body == BODY[:2]


def test_inline_link_box_inside_the_article_is_bridged_and_hidden() -> None:
    blocks = [TITLE, *BODY[:3], "Related articles", *TEASERS[:2], *BODY[3:], "Most read"]
    result = clean_blocks(blocks, TITLE)
    assert result.body == BODY
    assert {b.reason for b in result.hidden[1:4]} == {"section heading", "related-links list"}


def test_photo_captions_and_ad_labels_inside_the_article_are_hidden() -> None:
    caption = "The harbour of Lisbon at dawn on Tuesday (Image: Jane Doe/Agency)"
    blocks = ["Home", "World", "Sport", TITLE, BODY[0], caption, BODY[1], "Advertisement"]
    blocks += [*BODY[2:], "© 2025 Lisbon Daily. All rights reserved."]
    result = clean_blocks(blocks, TITLE)
    assert result.body == BODY
    reasons = {b.text: b.reason for b in result.hidden}
    assert reasons[caption] == "photo caption"
    assert reasons["Advertisement"] == "advertisement"


def test_a_caption_in_an_article_without_page_chrome_is_kept() -> None:
    caption = "The harbour of Lisbon at dawn on Tuesday (Image: Jane Doe/Agency)"
    blocks = [TITLE, BODY[0], caption, *BODY[1:]]
    assert clean_blocks(blocks, TITLE).body == [BODY[0], caption, *BODY[1:]]


def test_hard_wrapped_paragraphs_count_as_text() -> None:
    words = " ".join(BODY).split()
    wrapped, line = [], ""
    for word in words:
        if len(line) + len(word) > 70:
            wrapped.append(line)
            line = ""
        line = f"{line} {word}".strip()
    wrapped.append(line)
    blocks = ["Home", "News", "Sport", *wrapped, "Related", *TEASERS]
    assert clean_blocks(blocks).body == wrapped


def test_markdown_link_lists_are_navigation() -> None:
    paragraphs = [
        "* [Home](/)\n* [World](/world)\n* [Sport](/sport)",
        *BODY[:2],
        "Previous: [" + TEASERS[0] + "](https://example.com/a)",
    ]
    result = clean_blocks(paragraphs, TITLE)
    assert result.body == BODY[:2]
    assert result.blocks[0].reason == "link list"


# --------------------------------------------------------------------------
# user rules


def test_hide_rule_beats_the_heuristics() -> None:
    rules = Rules(hide=(re.compile(r"^The agreement still"),))
    result = clean_text(seed_like_page(), TITLE, rules=rules)
    assert result.body == BODY[:-1]
    hidden = next(b for b in result.blocks if b.text == BODY[-1])
    assert hidden.reason == "user rule: ^The agreement still"


def test_keep_rule_beats_everything() -> None:
    rules = Rules(
        hide=(re.compile("Recommended"), re.compile("agreement")),
        keep=(re.compile("^Recommended$"), re.compile("ratified")),
    )
    result = clean_text(seed_like_page(), TITLE, rules=rules)
    kept = {b.text: b.reason for b in result.blocks if not b.hidden}
    assert kept["Recommended"] == "user rule: ^Recommended$"
    assert kept[BODY[-1]] == "user rule: ratified"


# --------------------------------------------------------------------------
# feed evidence

SITE_HEADER = ["Valley Post", "Home", "Politics", "Business", "Culture"]
SITE_FOOTER = [
    "The Valley Post is an independent newspaper, published every morning since 1901 "
    "by a cooperative of its readers and journalists.",
    "Latest news",
    "Mayor opens the new library on the river bank",
    "Bus drivers call off next week's strike",
    "Contact us | Advertise | Jobs",
]


def feed_page(n: int) -> list[str]:
    """Page n of a made-up site: its own article between the shared site chrome."""
    title = f"Council approves plan number {n} for the old harbour"
    body = [
        f"The city council approved on Monday the plan number {n} for the old harbour, "
        "after a debate that lasted for most of the afternoon and part of the evening.",
        f"Supporters said that plan {n} would bring new homes and jobs to the area, while "
        "residents of the harbour streets asked for more time to study the details.",
        f"Work on the first phase of plan {n} is expected to start next spring.",
    ]
    return [*SITE_HEADER, title, *body, *SITE_FOOTER]


def test_feed_evidence_hides_recurring_lines_that_single_pages_keep() -> None:
    pages = [feed_page(n) for n in range(6)]
    page = pages[0]
    single = clean_blocks(page, page[5])
    assert SITE_FOOTER[0] in single.body  # reads like the article's last paragraph
    feed = FeedEvidence.build(pages)
    with_feed = clean_blocks(page, page[5], feed=feed)
    assert with_feed.body == page[6:9]
    recurring = {b.text for b in with_feed.blocks if b.reason == "recurs across feed"}
    assert SITE_FOOTER[0] in recurring


def test_feed_evidence_lifts_token_f1() -> None:
    pages = [feed_page(n) for n in range(6)]
    feed = FeedEvidence.build(pages)

    def f1(pred: list[str], truth: list[str]) -> float:
        p, t = " ".join(pred).split(), " ".join(truth).split()
        tp = sum(min(p.count(w), t.count(w)) for w in set(t))
        return 2 * tp / (len(p) + len(t)) if p or t else 1.0

    single = [f1(clean_blocks(p, p[5]).body, p[6:9]) for p in pages]
    fed = [f1(clean_blocks(p, p[5], feed=feed).body, p[6:9]) for p in pages]
    assert sum(fed) > sum(single)
    assert min(fed) == 1.0


def test_feed_holding_a_copy_of_the_article_does_not_hide_it() -> None:
    pages = [feed_page(n) for n in range(4)]
    copy = list(pages[0])
    feed = FeedEvidence.build([*pages, copy])
    result = clean_blocks(pages[0], pages[0][5], feed=feed)
    assert result.body == pages[0][6:9]


def test_rotating_latest_news_items_count_from_two_pages() -> None:
    pages = [feed_page(n) for n in range(8)]
    rotating = "Ferry service to the islands resumes after the winter"
    for page in pages[:2]:
        page.insert(9, rotating)
    result = clean_blocks(pages[0], pages[0][5], feed=FeedEvidence.build(pages))
    assert result.body == pages[0][6:9]
    assert next(b for b in result.blocks if b.text == rotating).reason == "recurs across feed"


def test_a_headline_other_pages_link_to_is_still_a_repeated_title() -> None:
    pages = [feed_page(n) for n in range(8)]
    title = pages[0][5]
    for page in pages[1:]:
        page.insert(-len(SITE_FOOTER), title)  # the other pages' "Latest news" link to it
    result = clean_blocks(pages[0], title, feed=FeedEvidence.build(pages))
    assert result.body == pages[0][6:9]
    assert next(b for b in result.blocks if b.text == title).reason == "repeated title"


def test_feed_of_one_page_changes_nothing() -> None:
    page = feed_page(1)
    alone = clean_blocks(page, page[5], feed=FeedEvidence.build([page]))
    assert alone == clean_blocks(page, page[5])


# --------------------------------------------------------------------------
# properties and speed

lines_strategy = st.lists(
    st.one_of(
        st.text(max_size=200),
        st.sampled_from([TITLE, *BODY, *TEASERS, "Related", "LISBON", "By Ana Costa", "©"]),
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000), st.one_of(st.none(), st.text(max_size=60)))
def test_property_text_blocks_are_the_nonempty_lines_in_order(text: str, title: str | None) -> None:
    result = clean_text(text, title)
    expected = [line.rstrip() for line in text.splitlines() if line.strip()]
    assert [b.text for b in result.blocks] == expected
    body = iter(result.body)
    hidden = iter(result.hidden)
    merged = [next(hidden).text if b.hidden else next(body) for b in result.blocks]
    assert merged == expected
    assert all(b.reason for b in result.hidden)


@settings(max_examples=200, deadline=None)
@given(lines_strategy, st.one_of(st.none(), st.sampled_from([TITLE, "", "Related"])))
def test_property_blocks_come_back_unchanged(blocks: list[str], title: str | None) -> None:
    feed = FeedEvidence.build([blocks, blocks[:3]])
    result = clean_blocks(blocks, title, feed=feed)
    assert [b.text for b in result.blocks] == blocks
    assert len(result.body) + len(result.hidden) == len(blocks)


def test_a_large_page_is_cleaned_whole() -> None:
    """Every block of a 400-fold page gets a verdict. (How the time grows with the page
    is measured by `bench/cleaning.py`, not asserted here: timings in tests flake.)"""
    big = seed_like_page() * 400
    result = clean_text(big, TITLE)
    assert len(result.blocks) == len(split_text_blocks(big))
    assert result.body  # the article is still found among its copies
