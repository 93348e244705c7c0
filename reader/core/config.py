"""The optional user configuration file (`config.toml`).

Keys:
    library = "~/news"              # what `reader` opens with no PATH
    theme = "nord"                  # the default theme (one picked in the app wins)
    [rules."Feed name"]             # per-feed corrections of the cleaner ("*" = all feeds)
    hide = ["^Advertisement$"]      # regexes: matching blocks are always hidden
    keep = ["^Editor's note"]       # regexes: matching blocks are always kept
    [keys]                          # remap bindings by id (`reader keys` lists them)
    reader.next_unread = "n,right"  # the id quoted or not
    [reading]
    mark_read_at_end = true         # scrolling to an article's end marks it read
    read_after = 1.5                # seconds shown after moving to it: then it is read
    mark_read = "delay"             # "delay" (open it, or dwell read_after) or "open"

A bad theme, binding id or key is a notice (`Config.notices`), not an error: the rest of
the file still applies and that binding keeps its default keys. The app never writes
this file; what the user picks inside the app goes to settings.json (core.settings).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.keys import parse_keymap
from reader.core.models import Rules

ALL_FEEDS = "*"
# An article the user moved to counts as read after this many seconds in the pane.
READ_AFTER = 1.0
MAX_READ_AFTER = 3600.0
# How articles get marked read: opened (enter, space, double-click) or left in the pane
# for `read_after` seconds ("delay"), or only opened ("open").
MARK_READ_MODES = ("delay", "open")
READING_SETTINGS = ("read_after", "mark_read", "mark_read_at_end")  # what [reading] knows


class ConfigError(ValueError):
    """The configuration file exists but cannot be used; the message says where."""


@dataclass(frozen=True)
class Config:
    library: Path | None = None
    rules: dict[str, Rules] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> Textual key names
    theme: str | None = None
    mark_read_at_end: bool = False  # [reading]: reaching an article's end marks it read
    read_after: float = READ_AFTER  # [reading] read_after
    mark_read: str = "delay"  # [reading] mark_read: one of MARK_READ_MODES
    notices: tuple[str, ...] = ()  # one line per ignored setting, said at start

    def rules_for(self, feed: str) -> Rules | None:
        """The feed's own rules plus the rules for all feeds."""
        own, common = self.rules.get(feed), self.rules.get(ALL_FEEDS)
        if own is None or common is None:
            return own or common
        return Rules(hide=own.hide + common.hide, keep=own.keep + common.keep)


def load_config(path: Path) -> Config:
    """Read `path`; a missing file is an empty configuration, a broken one an error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(f"{path}: {error.strerror}") from error
    import tomllib  # here: without a config file, a start does without it

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    keys, notices = _keys(data)
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        notices.append("'theme' must be a string, like \"nord\"")
        theme = None
    mark_read_at_end = _mark_read_at_end(data, notices)
    read_after, mark_read = _reading(data, notices)
    return Config(
        library=_library(data, path),
        rules=_rules(data, path),
        keys=keys,
        theme=theme or None,
        mark_read_at_end=mark_read_at_end,
        read_after=read_after,
        mark_read=mark_read,
        notices=tuple(notices),
    )


def _mark_read_at_end(data: dict[str, object], notices: list[str]) -> bool:
    """`[reading] mark_read_at_end`: true or false (default false); anything else is a
    notice. The table's other keys are read elsewhere."""
    section = data.get("reading", {})
    value = section.get("mark_read_at_end", False) if isinstance(section, dict) else False
    if isinstance(value, bool):
        return value
    notices.append(
        f"[reading] mark_read_at_end must be true or false, not {str(value)[:40]!r}; it stays false"
    )
    return False


def _keys(data: dict[str, object]) -> tuple[dict[str, str], list[str]]:
    section = data.get("keys", {})
    if not isinstance(section, dict):
        return {}, ['[keys] must be a table of binding ids, like [keys] then reader.quit = "x"']
    return parse_keymap(dict(_flatten(section)))


def _reading(data: dict[str, object], notices: list[str]) -> tuple[float, str]:
    """`[reading]`: read_after and mark_read; a bad value is a notice and keeps the default."""
    read_after, mark_read = READ_AFTER, "delay"
    section = data.get("reading", {})
    if not isinstance(section, dict):
        notices.append("[reading] must be a table, like [reading] then read_after = 1.5")
        return read_after, mark_read
    value = section.get("read_after")
    if value is not None:
        if (
            isinstance(value, int | float)
            and not isinstance(value, bool)
            and 0 <= value <= MAX_READ_AFTER
        ):
            read_after = float(value)
        else:
            notices.append(
                f"[reading] read_after must be a number of seconds from 0 to "
                f"{MAX_READ_AFTER:g}, like 1.5 (keeping {READ_AFTER:g})"
            )
    mode = section.get("mark_read")
    if mode is not None:
        if mode in MARK_READ_MODES:
            mark_read = str(mode)
        else:
            notices.append('[reading] mark_read must be "delay" or "open" (keeping "delay")')
    for name in section:
        if name not in READING_SETTINGS:
            known = ", ".join(READING_SETTINGS)
            notices.append(f"[reading] has no setting {name!r} (it has {known})")
    return read_after, mark_read


def _flatten(table: dict[str, object], prefix: str = "") -> Iterator[tuple[str, object]]:
    """TOML reads `reader.quit = "x"` (unquoted) as a table `reader` holding `quit`: both
    spellings name the binding id `reader.quit`."""
    for name, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}", value


def _library(data: dict[str, object], path: Path) -> Path | None:
    value = data.get("library")
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{path}: 'library' must be a string")
    return Path(value).expanduser()


def _rules(data: dict[str, object], path: Path) -> dict[str, Rules]:
    section = data.get("rules", {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [rules] must be a table of feeds")
    rules: dict[str, Rules] = {}
    for feed, table in section.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [rules.{feed}] must be a table")
        rules[feed] = Rules(
            hide=_patterns(table.get("hide", []), f"rules.{feed}.hide", path),
            keep=_patterns(table.get("keep", []), f"rules.{feed}.keep", path),
        )
    return rules


def _patterns(values: object, where: str, path: Path) -> tuple[re.Pattern[str], ...]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{path}: {where} must be a list of strings")
    try:
        return tuple(re.compile(v) for v in values)
    except re.error as error:
        raise ConfigError(f"{path}: {where}: bad pattern {error.pattern!r}: {error}") from error
