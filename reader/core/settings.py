"""What the user chose inside the app, kept in a small file the app owns.

`settings.json` sits in the state folder (core.paths.settings_path). config.toml is the
user's and the app never writes it; a choice made in the app (the theme picked in the
command palette) is saved here, restored at start, and wins over config.toml's default
until the user chooses again.

    {"schema": 1, "theme": "nord", "list_width": 48, "sort": "newest",
     "positions": {"<article id>": 0.42}}

Every field is optional; a field of the wrong type is dropped (with a notice) and the
others still apply. `positions` (where reading stopped in an article, as a fraction of
its length) keeps the `MAX_POSITIONS` most recent.

An unreadable or malformed file gives the defaults and one line saying so; it is left as
it is (the next choice replaces it). Keys this version does not know are kept on save, so
a newer reader's settings survive an older one, and a file of a newer schema is never
written: the choice then lasts the session. Only a regular file is read, and only its
first `MAX_BYTES`: a FIFO or a device at the path must not hang or flood the app.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.core.files import read_head
from reader.core.state import atomic_write, is_whole

SCHEMA = 1
MAX_BYTES = 1024 * 1024
MAX_POSITIONS = 1000
_KNOWN = ("schema", "theme", "list_width", "sort", "positions")


class NewerSettings(OSError):
    """The file was written by a newer reader: saving would lose what it knows."""


@dataclass(frozen=True)
class Settings:
    """What the user chose in the app; None (or empty) means "not chosen"."""

    theme: str | None = None
    list_width: int | None = None  # columns of the article list
    sort: str | None = None  # the list's sort order, by name
    positions: dict[str, float] = field(default_factory=dict)  # article id -> 0..1
    extra: dict[str, Any] = field(default_factory=dict)  # keys of other versions, kept
    schema: int = SCHEMA  # of the file as read

    def changed(self, **changes: Any) -> Settings:
        """A copy with `changes` (field=value) applied."""
        return replace(self, **changes)

    def with_position(self, article_id: str, where: float) -> Settings:
        """A copy remembering `where` for `article_id` as the most recent position."""
        positions = {k: v for k, v in self.positions.items() if k != article_id}
        positions[article_id] = min(1.0, max(0.0, where))
        while len(positions) > MAX_POSITIONS:
            del positions[next(iter(positions))]
        return replace(self, positions=positions)


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings in `path` and a one-line notice when they could not all be used.

    A missing file is the defaults, silently; nothing here raises or writes.
    """
    try:
        raw, too_long, _ = read_head(path, MAX_BYTES)
    except FileNotFoundError:
        return Settings(), None
    except OSError as error:
        return Settings(), f"{path}: {error.strerror or error}; using the defaults"
    if too_long:
        return Settings(), f"{path} is too large to be settings; using the defaults"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return Settings(), f"{path} is not readable JSON; using the defaults"
    if not isinstance(data, dict):
        return Settings(), f"{path} does not hold settings; using the defaults"
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        return Settings(), f"{path} has no settings schema; using the defaults"
    extra = {k: v for k, v in data.items() if k not in _KNOWN}
    dropped: list[str] = []

    def valid(name: str, check: Callable[[Any], bool]) -> Any:
        value = data.get(name)
        if value is None or check(value):
            return value
        dropped.append(name)
        return None

    theme = valid("theme", lambda v: isinstance(v, str) and 0 < len(v) <= 100)
    width = valid("list_width", lambda v: is_whole(v, 1) and v <= 1000)
    sort = valid("sort", lambda v: isinstance(v, str) and 0 < len(v) <= 40)
    positions = valid("positions", _valid_positions) or {}
    settings = Settings(theme, width, sort, dict(positions), extra, schema)
    if dropped:
        return settings, f"{path}: ignored {', '.join(dropped)} (not a valid value)"
    return settings, None


def _valid_positions(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and len(value) <= MAX_POSITIONS
        and all(
            isinstance(k, str)
            and isinstance(v, int | float)
            and not isinstance(v, bool)
            and 0.0 <= v <= 1.0
            for k, v in value.items()
        )
    )


def save_settings(path: Path, settings: Settings) -> None:
    """Write `settings` atomically (temp file, fsync, rename). Raises OSError, and
    `NewerSettings` for a file of a newer schema (left as it is)."""
    if settings.schema > SCHEMA:
        raise NewerSettings(
            0, f"it was written by a newer reader (settings schema {settings.schema})"
        )
    data: dict[str, Any] = {**settings.extra, "schema": SCHEMA}
    chosen = {
        "theme": settings.theme,
        "list_width": settings.list_width,
        "sort": settings.sort,
        "positions": settings.positions or None,
    }
    data.update((name, value) for name, value in chosen.items() if value is not None)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))
