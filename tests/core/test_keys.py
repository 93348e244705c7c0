"""The key table: ids, default keys, key names, remapping."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.core.keys import (
    BY_ID,
    KEY_TABLE,
    SCOPES,
    BadKey,
    bindings_in,
    character_key,
    display_key,
    display_keys,
    effective_keys,
    help_sections,
    key_character,
    normalize_key,
    normalize_keys,
    or_keys,
    parse_keymap,
    text_table,
)

PREFIX = {
    "list": "list.",
    "feeds": "feeds.",
    "pane": "pane.",
    "app": "reader.",
    "find": "find.",
    "help": "help.",
    "dialog": "dialog.",
    "problems": "problems.",
    "links": "links.",
}


def test_ids_are_unique_and_name_their_scope() -> None:
    ids = [b.id for b in KEY_TABLE if b.id is not None]
    assert len(ids) == len(set(ids)) == len(BY_ID)
    for binding in KEY_TABLE:
        if binding.id is not None:
            assert binding.id.startswith(PREFIX[binding.scope]), binding.id


def test_every_scope_has_bindings_and_every_row_a_description() -> None:
    for scope in SCOPES:
        assert bindings_in(scope), scope
    for binding in KEY_TABLE:
        assert binding.description and binding.label
        assert binding.keys and binding.action


def test_default_keys_are_textual_names_and_never_clash_within_a_scope() -> None:
    for binding in KEY_TABLE:
        assert normalize_keys(binding.keys) == binding.keys, binding
    for scope in SCOPES:
        keys = [k for b in bindings_in(scope) for k in b.keys.split(",")]
        assert len(keys) == len(set(keys)), scope
    assert parse_keymap({}) == ({}, [])
    assert effective_keys({}) == {b.id: b.keys for b in KEY_TABLE if b.id is not None}


def test_pageup_and_pagedown_are_documented() -> None:
    """They worked but were documented nowhere."""
    shown = [keys for _title, rows in help_sections() for keys, _ in rows]
    assert shown.count("PgDn") == 3 and shown.count("PgUp") == 4  # list, feeds, pane, help
    assert shown.count("PgDn / space") == 1  # the help's


def test_hints_the_bottom_line_shows() -> None:
    shown = {b.id: b.label for b in KEY_TABLE if b.show}
    assert shown["reader.next_unread"] == "Next unread"
    assert shown["list.open"] == "Open"
    assert "reader.page_or_next" not in shown
    priority = {b.id for b in KEY_TABLE if b.priority}
    assert priority == {"reader.search", "reader.clear_search", "reader.submit_search"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("x", "x"),
        ("X", "X"),
        ("?", "question_mark"),
        ("question_mark", "question_mark"),
        ("/", "slash"),
        ("!", "exclamation_mark"),
        (" Ctrl+Z ", "ctrl+z"),
        ("ctrl+shift+home", "ctrl+shift+home"),
        ("esc", "escape"),
        ("Escape", "escape"),
        ("PageDown", "pagedown"),
        ("pgup", "pageup"),
        ("F5", "f5"),
        ("ctrl++", "ctrl+plus"),
        ("é", "é"),
        ("1", "1"),
    ],
)
def test_key_names(text: str, key: str) -> None:
    assert normalize_key(text) == key


@pytest.mark.parametrize(
    "text", ["", " ", "foo", "ctrl+", "hyper", "cmd+x", "ctrl+ctrl+x", "f99", "\x1b", "ctrl+foo"]
)
def test_bad_keys(text: str) -> None:
    with pytest.raises(BadKey):
        normalize_key(text)


def test_key_lists() -> None:
    assert normalize_keys("j, down ,j") == "j,down"
    assert normalize_keys("x,,") == "x,comma"
    assert normalize_keys(",") == "comma"
    with pytest.raises(BadKey):
        normalize_keys("  ")
    with pytest.raises(BadKey):
        normalize_keys("x,nope")


@given(st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Co", "Cn")))
def test_a_typed_character_is_its_own_key(character: str) -> None:
    key = normalize_key(character)
    assert key == character_key(character)
    if character in string.printable:
        assert key_character(key) == character
        assert display_key(key) == character


def test_display() -> None:
    assert display_keys("j,down") == "j / ↓"
    assert display_keys("escape,q,question_mark") == "esc / q / ?"
    assert display_keys("ctrl+z") == "ctrl+z"
    assert display_keys("") == "(no key)"
    assert or_keys("help.close") == "esc, q or ?"
    assert or_keys("reader.quit", {"reader.quit": "x"}) == "x"


def test_keymap_from_config() -> None:
    keymap, problems = parse_keymap(
        {"reader.toggle_star": "x", "list.cursor_down": "j,ctrl+n", "reader.quit": "Q"}
    )
    assert keymap == {"reader.toggle_star": "x", "list.cursor_down": "j,ctrl+n", "reader.quit": "Q"}
    assert problems == []
    keys = effective_keys(keymap)
    assert keys["reader.toggle_star"] == "x"
    assert keys["reader.next_unread"] == "n"


def test_bad_ids_and_keys_are_named_and_keep_their_defaults() -> None:
    keymap, problems = parse_keymap(
        {
            "reader.nope": "x",
            "reader.quit": "ctrl+nope",
            "reader.help": 3,
            "list.first": "",
            "reader.toggle_read": "M",
        }
    )
    assert keymap == {"reader.toggle_read": "M"}
    assert len(problems) == 4
    assert all(line.startswith("[keys] ") and "\n" not in line for line in problems)
    (unknown,) = [p for p in problems if "reader.nope" in p]
    assert "not a binding id" in unknown
    assert any("reader.quit" in p and "ctrl+nope" in p and "keeps q" in p for p in problems)
    assert effective_keys(keymap)["reader.quit"] == "q"


@pytest.mark.parametrize("keys", ["tab", "x,shift+tab", "ctrl+p", "ctrl+q", "ctrl+c"])
def test_textuals_own_keys_are_not_for_remapping(keys: str) -> None:
    keymap, problems = parse_keymap({"reader.toggle_star": keys})
    assert keymap == {}
    (problem,) = problems
    assert "is Textual's (" in problem and problem.endswith("it keeps s")


def test_a_key_a_widget_takes_first_is_said() -> None:
    # j moves in the list, the feed view and the article: starring by j acts nowhere
    # a widget has the focus, which was silent
    _keymap, problems = parse_keymap({"reader.toggle_star": "j"})
    assert problems == [
        f"[keys] j does {other} {where}; reader.toggle_star acts only where no widget takes it"
        for other, where in (
            ("list.cursor_down", "in the article list"),
            ("feeds.cursor_down", "in the feed view"),
            ("pane.scroll_down", "in the article (reading pane)"),
        )
    ]
    # the other way round: the list's remapped key hides the screen's s from it
    _keymap, problems = parse_keymap({"list.cursor_down": "s"})
    assert problems == [
        "[keys] s does list.cursor_down in the article list; "
        "reader.toggle_star acts only where no widget takes it"
    ]
    assert parse_keymap({"reader.toggle_star": "x"})[1] == []


def test_a_key_taken_from_another_binding_is_said_and_lost() -> None:
    keymap, problems = parse_keymap({"reader.toggle_star": "n"})
    assert problems == ["[keys] n now does reader.toggle_star, no longer reader.next_unread"]
    keys = effective_keys(keymap)
    assert keys["reader.next_unread"] == ""
    assert dict((r[0], r[1]) for r in text_table(keymap))["reader.next_unread"] == ""
    # Another scope's binding keeps the key: n in a yes/no question still answers no.
    assert keys["dialog.no"] == "n,escape,q"
    # Swapping two keys is no clash.
    assert parse_keymap({"reader.toggle_star": "n", "reader.next_unread": "s"})[1] == []


@given(
    st.dictionaries(
        st.one_of(st.sampled_from(sorted(BY_ID)), st.text(max_size=12)),
        st.one_of(st.text(max_size=12), st.integers(), st.lists(st.text(max_size=3))),
        max_size=6,
    )
)
def test_any_keys_table_gives_a_keymap_and_one_line_per_problem(table: dict[str, object]) -> None:
    keymap, problems = parse_keymap(table)
    assert set(keymap) <= set(table) & set(BY_ID)
    for binding_id, keys in keymap.items():
        assert normalize_keys(keys) == keys
        assert isinstance(table[binding_id], str)
    assert all("\n" not in line and line.startswith("[keys] ") for line in problems)
    unusable = [k for k in table if k not in keymap]
    assert len(problems) >= len(unusable)
    effective_keys(keymap)  # never fails


def test_text_table_lists_every_row() -> None:
    rows = text_table()
    assert len(rows) == len(KEY_TABLE)
    assert ("reader.help", "?", "this help") in rows
    assert ("-", "tab", "move the focus: feed view (when shown), list, article") in rows
    assert ("reader.feeds", "f", BY_ID["reader.feeds"].description) in rows
    assert ("help.close", "escape,q,?", "close the help") in rows
    remapped = dict((r[0], r[1]) for r in text_table({"reader.help": "f1,question_mark"}))
    assert remapped["reader.help"] == "f1,?"


def test_a_key_whose_unicode_name_has_hyphens_normalizes_to_itself() -> None:
    """Textual writes "LESS-THAN SIGN" as less_than_sign: the lost hyphen must not make
    the name unknown the second time round (hypothesis found "﷽")."""
    for character in ("\ufdfd", "<", "\u2011"):
        name = normalize_key(character)
        assert normalize_key(name) == name
        assert key_character(name) == character


def test_the_ten_digits_show_as_a_range() -> None:
    assert display_keys("1,2,3,4,5,6,7,8,9,0") == "0–9"
    assert display_keys("x,0,1,2,3,4,5,6,7,8,9") == "x / 0–9"
    assert display_keys("1,2") == "1 / 2"


def test_a_character_whose_name_has_a_hyphen_is_a_key() -> None:
    """Textual names 😍 (SMILING FACE WITH HEART-SHAPED EYES) with "_" for the hyphen too:
    the name must read back, or a remap to it fails the second time it is normalized."""
    name = character_key("😍")
    assert name == "smiling_face_with_heart_shaped_eyes"
    assert key_character(name) == "😍"
    keymap, problems = parse_keymap({"dialog.no": "😍"})
    assert problems == [] and normalize_keys(keymap["dialog.no"]) == keymap["dialog.no"]
