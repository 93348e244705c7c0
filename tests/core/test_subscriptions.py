"""The subscription file and OPML: parsers of what users and other readers write."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.subscriptions import (
    OpmlFeed,
    Subscription,
    SubscriptionError,
    SubscriptionFile,
    check_name,
    free_name,
    import_opml,
    load_subscriptions,
    parse_opml,
    parse_subscriptions,
    safe_name,
    to_opml,
)

names = st.text(min_size=1, max_size=40).map(safe_name)
urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}.example/{path}",
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[a-z0-9]{1,12}", fullmatch=True),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=30),
)
subscription_lists = st.lists(
    st.builds(Subscription, names, urls, st.sampled_from([None, True, False])),
    max_size=8,
    unique_by=lambda s: s.name.casefold(),
)


@given(st.text(max_size=200))
def test_safe_name_is_always_a_usable_folder_name(title: str) -> None:
    name = safe_name(title)
    assert name and len(name) <= 80
    assert not name.startswith(".") and not name.endswith((" ", "."))
    assert not any(c in name for c in '/\\<>:"|?*\x00\n\r\t')
    assert check_name(name) == name  # stable


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(subscription_lists, st.text(st.characters(blacklist_categories=["Cs", "Cc"]), max_size=40))
def test_the_file_round_trips_and_keeps_comments(
    tmp_path: Path, subs: list[Subscription], comment: str
) -> None:
    path = tmp_path / "subscriptions.toml"
    path.write_text(f"# {comment}\n# second line\n", encoding="utf-8")
    file = SubscriptionFile(path)
    for sub in subs:
        file.add(sub)
    file.save()
    assert load_subscriptions(path) == subs
    assert path.read_text(encoding="utf-8").startswith(f"# {comment}\n# second line\n")
    file = SubscriptionFile(path)
    for sub in subs[::2]:
        file.remove(sub.name)
    file.save()
    assert load_subscriptions(path) == subs[1::2]
    path.unlink()


@given(st.text(max_size=300))
def test_parsing_any_text_gives_subscriptions_or_an_error(text: str) -> None:
    try:
        subs = parse_subscriptions(text)
    except SubscriptionError:
        return
    for sub in subs:
        assert sub.url.startswith(("http://", "https://"))


@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_opml_parsing_never_crashes(data: bytes) -> None:
    try:
        feeds = parse_opml(data)
    except SubscriptionError:
        return
    assert all(f.url.startswith(("http://", "https://")) for f in feeds)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(subscription_lists)
def test_opml_round_trip(tmp_path: Path, subs: list[Subscription]) -> None:
    """import -> export -> import gives the same subscriptions."""
    first = tmp_path / "first.toml"
    second = tmp_path / "second.toml"
    for path in (first, second):
        path.unlink(missing_ok=True)
    file = SubscriptionFile(first)
    import_opml(file, parse_opml(to_opml(subs).encode("utf-8")))
    file.save()
    imported = load_subscriptions(first)
    unique = list({s.url: s for s in reversed(subs)}.values())[::-1]  # first of each URL
    assert [(s.url, s.full) for s in imported] == [(s.url, s.full) for s in unique]
    assert [s.name for s in imported] == [s.name for s in unique]
    again = SubscriptionFile(second)
    import_opml(again, parse_opml(to_opml(imported).encode("utf-8")))
    again.save()
    assert load_subscriptions(second) == imported


def test_opml_from_another_reader() -> None:
    opml = b"""<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
    <outline text="News"><outline text="Harbour &amp; Co" type="rss" xmlUrl="https://h.example/rss"/>
    <outline text="Local file" xmlUrl="file:///etc/passwd"/></outline>
    <outline title="No text" xmlUrl="http://n.example/feed" htmlUrl="http://n.example/"/>
    </body></opml>"""
    assert parse_opml(opml) == [
        OpmlFeed("Harbour & Co", "https://h.example/rss"),
        OpmlFeed("No text", "http://n.example/feed"),
    ]


def test_opml_bombs_and_non_opml_are_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaa">]><opml><body/></opml>'
    with pytest.raises(SubscriptionError, match="entities"):
        parse_opml(bomb)
    with pytest.raises(SubscriptionError, match="no <opml> root"):
        parse_opml(b"<rss/>")


def test_names_and_urls_are_checked(tmp_path: Path) -> None:
    with pytest.raises(SubscriptionError, match="http or https"):
        parse_subscriptions('[feeds.a]\nurl = "file:///etc/passwd"\n')
    with pytest.raises(SubscriptionError, match="folder name"):
        parse_subscriptions('[feeds."../up"]\nurl = "https://a.example/"\n')
    assert free_name("News", ["news", "News 2"]) == "News 3"
    file = SubscriptionFile(tmp_path / "s.toml")
    file.add(Subscription("a", "https://a.example/"))
    with pytest.raises(SubscriptionError, match="exists"):
        file.add(Subscription("A", "https://b.example/"))
