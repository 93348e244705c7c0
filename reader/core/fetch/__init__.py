"""Fetching subscriptions into the library (`reader fetch`, and the app's `R`).

    from reader.core.fetch import fetch_all, fetch_library
    subscriptions = load_subscriptions(paths.subscriptions_path())
    library = fetch_library(config.library)
    report = fetch_all(subscriptions, library, state_path=paths.fetch_state_path(),
                       subscriptions_path=paths.subscriptions_path(),
                       on_event=callback, cancel=threading.Event())

`http` is the polite, bounded HTTP client; `store` the fetch state (what fetching
learned); `writer` turns entries into article files; `run` ties them together.
"""

from reader.core.fetch.http import Politeness
from reader.core.fetch.run import (
    CANCELLED,
    FAILED,
    FETCHED,
    GONE,
    UNCHANGED,
    WAS_GONE,
    FeedResult,
    FetchEvent,
    FetchOptions,
    FetchReport,
    fetch_all,
    fetch_library,
)
from reader.core.fetch.store import FetchStateError

__all__ = [
    "CANCELLED",
    "FAILED",
    "FETCHED",
    "GONE",
    "UNCHANGED",
    "WAS_GONE",
    "FeedResult",
    "FetchEvent",
    "FetchOptions",
    "FetchReport",
    "FetchStateError",
    "Politeness",
    "fetch_all",
    "fetch_library",
]
