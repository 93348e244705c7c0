"""What the user chose inside the app, kept in a small file the app owns.

`settings.json` sits in the state folder (core.paths.settings_path). config.toml is the
user's and the app never writes it; a choice made in the app (the theme picked in the
command palette) is saved here, restored at start, and wins over config.toml's default
until the user chooses again.

    {"schema": 1, "theme": "nord"}

An unreadable or malformed file gives the defaults and one line saying so; it is left as
it is (the next choice replaces it). Keys this version does not know are kept on save, so
a newer reader's settings survive an older one, and a file of a newer schema is never
written: the choice then lasts the session. Only a regular file is read, and only its
first `MAX_BYTES`: a FIFO or a device at the path must not hang or flood the app.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reader.core.formats import read_head
from reader.core.state import atomic_write

SCHEMA = 1
MAX_BYTES = 64 * 1024


class NewerSettings(OSError):
    """The file was written by a newer reader: saving would lose what it knows."""


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # keys of other versions, kept
    schema: int = SCHEMA  # of the file as read

    def with_theme(self, theme: str | None) -> Settings:
        return replace(self, theme=theme)


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
    extra = {k: v for k, v in data.items() if k not in ("schema", "theme")}
    theme = data.get("theme")
    notice = None
    if theme is not None and (not isinstance(theme, str) or not theme):
        theme, notice = None, f"{path}: the saved theme is not a name; using the default"
    return Settings(theme=theme, extra=extra, schema=schema), notice


def save_settings(path: Path, settings: Settings) -> None:
    """Write `settings` atomically (temp file, fsync, rename). Raises OSError, and
    `NewerSettings` for a file of a newer schema (left as it is)."""
    if settings.schema > SCHEMA:
        raise NewerSettings(
            0, f"it was written by a newer reader (settings schema {settings.schema})"
        )
    data: dict[str, Any] = {**settings.extra, "schema": SCHEMA}
    if settings.theme is not None:
        data["theme"] = settings.theme
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (json.dumps(data, indent=2, sort_keys=True) + "\n").encode("utf-8"))
