"""An HTML page's `<title>` shown without the site's name glued to the headline
("Headline | Site", "Site: Headline"), when the page says it is the site's name;
the article's id still that of the whole title (issue 9)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.core.formats import html
from reader.core.identity import article_id
from reader.core.library import Candidate, read_articles, scan


def without_site_name(*args: object, **kwargs: object) -> str:
    return html.without_site_name(*args, **kwargs)  # type: ignore[arg-type]


HEADLINE = "Council approves record budget"
SITE = "The Harbour Gazette"
URL = "https://www.harbourgazette.com/news/budget"


def page(
    title: str,
    *,
    site: str | None = None,
    app_name: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    h1: str | None = None,
    og_title: str | None = None,
    pad: int = 0,
) -> str:
    """A page whose head names `title` (and what else is given), dated, with a body
    of `pad` more paragraphs."""
    head = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        '<meta property="article:published_time" content="2025-02-11T08:00:00Z">',
    ]
    if og_title:
        head.append(f'<meta property="og:title" content="{og_title}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{site}">')
    if app_name:
        head.append(f'<meta name="application-name" content="{app_name}">')
    if url:
        head.append(f'<link rel="canonical" href="{url}">')
    if publisher:
        ld = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": publisher}}
        head.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    body = [f"<h1>{h1}</h1>"] if h1 else []
    body += ["<p>The council approved the budget on Tuesday after a long debate.</p>"] * (1 + pad)
    return "".join(head) + "</head><body><article>" + "".join(body) + "</article></body></html>"


def listed(tmp_path: Path, text: str, name: str = "page.html") -> tuple[str, str]:
    """(title, id) of the list row the scan gives a page of `text`."""
    path = tmp_path / "feed" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    (article,) = read_articles(Candidate(str(path), "feed"))
    return article.title, article.id


# -- the rule ------------------------------------------------------------------------


@pytest.mark.parametrize("separator", [" | ", " – ", " — ", " - ", " · ", " :: ", " » ", "|"])
def test_a_site_suffix_named_by_the_page_is_dropped(separator: str) -> None:
    assert without_site_name(f"{HEADLINE}{separator}{SITE}", [SITE]) == HEADLINE


@pytest.mark.parametrize("separator", [": ", " | ", " - ", " — ", " · "])
def test_a_site_prefix_named_by_the_page_is_dropped(separator: str) -> None:
    assert without_site_name(f"{SITE}{separator}{HEADLINE}", [SITE]) == HEADLINE


def test_each_kind_of_evidence_is_enough() -> None:
    title = f"{HEADLINE} | {SITE}"
    assert without_site_name(title, [None, "the harbour  GAZETTE"]) == HEADLINE  # folded
    assert without_site_name(title, url=URL) == HEADLINE  # the host's letters
    assert without_site_name(f"{HEADLINE} - HarbourGazette.com", url=URL) == HEADLINE
    assert without_site_name(title, url="https://news.harbourgazette.co.uk/x") == HEADLINE
    assert without_site_name(title, h1=HEADLINE) == HEADLINE  # the h1 is the rest
    assert without_site_name(f"{SITE}: {HEADLINE}", h1=f"  {HEADLINE.upper()} ") == HEADLINE


def test_without_evidence_the_whole_title_is_kept() -> None:
    title = f"{HEADLINE} | {SITE}"
    assert without_site_name(title) == title
    assert without_site_name(title, ["Another Paper"], "https://example.org/x", "Other") == title
    assert without_site_name(f"{SITE}: {HEADLINE}", url="https://example.org/") == (
        f"{SITE}: {HEADLINE}"
    )


def test_a_headline_holding_a_separator_is_kept_whole() -> None:
    for title in (
        "Budget: what it means for you",
        "Ferry - the timetable changes | Why it matters",
        "Live: storm hits coast — latest",
        "Votes at 10:30 tonight",
    ):
        assert without_site_name(title, [SITE], URL) == title
    # only the site's part goes, the headline's own separator stays
    assert without_site_name(f"Budget: what it means | {SITE}", [SITE]) == "Budget: what it means"
    assert without_site_name(f"Budget – part two – {SITE}", url=URL) == "Budget – part two"


def test_a_title_that_is_only_the_site_or_a_part_of_it_is_kept() -> None:
    assert without_site_name(SITE, [SITE]) == SITE
    assert without_site_name(f"{SITE} | {SITE}", [SITE]) == f"{SITE} | {SITE}"
    assert without_site_name(f"— | {SITE}", [SITE]) == f"— | {SITE}"


def test_a_logo_h1_or_a_short_h1_takes_nothing_of_the_headline() -> None:
    # the first h1 is the site's logo: the headline is not dropped for it
    assert without_site_name(f"Gazette: {HEADLINE}", h1="Gazette") == f"Gazette: {HEADLINE}"
    assert without_site_name(f"{SITE}: {HEADLINE}", [SITE], h1=SITE) == HEADLINE
    # a blog's name as its pages' first h1, its titles "Blog name: Post title" (the
    # blog's name as long as the post's title, or longer)
    for title, h1 in (
        ("Notes From The Harbour Office: Micromorts", "Notes From The Harbour Office"),
        ("Life as a Ferry Captain: In Shanghai this Week", "Life as a Ferry Captain"),
        ("Ferry Tales: Old School", "Ferry Tales"),
        # the name after a dash, as a logo h1 gives it
        (
            "Ferry timetable review – Harbour Notes - A Blog About Boats",
            "Harbour Notes - A Blog About Boats",
        ),
    ):
        assert without_site_name(title, h1=h1) == title
    # where a site's name stands, an h1 tells the headline from it
    assert without_site_name(f"{HEADLINE} : Local News", h1=HEADLINE) == HEADLINE
    assert without_site_name(f"Harbour Notes » {HEADLINE}", h1=HEADLINE) == HEADLINE
    assert without_site_name(f"{HEADLINE} » Harbour Notes", h1=HEADLINE) == HEADLINE
    assert without_site_name(f"Harbour Notes - {HEADLINE}", h1=HEADLINE) == (
        f"Harbour Notes - {HEADLINE}"
    )


def test_non_english_titles() -> None:
    assert without_site_name("Совет утвердил бюджет — Городская газета", ["Городская газета"]) == (
        "Совет утвердил бюджет"
    )
    assert without_site_name("Ρεκόρ προϋπολογισμού | Η Εφημερίδα", ["Η Εφημερίδα"]) == (
        "Ρεκόρ προϋπολογισμού"
    )
    assert without_site_name("市议会批准预算 | 海港日报", ["海港日报"]) == "市议会批准预算"
    assert without_site_name("Gazeta Portowa: Rada przyjęła budżet", h1="Rada przyjęła budżet") == (
        "Rada przyjęła budżet"
    )
    # the letters of a name with accents spell the host without them
    assert without_site_name(
        "Le budget adopté - Le Télégramme", url="https://www.letelegramme.fr/a"
    ) == ("Le budget adopté")
    assert without_site_name("Совет утвердил бюджет — Городская газета") == (
        "Совет утвердил бюджет — Городская газета"
    )


# -- the page, its row and its id ---------------------------------------------------


@pytest.mark.parametrize(
    "evidence",
    [
        {"site": SITE},
        {"app_name": SITE},
        {"publisher": SITE},
        {"url": URL},
        {"h1": HEADLINE},
        {"h1": HEADLINE, "pad": 3000},  # longer than the scan's probe: its h1 in it
    ],
)
def test_a_page_is_listed_without_the_site_and_keeps_its_id(
    tmp_path: Path, evidence: dict[str, str]
) -> None:
    whole = f"{HEADLINE} | {SITE}"
    title, id_ = listed(tmp_path, page(whole, **evidence))  # type: ignore[arg-type]
    # the id as it always was: of the whole title and the date
    assert id_ == article_id(whole, dt.date(2025, 2, 11))
    assert title == HEADLINE


def test_an_h1_with_markup_and_entities_is_evidence_in_the_scan(tmp_path: Path) -> None:
    text = page("Ferry &amp; bus fares rise | Gazette").replace(
        "<article>",
        '<article><H1 class="headline"><a href="/x">Ferry &amp;\n<em>bus</em> fares rise</a></h1 >',
    )
    assert listed(tmp_path, text) == (
        "Ferry & bus fares rise",
        article_id("Ferry & bus fares rise | Gazette", dt.date(2025, 2, 11)),
    )


def test_opening_a_page_gives_the_shortened_title_and_cleans_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.core import reading
    from reader.core.formats import read_page

    whole = f"{SITE}: {HEADLINE}"
    path = tmp_path / "feed" / "page.html"
    path.parent.mkdir()
    path.write_text(page(whole, url=URL), encoding="utf-8")
    opened = read_page(path)
    assert (opened.title, opened.id_title) == (HEADLINE, whole)
    (article,) = read_articles(Candidate(str(path), "feed"))
    assert article.title == HEADLINE
    # the cleaner looks for repeats of the whole title, as it always did (a line of
    # the site's name alone repeats it)
    seen: list[str | None] = []
    real = reading.clean_page

    def spy(page: object, title: str | None = None, **kwargs: object) -> object:
        seen.append(title)
        return real(page, title, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "clean_page", spy)
    opened_article = reading.open_article(article)
    assert seen == [whole]
    assert opened_article.to_json()["title"] == HEADLINE


def test_only_the_pages_with_evidence_are_listed_shortened(tmp_path: Path) -> None:
    date = dt.date(2025, 2, 11)
    whole = f"{HEADLINE} | {SITE}"
    assert listed(tmp_path, page(whole, site=SITE)) == (HEADLINE, article_id(whole, date))
    for title, evidence in (
        (whole, {}),  # no evidence
        (whole, {"site": "Another Paper", "url": "https://example.org/a", "h1": "Other"}),
        (HEADLINE, {"site": SITE}),  # no site part
        (whole, {"site": SITE, "og_title": whole}),  # og:title is the page's own say
    ):
        shown, id_ = listed(tmp_path, page(title, **evidence))  # type: ignore[arg-type]
        assert shown == title
        assert id_ == article_id(title, date)


def test_namesakes_in_two_feeds_keep_the_ids_of_their_whole_titles(tmp_path: Path) -> None:
    whole = f"{HEADLINE} | {SITE}"
    for feed in ("alpha", "beta"):
        folder = tmp_path / "lib" / feed
        folder.mkdir(parents=True)
        (folder / "page.html").write_text(page(whole, site=SITE), encoding="utf-8")
    articles = scan([tmp_path / "lib"]).articles
    date = dt.date(2025, 2, 11)
    assert {a.title for a in articles} == {HEADLINE}
    assert {a.id for a in articles} == {article_id(whole, date), article_id(whole, date, "beta")}


_words = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=0, max_size=30
)
_separators = st.sampled_from([" | ", " - ", ": ", " — ", " – ", " · ", "|", "-", ":", " "])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(_words, min_size=1, max_size=4),
    joins=st.lists(_separators, min_size=3, max_size=3),
    site=st.one_of(st.none(), _words),
    h1=st.one_of(st.none(), _words),
    host=st.sampled_from([None, "https://www.harbourgazette.com/x", "https://a.b/"]),
)
def test_the_rule_never_empties_a_title_nor_changes_an_id(
    tmp_path_factory: pytest.TempPathFactory,
    parts: list[str],
    joins: list[str],
    site: str | None,
    h1: str | None,
    host: str | None,
) -> None:
    title = parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=False))
    shown = without_site_name(title, [site], host, h1)
    assert len(shown) <= len(title)
    assert shown in title
    if any(c.isalnum() for c in title):
        assert any(c.isalnum() for c in shown)
    else:
        assert shown == title
    # through a page and the scan: the id is the whole title's, as before
    from reader.core.formats.base import one_line

    whole = one_line(title, html.MAX_TITLE)
    if not whole or "<" in whole or "&" in whole:
        return
    listed_title, id_ = listed(
        tmp_path_factory.mktemp("p"),
        page(
            whole,
            site=None if site is None else site.replace('"', "").replace("<", "").replace("&", ""),
            url=host,
        ),
    )
    assert listed_title
    assert id_ == article_id(whole, dt.date(2025, 2, 11))


# -- what a user sees ----------------------------------------------------------------


def test_reader_list_and_clean_json_show_the_shortened_title(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lib = tmp_path / "lib"
    (lib / "gazette").mkdir(parents=True)
    path = lib / "gazette" / "budget.html"
    path.write_text(page(f"{HEADLINE} | {SITE}", site=SITE, pad=2), encoding="utf-8")
    state = tmp_path / "state.json"
    assert main(["list", str(lib), "--state", str(state)]) == 0
    out = capsys.readouterr().out
    (line,) = out.splitlines()
    id_, date, feed, _flags, title = line.split("\t")
    assert (date, feed, title) == ("2025-02-11", "gazette", HEADLINE)
    assert id_ == article_id(f"{HEADLINE} | {SITE}", dt.date(2025, 2, 11))
    assert main(["clean", "--json", str(path)]) == 0
    (obj,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert obj["title"] == HEADLINE
    assert obj["id"] == id_


def test_fetch_names_a_written_page_by_the_id_the_library_gives_it(tmp_path: Path) -> None:
    """`reader fetch` remembers each page it wrote by the library's id: for a page
    shown without its site's name, the id of its whole title, as the scan makes it."""
    from reader.core.fetch.run import page_id
    from reader.core.formats import read_page

    whole = f"{HEADLINE} | {SITE}"
    path = tmp_path / "feed" / "page.html"
    path.parent.mkdir()
    path.write_text(page(whole, site=SITE), encoding="utf-8")
    opened = read_page(path)
    assert opened.title == HEADLINE
    assert page_id(opened) == listed(tmp_path, page(whole, site=SITE))[1]
