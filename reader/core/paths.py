"""Every file location the reader uses, in one place.

platformdirs honours XDG_* on Linux, which is also how the tests keep away from
the user's real files.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import platformdirs

APP_NAME = "reader"


def default_state_path() -> Path:
    return platformdirs.user_data_path(APP_NAME) / "state.json"


def settings_path() -> Path:
    """What the user chose inside the app (the theme...): the app's own file, beside the
    default state file; config.toml stays the user's."""
    return platformdirs.user_data_path(APP_NAME) / "settings.json"


def config_path() -> Path:
    return platformdirs.user_config_path(APP_NAME) / "config.toml"


def cache_dir() -> Path:
    return platformdirs.user_cache_path(APP_NAME)


def library_key(roots: Sequence[Path]) -> str:
    """A short name for a set of library paths opened together (its caches are its own)."""
    key = "\0".join(sorted(str(p.resolve()) for p in roots))
    return hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def search_index_path(roots: Sequence[Path]) -> Path:
    return cache_dir() / f"search-{library_key(roots)}.sqlite3"


def sample_feeds_path() -> Path:
    """The bundled demo library: inside the wheel, or beside the package in a checkout."""
    package_dir = Path(__file__).resolve().parent.parent
    for candidate in (package_dir / "sample_feeds", package_dir.parent / "sample_feeds"):
        if candidate.is_dir():
            return candidate
    return package_dir / "sample_feeds"


def subscriptions_path() -> Path:
    """The user's subscriptions (`reader feed ...`): human-readable, beside config.toml."""
    return platformdirs.user_config_path(APP_NAME) / "subscriptions.toml"


def fetch_state_path() -> Path:
    """What fetching learned (validators, seen entries, gone feeds): the app's own file."""
    return platformdirs.user_state_path(APP_NAME) / "fetch.json"


def news_path() -> Path:
    """Where `reader fetch` puts articles when neither --library nor config.toml says."""
    return platformdirs.user_data_path(APP_NAME) / "news"
