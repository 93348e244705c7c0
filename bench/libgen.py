"""Generate synthetic article libraries shaped like scraped news pages.

Used by `bench/scale.py`. A library of N files is 20 feeds (one folder each) of
`.txt` page dumps shaped like `sample_feeds/`: a `date YYYY-MM-DD Title` header,
the feed's navigation lines and cookie banner, a section label and the title
again, standfirst, byline, share lines, a place line with the title once more, a
dateline paragraph and 8-15 body paragraphs (a `READ MORE:` line and a
sub-heading among them), then share/comment lines, a numbered "latest news" list
with every title twice, recommended titles, teasers and the feed's footer.
About 6 KB a page.

Body text is pseudo-text: sentences drawn from a seeded pool built on a word list
with Zipf-like frequencies (function words, news words, rarer words, multi-word
phrases such as "city centre", and thousands of invented words), so bodies
differ and search terms hit very different numbers of articles. Everything is
deterministic for a given (N, seed).

Per feed, two pages are long: one with a ~1,000-word body and one with a
~5,000-word body (for the benchmark's "open an article" measurement). Their
paths are recorded in the library's `.bench-meta.json` (a dot file: the reader
skips it).

Files are written with `os.open`/`os.write` (no buffered file objects), which
makes 100,000 pages take about a minute (0.6 GiB of text, 0.8 GB on disk) and
1,000,000 pages (50,000 a feed folder) about 12 minutes on a busy 2-core machine
(3.3 minutes of CPU; 5.9 GiB of text, 7.8 GB on disk with 4 KiB blocks).

`--mixed` (`generate(..., mixed=True)`) writes the same articles in every format the
reader reads: text dumps, Markdown posts with front matter, HTML pages and entries
of RSS files (see `generate`), in a library of its own (`lib-mixed-N-...`).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = 1
FEEDS = 20
META_NAME = ".bench-meta.json"
# Body words of the two long pages in each feed.
LONG_WORDS = (1000, 5000)


def _words(text: str) -> list[str]:
    return text.split()


FUNCTION_WORDS = _words(
    """
the of and to a in that is was for on it with as said by at from he she they be have has had
not are this but were which their an or will would its been who more after about than also
over into last year new up two one people when some could there all out other first his her
we our can what if no so them these may three while before should most such then where
between because during under week since only any many those both
"""
)

NEWS_WORDS = _words(
    """
council budget government minister police city local public plans report school hospital
health care services water river road housing homes market business company workers union
strike energy prices tax funding residents community project court judge trial investigation
election mayor councillors opposition committee planning developers appeal consultation
transport railway station bridge harbour port airport flights festival museum library
theatre music season football match players stadium league coach goal cup weather storm
flood rain heat summer winter climate emissions electric vehicle battery solar wind power
grid network software security data technology research scientists university students
teachers patients doctors nurses farmers harvest wine tourism hotel visitors beach coast
fishing boats shipping contract chief executive director spokesperson statement figures
million billion percent increase decrease rise fall cost costs pay wages jobs industry trade
exports imports shares investors bank interest inflation economy growth recession survey
study evidence documents meeting vote votes bill law rules regulator inquiry review safety
fire crews emergency ambulance rescue centre street square park garden bus tram cyclists
drivers parking traffic village town region county province national international europe
officials agency department ministry authority board members leader party campaign protest
families children parents older younger pupils exams results scheme grant award prize
artists exhibition gallery film book author concert stage crowd record history anniversary
building buildings construction demolition restoration heritage church cathedral castle
"""
)

RARE_WORDS = _words(
    """
referendum dredging sandbank cormorant salinity anemometer lido quayside vendimia
microcontroller precept abstentions redundancies hospitality tariff moorings breakwater
slipway lifeboat foghorn lighthouse estuary saltmarsh oysters mussels trawler chandlery
drydock bollard gantry pylon substation turbine inverter heatwave drought hailstorm
landslide sinkhole aqueduct viaduct tramline roundabout bypass underpass allotment orchard
vineyard cooperage distillery brewery bakery creamery tannery foundry kiln loom spindle
sawmill quarry colliery smelter refinery
"""
)

PHRASES = [
    p.strip()
    for p in """city centre|prime minister|climate change|supply chain|local authority|interest
rates|health service|high street|town hall|general election|public inquiry|energy bills|
planning permission|football club|police said|last year|next week|according to|more than|
as well as""".replace("\n", " ").split("|")
]

FIRST_NAMES = _words(
    """
Helen Tom Priya Daniel Margaret Alison Dana Rainer Mariela Tomasz Ana Luis Carmen Javier
Sofia Omar Grace Peter Ruth Samuel Yusuf Ingrid Marta Kofi Leila Ewan Fiona Hamish Bronwen
Declan Niamh Aoife Ravi Meera Joon Hana Kenji Ines Pablo Lucia
"""
)

SURNAMES = _words(
    """
Marsh Aldous Ramanathan Okafor Pell Grey Whitfield Voss Sousa Wrona Moreno Castillo Herrera
Navarro Ortega Lindqvist Brennan Gallagher Kowalski Nakamura Abara Mensah Fraser Campbell
Pritchard Evans Doherty Quinn Rahman Iyer Park Sato Ferreira Duarte Blanco Romero Holt Kerr
Lyle Vance
"""
)

SYLLABLES = _words(
    """
ba be bi bo bu da de di do du fa fe fi ga go ka ke ki ko la le li lo lu ma me mi mo mu na ne
ni no nu pa pe pi po ra re ri ro ru sa se si so ta te ti to tu va ve vi vo za zo bra bre dra
dre fra gra kra pra tra tre tri vra ster lan mor vel wen thor hal wick
"""
)

FEED_NAMES = """Harbour Gazette|Tech Ledger|Diario del Valle|Northfield Echo|Quayside Herald|
Valley Courier|Metro Dispatch|Coastline Post|Riverside Sentinel|Upland Chronicle|
Market Town Times|Capital Observer|Island Mercury|Borough Bulletin|Lakeside Record|
Fenland Voice|Moorland Standard|Estuary News|Highland Clarion|Canal Street Journal""".replace(
    "\n", ""
).split("|")

NAV_SETS = [
    ["Home", "News", "Business", "Sport", "What's On", "Opinion", "Sign in", "Subscribe"],
    ["Latest", "Hardware", "Software", "Security", "Science", "Reviews", "Deals", "Log in"],
    ["Portada", "Local", "Región", "Economía", "Deportes", "Cultura", "Opinión", "Hemeroteca"],
    ["Home", "Local", "Politics", "Education", "Environment", "Sport", "Jobs", "Login"],
    ["Front page", "Harbour", "Council", "Culture", "Food & Drink", "Letters", "My account"],
]
SECTIONS = ["NEWS", "LOCAL", "BUSINESS", "SPORT", "POLITICS", "CULTURE", "HEALTH", "WEATHER"]
COOKIE_LINES = [
    "We use cookies to give you the best experience on our website. By continuing to browse "
    "you agree to our use of cookies. Manage preferences",
    "This site uses cookies for analytics and personalised advertising. You can change your "
    "choices at any time in Privacy settings.",
    "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa "
    "navegando, consideramos que acepta su uso. Más información",
]
MONTHS = _words(
    "January February March April May June July August September October November December"
)


@dataclass(frozen=True)
class Feed:
    slug: str
    name: str
    nav: list[str]
    cookie: str
    accept: str
    share: list[str]
    footer: list[str]
    newsletter: str
    latest_label: str
    city: str


def _feed(index: int, rng: random.Random) -> Feed:
    name = FEED_NAMES[index % len(FEED_NAMES)]
    nav = list(NAV_SETS[index % len(NAV_SETS)])
    extra = rng.sample(["Travel", "Motoring", "Property", "Puzzles", "Video", "Podcasts"], 2)
    nav[3:3] = extra
    year = 2025
    return Feed(
        slug=f"{index:02d}-{name.lower().replace(' ', '-')}",
        name=name,
        nav=["Skip to main content", name, *nav],
        cookie=COOKIE_LINES[index % len(COOKIE_LINES)],
        accept=["Accept all", "OK, got it", "Aceptar"][index % len(COOKIE_LINES)],
        share=rng.choice(
            [
                ["Share on Facebook", "Tweet", "Share on WhatsApp", "Copy link"],
                ["Share on Facebook", "Share on X", "Share on LinkedIn", "Copy link"],
                ["Compartir en Facebook", "Compartir en X", "Copiar enlace"],
            ]
        ),
        footer=[
            f"© {year} {name} Media Ltd. All rights reserved.",
            "Privacy policy",
            "Cookie policy",
            "Terms and conditions",
            "Contact us",
            rng.choice(["Advertise with us", "Careers", "Corrections", "Accessibility"]),
        ],
        newsletter=(
            f"Get the {name.split()[-1]} Daily – the day's top stories, in your inbox every "
            "morning.\nEnter your email address\nSign up"
        ),
        latest_label=rng.choice(["Latest news", "LATEST", "Most read", "Lo último"]),
        city=_pseudo_word(rng, 3).capitalize() + rng.choice(["haven", "ford", "mouth", "ton"]),
    )


def _pseudo_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


class TextSource:
    """A seeded vocabulary and sentence pool; draws paragraphs and titles from them."""

    def __init__(self, seed: int, pool_size: int = 30_000) -> None:
        rng = random.Random(seed)
        self.rng = rng
        pseudo = sorted({_pseudo_word(rng, rng.randint(2, 4)) for _ in range(6000)})
        rng.shuffle(pseudo)
        self.places = [w.capitalize() for w in pseudo[:3000]]
        filler = pseudo[3000:]
        vocab = FUNCTION_WORDS + NEWS_WORDS + PHRASES + RARE_WORDS + filler
        # Zipf-like: weight ~ 1 / (rank + 2.7); news words get a lift over their rank.
        weights = [1.0 / (rank + 2.7) for rank in range(len(vocab))]
        for i in range(len(FUNCTION_WORDS), len(FUNCTION_WORDS) + len(NEWS_WORDS)):
            weights[i] *= 3.0
        for i in range(len(vocab) - len(filler), len(vocab)):
            weights[i] *= 0.5
        self.vocab = vocab
        cumulative, total = [], 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)
        self.cum = cumulative
        content = NEWS_WORDS + RARE_WORDS + filler[:400]
        self.content = content
        self.sentences = [self._sentence(rng) for _ in range(pool_size)]
        self.names = [f"{f} {s}" for f in FIRST_NAMES for s in SURNAMES]
        self.place_counts: dict[str, int] = {}

    def _sentence(self, rng: random.Random) -> str:
        words = rng.choices(self.vocab, cum_weights=self.cum, k=rng.randint(8, 24))
        if rng.random() < 0.3:
            words.insert(rng.randint(2, len(words) - 1), str(rng.randint(2, 980)))
        if rng.random() < 0.25:
            cut = rng.randint(3, len(words) - 2)
            words[cut] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, rng: random.Random, words: int) -> tuple[str, int]:
        """About `words` words of sentences from the pool (sometimes a quote)."""
        parts: list[str] = []
        count = 0
        while count < words:
            sentence = rng.choice(self.sentences)
            parts.append(sentence)
            count += sentence.count(" ") + 1
        if rng.random() < 0.2:
            name = rng.choice(self.names)
            parts.append(f'"{rng.choice(self.sentences)[:-1]}," said {name}.')
            count += 12
        return " ".join(parts), count

    def title(self, rng: random.Random) -> str:
        words = rng.choices(self.content, k=rng.randint(4, 8))
        glue = rng.sample(["as", "after", "for", "in", "to", "over", "amid", "with"], 2)
        words.insert(rng.randint(1, len(words) - 1), glue[0])
        if len(words) > 6:
            words.insert(rng.randint(1, len(words) - 1), glue[1])
        text = " ".join(words)
        return text[0].upper() + text[1:]


def library_dir(base: Path, count: int, seed: int, mixed: bool = False) -> Path:
    kind = "mixed-" if mixed else ""
    return base / f"lib-{kind}{count}-s{seed}-v{GENERATOR_VERSION}"


def load_meta(root: Path) -> dict[str, object] | None:
    try:
        meta = json.loads((root / META_NAME).read_text())
    except (OSError, ValueError):
        return None
    return meta if meta.get("version") == GENERATOR_VERSION else None


def ensure_library(
    base: Path, count: int, seed: int = 1, log=print, mixed: bool = False
) -> tuple[Path, dict]:
    """The library of `count` articles under `base`, generated unless already complete
    (`mixed`: text, Markdown, HTML and feed files, see `generate`)."""
    root = library_dir(base, count, seed, mixed)
    meta = load_meta(root)
    if meta is not None and meta.get("count") == count:
        return root, meta
    if root.exists():
        shutil.rmtree(root)
    log(f"generating {count:,} {'mixed ' if mixed else ''}articles in {root} …")
    meta = generate(root, count, seed, mixed=mixed)
    log(f"  generated in {meta['seconds']:.1f} s, {meta['bytes'] / count / 1024:.1f} KiB/page")
    return root, meta


# A mixed library's formats, per 20 articles of a feed: text dumps, Markdown posts,
# HTML pages and entries of RSS feed files (FEED_ENTRIES entries a file).
MIXED_KINDS = ("txt",) * 8 + ("md",) * 5 + ("html",) * 5 + ("rss",) * 2
FEED_ENTRIES = 50


def generate(root: Path, count: int, seed: int = 1, mixed: bool = False) -> dict:
    """Write `count` articles under `root` (20 feed folders); returns the metadata.

    `mixed`: the same articles as text dumps (40%), Markdown posts with YAML front
    matter (25%), HTML pages with navigation, aside and footer (25%) and entries of
    RSS 2.0 files of 50 entries (10%); the two long pages of each feed are HTML."""
    import time

    started = time.perf_counter()
    rng = random.Random(seed * 1_000_003 + count)
    source = TextSource(seed)
    feeds = [_feed(i, rng) for i in range(FEEDS)]
    per_feed = [count // FEEDS + (1 if i < count % FEEDS else 0) for i in range(FEEDS)]
    tmp = root.with_name(root.name + ".partial")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    total_bytes = 0
    long_pages: dict[str, list[dict[str, object]]] = {str(w): [] for w in LONG_WORDS}
    end = dt.date(2025, 12, 31)
    files = 0
    for feed, n in zip(feeds, per_feed, strict=True):
        folder = tmp / feed.slug
        folder.mkdir()
        entries: list[str] = []
        titles = [source.title(rng) for _ in range(n)]
        # Newest first, a few articles a day, over up to ~7 years.
        span_days = min(2500, max(30, n // 2))
        long_at = {min(3, n - 1): LONG_WORDS[0], min(7, n - 1): LONG_WORDS[1]} if n > 1 else {}
        used_names: set[str] = set()
        for i, title in enumerate(titles):
            day = end - dt.timedelta(days=(i * span_days) // max(n, 1))
            body_words = long_at.get(i)
            kind = "txt"
            if mixed:
                kind = "html" if body_words else MIXED_KINDS[(i * 7 + 3) % len(MIXED_KINDS)]
            if kind == "rss":
                entries.append(_rss_item(feed, source, rng, title, day, i))
                if len(entries) == FEED_ENTRIES:
                    total_bytes += _write(folder / f"feed-{i:06d}.rss", _rss(feed, entries))
                    entries, files = [], files + 1
                continue
            if kind == "md":
                text = _markdown(feed, source, rng, title, day)
            elif kind == "html":
                text = _html(feed, source, rng, title, day, titles, i, body_words)
            else:
                text = _page(feed, source, rng, title, day, titles, i, body_words)
            slug = "-".join(title.lower().split()[:6])
            name = f"{day.isoformat()}-{slug}"
            while name in used_names:
                name += "-x"
            used_names.add(name)
            path = folder / f"{name}.{kind}"
            total_bytes += _write(path, text)
            files += 1
            if body_words:
                long_pages[str(body_words)].append({"path": str(root / feed.slug / path.name)})
        if entries:
            total_bytes += _write(folder / "feed-last.rss", _rss(feed, entries))
            files += 1
    meta = {
        "version": GENERATOR_VERSION,
        "count": count,
        "mixed": mixed,
        "files": files,
        "seed": seed,
        "feeds": [f.slug for f in feeds],
        "long_pages": long_pages,
        # Dateline places used least (but used): "very rare" search terms.
        "places": sorted(source.place_counts, key=lambda p: (source.place_counts[p], p))[:5],
        "bytes": total_bytes,
        "seconds": time.perf_counter() - started,
    }
    (tmp / META_NAME).write_text(json.dumps(meta, indent=1))
    os.replace(tmp, root)
    return meta


def _write(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    return len(data)


def _body(source: TextSource, rng: random.Random, body_words: int | None) -> list[str]:
    if body_words is None:
        paragraphs, per_paragraph = rng.randint(8, 15), rng.randint(26, 42)
    else:
        paragraphs = max(8, body_words // 70)
        per_paragraph = int(body_words * 0.9 / paragraphs)
    return [source.paragraph(rng, per_paragraph)[0] for _ in range(paragraphs)]


def _markdown(feed: Feed, source: TextSource, rng: random.Random, title: str, day: dt.date) -> str:
    """A Markdown post as a static site keeps it: YAML front matter, then the body."""
    body = _body(source, rng, None)
    author = rng.choice(source.names)
    lines = ["---", f'title: "{title}"', f"date: {day.isoformat()}", f'author: "{author}"']
    lines += [f"tags: [{rng.choice(SECTIONS).lower()}]", "---", ""]
    for n, paragraph in enumerate(body):
        lines += [paragraph, ""]
        if n == len(body) // 2:
            lines += [f"## {source.title(rng).split(' as ')[0]}", ""]
    lines += [f"*Filed under {rng.choice(SECTIONS)} by {author}*", ""]
    return "\n".join(lines)


def _esc(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;")


def _html(
    feed: Feed,
    source: TextSource,
    rng: random.Random,
    title: str,
    day: dt.date,
    titles: list[str],
    index: int,
    body_words: int | None,
) -> str:
    """An HTML page as a browser saves it: head metadata, navigation, the article,
    an aside of links, comments and a footer."""
    near = range(max(0, index - 6), min(len(titles), index + 6))
    others = [titles[j] for j in near if j != index]
    author = rng.choice(source.names)
    nav = "".join(f'<li><a href="/{_esc(n.lower())}">{_esc(n)}</a></li>' for n in feed.nav)
    body = "".join(f"<p>{_esc(p)}</p>" for p in _body(source, rng, body_words))
    aside = "".join(f'<li><a href="/a/{n}">{_esc(t)}</a></li>' for n, t in enumerate(others[:8]))
    footer = "".join(f"<p>{_esc(line)}</p>" for line in feed.footer)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{_esc(title)} | {_esc(feed.name)}</title>"
        f'<meta property="og:title" content="{_esc(title)}">'
        f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00Z">'
        f'<meta name="author" content="{_esc(author)}">'
        f"<style>body {{ font-family: serif }}</style><script>var x = 1;</script></head><body>"
        f'<div class="cookie-banner">{_esc(feed.cookie)}</div>'
        f"<header><nav><ul>{nav}</ul></nav></header><main><article>"
        f'<h1>{_esc(title)}</h1><p class="byline">By {_esc(author)}</p>{body}</article>'
        f'<section class="comments"><h2>Have your say</h2><p>Comments are open.</p></section>'
        f"</main><aside><h3>{_esc(feed.latest_label)}</h3><ul>{aside}</ul></aside>"
        f"<footer>{footer}</footer></body></html>\n"
    )


def _rss_item(
    feed: Feed, source: TextSource, rng: random.Random, title: str, day: dt.date, index: int
) -> str:
    body = "".join(f"<p>{p}</p>" for p in _body(source, rng, None)[:5])
    stamp = f"{DAYS[day.weekday()]}, {day.day:02d} {MONTHS[day.month - 1][:3]} {day.year}"
    return (
        f"<item><title>{_esc(title)}</title><link>https://{feed.slug}.example/{index}</link>"
        f"<guid>https://{feed.slug}.example/{index}</guid><pubDate>{stamp} 08:00:00 +0000"
        f"</pubDate><description>{_esc(body)}</description></item>\n"
    )


DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _rss(feed: Feed, entries: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{_esc(feed.name)}</title><link>https://{feed.slug}.example/</link>\n"
        + "".join(entries)
        + "</channel></rss>\n"
    )


def _page(
    feed: Feed,
    source: TextSource,
    rng: random.Random,
    title: str,
    day: dt.date,
    titles: list[str],
    index: int,
    body_words: int | None,
) -> str:
    section = rng.choice(SECTIONS)
    if rng.random() < 0.6:
        place = feed.city.upper()
    else:
        place = rng.choice(source.places).upper()
        source.place_counts[place] = source.place_counts.get(place, 0) + 1
    author = rng.choice(source.names)
    hour, minute = rng.randint(6, 23), rng.randint(0, 59)
    others = [
        titles[j] for j in range(max(0, index - 6), min(len(titles), index + 6)) if j != index
    ][:10]
    if len(others) < 5:
        others += [source.title(rng) for _ in range(5 - len(others))]
    latest = rng.sample(others, 5)
    lines: list[str] = [f"date {day.isoformat()} {title}", ""]
    lines += feed.nav
    lines += [feed.cookie, feed.accept, "", section, title, ""]
    standfirst, _ = source.paragraph(rng, 14)
    lines += [standfirst.split(".")[0] + ".", ""]
    lines += [
        f"By {author}",
        f"Published {day.day} {MONTHS[day.month - 1]} {day.year}, {hour:02d}:{minute:02d}",
    ]
    lines += feed.share
    lines += ["", place, title, ""]
    # Body: 8-15 paragraphs of normal pages, or enough for `body_words`.
    if body_words is None:
        paragraphs, per_paragraph = rng.randint(8, 15), rng.randint(26, 42)
    else:
        paragraphs = max(8, body_words // 70)
        per_paragraph = int(body_words * 0.9 / paragraphs)  # sentences overshoot
    words = 0
    for p in range(paragraphs):
        text, n = source.paragraph(rng, per_paragraph)
        words += n
        if p == 0:
            text = f"{place} – {text}"
        lines += [text, ""]
        if p == 2:
            lines += [f"READ MORE: {latest[0]}", ""]
        if p == paragraphs // 2:
            lines += [source.title(rng).split(" as ")[0], ""]
    lines += ["Share this article", *feed.share, ""]
    lines += [
        "Have your say",
        "Comments on this article are open for seven days. Please keep "
        "the conversation civil and read our community guidelines before posting.",
        "Sign in to comment",
        "",
    ]
    lines += [feed.latest_label, ""]
    for n, other in enumerate(latest, 1):
        lines += [f"  {n}. {other}", "", f"    {other}", ""]
    lines += ["Recommended"]
    for other in latest[:4]:
        lines += [other, "", other]
    for other in latest[1:4]:
        teaser, _ = source.paragraph(rng, 12)
        lines += [f"{rng.choice(SECTIONS)} {other}", "", other, "", teaser.split(".")[0] + ".", ""]
    lines += [feed.newsletter, ""]
    lines += feed.footer
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/reader-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mixed", action="store_true", help="text, Markdown, HTML and feed files")
    args = parser.parse_args()
    print(ensure_library(args.dir, args.count, args.seed, mixed=args.mixed)[0])
