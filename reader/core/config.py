"""The optional user configuration file (`config.toml`).

Keys:
    library = "~/news"              # what `reader` opens with no PATH
    [rules."Feed name"]             # per-feed corrections of the cleaner ("*" = all feeds)
    hide = ["^Advertisement$"]      # regexes: matching blocks are always hidden
    keep = ["^Editor's note"]       # regexes: matching blocks are always kept
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.models import Rules

ALL_FEEDS = "*"


class ConfigError(ValueError):
    """The configuration file exists but cannot be used; the message says where."""


@dataclass(frozen=True)
class Config:
    library: Path | None = None
    rules: dict[str, Rules] = field(default_factory=dict)

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
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    return Config(library=_library(data, path), rules=_rules(data, path))


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
