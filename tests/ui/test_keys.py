"""The key table in the running app: remaps from config.toml, notices, the saved theme."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key, _normalize_key_list
from textual.pilot import Pilot

from reader.core.config import Config, load_config
from reader.core.keys import BY_ID, KEY_TABLE, character_key
from reader.core.paths import config_path, settings_path
from reader.core.settings import Settings, load_settings, save_settings
from reader.core.state import StateStore
from reader.ui.app import ReaderApp
from reader.ui.article_list import ArticleList
from reader.ui.dialogs import ConfirmScreen, LinksScreen, ProblemsScreen
from reader.ui.feed_view import FeedView
from reader.ui.help import HelpScreen, help_content
from reader.ui.key_bar import KeyBar
from reader.ui.reading_pane import ReadingPane
from reader.ui.search_box import FindBox
from tests.ui.articles import write_library
from tests.ui.helpers import settle

OWNERS = {
    "app": ReaderApp,
    "list": ArticleList,
    "feeds": FeedView,
    "pane": ReadingPane,
    "find": FindBox,
    "help": HelpScreen,
    "dialog": ConfirmScreen,
    "problems": ProblemsScreen,
    "links": LinksScreen,
}


def test_the_widgets_bind_the_table() -> None:
    """Every row with an id is bound, with its keys and flags, where its scope says, and
    its action exists there."""
    for binding in KEY_TABLE:
        if binding.id is None:
            continue
        owner = OWNERS[binding.scope]
        bound = [b for b in owner.BINDINGS if getattr(b, "id", None) == binding.id]
        assert len(bound) == 1, binding.id
        (textual,) = bound
        assert (textual.key, textual.action, textual.show, textual.priority) == (
            binding.keys,
            binding.action,
            binding.show,
            binding.priority,
        )
        assert textual.description == binding.label
        action = binding.action.split("(")[0]
        assert callable(getattr(owner, f"action_{action}", None)), binding.id


def test_key_names_are_textuals() -> None:
    for binding in KEY_TABLE:
        assert _normalize_key_list(binding.keys) == binding.keys
    for character in map(chr, range(33, 127)):
        assert character_key(character) == _character_to_key(character)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


def write_config(text: str) -> Config:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_config(path)


@asynccontextmanager
async def app_with(
    library: Path, tmp_path: Path, config: Config
) -> AsyncIterator[tuple[ReaderApp, Pilot[None], list[str]]]:
    """The app with `config`, and the text of every notice it gives."""
    store = StateStore(tmp_path / "state.json")
    store.load()
    app = ReaderApp([library], store, config=config)
    app.flow.read_after = 600
    notices: list[str] = []
    notify = app.notify

    def spy(message: str, *args: object, **kwargs: object) -> None:
        notices.append(message)
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = spy  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        yield app, pilot, notices


def hints(app: ReaderApp) -> str:
    return app.query_one(KeyBar).render().plain


async def test_a_remapped_key_works_and_the_old_one_does_not(library: Path, tmp_path: Path) -> None:
    config = write_config('[keys]\nreader.toggle_star = "x"\nlist.cursor_down = "ctrl+n"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, notices):
        assert notices == []
        listing = app.article_list
        first = listing.rows[0]
        await pilot.press("s")
        await settle(pilot)
        assert not app.store.is_starred(first.id)
        await pilot.press("x")
        await settle(pilot)
        assert app.store.is_starred(first.id)
        await pilot.press("j", "down")
        assert listing.cursor == 0
        await pilot.press("ctrl+n")
        assert listing.cursor == 1
        # The bottom line and the help screen show the new keys.
        assert " x Star  m Read " in hints(app)  # in the table's order
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_content(app.keymap).plain
        assert "x" in next(line for line in text.splitlines() if "star / unstar" in line)
        assert "ctrl+n" in next(line for line in text.splitlines() if "next row" in line)


async def test_a_remapped_priority_key_keeps_its_gate(library: Path, tmp_path: Path) -> None:
    """`/` remapped to f: f opens the search box, then types into it."""
    config = write_config('[keys]\nreader.search = "f"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, _notices):
        await pilot.press("slash")
        assert app.focused is app.article_list
        await pilot.press("f", "f", "e", "r", "r", "y")
        await settle(pilot)
        assert app.main.search_box.value == "ferry"
        assert len(app.article_list.rows) == 1


async def test_bad_ids_and_keys_are_notices_and_defaults_stay(
    library: Path, tmp_path: Path
) -> None:
    config = write_config('[keys]\nreader.nope = "x"\nreader.toggle_star = "ctrl+nope"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, notices):
        assert any("reader.nope" in n and "config.toml" in n for n in notices)
        assert any("ctrl+nope" in n for n in notices)
        first = app.article_list.rows[0]
        await pilot.press("s")
        await settle(pilot)
        assert app.store.is_starred(first.id)


async def test_a_picked_theme_is_saved_and_restored(library: Path, tmp_path: Path) -> None:
    config = write_config('theme = "dracula"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, notices):
        assert app.theme == "dracula"
        assert not settings_path().exists()  # config.toml's default is not a choice
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord"
        assert notices == []
    assert load_settings(settings_path()) == (Settings(theme="nord"), None)
    assert config_path().read_text(encoding="utf-8") == 'theme = "dracula"\n'  # never written
    async with app_with(library, tmp_path, config) as (app, pilot, _notices):
        assert app.theme == "nord"  # the choice wins over config.toml
        app.theme = "dracula"
        await pilot.pause()
    assert load_settings(settings_path())[0].theme == "dracula"


async def test_an_unknown_theme_is_a_notice(library: Path, tmp_path: Path) -> None:
    config = write_config('theme = "no-such-theme"\n')
    save_settings(settings_path(), Settings(theme="gone-theme"))
    async with app_with(library, tmp_path, config) as (app, _pilot, notices):
        assert app.theme == "textual-dark"
        assert any("gone-theme" in n for n in notices)
        assert any("no-such-theme" in n for n in notices)


async def test_a_broken_settings_file_is_a_notice_and_left_alone(
    library: Path, tmp_path: Path
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken", encoding="utf-8")
    async with app_with(library, tmp_path, Config(theme="nord")) as (app, _pilot, notices):
        assert app.theme == "nord"
        assert any("not readable JSON" in n for n in notices)
    assert path.read_text(encoding="utf-8") == "{broken"


def test_every_id_is_remappable_through_textual() -> None:
    """Textual's keymap finds each binding by its id (a typo would leave it unmapped)."""
    ids = {getattr(b, "id", None) for owner in OWNERS.values() for b in owner.BINDINGS}
    assert set(BY_ID) <= ids


async def test_keys_typed_faster_than_the_app_reads_them_act_in_order(
    library: Path, tmp_path: Path
) -> None:
    """j then s arriving together stars the row j moved to: a mark's key must not overtake
    a key still on its way through the focused widget (a priority binding would: it
    acts as the key arrives, before the j before it has moved the cursor)."""
    async with app_with(library, tmp_path, write_config("")) as (app, pilot, _notices):
        rows = app.article_list.rows
        for key in ("j", "s", "j", "m"):  # as a terminal delivers them: no wait between
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert app.article_list.cursor == 2
        assert app.store.marks().keys() == {rows[1].id, rows[2].id}
        assert app.store.is_starred(rows[1].id) and app.store.is_read(rows[2].id)


async def test_the_search_hint_names_the_remapped_keys(library: Path, tmp_path: Path) -> None:
    """Under the search box: how to run it and where the rest is, as config.toml maps them
    (`?` typed in the box is a character, not the help)."""
    config = write_config('[keys]\nreader.submit_search = "ctrl+j"\nreader.help = "f1"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, _notices):
        await pilot.press("slash")
        await pilot.pause()
        hint = str(app.main.search_hint.content)
        assert hint.endswith("(ctrl+j, then f1: more)"), hint
        await pilot.press("ctrl+j")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


def test_the_helps_long_lines_hang_under_their_text() -> None:
    """A description too long for the width goes on under the description, not under
    the keys; a sentence wraps flush left."""
    from reader.ui.help import HelpText, help_lines

    lines = help_lines()
    key_width = next(start for _line, start in lines if start)
    text = HelpText(lines)
    shown = [line.plain for line in text.wrapped(50)]
    first = next(i for i, line in enumerate(shown) if line.startswith("enter") and "(All" in line)
    assert shown[first + 1].startswith(" " * key_width)
    assert shown[first + 1][key_width] != " "
    assert all(len(line.rstrip()) <= 50 for line in shown)
    note = next(i for i, line in enumerate(shown) if line.startswith("Marks are saved"))
    assert not shown[note + 1].startswith(" ")  # a sentence: flush left


async def test_the_helps_own_key_closes_it_when_remapped(library: Path, tmp_path: Path) -> None:
    config = write_config('[keys]\nreader.help = "f1"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, _notices):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1", "escape")  # the other keys still close it
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


@pytest.mark.parametrize(
    ("reading", "note"),
    [
        ("", "An article is marked read when opened with enter or shown for a second."),
        ('mark_read = "open"\n', "An article is marked read when opened with enter."),
        (
            "read_after = 3\nmark_read_at_end = true\n",
            "An article is marked read when opened with enter or shown for 3 seconds "
            "or scrolled to its end.",
        ),
    ],
)
async def test_the_help_says_when_articles_are_marked_read_as_configured(
    library: Path, tmp_path: Path, reading: str, note: str
) -> None:
    config = write_config(f'[reading]\n{reading}[keys]\nlist.open = "ctrl+o"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, _notices):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_content(app.keymap, app.config).plain
        assert note.replace("with enter", "with ctrl+o") in text.splitlines()


async def test_the_empty_librarys_advice_names_the_remapped_keys(tmp_path: Path) -> None:
    from tests.ui.helpers import pane_text

    empty = tmp_path / "empty"
    empty.mkdir()
    config = write_config('[keys]\nreader.reload = "f5"\nreader.problems = "ctrl+e"\n')
    async with app_with(empty, tmp_path, config) as (app, _pilot, _notices):
        text = " ".join(pane_text(app).split())
        assert "then press f5 to reload" in text
        assert "press ctrl+e for the files it skipped" in text


async def test_the_help_screens_key_bar_shows_its_own_keys_as_remapped(
    library: Path, tmp_path: Path
) -> None:
    """The help's bottom line shows how to close and scroll it, in config.toml's keys,
    not the main screen's keys (which do nothing there); those keys scroll it."""
    config = write_config('[keys]\nhelp.close = "x"\nhelp.scroll_down = "ctrl+n"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, notices):
        assert notices == []
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        bar = app.screen.query_one(KeyBar).render().plain
        assert bar.startswith(" x Close  ctrl+n Down  k Up ")
        assert "Page down" in bar and "Page up" in bar
        assert "Star" not in bar and "Open" not in bar and "Help" not in bar
        scroll = app.screen.query_one("#help")
        await pilot.press("j")  # no longer scrolls
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("ctrl+n", "ctrl+n")
        await pilot.pause()
        assert scroll.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 2
        await pilot.press("k", "pageup")
        await pilot.pause()
        assert 0 < scroll.scroll_y < scroll.max_scroll_y - 1
        await pilot.press("g")
        await pilot.pause()
        assert scroll.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert scroll.scroll_y > 2
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert "Star" in hints(app)


async def test_a_narrow_help_key_bar_keeps_close(library: Path, tmp_path: Path) -> None:
    async with app_with(library, tmp_path, write_config("")) as (app, pilot, _notices):
        await pilot.resize_terminal(30, 20)
        await pilot.press("question_mark")
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).render().plain
        assert bar.startswith(" esc Close ") and len(bar) <= 30


async def test_the_dialogs_key_bars_show_their_own_keys(library: Path, tmp_path: Path) -> None:
    """A question, the skipped files and the links list cover the main screen: its key bar
    showed keys that do nothing there; each shows its own, as config.toml remaps them."""
    config = write_config('[keys]\ndialog.yes = "o"\nlinks.close = "x"\n')
    async with app_with(library, tmp_path, config) as (app, pilot, _notices):
        for screen, expected in (
            (ConfirmScreen("Mark all read?"), " o Yes  n No "),
            (ProblemsScreen([]), " esc Close "),
            (LinksScreen(["https://a.example/", "https://b.example/"]), " j Next  k Previous "),
        ):
            await app.push_screen(screen)
            await pilot.pause()
            bar = screen.query_one(KeyBar).render().plain
            assert bar.startswith(expected), bar
            assert "Star" not in bar and "Help" not in bar
            if isinstance(screen, LinksScreen):
                assert " x Close " in bar
            screen.dismiss(None)
            await pilot.pause()
        assert "Star" in hints(app)
