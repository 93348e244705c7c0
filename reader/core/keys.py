"""The key table: every key the reader understands, in one place.

Each binding has an id (`reader.next_unread`, `list.cursor_down`...), its default keys
(Textual key names, comma-separated), the action it runs, where it works (its scope),
whether the bottom line shows it and with which label, and what it does. The UI builds
its bindings from this table, the `?` screen and `reader keys` print it, the README's
key section is checked against it, and `[keys]` in config.toml remaps bindings by id.

Plain data and string handling only: `reader keys` must not load the UI toolkit.
"""

from __future__ import annotations

import itertools
import string
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Scope = Literal["list", "feeds", "pane", "app", "find", "help", "dialog", "problems", "links"]

# Where each scope's keys work, in the order the help screen and the README list them.
SCOPES: dict[Scope, str] = {
    "list": "In the article list",
    "feeds": "In the feed view",
    "pane": "In the article (reading pane)",
    "app": "Anywhere in the main screen",
    "find": "In the find box (find in the article)",
    "help": "On the help screen",
    "dialog": "In a yes/no question",
    "problems": "In the list of skipped files",
    "links": "In the list of the article's links",
}


@dataclass(frozen=True)
class KeyBinding:
    """One row of the key table.

    `id` is None for keys Textual itself provides (focus switching, the command
    palette): they are documented here but cannot be remapped.
    """

    id: str | None
    keys: str  # Textual key names, comma-separated: "j,down", "question_mark"
    action: str
    scope: Scope
    description: str  # what it does, for the help screen, the README and `reader keys`
    label: str = ""  # the short text of its hint on the bottom line
    show: bool = False  # whether the bottom line shows its hint
    priority: bool = False  # resolved before the focused widget sees the key


def _b(
    id: str | None,
    keys: str,
    action: str,
    scope: Scope,
    description: str,
    label: str = "",
    *,
    show: bool = False,
    priority: bool = False,
) -> KeyBinding:
    return KeyBinding(id, keys, action, scope, description, label or description, show, priority)


KEY_TABLE: tuple[KeyBinding, ...] = (
    # The article list (the sidebar).
    _b("list.cursor_down", "j,down", "cursor_down", "list", "next row", "Next"),
    _b("list.cursor_up", "k,up", "cursor_up", "list", "previous row", "Previous"),
    _b("list.first", "g,home", "first", "list", "first row", "First"),
    _b("list.last", "G,end", "last", "list", "last row", "Last"),
    _b("list.page_down", "pagedown", "page_down", "list", "a page down the list", "Page down"),
    _b("list.page_up", "pageup", "page_up", "list", "a page up the list", "Page up"),
    _b(
        "list.open",
        "enter",
        "select",
        "list",
        "open the article and focus the reading pane",
        "Open",
        show=True,
    ),
    # The feed view (`f` shows it).
    _b("feeds.cursor_down", "j,down", "cursor_down", "feeds", "next feed", "Next"),
    _b("feeds.cursor_up", "k,up", "cursor_up", "feeds", "previous feed", "Previous"),
    _b("feeds.first", "g,home", "first", "feeds", "first entry (All)", "First"),
    _b("feeds.last", "G,end", "last", "feeds", "last feed", "Last"),
    _b("feeds.page_down", "pagedown", "page_down", "feeds", "a page down the feeds", "Page down"),
    _b("feeds.page_up", "pageup", "page_up", "feeds", "a page up the feeds", "Page up"),
    _b(
        "feeds.choose",
        "enter",
        "choose",
        "feeds",
        "list the chosen feed (All: no filter; Unread, Starred: as u, S)",
        "Choose",
        show=True,
    ),
    # The reading pane.
    _b("pane.scroll_down", "j,down", "scroll_down", "pane", "scroll down", "Scroll down"),
    _b("pane.scroll_up", "k,up", "scroll_up", "pane", "scroll up", "Scroll up"),
    _b("pane.page_down", "pagedown", "page_down", "pane", "a page down", "Page down"),
    _b("pane.page_up", "pageup", "page_up", "pane", "a page up", "Page up"),
    _b("pane.top", "g,home", "top", "pane", "top of the article", "Top"),
    _b("pane.bottom", "G,end", "bottom", "pane", "end of the article", "Bottom"),
    _b(
        "pane.back_to_list",
        "h,escape",
        "back_to_list",
        "pane",
        "back to the list (shown again when the article was alone)",
        "List",
        show=True,
    ),
    _b(
        "pane.scroll_left",
        "left",
        "scroll_left",
        "pane",
        "scroll left (code blocks and tables wider than the pane)",
        "Scroll left",
    ),
    _b("pane.scroll_right", "right", "scroll_right", "pane", "scroll right", "Scroll right"),
    # The main screen, whatever has the focus.
    _b(
        "reader.page_or_next",
        "space",
        "page_or_next",
        "app",
        "page down in the article; at its end, open the next unread",
        "Page/next",
    ),
    _b("reader.next_article", "J", "next_article", "app", "next article", "Next article"),
    _b(
        "reader.previous_article",
        "K",
        "previous_article",
        "app",
        "previous article",
        "Previous article",
    ),
    _b(
        "reader.next_unread",
        "n",
        "next_unread",
        "app",
        "next unread article",
        "Next unread",
        show=True,
    ),
    _b(
        "reader.previous_unread",
        "p",
        "previous_unread",
        "app",
        "previous unread article",
        "Prev unread",
    ),
    _b("reader.toggle_star", "s", "toggle_star", "app", "star / unstar", "Star", show=True),
    _b("reader.toggle_read", "m", "toggle_read", "app", "toggle read", "Read", show=True),
    _b(
        "reader.unread_only",
        "u",
        "toggle_unread_only",
        "app",
        "show unread only (toggle)",
        "Unread only",
        show=True,
    ),
    _b(
        "reader.starred_only",
        "S",
        "toggle_starred_only",
        "app",
        "show starred only (toggle)",
        "Starred",
    ),
    _b(
        "reader.feeds",
        "f",
        "toggle_feeds",
        "app",
        "go to the feed view (feeds with unread / total counts); in it, hide it",
        "Feeds",
        show=True,
    ),
    _b(
        "reader.sort",
        "O",
        "cycle_sort",
        "app",
        "sort the list: newest, oldest, feed, title, unread first (cycles; remembered)",
        "Sort",
    ),
    # Focus-moving keys are priority bindings, resolved as the key arrives: keys typed
    # right after them must land where the focus went (the app's check_action gates them).
    _b(
        "reader.search",
        "slash",
        "filter",
        "app",
        "search titles and bodies as you type",
        "Search",
        show=True,
        priority=True,
    ),
    _b(
        "reader.clear_search",
        "escape",
        "clear_filter",
        "app",
        "clear the search and close its box",
        "Clear search",
        show=True,
        priority=True,
    ),
    _b(
        "reader.submit_search",
        "enter",
        "submit_search",
        "app",
        "in the search box: back to the list, keeping the results",
        "Done",
        show=True,
        priority=True,
    ),
    _b(
        "reader.find",
        "ctrl+f",
        "find",
        "app",
        "find in the open article: highlights the words as you type",
        "Find",
    ),
    _b(
        "reader.next_match",
        "right_square_bracket",
        "next_match",
        "app",
        "next match of the search or find in the article",
        "Next match",
    ),
    _b(
        "reader.previous_match",
        "left_square_bracket",
        "previous_match",
        "app",
        "previous match of the search or find in the article",
        "Previous match",
    ),
    _b(
        "reader.boilerplate",
        "b",
        "toggle_boilerplate",
        "app",
        "show / hide the hidden boilerplate, labelled with its reason",
        "Boilerplate",
        show=True,
    ),
    _b(
        "reader.open_link",
        "o",
        "open_url",
        "app",
        "open the article's link in the browser (http/https only; asks first)",
        "Open link",
    ),
    _b(
        "reader.links",
        "L",
        "links",
        "app",
        "list the links in the article, to open one (http/https only; asks first)",
        "Links",
    ),
    _b(
        "reader.mark_all_read",
        "A",
        "mark_all_read",
        "app",
        "mark every listed article read (asks first)",
        "Mark all read",
    ),
    _b("reader.undo", "ctrl+z", "undo", "app", "undo the last mark-all-read", "Undo"),
    _b(
        "reader.problems",
        "exclamation_mark",
        "problems",
        "app",
        "list the files that were skipped, and why",
        "Skipped files",
    ),
    _b(
        "reader.full_screen",
        "z",
        "full_screen",
        "app",
        "read the article alone, full-screen (again: back)",
        "Full",
        show=True,
    ),
    _b(
        "reader.wider_list",
        "greater_than_sign",
        "wider_list",
        "app",
        "widen the list (the mouse can drag its border too)",
        "Wider list",
    ),
    _b("reader.narrower_list", "less_than_sign", "narrower_list", "app", "narrow the list"),
    _b(
        "reader.reset_split",
        "equals_sign",
        "reset_split",
        "app",
        "the list back to its default width",
        "Default width",
    ),
    _b("reader.reload", "r", "reload", "app", "reload the library", "Reload"),
    _b(
        "reader.fetch",
        "R",
        "fetch",
        "app",
        "fetch the subscriptions' new articles (in the background; see reader feed)",
        "Fetch",
    ),
    _b(
        None,
        "tab",
        "app.focus_next",
        "app",
        "move the focus: feed view (when shown), list, article",
    ),
    _b(None, "ctrl+p", "command_palette", "app", "command palette: pick a theme, and more"),
    _b("reader.help", "question_mark", "help", "app", "this help", "Help", show=True),
    _b("reader.quit", "q", "quit", "app", "quit", "Quit", show=True),
    # The find box (an input over the reading pane).
    _b(
        "find.accept",
        "enter",
        "accept",
        "find",
        "back to the article, keeping the matches highlighted",
        "Done",
        show=True,
    ),
    _b(
        "find.close",
        "escape",
        "close",
        "find",
        "close the find box and its highlights",
        "Close",
        show=True,
    ),
    # The modal screens.
    _b(
        "help.close",
        "escape,q,question_mark",
        "dismiss",
        "help",
        "close the help",
        "Close",
        show=True,
    ),
    _b(
        "help.scroll_down",
        "j,down",
        "scroll_help('down')",
        "help",
        "scroll down",
        "Down",
        show=True,
    ),
    _b("help.scroll_up", "k,up", "scroll_help('up')", "help", "scroll up", "Up", show=True),
    _b(
        "help.page_down",
        "pagedown,space",
        "scroll_help('page_down')",
        "help",
        "a page down",
        "Page down",
        show=True,
    ),
    _b(
        "help.page_up",
        "pageup",
        "scroll_help('page_up')",
        "help",
        "a page up",
        "Page up",
        show=True,
    ),
    _b("help.top", "g,home", "scroll_help('home')", "help", "top of the help", "Top"),
    _b("help.bottom", "G,end", "scroll_help('end')", "help", "end of the help", "End"),
    _b("dialog.yes", "y,enter", "answer(True)", "dialog", "answer yes", "Yes", show=True),
    _b("dialog.no", "n,escape,q", "answer(False)", "dialog", "answer no", "No", show=True),
    _b(
        "problems.close",
        "escape,q,exclamation_mark",
        "dismiss",
        "problems",
        "close the list",
        "Close",
        show=True,
    ),
    _b("links.down", "j,down", "cursor_down", "links", "next link", "Next", show=True),
    _b("links.up", "k,up", "cursor_up", "links", "previous link", "Previous", show=True),
    _b(
        "links.open",
        "enter",
        "choose",
        "links",
        "open the chosen link (asks first)",
        "Open",
        show=True,
    ),
    _b(
        "links.number",
        "1,2,3,4,5,6,7,8,9,0",
        "number",
        "links",
        "choose a link by its number (type 1 then 2 for 12)",
        "Number",
    ),
    _b("links.close", "escape,q,L", "dismiss", "links", "close the list", "Close", show=True),
)

BY_ID: dict[str, KeyBinding] = {b.id: b for b in KEY_TABLE if b.id is not None}
# Keys Textual acts on before (or instead of) the reader's bindings: not for remapping.
TEXTUAL_KEYS: dict[str, str] = {
    **{b.keys: b.description for b in KEY_TABLE if b.id is None},
    "shift+tab": "focus the previous widget",
    "ctrl+q": "quit at once",
    "ctrl+c": "copy",
}


def bindings_in(scope: Scope) -> list[KeyBinding]:
    """The remappable bindings of one scope, in table order."""
    return [b for b in KEY_TABLE if b.scope == scope and b.id is not None]


# -- key names ------------------------------------------------------------------
#
# Textual names a printable key by its character when it is a letter or digit, else by
# its Unicode name in lower case with `_` for spaces and dashes, a few of them shortened
# ("solidus" is "slash"). The same rules here let config.toml say "?" or "question_mark".

MODIFIERS = frozenset({"ctrl", "alt", "shift", "meta", "super", "hyper"})
NAMED_KEYS = frozenset(
    {
        "escape",
        "enter",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
        *(f"f{n}" for n in range(1, 25)),
    }
)
# Other spellings people write, as Textual names them.
KEY_ALIASES = {
    "esc": "escape",
    "return": "enter",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "page_up": "pageup",
    "page_down": "pagedown",
    "del": "delete",
    "ins": "insert",
}
_SHORT_NAMES = {
    "solidus": "slash",
    "reverse_solidus": "backslash",
    "commercial_at": "at",
    "hyphen_minus": "minus",
    "plus_sign": "plus",
    "low_line": "underscore",
}
_DISPLAY = {
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "escape": "esc",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
}


def character_key(character: str) -> str:
    """Textual's name for the key that types `character` ("?" -> "question_mark")."""
    if character.isalnum():
        return character
    if character == " ":
        return "space"
    try:
        name = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return character
    return _SHORT_NAMES.get(name, name)


# The names of the printable ASCII punctuation keys, and what they type.
_PUNCTUATION = {character_key(c): c for c in string.punctuation}


def key_character(key: str) -> str | None:
    """The character a key name types ("question_mark" -> "?"), if it is one."""
    if len(key) == 1:
        return key
    if key in _PUNCTUATION:
        return _PUNCTUATION[key]
    character = _lookup(key)
    if character is None:
        return None
    return character if character.isprintable() and not character.isspace() else None


def _lookup(key: str) -> str | None:
    """The character whose Unicode name Textual turned into `key`: its spaces and hyphens
    both became "_" ("heart_shaped" of HEART-SHAPED), so try each "_" as either."""
    parts = key.split("_")
    if len(parts) > 9:  # no character's name has that many words
        return None
    for joints in itertools.product(" -", repeat=len(parts) - 1):
        name = parts[0] + "".join(j + p for j, p in zip(joints, parts[1:], strict=True))
        try:
            return unicodedata.lookup(name)
        except KeyError:
            continue
    return None


class BadKey(ValueError):
    """A key name that no key press can produce."""


def normalize_key(text: str) -> str:
    """One key as Textual names it: "?" -> "question_mark", "Ctrl+Z" -> "ctrl+z",
    "esc" -> "escape". Raises BadKey for anything else."""
    key = text.strip()
    if not key:
        raise BadKey("an empty key")
    if len(key) == 1:
        if not key.isprintable() or key.isspace():
            raise BadKey(f"{text!r} is not a key")
        return character_key(key)
    *modifiers, base = key.split("+")
    if base == "" and modifiers and modifiers[-1] == "":  # "ctrl++": the plus key
        modifiers, base = modifiers[:-1], "+"
    mods = [m.strip().lower() for m in modifiers]
    bad = [m for m in mods if m not in MODIFIERS]
    if bad:
        raise BadKey(f"{text!r}: {bad[0]!r} is not a modifier (ctrl, alt, shift, meta, super)")
    if len(mods) != len(set(mods)):
        raise BadKey(f"{text!r} repeats a modifier")
    base = base.strip()
    if len(base) == 1:
        if not base.isprintable() or base.isspace():
            raise BadKey(f"{text!r} is not a key")
        # With a modifier a terminal reports the letter itself: ctrl+Z arrives as ctrl+z.
        name = character_key(base.lower() if mods else base)
    else:
        name = base.lower()
        name = KEY_ALIASES.get(name, name)
        if name not in NAMED_KEYS and key_character(name) is None:
            raise BadKey(f"{text!r} is not a key name (see `reader keys` for examples)")
    return "+".join([*mods, name])


def normalize_keys(text: str) -> str:
    """A comma-separated list of keys, each normalized, without repeats ("," alone, or
    right after another comma, is the comma key)."""
    parts = _split_keys(text)
    if not parts:
        raise BadKey("no key given")
    return ",".join(dict.fromkeys(normalize_key(part) for part in parts))


def _split_keys(text: str) -> list[str]:
    """Split on commas, where a comma right after another (or alone) is the comma key."""
    parts: list[str] = []
    current = ""
    for character in text:
        if character == "," and current.strip():
            parts.append(current)
            current = ""
        else:
            current += character
    if current.strip():
        parts.append(current)
    return parts


def display_key(key: str) -> str:
    """How the help and README show a key: "question_mark" -> "?", "down" -> "↓"."""
    *modifiers, base = key.split("+") if key not in ("+", "plus") else ["+"]
    shown = _DISPLAY.get(base) or (key_character(base) if len(base) > 1 else None) or base
    if shown == " ":
        shown = "space"
    return "+".join([*modifiers, shown])


def display_keys(keys: str) -> str:
    """A comma-separated key list as the help shows it: "j,down" -> "j / ↓"; the ten
    digits as "0–9"."""
    shown = [display_key(k) for k in keys.split(",") if k]
    digits = [k for k in shown if len(k) == 1 and k in string.digits]
    if len(set(digits)) == 10:
        at = shown.index(digits[0])
        shown = [k for k in shown if k not in digits]
        shown.insert(at, "0–9")
    return " / ".join(shown) or "(no key)"


def config_keys(keys: str) -> str:
    """A key list as config.toml can say it: characters as typed, other keys by name."""
    return ",".join(
        key if "+" in key or key in NAMED_KEYS else (key_character(key) or key)
        for key in keys.split(",")
        if key
    )


# -- remapping ------------------------------------------------------------------


def parse_keymap(table: Mapping[str, object]) -> tuple[dict[str, str], list[str]]:
    """Read config.toml's `[keys]` table: `<id> = "key,key"`.

    Returns the usable remaps (binding id -> normalized keys, as Textual's keymap wants
    them) and one line per problem; a binding with a problem keeps its default keys.
    """
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in table.items():
        binding = BY_ID.get(binding_id)
        if binding is None:
            problems.append(f"[keys] {binding_id!r} is not a binding id (`reader keys` lists them)")
            continue
        if not isinstance(value, str):
            problems.append(
                f'[keys] {binding_id}: give the keys as a string, like "x,ctrl+x"; '
                f"it keeps {display_keys(binding.keys)}"
            )
            continue
        try:
            keys = normalize_keys(value)
        except BadKey as error:
            problems.append(f"[keys] {binding_id}: {error}; it keeps {display_keys(binding.keys)}")
            continue
        taken = [k for k in keys.split(",") if k in TEXTUAL_KEYS]
        if taken:
            problems.append(
                f"[keys] {binding_id}: {display_key(taken[0])} is Textual's "
                f"({TEXTUAL_KEYS[taken[0]]}); it keeps {display_keys(binding.keys)}"
            )
            continue
        keymap[binding_id] = keys
    problems.extend(_clashes(keymap))
    return keymap, problems


def effective_keys(keymap: Mapping[str, str]) -> dict[str, str]:
    """Each binding id's keys once `keymap` applies, as Textual resolves them: a remapped
    binding takes its keys from the bindings of its scope that keep their defaults."""
    result = {b.id: keymap.get(b.id, b.keys) for b in KEY_TABLE if b.id is not None}
    for scope in SCOPES:
        taken = {
            key for binding_id in _remapped(keymap, scope) for key in keymap[binding_id].split(",")
        }
        for binding in bindings_in(scope):
            assert binding.id is not None
            if binding.id not in keymap:
                kept = [k for k in binding.keys.split(",") if k not in taken]
                result[binding.id] = ",".join(kept)
    return result


def _remapped(keymap: Mapping[str, str], scope: Scope) -> list[str]:
    return [b.id for b in bindings_in(scope) if b.id is not None and b.id in keymap]


def _clashes(keymap: Mapping[str, str]) -> Iterable[str]:
    """One line per key that a remap takes from another binding of the same scope, or
    shares with one of a widget's scope that comes first where that widget has the
    focus (`_shadowed`)."""
    yield from _shadowed(keymap)
    for scope in SCOPES:
        owners: dict[str, list[str]] = {}
        for binding in bindings_in(scope):
            assert binding.id is not None
            for key in keymap.get(binding.id, binding.keys).split(","):
                owners.setdefault(key, []).append(binding.id)
        for key, ids in owners.items():
            if len(ids) < 2:
                continue
            remapped = [i for i in ids if i in keymap]
            losers = [i for i in ids if i not in keymap]
            if losers:
                yield (
                    f"[keys] {display_key(key)} now does {remapped[0]}, "
                    f"no longer {', '.join(losers)}"
                )
            else:
                yield (
                    f"[keys] {display_key(key)} is given to {' and '.join(ids)}; only {ids[0]} acts"
                )


# Scopes of the main screen's widgets: where one has the focus, its keys come before
# the screen's ("app") own, unless those are resolved first (`priority`).
WIDGET_SCOPES: tuple[Scope, ...] = ("list", "feeds", "pane")


def _shadowed(keymap: Mapping[str, str]) -> Iterable[str]:
    """One line per key a remap gives both to a main-screen binding and to one of a
    widget's: `reader.toggle_star = "j"` stars nowhere the list or the article has the
    focus, since `j` moves there; `list.cursor_down = "s"` leaves the list without `s`
    for starring. A remap within one scope is `_clashes`'s."""
    for binding in bindings_in("app"):
        assert binding.id is not None
        mine = keymap.get(binding.id, binding.keys).split(",")
        for scope in WIDGET_SCOPES:
            for other in bindings_in(scope):
                assert other.id is not None
                theirs = keymap.get(other.id, other.keys).split(",")
                remapped = set(keymap.get(binding.id, "").split(",")) | set(
                    keymap.get(other.id, "").split(",")
                )
                where = SCOPES[scope][0].lower() + SCOPES[scope][1:]
                for key in (k for k in mine if k and k in theirs and k in remapped):
                    if binding.priority:
                        yield (
                            f"[keys] {display_key(key)} does {binding.id} first; "
                            f"{where} it no longer does {other.id}"
                        )
                    else:
                        yield (
                            f"[keys] {display_key(key)} does {other.id} {where}; "
                            f"{binding.id} acts only where no widget takes it"
                        )


# -- printing ---------------------------------------------------------------------


def _rows(keymap: Mapping[str, str] | None) -> list[tuple[Scope, KeyBinding, str]]:
    """Every row of the table, scope by scope, with its keys once `keymap` applies."""
    keys = effective_keys(keymap or {})
    return [
        (scope, b, keys[b.id] if b.id is not None else b.keys)
        for scope in SCOPES
        for b in KEY_TABLE
        if b.scope == scope
    ]


def text_table(keymap: Mapping[str, str] | None = None) -> list[tuple[str, str, str]]:
    """`reader keys`: (id or "-", keys as config.toml writes them, what it does) per row."""
    return [(b.id or "-", config_keys(keys), b.description) for _s, b, keys in _rows(keymap)]


def help_sections(
    keymap: Mapping[str, str] | None = None,
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The `?` screen: per scope, its title and (keys as shown, what they do) rows."""
    rows = _rows(keymap)
    return [
        (title, [(display_keys(keys), b.description) for s, b, keys in rows if s == scope])
        for scope, title in SCOPES.items()
    ]


def readme_section() -> str:
    """The README's key tables (tests/test_readme.py checks that the README holds them)."""
    lines: list[str] = []
    rows = _rows(None)
    for scope, title in SCOPES.items():
        lines += [f"**{title}**", "", "| key | action | id |", "|---|---|---|"]
        for _scope, binding, keys in (row for row in rows if row[0] == scope):
            cells = " / ".join(f"`{k}`" for k in display_keys(keys).split(" / "))
            shown_id = f"`{binding.id}`" if binding.id else "(Textual's)"
            lines.append(f"| {cells} | {binding.description} | {shown_id} |")
        lines.append("")
    return "\n".join(lines)


def or_keys(binding_id: str, keymap: Mapping[str, str] | None = None) -> str:
    """A binding's keys in a sentence: "esc, q or ?"."""
    shown = display_keys(effective_keys(keymap or {})[binding_id]).split(" / ")
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
